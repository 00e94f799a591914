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
        m_args.add_to(sub);
        sub.footer(
            "Examples:\n"
            "  stationplan check                                  # the bundled sample\n"
            "  stationplan check analysis/jinshui-baseline.toml --out /tmp/jinshui\n"
            "  stationplan check --redact --out /tmp/public      # no deputy names, addresses or points\n"
            "Outputs: summary.json, deputies.csv, stations.csv, communities.csv, grids.csv,\n"
            "streets.csv, rejects.csv and coverage.gpkg, written whole or not at all.\n"
            "Exit status: 0 every rule holds, 1 some rule fails, 2 bad input or usage,\n"
            "3 internal or system error.");
    }

    void setup() override {}  // nothing to validate before loading: the scenario is checked as it is read

    int run(const GlobalOptions& global) override {
        const Scenario sc = load_scenario(m_args.scenario_path());
        CheckOptions opt;
        opt.out_dir = m_args.out_dir(sc);
        opt.redact = m_args.redact;
        StageClock clock(global, m_args.timings);
        opt.on_stage = clock.callback();
        opt.on_progress = clock.progress_callback();
        const CheckOutcome o = check(sc, opt);
        clock.finish();
        if (!global.quiet) {
            print_check(o, global.verbose);
            std::fputs(fmt::format("outputs: {}\n", o.out_dir.string()).c_str(), stdout);
        }
        return o.all_hold() ? kExitOk : kExitRulesFail;
    }

private:
    ScenarioArgs m_args;
};

}  // namespace

std::unique_ptr<Command> make_check_command(CLI::App& sub) { return std::make_unique<CheckCommand>(sub); }

}  // namespace stationplan::cli
