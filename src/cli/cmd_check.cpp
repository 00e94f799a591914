#include "cli/cmd_check.hpp"

#include "cli/console.hpp"

#include <cstdio>
#include <fmt/format.h>

#include "stationplan/check.hpp"
#include "stationplan/error.hpp"

namespace stationplan::cli {
namespace {

class CheckCommand : public Command {
public:
    explicit CheckCommand(CLI::App& sub) {
        sub.add_option("scenario", m_scenario, "Scenario file (TOML); default: the bundled Jinshui sample");
        sub.add_option("--out", m_out, "Output folder; default: out/<scenario name>");
        sub.add_flag("--timings", m_timings, "Print the time each stage took to stderr");
        sub.footer(
            "Examples:\n"
            "  stationplan check                                  # the bundled sample\n"
            "  stationplan check analysis/jinshui-baseline.toml --out /tmp/jinshui\n"
            "Outputs: summary.json, deputies.csv, stations.csv, communities.csv, grids.csv,\n"
            "streets.csv, rejects.csv and coverage.gpkg, written whole or not at all.\n"
            "Exit status: 0 every rule holds, 1 some rule fails, 2 bad input or usage,\n"
            "3 internal or system error.");
    }

    void setup() override {
        if (m_scenario.empty()) m_scenario = default_scenario_path().string();
    }

    int run(const GlobalOptions& global) override {
        const Scenario sc = load_scenario(m_scenario);
        CheckOptions opt;
        opt.out_dir = m_out.empty() ? std::filesystem::path("out") / sc.name : std::filesystem::path(m_out);
        StageClock clock(global, m_timings);
        opt.on_stage = clock.callback();
        const CheckOutcome o = check(sc, opt);
        clock.finish();
        if (!global.quiet) {
            print_check(o, global.verbose);
            std::fputs(fmt::format("outputs: {}\n", o.out_dir.string()).c_str(), stdout);
        }
        return o.all_hold() ? kExitOk : kExitRulesFail;
    }

private:
    std::string m_scenario;
    std::string m_out;
    bool m_timings = false;
};

}  // namespace

std::unique_ptr<Command> make_check_command(CLI::App& sub) { return std::make_unique<CheckCommand>(sub); }

}  // namespace stationplan::cli
