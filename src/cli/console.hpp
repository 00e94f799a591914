// What the subcommands print: stage progress and timings (stderr), and the check's
// summary (stdout). Shared so every command reports the same way.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "cli/command.hpp"
#include "stationplan/check.hpp"

namespace stationplan::cli {

// Call stage(name) as each stage starts, finish() at the end. With --timings it
// prints each stage's seconds; with --verbose the stage names; on a terminal, a
// progress line.
class StageClock {
public:
    StageClock(const GlobalOptions& global, bool timings);
    std::function<void(const std::string&)> callback();
    // The share done of the current stage: "stationplan: load ... 42%" on a terminal.
    std::function<void(double)> progress_callback();
    // A line for the user on stderr ("stationplan: removed ..."), except with --quiet.
    std::function<void(const std::string&)> notice_callback();
    void finish();

private:
    void mark(const std::string& next);
    using Clock = std::chrono::steady_clock;
    const GlobalOptions& m_global;
    bool m_timings;
    Clock::time_point m_start, m_last;
    std::string m_current;
    bool m_tty = false;
    int m_percent = -1;
};

void print_check(const CheckOutcome& o, bool verbose);

// The options every district command shares: the scenario, --out, --redact and --timings.
struct ScenarioArgs {
    std::string scenario;
    std::string out;
    bool timings = false;
    std::string distance;   // --distance: overrides the scenario's check.distance
    bool redact = false;

    void add_to(CLI::App& sub);
    // Reads the scenario and applies the command-line overrides.
    Scenario load() const;
    // The scenario file, the bundled sample when none was given.
    std::string scenario_path() const;
    // --out, or out/<scenario name>.
    std::filesystem::path out_dir(const Scenario& sc) const;
};

}  // namespace stationplan::cli
