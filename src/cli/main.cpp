// stationplan: the command line. Parses options, runs one subcommand, and maps
// errors to exit codes in one place (see cli/command.hpp).
#include <cstdio>
#include <exception>

#include "cli/command.hpp"
#include "stationplan/error.hpp"

int main(int argc, char** argv) {
    using namespace stationplan::cli;
    CLI::App app{"stationplan: coverage and station planning for deputy liaison stations"};
    app.footer(
        "Exit status: 0 every rule holds, 1 some rule fails (outputs written),\n"
        "2 bad input or usage, or an output folder that cannot be written (nothing\n"
        "written), 3 internal error.\n"
        "Run 'stationplan <command> --help' for a command's options and examples.");
    GlobalOptions global;
    app.add_flag("-q,--quiet", global.quiet, "Print nothing but errors");
    app.add_flag("-v,--verbose", global.verbose, "Print every violation and each stage");
    app.require_subcommand(1);
    app.fallthrough();  // global flags may follow the subcommand: "check --verbose"
    auto commands = register_commands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 reports an unknown command word as "a subcommand is required": name it.
        if (e.get_name() == "RequiredError" && !app.remaining().empty()) {
            std::fprintf(stderr, "stationplan: unknown command '%s'; run 'stationplan --help' for the commands\n",
                         app.remaining().front().c_str());
            return kExitBadInput;
        }
        const int code = app.exit(e);
        return code == 0 ? kExitOk : kExitBadInput;
    }
    try {
        for (auto& [sub, command] : commands) {
            if (!sub->parsed()) continue;
            command->setup();
            return command->run(global);
        }
    } catch (const stationplan::InputError& e) {
        std::fprintf(stderr, "stationplan: error: %s\n", e.what());
        return kExitBadInput;
    } catch (const stationplan::OutputError& e) {
        std::fprintf(stderr, "stationplan: error: %s\n", e.what());
        return kExitBadInput;
    } catch (const stationplan::UsageError& e) {
        std::fprintf(stderr, "stationplan: usage error: %s\n", e.what());
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stationplan: internal error: %s\n", e.what());
        return kExitInternal;
    }
    return kExitBadInput;
}
