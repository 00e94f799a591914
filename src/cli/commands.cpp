#include "cli/cmd_check.hpp"
#include "cli/cmd_compare.hpp"
#include "cli/cmd_optimize.hpp"
#include "cli/cmd_report.hpp"
#include "cli/cmd_suggest.hpp"
#include "cli/command.hpp"

namespace stationplan::cli {

std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> register_commands(CLI::App& app) {
    std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> out;
    auto add = [&](const char* name, const char* help, auto make) {
        CLI::App* sub = app.add_subcommand(name, help);
        out.emplace_back(sub, make(*sub));
    };
    add("check", "Check the one-kilometre rule and rules R1-R7; write coverage outputs", make_check_command);
    add("suggest", "Suggest where to add stations (LSCP, MCLP or capacitated), with reasons", make_suggest_command);
    add("rebalance", "Regroup deputies so every community station serves 3-5 within the radius", make_rebalance_command);
    add("compare", "Compare two checks (scenarios or output folders): a reorganisation before and after",
        make_compare_command);
    add("optimize", "Solve one planning model on one instance (CSV or OR-Library); print JSON", make_optimize_command);
    add("report", "Write report.html, report.pdf and PNG maps: figures, rules, map and tables (zh/en)",
        make_report_command);
    return out;
}

}  // namespace stationplan::cli
