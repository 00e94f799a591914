// End to end: `stationplan optimize` on the hand-made fixtures of tests/data/plan
// (optima worked out by hand, written next to each case), on OR-Library instances
// with published optima, and on bad input (exit 2, nothing on stdout, a message
// naming the problem). A successful run prints exactly one JSON object on stdout and
// nothing on stderr.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Ids = std::vector<std::size_t>;

// Copies of the public instances the tests need (tests/data/bench/README.md).
const fs::path kSharedBench = test_data() / "bench";

std::string fixture(const std::string& name) { return (test_data() / "plan" / name).string(); }

// Runs optimize and returns its JSON, failing the test on a non-zero exit, on any
// stderr output or on stdout that is not exactly one JSON object.
Json optimize(std::vector<std::string> args) {
    args.insert(args.begin(), "optimize");
    const RunResult r = run_stationplan(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    Json j = Json::object();
    try {
        j = Json::parse(r.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "stdout is not one JSON object (" << e.what() << "):\n" << r.out;
    }
    return j;
}

// Runs optimize expecting a clean usage or input failure; returns stderr.
std::string optimize_fails(std::vector<std::string> args) {
    args.insert(args.begin(), "optimize");
    const RunResult r = run_stationplan(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    return r.err;
}

void expect_mentions(const std::string& text, const std::vector<std::string>& parts) {
    for (const auto& p : parts) EXPECT_NE(text.find(p), std::string::npos) << "missing '" << p << "' in:\n" << text;
}

void expect_optimal(const Json& j, const std::string& model, double objective, const Ids& selected) {
    EXPECT_EQ(j.value("model", ""), model);
    EXPECT_EQ(j.value("status", ""), "optimal") << j.dump();
    ASSERT_TRUE(j.contains("objective") && j["objective"].is_number()) << j.dump();
    EXPECT_DOUBLE_EQ(j["objective"].get<double>(), objective);
    EXPECT_DOUBLE_EQ(j["bound"].get<double>(), objective);
    EXPECT_EQ(j["gap"].get<double>(), 0.0);
    EXPECT_EQ(j["selected"].get<Ids>(), selected);
    EXPECT_GE(j["seconds"].get<double>(), 0.0);
    EXPECT_GE(j["total_seconds"].get<double>(), j["seconds"].get<double>());
}

TEST(OptimizeHelp, ShowsOptionsModelsAndExamples) {
    const RunResult r = run_stationplan({"optimize", "--help"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    expect_mentions(r.out, {"--model", "--demand", "--sites", "--cost-matrix", "--orlib-pmed", "--orlib-scp",
                            "--orlib-capmed", "--instance", "--sjc", "--radius", "--p", "--k", "--time-limit",
                            "Examples:", "stationplan optimize --model lscp", "exactly equal to the radius",
                            "Exit status:"});
    expect_mentions(run_stationplan({"--help"}).out, {"optimize"});
}

// --- CSV points: demand.csv (5 weighted points) x sites.csv (3 sites) -------------
// Sites s0 (0,0), s1 (1000,0), s2 (2000,0). Demands (weight): d0 (0,0) 1,
// d1 (500,0) 2, d2 (2000,0) 3, d3 (2600,800) 4, d4 (-600,-800) 5. Within 1000 m
// (d3 is exactly 1000 m from s2 and d4 from s0): d0 {s0,s1}, d1 {s0,s1}, d2 {s1,s2},
// d3 {s2}, d4 {s0}.

// d3 needs s2 and d4 needs s0; those two cover everyone.
TEST(OptimizeCsv, LscpCoversTheBoundaryWithTwoSites) {
    const Json j = optimize({"--model", "lscp", "--demand", fixture("demand.csv"), "--sites", fixture("sites.csv"),
                             "--radius", "1000"});
    expect_optimal(j, "lscp", 2, {0, 2});
    EXPECT_EQ(j["instance"], "demand.csv + sites.csv");
    EXPECT_EQ(j["demands"], 5);
    EXPECT_EQ(j["sites"], 3);
}

// At 999 m nobody covers d3 or d4: infeasible, with the least-violating cover
// (d0 needs s0, d2 needs s2) and a note naming the two demands.
TEST(OptimizeCsv, LscpJustInsideTheBoundaryIsInfeasible) {
    const Json j = optimize({"--model", "lscp", "--demand", fixture("demand.csv"), "--sites", fixture("sites.csv"),
                             "--radius", "999"});
    EXPECT_EQ(j["status"], "infeasible");
    EXPECT_EQ(j["objective"].get<double>(), 2.0);
    EXPECT_EQ(j["selected"].get<Ids>(), (Ids{0, 2}));
    expect_mentions(j["notes"].dump(), {"2 demand(s) no site can cover: 3, 4"});
}

// One site: s0 covers d0, d1, d4 = 1 + 2 + 5 = 8; s1 = 1 + 2 + 3 = 6; s2 = 3 + 4 = 7.
// Two sites: s0 + s2 cover everything, 15.
TEST(OptimizeCsv, Mclp) {
    const std::vector<std::string> base{"--model", "mclp", "--demand", fixture("demand.csv"), "--sites",
                                        fixture("sites.csv"), "--radius", "1000"};
    auto with_k = [&](const char* k) {
        auto a = base;
        a.insert(a.end(), {"--k", k});
        return a;
    };
    expect_optimal(optimize(with_k("1")), "mclp", 8, {0});
    expect_optimal(optimize(with_k("2")), "mclp", 15, {0, 2});
}

// Weighted distances: p = 2: s0 + s2 give 0 + 2*500 + 0 + 4*1000 + 5*1000 = 10000
// (s0 + s1: 16155.4, s1 + s2: 14944.3).
TEST(OptimizeCsv, PMedian) {
    expect_optimal(optimize({"--model", "pmedian", "--demand", fixture("demand.csv"), "--sites", fixture("sites.csv"),
                             "--p", "2"}),
                   "pmedian", 10000, {0, 2});
}

// Unweighted largest distance, p = 1: s1 gives max(1000, 500, 1000, 1788.85, 1788.85)
// = sqrt(1600^2 + 800^2); s0 and s2 give 2720.3.
TEST(OptimizeCsv, PCenter) {
    expect_optimal(optimize({"--model", "pcenter", "--demand", fixture("demand.csv"), "--sites", fixture("sites.csv"),
                             "--p", "1"}),
                   "pcenter", std::sqrt(3200000.0), {1});
}

// --- cost matrix: costs.csv, 3 demands x 2 sites: (4,1) (2,6) (3,4) ---------------
TEST(OptimizeCostMatrix, CoverModels) {
    // Within 3: d0 {s1}, d1 {s0}, d2 {s0}.
    const Json lscp = optimize({"--model", "lscp", "--cost-matrix", fixture("costs.csv"), "--radius", "3"});
    expect_optimal(lscp, "lscp", 2, {0, 1});
    EXPECT_EQ(lscp["instance"], "costs.csv");
    expect_optimal(optimize({"--model", "mclp", "--cost-matrix", fixture("costs.csv"), "--radius", "3", "--k", "1"}),
                   "mclp", 2, {0});
}

// p = 1: s0 sums 4 + 2 + 3 = 9 (s1: 11); its largest cost is 4 (s1: 6).
TEST(OptimizeCostMatrix, MedianModels) {
    expect_optimal(optimize({"--model", "pmedian", "--cost-matrix", fixture("costs.csv"), "--p", "1"}), "pmedian", 9, {0});
    expect_optimal(optimize({"--model", "pcenter", "--cost-matrix", fixture("costs.csv"), "--p", "1"}), "pcenter", 4, {0});
}

// --- OR-Library formats, hand-made --------------------------------------------------

// tiny_scp.txt: costs 1 5 1 6 1, rows {1,2} {2,3} {3,4} {4,5}. Weighted: columns 1, 3
// and 5 cost 3 (2 and 4 cost 11). Unit costs: 2 and 4 are the only cover of size 2.
TEST(OptimizeOrlib, TinySetCover) {
    const Json scp = optimize({"--model", "scp", "--orlib-scp", fixture("tiny_scp.txt")});
    expect_optimal(scp, "scp", 3, {1, 3, 5});
    EXPECT_EQ(scp["instance"], "tiny_scp.txt");
    EXPECT_FALSE(scp.contains("known_optimum"));
    expect_optimal(optimize({"--model", "lscp", "--orlib-scp", fixture("tiny_scp.txt")}), "lscp", 2, {2, 4});
    expect_optimal(optimize({"--model", "mclp", "--orlib-scp", fixture("tiny_scp.txt"), "--k", "2"}), "mclp", 4, {2, 4});
}

// tiny_pmed.txt (6 vertices, edge 1-2 given as 3 then 10: the last wins). p = 2:
// medians 1 and 3 give 10 + 6 + 1 + 2 = 19 (next best 20). p-center with --p 1:
// vertex 2, farthest 26. With the minimum rule the p-median answer would be 15.
TEST(OptimizeOrlib, TinyPMedianAndPCenter) {
    expect_optimal(optimize({"--model", "pmedian", "--orlib-pmed", fixture("tiny_pmed.txt")}), "pmedian", 19, {1, 3});
    expect_optimal(optimize({"--model", "pcenter", "--orlib-pmed", fixture("tiny_pmed.txt"), "--p", "1"}), "pcenter", 26,
                   {2});
}

// tiny_capmed.txt instance 2 (p = 2, Q = 10, sizes 2 5 2 3 2; truncated distances;
// the objective is the plain sum of distances, as published): medians 2 and 3, node 2
// alone at 2 and nodes 1, 4, 5 at 3 (load 9): 4 + 4 + 8 = 16, as the file says. The
// uncapacitated optimum (medians 1 and 5, 15) would load 12 on median 1; the next
// capacitated plan costs 17.
TEST(OptimizeOrlib, TinyCapacitated) {
    const Json j = optimize({"--model", "capmed", "--orlib-capmed", fixture("tiny_capmed.txt"), "--instance", "2"});
    expect_optimal(j, "capmed", 16, {2, 3});
    EXPECT_EQ(j["known_optimum"], 16.0);
    EXPECT_EQ(j["instance_number"], 2);
    // tiny_sjc.dat: p = 1 (capacity 10 >= total demand 6); median 2: 5 + sqrt(34)
    // (median 1: 5 + sqrt(117), median 3: sqrt(117) + sqrt(34)).
    const Json sjc = optimize({"--model", "capmed", "--sjc", fixture("tiny_sjc.dat")});
    expect_optimal(sjc, "capmed", 5 + std::sqrt(34.0), {2});
    EXPECT_FALSE(sjc.contains("known_optimum"));
}

// On pmedcap1 instance 1 the capacities bind and the published value is reached.
TEST(OptimizeOrlib, Pmedcap1FirstInstanceReachesThePublishedOptimum) {
    const fs::path file = kSharedBench / "capmed/pmedcap1.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const Json j = optimize({"--model", "capmed", "--orlib-capmed", file.string(), "--instance", "1", "--time-limit", "30"});
    EXPECT_EQ(j["status"], "optimal");
    EXPECT_EQ(j["objective"].get<double>(), 713.0);
    EXPECT_EQ(j["known_optimum"], 713.0);
    EXPECT_EQ(j["selected"].size(), 5u);
}

// --- published optima -----------------------------------------------------------

TEST(OptimizeOrlib, Scp41ReachesThePublishedOptimum) {
    const fs::path file = kSharedBench / "orlib/scp/scp41.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const Json j = optimize({"--model", "scp", "--orlib-scp", file.string(), "--time-limit", "30"});
    EXPECT_EQ(j["status"], "optimal");
    EXPECT_EQ(j["objective"].get<double>(), 429.0);
    EXPECT_EQ(j["demands"], 200);
    EXPECT_EQ(j["sites"], 1000);
    for (auto id : j["selected"].get<Ids>()) EXPECT_TRUE(id >= 1 && id <= 1000) << id;
}

TEST(OptimizeOrlib, Pmed1ReachesThePublishedOptimum) {
    const fs::path file = kSharedBench / "orlib/pmed/pmed1.txt";
    if (!fs::exists(file)) STATIONPLAN_SKIP(file << " is not on this machine");
    const Json j = optimize({"--model", "pmedian", "--orlib-pmed", file.string(), "--time-limit", "30"});
    EXPECT_EQ(j["status"], "optimal");
    EXPECT_EQ(j["objective"].get<double>(), 5819.0);
    EXPECT_EQ(j["selected"].size(), 5u);
}

// Same input, same answer (seconds aside).
TEST(OptimizeCsv, Deterministic) {
    const std::vector<std::string> args{"--model", "mclp", "--demand", fixture("demand.csv"), "--sites",
                                        fixture("sites.csv"), "--radius", "1000", "--k", "1"};
    Json a = optimize(args), b = optimize(args);
    for (Json* j : {&a, &b}) j->erase("seconds"), j->erase("total_seconds");
    EXPECT_EQ(a.dump(), b.dump());
}

// --- bad input and usage: exit 2, nothing on stdout ------------------------------

// Options are checked before any file is opened: these files do not exist.
TEST(OptimizeBadInput, UsageIsCheckedBeforeFiles) {
    const std::vector<std::string> csv{"--demand", "/nonexistent/d.csv", "--sites", "/nonexistent/s.csv"};
    auto with = [&](std::vector<std::string> extra) {
        extra.insert(extra.end(), csv.begin(), csv.end());
        return extra;
    };
    expect_mentions(optimize_fails(with({"--model", "pmedian"})), {"pmedian needs --p"});
    expect_mentions(optimize_fails(with({"--model", "lscp"})), {"needs --radius"});
    expect_mentions(optimize_fails(with({"--model", "mclp", "--radius", "1000"})), {"mclp needs --k"});
    expect_mentions(optimize_fails(with({"--model", "lscp", "--radius", "-5"})), {"--radius", "-5"});
    expect_mentions(optimize_fails(with({"--model", "pmedian", "--p", "0"})), {"--p must be at least 1"});
    expect_mentions(optimize_fails(with({"--model", "pmedian", "--p", "2", "--radius", "100"})), {"--radius applies to"});
    expect_mentions(optimize_fails(with({"--model", "lscp", "--radius", "9", "--k", "2"})), {"--k applies to mclp"});
    expect_mentions(optimize_fails(with({"--model", "scp"})), {"--model scp does not take --demand/--sites"});
    expect_mentions(optimize_fails(with({"--model", "capmed"})), {"--orlib-capmed or --sjc"});
    expect_mentions(optimize_fails(with({"--model", "lscp", "--radius", "9", "--time-limit", "0"})), {"--time-limit"});
    expect_mentions(optimize_fails(with({"--model", "lscp", "--radius", "9", "--orlib-scp", "/nonexistent/x.txt"})),
                    {"one input kind", "--demand/--sites", "--orlib-scp"});
    expect_mentions(optimize_fails({"--model", "lscp", "--radius", "9", "--demand", "/nonexistent/d.csv"}),
                    {"--demand and --sites go together"});
    expect_mentions(optimize_fails({"--model", "lscp"}), {"no input"});
    expect_mentions(optimize_fails({"--model", "capmed", "--orlib-capmed", "/nonexistent/c.txt"}), {"needs --instance"});
    expect_mentions(optimize_fails({"--model", "capmed", "--sjc", "/nonexistent/c.dat", "--p", "3"}),
                    {"capmed takes p from the file"});
    expect_mentions(optimize_fails({"--model", "pmedian", "--orlib-scp", "/nonexistent/s.txt"}), {"--orlib-pmed"});
}

TEST(OptimizeBadInput, UnknownModelIsNamed) {
    expect_mentions(optimize_fails({"--model", "kmeans", "--cost-matrix", fixture("costs.csv")}), {"--model", "kmeans"});
    expect_mentions(optimize_fails({"--cost-matrix", fixture("costs.csv")}), {"--model"});
}

TEST(OptimizeBadInput, NonNumericCsvCellNamesFileLineAndField) {
    ScratchDir dir("optimize-bad");
    const fs::path demand = dir.path() / "demand.csv";
    write_text(demand, "x,y,weight\n0,0,1\n500,north,2\n");
    expect_mentions(optimize_fails({"--model", "lscp", "--demand", demand.string(), "--sites", fixture("sites.csv"),
                                    "--radius", "1000"}),
                    {"stationplan: error:", "demand.csv", "line 3", "field y", "'north'"});
    expect_mentions(optimize_fails({"--model", "lscp", "--demand", (dir.path() / "none.csv").string(), "--sites",
                                    fixture("sites.csv"), "--radius", "1000"}),
                    {"none.csv", "cannot open"});
}

TEST(OptimizeBadInput, MalformedOrlibFilesNameTheLine) {
    ScratchDir dir("optimize-bad");
    const fs::path pmed = dir.path() / "pmed.txt";
    write_text(pmed, "3 2 1\n1 2 5\n2 4 4\n");
    expect_mentions(optimize_fails({"--model", "pmedian", "--orlib-pmed", pmed.string()}),
                    {"pmed.txt", "line 3", "out of range 1..3"});
    const fs::path scp = dir.path() / "scp.txt";
    write_text(scp, "2 3\n1 1 1\n2 1 2\n");
    expect_mentions(optimize_fails({"--model", "scp", "--orlib-scp", scp.string()}), {"scp.txt", "ends early"});
    expect_mentions(optimize_fails({"--model", "capmed", "--orlib-capmed", fixture("tiny_capmed.txt"), "--instance", "5"}),
                    {"tiny_capmed.txt", "instance 5 does not exist"});
}

// More medians than candidate sites is a usage error found once the file is read.
TEST(OptimizeBadInput, MoreMediansThanSites) {
    expect_mentions(optimize_fails({"--model", "pmedian", "--cost-matrix", fixture("costs.csv"), "--p", "3"}),
                    {"--p 3", "2 candidate site(s)", "costs.csv"});
}

}  // namespace
}  // namespace stationplan::test
