// `report`: check, suggest and rebalance, then report.html, report.pdf and PNG maps.
#include "cli/cmd_report.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "cli/console.hpp"
#include "stationplan/error.hpp"
#include "stationplan/report.hpp"

namespace stationplan::cli {
namespace {

class ReportCommand : public Command {
public:
    explicit ReportCommand(CLI::App& sub) {
        m_args.add_to(sub);
        sub.add_option("--lang", m_lang, "Language of the report: zh (Chinese) or en (English)")->default_val("zh");
        sub.add_flag("--no-pdf", m_no_pdf, "Write no report.pdf (Chromium is not needed then)");
        sub.add_flag("--no-rebalance", m_no_rebalance, "Leave out the regrouping of deputies (reassignments table)");
        sub.add_option("--time-limit", m_options.time_limit_s, "Seconds per solve (default: the scenario's plan.time_limit_s)");
        sub.add_option("--chromium", m_chromium, "Chromium for the PDF (default: $STATIONPLAN_CHROMIUM or /usr/bin/chromium)");
        sub.footer(
            "Examples:\n"
            "  stationplan report                                  # the bundled sample, in Chinese\n"
            "  stationplan report --lang en --out /tmp/jinshui     # in English\n"
            "  stationplan report --redact --out /tmp/public       # for publication: no names or addresses\n"
            "Runs check, suggest (LSCP, the scenario's [plan] settings) and rebalance, writes their\n"
            "outputs plus report.html (one self-contained file: opens offline, makes no network\n"
            "request), report.pdf (printed by headless Chromium) and maps/overview.png with one\n"
            "maps/street-<id>.png per street. Written whole or not at all.\n"
            "Exit status: 0 every rule holds, 1 some rule fails (report written), 2 bad input or\n"
            "usage, or an output folder that cannot be written, 3 internal or system error (for\n"
            "example Chromium failing).");
    }

    void setup() override {
        if (auto lang = parse_report_lang(m_lang)) m_options.lang = *lang;
        else throw UsageError("--lang " + m_lang + ": expected zh or en");
        if (m_options.time_limit_s < 0) throw UsageError("--time-limit must be positive");
        m_options.pdf = !m_no_pdf;
        m_options.rebalance = !m_no_rebalance;
        m_options.chromium = m_chromium;
    }

    int run(const GlobalOptions& global) override {
        const Scenario sc = m_args.load();
        m_options.out_dir = m_args.out_dir(sc);
        m_options.redact = m_args.redact;  // every output of the folder, the report's included
        StageClock clock(global, m_args.timings);
        m_options.on_stage = clock.callback();
        m_options.on_progress = clock.progress_callback();
        m_options.on_notice = clock.notice_callback();
        const ReportOutcome o = write_report(sc, m_options);
        clock.finish();
        if (!global.quiet) {
            print_check(o.check, global.verbose);
            std::fputs(fmt::format("suggest (lscp): {} new station(s) bring {} of {} deputies within {} m\n",
                                   o.suggest.sites.size(), o.suggest.covered_after, o.suggest.deputies, sc.radius_m)
                           .c_str(),
                       stdout);
            std::fputs(fmt::format("report: {}\n", o.html.string()).c_str(), stdout);
            if (!o.pdf.empty()) std::fputs(fmt::format("pdf: {}\n", o.pdf.string()).c_str(), stdout);
            std::fputs(fmt::format("maps: {} PNG files in {}\n", o.maps.size(), (o.check.out_dir / "maps").string()).c_str(),
                       stdout);
        }
        return o.check.all_hold() ? kExitOk : kExitRulesFail;
    }

private:
    ScenarioArgs m_args;
    std::string m_lang;
    bool m_no_pdf = false;
    bool m_no_rebalance = false;
    std::string m_chromium;
    ReportOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_report_command(CLI::App& sub) { return std::make_unique<ReportCommand>(sub); }

}  // namespace stationplan::cli
