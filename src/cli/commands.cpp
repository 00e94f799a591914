#include "cli/cmd_check.hpp"
#include "cli/command.hpp"

namespace stationplan::cli {

std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> register_commands(CLI::App& app) {
    std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> out;
    auto add = [&](const char* name, const char* help, auto make) {
        CLI::App* sub = app.add_subcommand(name, help);
        out.emplace_back(sub, make(*sub));
    };
    add("check", "Check the one-kilometre rule and rules R1-R7; write coverage outputs", make_check_command);
    return out;
}

}  // namespace stationplan::cli
