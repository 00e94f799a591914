// stationplan_bench_address_set: the address matcher on the seeded adversarial address
// set (tests/support/address_set.hpp), scored against its truth. Not a timed test: the
// figures (and /usr/bin/time -v around it) go to bench/RESULTS.md.
//
//   stationplan_bench_address_set                                     # 3,000 points, 300 addresses
//   stationplan_bench_address_set --points 30000 --addresses 30000 --habits
//   stationplan_bench_address_set --seed 5 --out /tmp/set             # also writes the CSV files
//
// Correct = placed at the deputy's own gazetteer entry; precision = correct / placed,
// recall = correct / addresses whose target is in the gazetteer. Every wrong placement
// is listed with the distance from the deputy's own point (when it has one).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <cmath>
#include <filesystem>
#include <map>

#include "model/address_match.hpp"
#include "support/address_set.hpp"

using namespace stationplan;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
// Processor time of this process (the machine is shared: wall time depends on the load).
double cpu_since(std::clock_t c0) { return static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC; }

double metres(const test::AddressPoint& a, const test::AddressPoint& b) {
    const double kx = 111320.0 * std::cos(a.lat * 3.14159265358979 / 180.0), ky = 110574.0;
    return std::hypot((a.lon - b.lon) * kx, (a.lat - b.lat) * ky);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The address matcher on the seeded adversarial address set"};
    test::AddressSetOptions o;
    std::string out;
    bool habits = false;
    std::size_t list = 20;
    app.add_option("--seed", o.seed, "seed of the set")->capture_default_str();
    app.add_option("--points", o.points, "gazetteer entries (about)")->capture_default_str();
    app.add_option("--addresses", o.addresses, "written addresses")->capture_default_str();
    app.add_option("--out", out, "also write gazetteer.csv, deputies.csv and truth.csv here");
    app.add_flag("--habits", habits, "print the figures habit by habit");
    app.add_option("--list", list, "wrong placements listed at most")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    auto t0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    const test::AddressSet set = test::make_address_set(o);
    const double t_make = seconds_since(t0), c_make = cpu_since(c0);
    if (!out.empty()) {
        std::filesystem::create_directories(out);
        test::write_address_set(set, out);
    }
    std::vector<model::GazetteerEntry> entries;
    std::map<std::string, std::size_t> point_of;
    for (std::size_t i = 0; i < set.gazetteer.size(); ++i) {
        const auto& p = set.gazetteer[i];
        entries.push_back({p.id, p.address, {p.lon, p.lat}, p.id});
        point_of[p.id] = i;
    }
    t0 = std::chrono::steady_clock::now();
    c0 = std::clock();
    const model::AddressMatcher matcher(std::move(entries));
    const double t_build = seconds_since(t0), c_build = cpu_since(c0);
    t0 = std::chrono::steady_clock::now();
    c0 = std::clock();
    std::vector<std::string> placed;
    std::vector<double> confidence;
    for (const auto& a : set.addresses) {
        const model::Match m = matcher.match(a.written);
        placed.push_back(m.accepted() ? matcher.entries()[m.entry].id : std::string());
        confidence.push_back(m.confidence);
    }
    const double t_match = seconds_since(t0), c_match = cpu_since(c0);
    const test::AddressScore s = test::score_address_set(set, placed);

    fmt::print("address set: seed {}, {} gazetteer entries, {} addresses ({} in the gazetteer), {} habits\n", o.seed,
               set.gazetteer.size(), set.addresses.size(), s.all.in_gazetteer, test::address_habits().size());
    fmt::print("wall: set {:.2f} s, matcher built {:.2f} s, {} addresses matched {:.2f} s ({:.1f} us each)\n", t_make, t_build,
               set.addresses.size(), t_match, 1e6 * t_match / static_cast<double>(set.addresses.size()));
    fmt::print("cpu:  set {:.2f} s, matcher built {:.2f} s, {} addresses matched {:.2f} s ({:.1f} us each)\n", c_make, c_build,
               set.addresses.size(), c_match, 1e6 * c_match / static_cast<double>(set.addresses.size()));
    fmt::print("placed {}, correct {}, wrong {}, to review {}\n", s.all.placed, s.all.correct, s.wrong.size(), s.all.reviewed);
    fmt::print("precision {:.4f}  recall {:.4f}\n", s.precision(), s.recall());
    if (habits) {
        fmt::print("\n| habit | in gazetteer | addresses | placed | correct | wrong | to review |\n|---|---|---|---|---|---|---|\n");
        for (const auto& h : test::address_habits()) {
            const auto it = s.by_habit.find(h.id);
            if (it == s.by_habit.end()) continue;
            const auto& c = it->second;
            fmt::print("| {} | {} | {} | {} | {} | {} | {} |\n", h.id, h.in_gazetteer ? "yes" : "no", c.addresses, c.placed,
                       c.correct, c.placed - c.correct, c.reviewed);
        }
    }
    for (std::size_t n = 0; n < std::min(list, s.wrong.size()); ++n) {
        const std::size_t k = s.wrong[n];
        const auto& a = set.addresses[k];
        const auto& at = set.gazetteer[point_of.at(placed[k])];
        fmt::print("wrong ({}): {} -> {} {} at {:.3f}", a.habit, a.written, at.id, at.address, confidence[k]);
        if (!a.target.empty()) fmt::print(", {:.0f} m from {}", metres(at, set.gazetteer[point_of.at(a.target)]), a.target);
        fmt::print("\n");
    }
    return 0;
}
