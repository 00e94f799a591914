// The instance readers: OR-Library p-median, set covering and capacitated p-median,
// Lorena-Senne SJC, and the CSV inputs of `optimize`. Hand-written fixtures in
// tests/data/plan (values worked out by hand, see the comments), damaged copies in a
// scratch folder, and pmed1 (a copy in tests/data/bench) checked against a slow, obvious
// Floyd-Warshall written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "plan/csv_instance.hpp"
#include "plan/orlib.hpp"
#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan::plan {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;
using test::test_data;
using test::write_text;

// Copies of the public instances the tests need (tests/data/bench/README.md).
const fs::path kSharedBench = test_data() / "bench";

fs::path fixture(const std::string& name) { return test_data() / "plan" / name; }

// Runs `read` and returns the InputError's message ("" when nothing was thrown).
template <class Read>
std::string input_error(Read read) {
    try {
        read();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

void expect_contains(const std::string& text, const std::vector<std::string>& parts) {
    for (const auto& p : parts) EXPECT_NE(text.find(p), std::string::npos) << "missing '" << p << "' in: " << text;
}

// --- p-median -------------------------------------------------------------------

// tiny_pmed.txt: 6 vertices, p = 2. Edge 1-2 appears twice, cost 3 then 10 (as
// "2 1 10"): the last one wins, so d(1,2) = 10, not 3. Shortest paths by hand.
TEST(OrlibPmed, TinyFileLastRepeatedEdgeWinsThenShortestPaths) {
    const PMedianFile f = read_orlib_pmed(fixture("tiny_pmed.txt"));
    EXPECT_EQ(f.p, 2u);
    ASSERT_EQ(f.instance.demand_count(), 6u);
    ASSERT_EQ(f.instance.site_count(), 6u);
    EXPECT_EQ(f.instance.weight.size(), 0);
    const double expected[6][6] = {{0, 10, 30, 36, 31, 2},  {10, 0, 20, 26, 21, 12}, {30, 20, 0, 6, 1, 32},
                                   {36, 26, 6, 0, 7, 38},   {31, 21, 1, 7, 0, 33},   {2, 12, 32, 38, 33, 0}};
    for (Eigen::Index i = 0; i < 6; ++i)
        for (Eigen::Index j = 0; j < 6; ++j) EXPECT_EQ(f.instance.distance(i, j), expected[i][j]) << i << "," << j;
}

// The slow, obvious reference: apply edges in order, then the textbook triple loop.
Eigen::MatrixXd reference_pmed_matrix(const fs::path& file, std::size_t& p) {
    std::istringstream in(test::read_text(file));
    std::size_t n = 0, edges = 0;
    in >> n >> edges >> p;
    Eigen::MatrixXd d = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n),
                                                  std::numeric_limits<double>::infinity());
    d.diagonal().setZero();
    for (std::size_t e = 0; e < edges; ++e) {
        Eigen::Index i = 0, j = 0;
        double c = 0;
        in >> i >> j >> c;
        d(i - 1, j - 1) = c;
        d(j - 1, i - 1) = c;
    }
    const auto nn = static_cast<Eigen::Index>(n);
    for (Eigen::Index k = 0; k < nn; ++k)
        for (Eigen::Index i = 0; i < nn; ++i)
            for (Eigen::Index j = 0; j < nn; ++j) d(i, j) = std::min(d(i, j), d(i, k) + d(k, j));
    return d;
}

TEST(OrlibPmed, Pmed1MatchesTheReferenceAndKeepsTheLastOfRepeatedEdges) {
    const fs::path file = kSharedBench / "orlib/pmed/pmed1.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const PMedianFile f = read_orlib_pmed(file);
    EXPECT_EQ(f.p, 5u);
    const Eigen::MatrixXd& d = f.instance.distance;
    ASSERT_EQ(d.rows(), 100);
    ASSERT_EQ(d.cols(), 100);
    EXPECT_TRUE(d.allFinite());
    EXPECT_EQ(d.diagonal().cwiseAbs().maxCoeff(), 0.0);
    EXPECT_EQ((d - d.transpose()).cwiseAbs().maxCoeff(), 0.0);
    EXPECT_GT(d.minCoeff(), -1.0);
    // pmed1 repeats the pairs 19-20 (22, then 30) and 30-70 (5, then 74); with the
    // minimum instead of the last cost these would be 22 and 5 (and the optimum 5718).
    EXPECT_EQ(d(18, 19), 30.0);
    EXPECT_EQ(d(29, 69), 74.0);
    EXPECT_EQ(d.row(0).sum(), 13078.0);
    std::size_t p = 0;
    const Eigen::MatrixXd ref = reference_pmed_matrix(file, p);
    EXPECT_EQ((d - ref).cwiseAbs().maxCoeff(), 0.0);
}

// n = 900, the largest instance (its reading time: bench/solver_limits_bench.cpp).
TEST(OrlibPmed, Pmed40Reads) {
    const fs::path file = kSharedBench / "orlib/pmed/pmed40.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const PMedianFile f = read_orlib_pmed(file);
    EXPECT_EQ(f.instance.site_count(), 900u);
    EXPECT_EQ(f.p, 90u);
    EXPECT_TRUE(f.instance.distance.allFinite());
}

TEST(OrlibPmed, MalformedFilesNameFileAndLine) {
    ScratchDir dir("orlib-pmed");
    const fs::path f = dir.path() / "bad.txt";
    auto err = [&](const std::string& text) {
        write_text(f, text);
        return input_error([&] { read_orlib_pmed(f); });
    };
    expect_contains(err("3 2 1\n1 2 5\n"), {"bad.txt", "line 2", "ends early", "edge 2 of 2"});
    expect_contains(err("3 2 1\n1 2 5\n2 x 4\n"), {"bad.txt", "line 3", "'x'", "second vertex of edge 2"});
    expect_contains(err("3 2 1\n1 2 5\n2 4 4\n"), {"line 3", "out of range 1..3"});
    expect_contains(err("3 2 1\n1 2 5\n0 2 4\n"), {"line 3", "out of range 1..3"});
    expect_contains(err("3 2 1\n1 2 5\n2 3 -4\n"), {"line 3", "cost of edge 2", ">= 0"});
    expect_contains(err("3 2 1\n1 2 5\n2 2 4\n"), {"line 3", "to itself"});
    expect_contains(err("3 2 4\n1 2 5\n2 3 4\n"), {"line 1", "p (the number of medians) 4", "out of range 1..3"});
    expect_contains(err("3 2 1\n1 2 5\n2 3 4\n7\n"), {"line 4", "unexpected data", "'7'"});
    expect_contains(err("3 1 1\n1 2 5\n"), {"bad.txt", "not connected", "vertex 3"});
    expect_contains(err(""), {"line 1", "ends early", "number of vertices"});
    expect_contains(input_error([&] { read_orlib_pmed(dir.path() / "missing.txt"); }), {"missing.txt", "cannot open"});
}

// Found by fuzz/orlib_pmed_fuzz.cpp (fuzz/regressions/orlib_pmed): a ten-byte header
// made the reader allocate the n x n matrix (3.2 GB for 20000 vertices) before the
// file turned out to hold no edges. The graph is now checked for connectivity first.
TEST(OrlibPmed, AHeaderAloneAllocatesNothingLarge) {
    ScratchDir dir("orlib-pmed-header");
    const fs::path f = dir.path() / "big.txt";
    auto err = [&](const std::string& text) {
        write_text(f, text);
        return input_error([&] { read_orlib_pmed(f); });
    };
    const auto start = std::chrono::steady_clock::now();
    expect_contains(err("20000 0 1\n"), {"big.txt", "not connected", "vertex 1 to vertex 2"});
    expect_contains(err("15000 14999 1\n1 2 1\n"), {"line 2", "ends early", "edge 2 of 14999"});
    expect_contains(err("20001 0 1\n"), {"line 1", "out of range 1..20000"});
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
}

// --- set covering ---------------------------------------------------------------

// tiny_scp.txt: 4 rows x 5 columns, costs 1 5 1 6 1; rows {1,2} {2,3} {3,4} {4,5}
// (1-based), numbers wrapped across lines.
TEST(OrlibScp, TinyFile) {
    const CoverInstance inst = read_orlib_scp(fixture("tiny_scp.txt"));
    EXPECT_EQ(inst.site_count, 5u);
    EXPECT_EQ(inst.cost, (std::vector<double>{1, 5, 1, 6, 1}));
    ASSERT_EQ(inst.demand_count(), 4u);
    EXPECT_EQ(inst.covers[0], (std::vector<std::uint32_t>{0, 1}));
    EXPECT_EQ(inst.covers[1], (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(inst.covers[2], (std::vector<std::uint32_t>{2, 3}));
    EXPECT_EQ(inst.covers[3], (std::vector<std::uint32_t>{3, 4}));
    EXPECT_TRUE(inst.weight.empty());
    EXPECT_TRUE(inst.fixed_open.empty());
}

TEST(OrlibScp, Scp41) {
    const fs::path file = kSharedBench / "orlib/scp/scp41.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const CoverInstance inst = read_orlib_scp(file);
    EXPECT_EQ(inst.demand_count(), 200u);
    EXPECT_EQ(inst.site_count, 1000u);
    EXPECT_EQ(inst.cost.front(), 1.0);
    for (const auto& row : inst.covers) {
        EXPECT_FALSE(row.empty());
        EXPECT_TRUE(std::is_sorted(row.begin(), row.end()));
        EXPECT_LT(row.back(), 1000u);
    }
}

TEST(OrlibScp, RepeatedColumnsInARowAreMerged) {
    ScratchDir dir("orlib-scp");
    write_text(dir.path() / "dup.txt", "1 3\n1 1 1\n3 3 1 3\n");
    const CoverInstance inst = read_orlib_scp(dir.path() / "dup.txt");
    EXPECT_EQ(inst.covers[0], (std::vector<std::uint32_t>{0, 2}));
}

TEST(OrlibScp, MalformedFilesNameFileAndLine) {
    ScratchDir dir("orlib-scp");
    const fs::path f = dir.path() / "bad.txt";
    auto err = [&](const std::string& text) {
        write_text(f, text);
        return input_error([&] { read_orlib_scp(f); });
    };
    expect_contains(err("2 3\n1 1 1\n2 1 2\n"), {"bad.txt", "line 3", "ends early", "row 2 of 2"});
    expect_contains(err("2 3\n1 1 1\n2 1 2\n1 4\n"), {"line 4", "column of row 2", "out of range 1..3"});
    expect_contains(err("2 3\n1 one 1\n"), {"line 2", "cost of column 2", "'one'"});
    expect_contains(err("2 3\n1 1 1\n2 1 2\n1 2.5\n"), {"line 4", "'2.5'"});
    expect_contains(err("1 3\n1 1 1\n4 1 2 3 1\n"), {"line 3", "lists 4 columns"});
    expect_contains(err("1 3\n1 1 1\n1 1 9\n"), {"line 3", "unexpected data", "'9'"});
    expect_contains(err("0 3\n"), {"line 1", "number of rows 0"});
    // fuzz/regressions/orlib_scp: no more is reserved than the file can hold (800 MB
    // of costs for this header before), and the error says where the file ends.
    const auto start = std::chrono::steady_clock::now();
    expect_contains(err("100000000 100000000\n1\n"), {"line 2", "ends early", "cost of column 2"});
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 0.5);
}

// --- capacitated p-median -------------------------------------------------------

// tiny_capmed.txt, instance 2: nodes (2,4) (0,11) (4,0) (0,0) (11,4), demands
// 2 5 2 3 2, p = 2, Q = 10. Truncated Euclidean, e.g. d(1,2) = 7 (7.28),
// d(1,3) = 4 (4.47), d(3,5) = 8 (8.06). Objective weights 1 (plain distances).
TEST(OrlibCapmed, TinyFileSecondInstanceTruncatedDistances) {
    const CapacitatedFile f = read_orlib_capmed(fixture("tiny_capmed.txt"), 2);
    EXPECT_EQ(f.id, 2);
    EXPECT_EQ(f.known_value, 16.0);
    EXPECT_EQ(f.p, 2u);
    const auto& d = f.instance.base.distance;
    ASSERT_EQ(d.rows(), 5);
    ASSERT_EQ(d.cols(), 5);
    const double expected[5][5] = {
        {0, 7, 4, 4, 9}, {7, 0, 11, 11, 13}, {4, 11, 0, 4, 8}, {4, 11, 4, 0, 11}, {9, 13, 8, 11, 0}};
    for (Eigen::Index i = 0; i < 5; ++i)
        for (Eigen::Index j = 0; j < 5; ++j) EXPECT_EQ(d(i, j), expected[i][j]) << i << "," << j;
    EXPECT_EQ(f.instance.size, (std::vector<double>{2, 5, 2, 3, 2}));
    EXPECT_EQ(f.instance.capacity, (std::vector<double>{10, 10, 10, 10, 10}));
    EXPECT_TRUE(f.instance.min_load.empty());
    EXPECT_EQ(f.instance.base.weight, Eigen::VectorXd::Ones(5));
}

TEST(OrlibCapmed, TinyFileFirstInstance) {
    const CapacitatedFile f = read_orlib_capmed(fixture("tiny_capmed.txt"), 1);
    EXPECT_EQ(f.id, 1);
    EXPECT_EQ(f.known_value, 999.0);
    EXPECT_EQ(f.p, 1u);
    EXPECT_EQ(f.instance.base.distance(0, 2), 2.0);  // sqrt(8) = 2.83, truncated
    EXPECT_EQ(f.instance.capacity, (std::vector<double>{100, 100, 100}));
}

TEST(OrlibCapmed, Pmedcap1Instances) {
    const fs::path file = kSharedBench / "capmed/pmedcap1.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const CapacitatedFile first = read_orlib_capmed(file, 1);
    EXPECT_EQ(first.known_value, 713.0);
    EXPECT_EQ(first.p, 5u);
    EXPECT_EQ(first.instance.base.site_count(), 50u);
    EXPECT_EQ(first.instance.capacity.front(), 120.0);
    const CapacitatedFile last = read_orlib_capmed(file, 20);
    EXPECT_EQ(last.id, 20);
    EXPECT_EQ(last.known_value, 1005.0);
    EXPECT_EQ(last.p, 10u);
    EXPECT_EQ(last.instance.base.site_count(), 100u);
    const auto& d = last.instance.base.distance;
    EXPECT_EQ((d - d.transpose()).cwiseAbs().maxCoeff(), 0.0);
    EXPECT_EQ(d, d.array().floor().matrix());
}

TEST(OrlibCapmed, BadInstanceNumberAndTruncation) {
    expect_contains(input_error([] { read_orlib_capmed(fixture("tiny_capmed.txt"), 3); }),
                    {"tiny_capmed.txt", "line 1", "2 instance(s)", "instance 3 does not exist"});
    ScratchDir dir("orlib-capmed");
    write_text(dir.path() / "cut.txt", " 1\n 1 10\n 3 1 100\n 1 0 0 1\n 2 1 1 1\n");
    expect_contains(input_error([&] { read_orlib_capmed(dir.path() / "cut.txt", 1); }),
                    {"cut.txt", "line 5", "ends early", "node 3 of instance 1"});
    write_text(dir.path() / "nan.txt", " 1\n 1 10\n 2 1 100\n 1 0 0 1\n 2 1 y 1\n");
    expect_contains(input_error([&] { read_orlib_capmed(dir.path() / "nan.txt", 1); }),
                    {"nan.txt", "line 5", "the y of node 2", "'y'"});
}

// tiny_sjc.dat (CRLF): nodes (0,0) (3,4) (6,9), capacities 10, demands 2 3 1, p = 1.
// Real distances: d(1,2) = 5, d(1,3) = sqrt(117), d(2,3) = sqrt(34).
TEST(Sjc, TinyFileRealDistances) {
    const CapacitatedFile f = read_sjc(fixture("tiny_sjc.dat"));
    EXPECT_EQ(f.p, 1u);
    EXPECT_TRUE(std::isnan(f.known_value));
    const auto& d = f.instance.base.distance;
    EXPECT_EQ(d(0, 1), 5.0);
    EXPECT_EQ(d(0, 2), std::sqrt(117.0));
    EXPECT_EQ(d(2, 1), std::sqrt(34.0));
    EXPECT_EQ(f.instance.size, (std::vector<double>{2, 3, 1}));
    EXPECT_EQ(f.instance.capacity, (std::vector<double>{10, 10, 10}));
    EXPECT_EQ(f.instance.base.weight, Eigen::VectorXd::Ones(3));
}

TEST(Sjc, SharedFilesRead) {
    const fs::path dir = kSharedBench / "capmed/sjc";
    if (!fs::exists(dir)) STATIONPLAN_SKIP(dir << " is not on this machine");
    const CapacitatedFile f = read_sjc(dir / "SJC1.dat");
    EXPECT_EQ(f.p, 10u);
    EXPECT_EQ(f.instance.base.site_count(), 100u);
    EXPECT_EQ(f.instance.capacity.front(), 720.0);
    EXPECT_EQ(f.instance.size.front(), 50.0);
    EXPECT_EQ(read_sjc(dir / "SJC4b.dat").p, 40u);
}

TEST(Sjc, MalformedFile) {
    ScratchDir dir("sjc");
    write_text(dir.path() / "bad.dat", "2 1\n0 0 10 2\n3 4 ten 3\n");
    expect_contains(input_error([&] { read_sjc(dir.path() / "bad.dat"); }),
                    {"bad.dat", "line 3", "capacity of node 2", "'ten'"});
    // A header promising more nodes than the file holds, and the dense matrix's limit.
    write_text(dir.path() / "short.dat", "20000 1\n0 0 1 1\n");
    expect_contains(input_error([&] { read_sjc(dir.path() / "short.dat"); }), {"line 2", "ends early", "x of node 2"});
    write_text(dir.path() / "huge.dat", "100000 1\n");
    expect_contains(input_error([&] { read_sjc(dir.path() / "huge.dat"); }), {"line 1", "out of range 1..20000"});
}

// --- CSV ------------------------------------------------------------------------

TEST(CsvInstance, PointsByHeaderNameWithWeights) {
    const PointsCsv d = read_points_csv(fixture("demand.csv"));
    ASSERT_EQ(d.points.size(), 5u);
    EXPECT_TRUE(d.has_weight);
    EXPECT_EQ(d.points[3].x_m, 2600.0);
    EXPECT_EQ(d.points[3].y_m, 800.0);
    EXPECT_EQ(d.weight, (std::vector<double>{1, 2, 3, 4, 5}));
    const PointsCsv s = read_points_csv(fixture("sites.csv"));
    ASSERT_EQ(s.points.size(), 3u);
    EXPECT_FALSE(s.has_weight);
    EXPECT_EQ(s.weight, (std::vector<double>{1, 1, 1}));
}

// demand.csv x sites.csv at 1000 m: d3 and d4 lie exactly 1000 m from a site and
// count as covered; at 999 m they are covered by nobody.
TEST(CsvInstance, CoverWithinRadiusIncludesTheBoundary) {
    const PointsCsv d = read_points_csv(fixture("demand.csv"));
    const PointsCsv s = read_points_csv(fixture("sites.csv"));
    const CoverInstance c = cover_instance(d, s, 1000.0);
    EXPECT_EQ(c.site_count, 3u);
    using V = std::vector<std::uint32_t>;
    EXPECT_EQ(c.covers, (std::vector<V>{{0, 1}, {0, 1}, {1, 2}, {2}, {0}}));
    EXPECT_EQ(c.weight, (std::vector<double>{1, 2, 3, 4, 5}));
    const CoverInstance tight = cover_instance(d, s, 999.0);
    EXPECT_EQ(tight.covers, (std::vector<V>{{0}, {0, 1}, {2}, {}, {}}));
    const DistanceInstance m = distance_instance(d, s);
    EXPECT_EQ(m.distance(3, 2), 1000.0);
    EXPECT_EQ(m.distance(3, 1), std::sqrt(3200000.0));
    EXPECT_EQ(m.weight[4], 5.0);
    EXPECT_EQ(cover_instance(m, 1000.0).covers, c.covers);
}

TEST(CsvInstance, CostMatrixWithAndWithoutHeader) {
    const DistanceInstance m = read_cost_matrix_csv(fixture("costs.csv"));
    ASSERT_EQ(m.demand_count(), 3u);
    ASSERT_EQ(m.site_count(), 2u);
    EXPECT_EQ(m.distance(1, 1), 6.0);
    EXPECT_EQ(m.weight.size(), 0);
    ScratchDir dir("csv");
    write_text(dir.path() / "plain.csv", "\xEF\xBB\xBF" "1.5,2\r\n\r\n3,\"4\"\r\n");
    const DistanceInstance p = read_cost_matrix_csv(dir.path() / "plain.csv");
    ASSERT_EQ(p.demand_count(), 2u);
    EXPECT_EQ(p.distance(0, 0), 1.5);
    EXPECT_EQ(p.distance(1, 1), 4.0);
}

TEST(CsvInstance, BadCellsNameFileLineAndColumn) {
    ScratchDir dir("csv");
    const fs::path f = dir.path() / "pts.csv";
    auto points = [&](const std::string& text) {
        write_text(f, text);
        return input_error([&] { read_points_csv(f); });
    };
    expect_contains(points("x,y\n1,2\n3,abc\n"), {"pts.csv", "line 3", "field y", "'abc'"});
    expect_contains(points("x,y,weight\n1,2,1\n\n3,4,-1\n"), {"line 4", "field weight", ">= 0"});
    expect_contains(points("x,y\n1,2\n3\n"), {"line 3", "field y", "1 cell(s)"});
    expect_contains(points("1,2\n3,4\n"), {"line 1", "header row naming the columns x and y"});
    expect_contains(points("x,y\n"), {"pts.csv", "no data rows"});
    expect_contains(points(""), {"pts.csv", "empty"});
    expect_contains(points("x,y,X\n1,2,3\n"), {"line 1", "twice"});
    expect_contains(points("x,y\n1,nan\n"), {"line 2", "'nan'"});
    const fs::path m = dir.path() / "costs.csv";
    auto matrix = [&](const std::string& text) {
        write_text(m, text);
        return input_error([&] { read_cost_matrix_csv(m); });
    };
    expect_contains(matrix("a,b\n1,2\n3,x\n"), {"costs.csv", "line 3", "field column 2", "'x'"});
    expect_contains(matrix("1,2\n3,4,5\n"), {"line 2", "3 cell(s); expected 2"});
    expect_contains(matrix("1,2\n3,-4\n"), {"line 2", "column 2", ">= 0"});
    expect_contains(matrix("1,2\n\"3,4\n"), {"line 2", "not closed"});
}

}  // namespace
}  // namespace stationplan::plan
