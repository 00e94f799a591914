// `suggest` and `rebalance`: the planners' questions on a scenario's district.
#include "cli/cmd_suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "cli/console.hpp"
#include "stationplan/error.hpp"
#include "stationplan/plan.hpp"

namespace stationplan::cli {
namespace {

void say(const std::string& text) { std::fputs(text.c_str(), stdout); }

// Ids separated by spaces; without --verbose the first ten and how many more.
std::string listed(const std::vector<std::string>& ids, bool all) {
    const std::size_t shown = all ? ids.size() : std::min<std::size_t>(ids.size(), 10);
    std::string out;
    for (std::size_t k = 0; k < shown; ++k) out += (k ? " " : "") + ids[k];
    if (shown < ids.size()) out += fmt::format(" and {} more (-v lists all)", ids.size() - shown);
    return out;
}

class SuggestCommand : public Command {
public:
    explicit SuggestCommand(CLI::App& sub) {
        m_args.add_to(sub);
        sub.add_option("--model", m_model, "lscp (fewest stations for full coverage), mclp (best K stations), "
                                           "capacitated (fewest stations with every load within 3..5)")
            ->default_val("lscp");
        sub.add_option("--add", m_add, "mclp: how many stations to add");
        sub.add_option("--time-limit", m_time_limit, "Seconds for the whole plan: the solve (70 %) and the radius sensitivity of the explanations (default: the scenario's plan.time_limit_s)");
        sub.footer(
            "Examples:\n"
            "  stationplan suggest                                # fewest stations so every deputy is within 1 km\n"
            "  stationplan suggest --model mclp --add 3           # the best three stations to add\n"
            "  stationplan suggest --model capacitated --out /tmp/plan\n"
            "Writes the check's outputs plus suggestions.csv, suggestions.json and a 'suggestions'\n"
            "layer in coverage.gpkg. Each site lists the deputies and grids it newly covers, the\n"
            "runner-up site and by how much it lost, and what changes at 0.9 and 1.1 times the radius.\n"
            "Exit status: 0 the plan keeps the model's promise for every deputy, 1 some deputies\n"
            "stay out of reach after it (named in suggestions.json 'out_of_reach'): lscp and mclp,\n"
            "beyond the radius of every counted station once the suggested stations are added;\n"
            "capacitated, not served within the radius by a community station with room, or a\n"
            "station's load outside its range ('stations_out_of_range'). 2 bad input or usage, or\n"
            "an output folder that cannot be written; 3 internal error.");
    }

    void setup() override {
        if (m_model == "lscp") m_options.model = SuggestModel::Lscp;
        else if (m_model == "mclp") m_options.model = SuggestModel::Mclp;
        else if (m_model == "capacitated") m_options.model = SuggestModel::Capacitated;
        else throw UsageError("--model " + m_model + ": expected lscp, mclp or capacitated");
        if (m_options.model == SuggestModel::Mclp && m_add <= 0) throw UsageError("--model mclp needs --add K (K >= 1)");
        if (m_options.model != SuggestModel::Mclp && m_add != 0) throw UsageError("--add goes with --model mclp");
        if (m_time_limit < 0) throw UsageError("--time-limit must be positive");
        m_options.add = static_cast<std::size_t>(m_add);
        m_options.time_limit_s = m_time_limit;
    }

    int run(const GlobalOptions& global) override {
        const Scenario sc = m_args.load();
        m_options.out_dir = m_args.out_dir(sc);
        m_options.redact = m_args.redact;
        StageClock clock(global, m_args.timings);
        m_options.on_stage = clock.callback();
        m_options.on_progress = clock.progress_callback();
        m_options.on_notice = clock.notice_callback();
        const SuggestOutcome o = suggest(sc, m_options);
        clock.finish();
        if (!global.quiet) {
            print_check(o.check, false);
            say(fmt::format("suggest ({}): {} ({:.2f} s), {} candidate sites\n", to_string(o.model), to_string(o.solve.status), o.solve.seconds,
                            o.candidate_sites));
            say(fmt::format("deputies within {} m of a counted station: {} of {} now, {} with the {} suggested station(s)\n",
                            sc.radius_m, o.covered_before, o.deputies, o.covered_after, o.sites.size()));
            std::size_t rank = 0;
            for (const auto& s : o.sites) {
                say(fmt::format("  {}. {} {} ({}): {} new deputies", ++rank, s.site_id, s.name, s.origin, s.new_deputies.size()));
                if (!s.runner_up_id.empty()) say(fmt::format("; runner-up {} lost by {}", s.runner_up_id, s.lost_by));
                if (s.load) say(fmt::format("; serves {}", s.load));
                say("\n");
            }
            say(fmt::format("full coverage (lscp) at 0.9 x radius: {} new stations needed; at 1.1 x radius: {}\n",
                            o.stations_needed_at_0_9, o.stations_needed_at_1_1));
            if (!o.uncoverable.empty())
                say(fmt::format("{} deputies cannot be brought within {} m by any candidate site\n", o.uncoverable.size(),
                                sc.radius_m));
            if (!o.out_of_reach.empty())
                say(fmt::format("{} deputies stay out of reach{}: {}\n", o.out_of_reach.size(),
                                o.model == SuggestModel::Capacitated ? " (no community station with room within the radius)" : "",
                                listed(o.out_of_reach, global.verbose)));
            for (const auto& line : o.stations_out_of_range) say("  out of range: " + line + "\n");
            for (const auto& n : o.notes)
                if (global.verbose) say("  note: " + n + "\n");
            say(fmt::format("outputs: {}\n", o.check.out_dir.string()));
        }
        return o.meets_rule() ? kExitOk : kExitRulesFail;
    }

private:
    ScenarioArgs m_args;
    std::string m_model;
    int m_add = 0;
    double m_time_limit = 0.0;
    SuggestOptions m_options;
};

class RebalanceCommand : public Command {
public:
    explicit RebalanceCommand(CLI::App& sub) {
        m_args.add_to(sub);
        sub.add_flag("--allow-close", m_options.allow_close, "Community stations may close (their deputies merge elsewhere)");
        sub.add_flag("--allow-move", m_options.allow_move, "Community stations may move to a candidate site nearby");
        sub.add_option("--move-within", m_options.move_within_m, "How far a station may move, in metres (default: half the radius)");
        sub.add_option("--time-limit", m_options.time_limit_s, "Seconds for the solver");
        sub.footer(
            "Examples:\n"
            "  stationplan rebalance                               # regroup deputies: 3..5 per station, within 1 km\n"
            "  stationplan rebalance --allow-close --allow-move    # also merge or move stations\n"
            "Stations' own status field (fixed, closable, movable) is honoured as well. The plan\n"
            "has the fewest violations, then the fewest changes, then the shortest distances.\n"
            "Writes the check's outputs plus assignment.csv, changes.csv and rebalance.json.\n"
            "Exit status: 0 no violation remains, 1 some remain (named), 2 bad input or usage, or\n"
            "an output folder that cannot be written, 3 internal error.");
    }

    void setup() override {
        if (m_options.move_within_m < 0) throw UsageError("--move-within must be positive");
        if (m_options.time_limit_s < 0) throw UsageError("--time-limit must be positive");
    }

    int run(const GlobalOptions& global) override {
        const Scenario sc = m_args.load();
        m_options.out_dir = m_args.out_dir(sc);
        m_options.redact = m_args.redact;
        StageClock clock(global, m_args.timings);
        m_options.on_stage = clock.callback();
        m_options.on_progress = clock.progress_callback();
        m_options.on_notice = clock.notice_callback();
        const RebalanceOutcome o = rebalance(sc, m_options);
        clock.finish();
        if (!global.quiet) {
            print_check(o.check, false);
            std::size_t moved = 0;
            for (const auto& r : o.assignment) moved += r.old_station_id != r.new_station_id ? 1 : 0;
            say(fmt::format("rebalance: {} ({:.2f} s); {} deputies change station, {} station changes; violations {} -> {}\n",
                            to_string(o.solve.status), o.solve.seconds, moved, o.changes.size(), o.violations_before,
                            o.violations_after));
            for (const auto& c : o.changes)
                say(fmt::format("  {} {}{}: {}\n", to_string(c.kind), c.station_id, c.to_site_id.empty() ? "" : " -> " + c.to_site_id,
                                c.reason));
            for (const auto& r : o.remaining) say("  remains: " + r + "\n");
            say(fmt::format("outputs: {}\n", o.check.out_dir.string()));
        }
        return o.violations_after == 0 ? kExitOk : kExitRulesFail;
    }

private:
    ScenarioArgs m_args;
    RebalanceOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_suggest_command(CLI::App& sub) { return std::make_unique<SuggestCommand>(sub); }
std::unique_ptr<Command> make_rebalance_command(CLI::App& sub) { return std::make_unique<RebalanceCommand>(sub); }

}  // namespace stationplan::cli
