// A subcommand: setup() validates options and opens no file; run() does the work
// with one library call and returns the exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace stationplan::cli {

// Exit codes, documented in `stationplan --help` and README.md.
constexpr int kExitOk = 0;          // every rule holds
constexpr int kExitRulesFail = 1;   // some rule fails; outputs written
constexpr int kExitBadInput = 2;    // bad input or usage, or an output folder that cannot be
                                    // written (read-only, disk full ...); nothing written
constexpr int kExitInternal = 3;    // a bug, or a system failure that is not about the output

struct GlobalOptions {
    bool quiet = false;
    bool verbose = false;
};

class Command {
public:
    virtual ~Command() = default;
    virtual void setup() = 0;
    virtual int run(const GlobalOptions& global) = 0;
};

// One line per subcommand in commands.cpp.
std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> register_commands(CLI::App& app);

}  // namespace stationplan::cli
