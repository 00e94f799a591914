// `compare`: a reorganisation before and after, for the committee.
#include "cli/cmd_compare.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/console.hpp"
#include "stationplan/compare.hpp"
#include "stationplan/error.hpp"

namespace stationplan::cli {
namespace {

void say(const std::string& text) { std::fputs(text.c_str(), stdout); }

// A side's short name for the default output folder: the scenario file's or the
// output folder's name.
std::string side_name(const std::string& given) {
    std::filesystem::path p(given);
    if (p.filename().empty()) p = p.parent_path();
    return std::filesystem::is_directory(p) ? p.filename().string() : p.stem().string();
}

std::string figure(double v) {
    if (v == static_cast<double>(static_cast<long long>(v))) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{:.4f}", v);
}

class CompareCommand : public Command {
public:
    explicit CompareCommand(CLI::App& sub) {
        sub.add_option("before", m_before, "The situation before: a scenario file or a check output folder")->required();
        sub.add_option("after", m_after, "The situation after: a scenario file or a check output folder")->required();
        sub.add_option("--out", m_out, "Output folder; default: out/<before>-vs-<after>");
        sub.add_flag("--redact", m_options.redact,
                     "Outputs for publication: no deputy names, addresses or points (counts per grid)");
        sub.add_flag("--timings", m_timings, "Print the time each stage took to stderr");
        sub.add_option("--lang", m_lang, "Language of compare.html: zh (Chinese) or en (English)")->default_val("zh");
        sub.footer(
            "Examples:\n"
            "  stationplan compare analysis/jinshui-baseline.toml analysis/jinshui-reorganise.toml\n"
            "  stationplan compare analysis/jinshui-baseline.toml analysis/jinshui-add-stations.toml --out /tmp/cmp\n"
            "  stationplan compare out/jinshui-baseline out/jinshui-reorganise --redact   # two earlier check outputs\n"
            "Stations are matched by id: added (only after), moved (same id, at least 1 m apart),\n"
            "merged (gone, and all its deputies went to one remaining station), closed (gone otherwise).\n"
            "Writes compare.html (the committee's view: figures, changes and maps before and after;\n"
            "one self-contained file), compare.json, compare_figures.csv, compare_stations.csv, compare_deputies.csv,\n"
            "compare_communities.csv, compare_grids.csv, compare_rules.csv and both sides' check\n"
            "outputs in before/ and after/, whole or not at all.\n"
            "Exit status: 0 compared (whatever the rules say), 2 bad input or usage, or an output\n"
            "folder that cannot be written, 3 internal error.");
    }

    void setup() override {
        if (auto lang = parse_report_lang(m_lang)) m_options.lang = *lang;
        else throw UsageError("--lang " + m_lang + ": expected zh or en");
    }

    int run(const GlobalOptions& global) override {
        m_options.out_dir = m_out.empty() ? std::filesystem::path("out") / (side_name(m_before) + "-vs-" + side_name(m_after))
                                          : std::filesystem::path(m_out);
        StageClock clock(global, m_timings);
        m_options.on_stage = clock.callback();
        m_options.on_progress = clock.progress_callback();
        m_options.on_notice = clock.notice_callback();
        const CompareOutcome c = compare(m_before, m_after, m_options);
        clock.finish();
        if (global.quiet) return kExitOk;
        say(fmt::format("before: {}\nafter:  {}\n", c.before_label, c.after_label));
        if (c.no_difference()) say("no difference\n");
        for (const auto& f : c.figures)
            if (f.change != 0.0 || global.verbose)
                say(fmt::format("  {:<28} {:>10} -> {:<10} ({}{})\n", f.key, figure(f.before), figure(f.after),
                                f.change > 0 ? "+" : "", figure(f.change)));
        const auto& s = c.stations;
        say(fmt::format("stations: {} added, {} closed, {} moved, {} merged\n", s.added.size(), s.closed.size(),
                        s.moved.size(), s.merged.size()));
        if (global.verbose) {
            for (const auto& x : s.added) say(fmt::format("  added  {} {}\n", x.station_id, x.name));
            for (const auto& x : s.closed) say(fmt::format("  closed {} {}\n", x.station_id, x.name));
            for (const auto& x : s.moved) say(fmt::format("  moved  {} {} by {:.0f} m\n", x.station_id, x.name, x.distance_m));
            for (const auto& x : s.merged) {
                std::string from;
                for (const auto& f : x.from) from += (from.empty() ? "" : ", ") + f;
                say(fmt::format("  merged {} into {}\n", from, x.into));
            }
        }
        say(fmt::format("deputies changing station: {}\n", c.deputies_changing_station.size()));
        say(fmt::format("communities: {} gaining, {} losing coverage; grids: {} gaining, {} losing\n",
                        c.communities_gaining.size(), c.communities_losing.size(), c.grids_gaining.size(),
                        c.grids_losing.size()));
        for (const auto& r : c.rules)
            if (r.before_holds != r.after_holds || r.before_count != r.after_count || global.verbose)
                say(fmt::format("  {} {} ({}) -> {} ({})\n", r.id, r.before_holds ? "holds" : "FAILS", r.before_count,
                                r.after_holds ? "holds" : "FAILS", r.after_count));
        say(fmt::format("outputs: {}\n", c.out_dir.string()));
        return kExitOk;
    }

private:
    std::string m_before, m_after, m_out;
    std::string m_lang;
    bool m_timings = false;
    CompareOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_compare_command(CLI::App& sub) { return std::make_unique<CompareCommand>(sub); }

}  // namespace stationplan::cli
