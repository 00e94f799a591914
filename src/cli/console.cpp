#include "cli/console.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace stationplan::cli {

StageClock::StageClock(const GlobalOptions& global, bool timings)
    : m_global(global), m_timings(timings), m_start(Clock::now()), m_last(m_start), m_tty(::isatty(STDERR_FILENO) != 0) {}

std::function<void(double)> StageClock::progress_callback() {
    return [this](double share) {
        // Only on a terminal, and not between the lines --verbose prints.
        if (!m_tty || m_global.quiet || m_global.verbose) return;
        const int percent = static_cast<int>(share * 100.0);
        if (percent == m_percent) return;
        m_percent = percent;
        std::fprintf(stderr, "\r\033[Kstationplan: %s ... %d%%", m_current.c_str(), percent);
        std::fflush(stderr);
    };
}

std::function<void(const std::string&)> StageClock::notice_callback() {
    return [this](const std::string& line) {
        if (m_global.quiet) return;
        std::fprintf(stderr, "%sstationplan: %s\n", m_tty && !m_global.verbose ? "\r\033[K" : "", line.c_str());
        std::fflush(stderr);
    };
}

std::function<void(const std::string&)> StageClock::callback() {
    return [this](const std::string& stage) { mark(stage); };
}

void StageClock::mark(const std::string& next) {
    const auto now = Clock::now();
    if (m_timings && !m_current.empty())
        std::fprintf(stderr, "timing %-8s %.3f s\n", m_current.c_str(), std::chrono::duration<double>(now - m_last).count());
    if (m_global.verbose) std::fprintf(stderr, "stationplan: %s ...\n", next.c_str());
    else if (!m_global.quiet && m_tty) std::fprintf(stderr, "\r\033[Kstationplan: %s ...", next.c_str());
    std::fflush(stderr);
    m_current = next;
    m_percent = -1;
    m_last = now;
}

void StageClock::finish() {
    const auto now = Clock::now();
    if (!m_global.verbose && !m_global.quiet && m_tty) std::fprintf(stderr, "\r\033[K");
    if (!m_timings) return;
    if (!m_current.empty())
        std::fprintf(stderr, "timing %-8s %.3f s\n", m_current.c_str(), std::chrono::duration<double>(now - m_last).count());
    std::fprintf(stderr, "timing %-8s %.3f s\n", "total", std::chrono::duration<double>(now - m_start).count());
}

void print_check(const CheckOutcome& o, bool verbose) {
    std::fputs(fmt::format("scenario {} ({}, radius {} m)\n", o.scenario, o.crs, o.radius_m).c_str(), stdout);
    const double share =
        o.deputies_used ? 100.0 * static_cast<double>(o.deputies_covered) / static_cast<double>(o.deputies_used) : 0.0;
    const std::string by_address =
        o.deputies_by_address || o.deputies_review
            ? fmt::format(" ({} placed by address, {} sent to review.csv)", o.deputies_by_address, o.deputies_review)
            : std::string();
    std::fputs(fmt::format("deputies: {} records, {} used{}, {} rejected, {} covered ({:.1f}%)\n", o.deputies_total,
                           o.deputies_used, by_address, o.deputies_rejected, o.deputies_covered, share)
                   .c_str(),
               stdout);
    if (o.distance == DistanceMode::Network)
        std::fputs(fmt::format("walking distance: {} deputies within the radius in a straight line but not on foot, {} with no "
                               "road path to a counted station\n",
                               o.deputies_measures_disagree, o.deputies_unreachable)
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
}

void ScenarioArgs::add_to(CLI::App& sub) {
    sub.add_option("scenario", scenario, "Scenario file (TOML); default: the bundled Jinshui sample");
    sub.add_option("--out", out, "Output folder; default: out/<scenario name>");
    sub.add_flag("--redact", redact,
                 "Outputs for publication: no deputy names, addresses or points (deputies as counts per grid)");
    sub.add_flag("--timings", timings, "Print the time each stage took to stderr");
    sub.add_option("--distance", distance,
                   "euclidean (straight line) or network (on foot along the scenario's roads layer); "
                   "default: the scenario's check.distance")
        ->check(CLI::IsMember({"euclidean", "network"}));
}

Scenario ScenarioArgs::load() const {
    Scenario sc = load_scenario(scenario_path());
    if (distance == "network") sc.distance = DistanceMode::Network;
    if (distance == "euclidean") sc.distance = DistanceMode::Euclidean;
    return sc;
}

std::string ScenarioArgs::scenario_path() const { return scenario.empty() ? default_scenario_path().string() : scenario; }

std::filesystem::path ScenarioArgs::out_dir(const Scenario& sc) const {
    return out.empty() ? std::filesystem::path("out") / sc.name : std::filesystem::path(out);
}

}  // namespace stationplan::cli
