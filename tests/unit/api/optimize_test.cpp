// stationplan::optimize as a library call (stationplan/optimize.hpp), on the hand-made
// instances whose answers tests/cli/optimize_test.cpp derives: the same numbers
// without the binary, plus the errors a caller gets.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "stationplan/error.hpp"
#include "stationplan/optimize.hpp"
#include "support/test_support.hpp"

namespace stationplan {
namespace {

std::filesystem::path fixture(const char* name) { return test::test_data() / "plan" / name; }

TEST(OptimizeApi, TinyPMedianFromAnOrLibraryFile) {
    OptimizeOptions o;
    o.model = OptimizeModel::PMedian;
    o.input = OptimizeInput::OrlibPmed;
    o.file = fixture("tiny_pmed.txt");
    const OptimizeOutcome r = optimize(o);  // p = 2 from the file: medians 1 and 3, 10 + 6 + 1 + 2
    EXPECT_EQ(r.status, SolveStatus::Optimal);
    EXPECT_EQ(r.objective, 19.0);
    EXPECT_EQ(r.selected, (std::vector<std::size_t>{1, 3}));  // 1-based, as the file numbers them
    EXPECT_EQ(r.instance, "tiny_pmed.txt");
    EXPECT_EQ(r.demands, 6u);
    EXPECT_EQ(r.sites, 6u);
    EXPECT_GE(r.total_seconds, r.seconds);
}

TEST(OptimizeApi, CoverOnACostMatrix) {
    OptimizeOptions o;
    o.model = OptimizeModel::Lscp;
    o.input = OptimizeInput::CostMatrix;
    o.file = fixture("costs.csv");
    o.radius = 3.0;  // within 3: d0 {s1}, d1 {s0}, d2 {s0}
    const OptimizeOutcome r = optimize(o);
    EXPECT_EQ(r.objective, 2.0);
    EXPECT_EQ(r.selected, (std::vector<std::size_t>{0, 1}));  // 0-based columns
    o.model = OptimizeModel::Mclp;
    o.k = 1;
    const OptimizeOutcome m = optimize(o);
    EXPECT_EQ(m.objective, 2.0);
    EXPECT_EQ(m.selected, (std::vector<std::size_t>{0}));
}

TEST(OptimizeApi, CapacitatedCarriesTheKnownOptimum) {
    OptimizeOptions o;
    o.model = OptimizeModel::Capmed;
    o.input = OptimizeInput::OrlibCapmed;
    o.file = fixture("tiny_capmed.txt");
    o.instance = 2;
    const OptimizeOutcome r = optimize(o);
    EXPECT_EQ(r.objective, 16.0);
    EXPECT_EQ(r.known_optimum, std::optional<double>(16.0));
    EXPECT_EQ(r.instance_number, std::optional<int>(2));
    const auto j = nlohmann::json::parse(to_json(r));
    EXPECT_EQ(j["model"], "capmed");
    EXPECT_EQ(j["status"], "optimal");
    EXPECT_EQ(j["known_optimum"], 16.0);
    EXPECT_EQ(j["instance_number"], 2);
    EXPECT_EQ(j["selected"], nlohmann::json::array({2, 3}));
}

TEST(OptimizeApi, OptionsThatDoNotFitAreUsageErrors) {
    OptimizeOptions o;
    o.model = OptimizeModel::PCenter;
    o.input = OptimizeInput::Points;
    o.demand_csv = fixture("demand.csv");
    o.sites_csv = fixture("sites.csv");
    o.p = 4;  // three sites
    try {
        optimize(o);
        FAIL() << "expected a UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("--p 4 is more than the 3 candidate site(s)"), std::string::npos) << e.what();
    }
    o.model = OptimizeModel::Lscp;  // no radius
    EXPECT_THROW(optimize(o), UsageError);
    o.time_limit_s = 0.0;
    EXPECT_THROW(optimize(o), UsageError);
}

TEST(OptimizeApi, ABadFileIsAnInputError) {
    test::ScratchDir dir("optimize-api");
    test::write_text(dir.path() / "bad.txt", "3 2 1\n1 2 5\n");
    OptimizeOptions o;
    o.model = OptimizeModel::PMedian;
    o.input = OptimizeInput::OrlibPmed;
    o.file = dir.path() / "bad.txt";
    EXPECT_THROW(optimize(o), InputError);
}

TEST(OptimizeApi, ModelNamesRoundTrip) {
    for (OptimizeModel m : {OptimizeModel::Lscp, OptimizeModel::Mclp, OptimizeModel::PMedian, OptimizeModel::PCenter,
                            OptimizeModel::Scp, OptimizeModel::Capmed})
        EXPECT_EQ(parse_optimize_model(to_string(m)), std::optional<OptimizeModel>(m));
    EXPECT_EQ(parse_optimize_model("median"), std::nullopt);
}

}  // namespace
}  // namespace stationplan
