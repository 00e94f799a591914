// Reference runs of the median solvers on the public benchmark instances with
// known values (shared/bench, see its README): OR-Library pmed1-40 (p-median and,
// on the same graphs, p-center), pmedcap1 1-20 and Lorena-Senne SJC (capacitated
// p-median). They take minutes and carry the ctest label "reference"; every full
// run (CI too) includes them, `ctest -LE reference` leaves them out:
//
//   ctest -L reference -R MedianOrLib
//
// Each run prints one line (instance, value, known value, status, bound, gap,
// seconds) and the solver's notes. STATIONPLAN_ORLIB_SECONDS overrides the time
// limit (30 s p-median, 60 s otherwise), STATIONPLAN_CBC_LOG=1 shows CBC's log,
// STATIONPLAN_BENCH_DIR the data folder (default: shared/bench beside the source).
// The loaders here are test-only and deliberately independent of src/plan/orlib.*.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>

#include "plan/evaluate.hpp"
#include "plan/solvers.hpp"
#include "support/test_support.hpp"

namespace stationplan::plan {
namespace {

namespace fs = std::filesystem;

fs::path bench_dir() {
    if (const char* v = std::getenv("STATIONPLAN_BENCH_DIR")) return v;
    return test::source_dir() / ".." / "shared" / "bench";
}

double time_limit_s(double fallback) {
    const char* v = std::getenv("STATIONPLAN_ORLIB_SECONDS");
    return v ? std::atof(v) : fallback;
}

// pmed: `n edges p`, edges in file order with the LAST cost of a repeated pair
// winning, then Floyd-Warshall.
std::pair<DistanceInstance, std::size_t> load_pmed(const fs::path& file) {
    std::ifstream in(file);
    std::size_t n = 0, edges = 0, p = 0;
    in >> n >> edges >> p;
    const double inf = std::numeric_limits<double>::infinity();
    Eigen::MatrixXd d = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n), inf);
    for (Eigen::Index i = 0; i < d.rows(); ++i) d(i, i) = 0.0;
    for (std::size_t e = 0; e < edges; ++e) {
        Eigen::Index a = 0, b = 0;
        double c = 0;
        in >> a >> b >> c;
        d(a - 1, b - 1) = d(b - 1, a - 1) = c;
    }
    for (Eigen::Index k = 0; k < d.rows(); ++k)
        for (Eigen::Index j = 0; j < d.rows(); ++j)
            for (Eigen::Index i = 0; i < d.rows(); ++i) d(i, j) = std::min(d(i, j), d(i, k) + d(k, j));
    DistanceInstance inst;
    inst.distance = d;
    return {inst, p};
}

std::map<std::string, double> known_values(const fs::path& csv, int value_column) {
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    std::map<std::string, double> out;
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string cell, name;
        for (int c = 0; c <= value_column && std::getline(ss, cell, ','); ++c)
            if (c == 1) name = cell;
        out[name] = std::stod(cell);
    }
    return out;
}

struct CapFile {
    CapacitatedInstance inst;
    std::size_t p = 0;
};

CapFile capacitated_from_points(const std::vector<double>& x, const std::vector<double>& y, bool truncate) {
    const auto n = static_cast<Eigen::Index>(x.size());
    CapFile f;
    f.inst.base.distance.resize(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            const double d = std::hypot(x[static_cast<std::size_t>(i)] - x[static_cast<std::size_t>(j)],
                                        y[static_cast<std::size_t>(i)] - y[static_cast<std::size_t>(j)]);
            f.inst.base.distance(i, j) = truncate ? std::floor(d) : d;
        }
    // The published objective is the plain sum of distances: every demand weighs 1.
    f.inst.base.weight = Eigen::VectorXd::Ones(n);
    return f;
}

// pmedcap1: count, then per instance `id value`, `n p Q`, n lines `id x y demand`;
// Euclidean distance truncated to an integer.
CapFile load_pmedcap(const fs::path& file, int number) {
    std::ifstream in(file);
    int count = 0;
    in >> count;
    for (int k = 1; k <= count; ++k) {
        int id = 0;
        double value = 0, q = 0;
        std::size_t n = 0, p = 0;
        in >> id >> value >> n >> p >> q;
        std::vector<double> x(n), y(n), demand(n);
        for (std::size_t i = 0; i < n; ++i) in >> id >> x[i] >> y[i] >> demand[i];
        if (k != number) continue;
        CapFile f = capacitated_from_points(x, y, true);
        f.p = p;
        f.inst.size = demand;
        f.inst.capacity.assign(n, q);
        return f;
    }
    throw std::runtime_error("no instance " + std::to_string(number) + " in " + file.string());
}

// SJC: `n p`, then n lines `x y capacity demand`; real Euclidean distance.
CapFile load_sjc(const fs::path& file) {
    std::ifstream in(file);
    std::size_t n = 0, p = 0;
    in >> n >> p;
    std::vector<double> x(n), y(n), cap(n), demand(n);
    for (std::size_t i = 0; i < n; ++i) in >> x[i] >> y[i] >> cap[i] >> demand[i];
    CapFile f = capacitated_from_points(x, y, false);
    f.p = p;
    f.inst.size = demand;
    f.inst.capacity = cap;
    return f;
}

// The benchmarks' objective (weights all 1). evaluate_capacitated checks the
// capacities; its objective weighs distances by size.
double sum_of_distances(const CapacitatedInstance& inst, const std::vector<std::ptrdiff_t>& assignment) {
    double total = 0.0;
    for (std::size_t i = 0; i < assignment.size(); ++i)
        total += inst.base.distance(static_cast<Eigen::Index>(i), assignment[i]);
    return total;
}

void print(const std::string& name, const Solution& s, double known) {
    std::cout << std::setprecision(10) << "[orlib] " << name << " value=" << s.objective << " known=" << known
              << " status=" << to_string(s.status) << " bound=" << s.bound << " gap=" << s.gap
              << " seconds=" << s.seconds << "\n";
    for (const auto& note : s.notes) std::cout << "[orlib]   " << note << "\n";
    std::cout.flush();
}

class MedianOrLibPMed : public ::testing::TestWithParam<int> {};

TEST_P(MedianOrLibPMed, ReachesTheProvenOptimum) {
    if (!fs::exists(bench_dir())) STATIONPLAN_SKIP(bench_dir() << " is not on this machine (STATIONPLAN_BENCH_DIR)");
    const std::string name = "pmed" + std::to_string(GetParam());
    const auto [inst, p] = load_pmed(bench_dir() / "orlib" / "pmed" / (name + ".txt"));
    const double known = known_values(bench_dir() / "orlib" / "optimal.csv", 4).at(name);
    const Solution s = solve_pmedian(inst, p, {.time_limit_s = time_limit_s(30.0), .log_level = std::getenv("STATIONPLAN_CBC_LOG") ? 1 : 0});
    print(name, s, known);
    const Evaluation e = evaluate_pmedian(inst, s.selected, p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_DOUBLE_EQ(e.objective, s.objective);
    EXPECT_EQ(s.objective, known);
    EXPECT_EQ(s.status, SolveStatus::Optimal);
}

INSTANTIATE_TEST_SUITE_P(All, MedianOrLibPMed, ::testing::Range(1, 41));

// p-center on the same graphs: no reference values in shared/bench, so the run
// checks the proof (status, bound) and prints the radius.
class MedianOrLibPCenter : public ::testing::TestWithParam<int> {};

TEST_P(MedianOrLibPCenter, ProvesItsRadius) {
    if (!fs::exists(bench_dir())) STATIONPLAN_SKIP(bench_dir() << " is not on this machine (STATIONPLAN_BENCH_DIR)");
    const std::string name = "pmed" + std::to_string(GetParam());
    const auto [inst, p] = load_pmed(bench_dir() / "orlib" / "pmed" / (name + ".txt"));
    const Solution s = solve_pcenter(inst, p, {.time_limit_s = time_limit_s(60.0)});
    print(name + "-center", s, std::numeric_limits<double>::quiet_NaN());
    const Evaluation e = evaluate_pcenter(inst, s.selected, p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_EQ(e.objective, s.objective);
    EXPECT_EQ(s.status, SolveStatus::Optimal);
    EXPECT_EQ(s.bound, s.objective);
}

INSTANTIATE_TEST_SUITE_P(All, MedianOrLibPCenter, ::testing::Range(1, 41));

class MedianOrLibCapacitated : public ::testing::TestWithParam<int> {};

TEST_P(MedianOrLibCapacitated, ReachesThePublishedOptimum) {
    if (!fs::exists(bench_dir())) STATIONPLAN_SKIP(bench_dir() << " is not on this machine (STATIONPLAN_BENCH_DIR)");
    const int number = GetParam();
    const std::string name = std::string("pmedcap1-") + (number < 10 ? "0" : "") + std::to_string(number);
    const CapFile f = load_pmedcap(bench_dir() / "capmed" / "pmedcap1.txt", number);
    const double known = known_values(bench_dir() / "capmed" / "optimal.csv", 5).at(name);
    const Solution s = solve_capacitated_pmedian(f.inst, f.p, {.time_limit_s = time_limit_s(60.0), .log_level = std::getenv("STATIONPLAN_CBC_LOG") ? 1 : 0});
    print(name, s, known);
    const Evaluation e = evaluate_capacitated(f.inst, s.selected, s.assignment, f.p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_NEAR(sum_of_distances(f.inst, s.assignment), s.objective, 1e-6);
    EXPECT_EQ(s.objective, known);
}

INSTANTIATE_TEST_SUITE_P(All, MedianOrLibCapacitated, ::testing::Range(1, 21));

class MedianOrLibSjc : public ::testing::TestWithParam<std::string> {};

TEST_P(MedianOrLibSjc, WithinHalfAPercentOfTheBestKnown) {
    if (!fs::exists(bench_dir())) STATIONPLAN_SKIP(bench_dir() << " is not on this machine (STATIONPLAN_BENCH_DIR)");
    const std::string name = GetParam();
    const CapFile f = load_sjc(bench_dir() / "capmed" / "sjc" / (name + ".dat"));
    const double known = known_values(bench_dir() / "capmed" / "optimal.csv", 5).at(name);
    const Solution s = solve_capacitated_pmedian(f.inst, f.p, {.time_limit_s = time_limit_s(60.0), .log_level = std::getenv("STATIONPLAN_CBC_LOG") ? 1 : 0});
    print(name, s, known);
    const Evaluation e = evaluate_capacitated(f.inst, s.selected, s.assignment, f.p);
    ASSERT_TRUE(e.feasible) << e.problem;
    EXPECT_NEAR(sum_of_distances(f.inst, s.assignment), s.objective, 1e-6 * known);
    EXPECT_LE(s.objective, known * 1.005);
    EXPECT_LE(s.bound, known + 0.01);  // the reported bound never exceeds the best known
}

INSTANTIATE_TEST_SUITE_P(All, MedianOrLibSjc,
                         ::testing::Values("SJC1", "SJC2", "SJC3a", "SJC3b", "SJC4a", "SJC4b"));

}  // namespace
}  // namespace stationplan::plan
