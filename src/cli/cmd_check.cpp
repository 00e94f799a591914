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
        sub.add_option("--out-db", m_out_db,
                       "Also publish the outputs to PostGIS, e.g. \"PG:host=127.0.0.1 port=5432 dbname=gis\" "
                       "(whole or not at all: written to a staging schema renamed at the end)");
        sub.add_option("--db-schema", m_db_schema,
                       "Schema for --out-db (default: the scenario name, lower case, other characters as _); "
                       "replaced only when it holds an earlier output");
        sub.footer(
            "Examples:\n"
            "  stationplan check                                  # the bundled sample\n"
            "  stationplan check analysis/jinshui-baseline.toml --out /tmp/jinshui\n"
            "  stationplan check --out-db \"PG:host=127.0.0.1 dbname=gis\" --db-schema jinshui\n"
            "  stationplan check --redact --out /tmp/public      # no deputy names, addresses or points\n"
            "Outputs: summary.json, deputies.csv, stations.csv, communities.csv, grids.csv,\n"
            "streets.csv, rejects.csv, coverage.gpkg (and review.csv with a gazetteer),\n"
            "written whole or not at all; with --out-db also as tables of a PostGIS schema.\n"
            "Exit status: 0 every rule holds, 1 some rule fails, 2 bad input or usage, or an\n"
            "output folder that cannot be written, 3 internal error.");
    }

    void setup() override {}  // nothing to validate before loading: the scenario is checked as it is read

    int run(const GlobalOptions& global) override {
        const Scenario sc = m_args.load();
        CheckOptions opt;
        opt.out_dir = m_args.out_dir(sc);
        opt.out_db = m_out_db;
        opt.out_db_schema = m_db_schema;
        opt.redact = m_args.redact;
        StageClock clock(global, m_args.timings);
        opt.on_stage = clock.callback();
        opt.on_progress = clock.progress_callback();
        opt.on_notice = clock.notice_callback();
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
    std::string m_out_db;
    std::string m_db_schema;
};

}  // namespace

std::unique_ptr<Command> make_check_command(CLI::App& sub) { return std::make_unique<CheckCommand>(sub); }

}  // namespace stationplan::cli
