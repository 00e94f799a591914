#include "cli/cmd_check.hpp"

#include <chrono>
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
        using Clock = std::chrono::steady_clock;
        const auto start = Clock::now();
        auto last = start;
        std::string current;
        opt.on_stage = [&](const std::string& stage) {
            const auto now = Clock::now();
            if (m_timings && !current.empty())
                std::fprintf(stderr, "timing %-8s %.3f s\n", current.c_str(), std::chrono::duration<double>(now - last).count());
            if (global.verbose) std::fprintf(stderr, "stationplan: %s ...\n", stage.c_str());
            current = stage;
            last = now;
        };
        const CheckOutcome o = check(sc, opt);
        const auto end = Clock::now();
        if (m_timings) {
            std::fprintf(stderr, "timing %-8s %.3f s\n", current.c_str(), std::chrono::duration<double>(end - last).count());
            std::fprintf(stderr, "timing %-8s %.3f s\n", "total", std::chrono::duration<double>(end - start).count());
        }
        if (!global.quiet) print(o, global.verbose);
        return o.all_hold() ? kExitOk : kExitRulesFail;
    }

private:
    static void print(const CheckOutcome& o, bool verbose) {
        std::fputs(fmt::format("scenario {} ({}, radius {} m)\n", o.scenario, o.crs, o.radius_m).c_str(), stdout);
        std::fputs(fmt::format("deputies: {} records, {} used, {} rejected, {} covered ({:.1f}%)\n", o.deputies_total,
                               o.deputies_used, o.deputies_rejected, o.deputies_covered,
                               o.deputies_used ? 100.0 * static_cast<double>(o.deputies_covered) / static_cast<double>(o.deputies_used) : 0.0)
                       .c_str(),
                   stdout);
        for (const auto& r : o.rules) {
            std::fputs(fmt::format("{} {:5} {}{}\n", to_string(r.id), r.holds ? "holds" : "FAILS", r.title,
                                   r.holds ? "" : fmt::format(" ({} violations)", r.violation_count))
                           .c_str(),
                       stdout);
            if (verbose)
                for (const auto& v : r.violations) std::fputs(("      " + v + "\n").c_str(), stdout);
        }
        for (const auto& w : o.warnings) std::fputs(("warning: " + w + "\n").c_str(), stderr);
        if (!o.out_dir.empty()) std::fputs(fmt::format("outputs: {}\n", o.out_dir.string()).c_str(), stdout);
    }

    std::string m_scenario;
    std::string m_out;
    bool m_timings = false;
};

}  // namespace

std::unique_ptr<Command> make_check_command(CLI::App& sub) { return std::make_unique<CheckCommand>(sub); }

}  // namespace stationplan::cli
