// End to end: the sample's geocoding roster (41 deputies with a text address only:
// exact, rewritten, misspelled, ambiguous and unknown) matched against the sample's
// gazetteer, scored against the generator's truth (geodata/jinshui_geocode_truth.csv).
// Reports the share matched, the share sent to review and the wrong matches; counts
// add up; a correct match gives the same check as the deputy's own coordinates.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class GeocodeSample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir("geocode");
        s_run = new RunResult(run_stationplan({"check", (source_dir() / "analysis" / "jinshui-geocode.toml").string(),
                                               "--out", (s_dir->path() / "geocode").string()}));
        s_base = new RunResult(run_stationplan({"check", "--out", (s_dir->path() / "baseline").string(), "-q"}));
    }
    static void TearDownTestSuite() {
        delete s_run;
        delete s_base;
        delete s_dir;
    }
    static fs::path out(const std::string& name) { return s_dir->path() / name; }
    static ScratchDir* s_dir;
    static RunResult* s_run;
    static RunResult* s_base;
};
ScratchDir* GeocodeSample::s_dir = nullptr;
RunResult* GeocodeSample::s_run = nullptr;
RunResult* GeocodeSample::s_base = nullptr;

TEST_F(GeocodeSample, MatchesAgainstTheGeneratorsTruth) {
    ASSERT_EQ(s_run->exit_code, 1) << s_run->err;  // the sample fails some rules by design
    EXPECT_TRUE(s_run->err.empty()) << s_run->err;
    const CsvTable truth = read_csv(source_dir() / "geodata" / "jinshui_geocode_truth.csv");
    const CsvTable deputies = read_csv(out("geocode") / "deputies.csv");
    const CsvTable review = read_csv(out("geocode") / "review.csv");
    const CsvTable rejects = read_csv(out("geocode") / "rejects.csv");
    std::map<std::string, const std::map<std::string, std::string>*> used, reviewed;
    for (const auto& r : deputies.rows) used[r.at("deputy_id")] = &r;
    for (const auto& r : review.rows) reviewed[r.at("deputy_id")] = &r;

    std::size_t matched = 0, sent_to_review = 0, wrong = 0, should_have_matched = 0, lost = 0;
    for (const auto& t : truth.rows) {
        const std::string& id = t.at("deputy_id");
        const bool in_used = used.count(id) > 0, in_review = reviewed.count(id) > 0;
        EXPECT_NE(in_used, in_review) << id << ": exactly one of deputies.csv and review.csv";
        if (in_used) {
            ++matched;
            const auto& row = *used.at(id);
            EXPECT_NE(row.at("match_method"), "coordinates") << id;
            if (row.at("gazetteer_id") != t.at("true_address_id")) ++wrong;
            if (t.at("expected") == "review") ++wrong;  // a guess where a person must decide
        } else if (in_review) {
            ++sent_to_review;
            const auto& row = *reviewed.at(id);
            EXPECT_FALSE(row.at("reason").empty()) << id;
            EXPECT_FALSE(row.at("candidate1_id").empty()) << id;
            if (t.at("expected") == "match") ++should_have_matched;
        } else {
            ++lost;
        }
    }
    const double n = static_cast<double>(truth.rows.size());
    std::printf("text-only addresses: %zu; matched %zu (%.1f%%), sent to review %zu (%.1f%%), wrong matches %zu, "
                "matchable but sent to review %zu\n",
                truth.rows.size(), matched, 100.0 * static_cast<double>(matched) / n, sent_to_review,
                100.0 * static_cast<double>(sent_to_review) / n, wrong, should_have_matched);
    EXPECT_EQ(truth.rows.size(), 41u);
    EXPECT_EQ(lost, 0u);
    EXPECT_EQ(wrong, 0u);
    // The planted ambiguous (5) and unknown (3) addresses go to review, all others match.
    EXPECT_EQ(sent_to_review, 8u);
    EXPECT_EQ(matched, 33u);
    EXPECT_EQ(should_have_matched, 0u);

    // Counts add up: used + review + rejected = total.
    const json s = json::parse(read_text(out("geocode") / "summary.json"));
    const auto& d = s["deputies"];
    EXPECT_EQ(d["total"], 400);
    EXPECT_EQ(d["review"], review.rows.size());
    EXPECT_EQ(d["used"], deputies.rows.size());
    EXPECT_EQ(d["by_address"], 33);
    EXPECT_EQ(d["used"].get<int>() + d["review"].get<int>() + d["rejected"].get<int>(), d["total"].get<int>());
    EXPECT_EQ(d["rejected"], 1);  // the planted non-numeric longitude: coordinates given, but wrong
    EXPECT_EQ(rejects.rows.size(), 1u);
    EXPECT_NE(s_run->out.find("33 placed by address, 8 sent to review.csv"), std::string::npos) << s_run->out;
}

TEST_F(GeocodeSample, MethodsAndConfidences) {
    const CsvTable truth = read_csv(source_dir() / "geodata" / "jinshui_geocode_truth.csv");
    const CsvTable deputies = read_csv(out("geocode") / "deputies.csv");
    std::map<std::string, std::string> kind;
    for (const auto& t : truth.rows) kind[t.at("deputy_id")] = t.at("case");
    std::map<std::string, std::size_t> methods;
    for (const auto& r : deputies.rows) {
        ++methods[r.at("match_method")];
        const auto k = kind.find(r.at("deputy_id"));
        if (k == kind.end()) {
            EXPECT_EQ(r.at("match_method"), "coordinates");
            EXPECT_EQ(r.at("match_confidence"), "");
            continue;
        }
        const double confidence = std::stod(r.at("match_confidence"));
        if (k->second == "exact") {
            EXPECT_EQ(r.at("match_method"), "exact") << r.at("deputy_id");
            EXPECT_EQ(confidence, 1.0);
        } else if (k->second == "rewritten") {
            EXPECT_EQ(r.at("match_method"), "normalised") << r.at("deputy_id");
            EXPECT_EQ(confidence, 1.0);
        } else if (k->second == "misspelled") {
            EXPECT_EQ(r.at("match_method"), "fuzzy") << r.at("deputy_id");
            EXPECT_GE(confidence, 0.8);
            EXPECT_LT(confidence, 1.0);
        }
    }
    EXPECT_EQ(methods["exact"], 15u);       // 14 planted + the row whose coordinates were left empty
    EXPECT_EQ(methods["normalised"], 10u);
    EXPECT_EQ(methods["fuzzy"], 8u);
    EXPECT_EQ(methods["coordinates"], 358u);
}

TEST_F(GeocodeSample, AMatchedDeputyIsWhereItsCoordinatesSay) {
    // The gazetteer's points are the deputies' own coordinates: a correct match gives
    // the same position, street, community, grid and nearest station as the baseline.
    ASSERT_EQ(s_base->exit_code, 1) << s_base->err;
    const CsvTable a = read_csv(out("baseline") / "deputies.csv");
    const CsvTable b = read_csv(out("geocode") / "deputies.csv");
    std::size_t compared = 0;
    std::set<std::string> baseline_ids;
    for (const auto& r : a.rows) baseline_ids.insert(r.at("deputy_id"));
    for (const auto& r : b.rows) {
        if (r.at("match_method") == "coordinates") continue;
        if (!baseline_ids.count(r.at("deputy_id"))) {
            EXPECT_EQ(r.at("deputy_id"), "D0363");  // rejected in the baseline: its coordinates are empty
            continue;
        }
        const auto& base = a.row_where("deputy_id", r.at("deputy_id"));
        for (const char* col : {"street_id", "community_id", "grid_id", "nearest_station_id", "nearest_distance_m", "covered",
                                "x_m", "y_m"}) {
            EXPECT_EQ(base.at(col), r.at(col)) << r.at("deputy_id") << " " << col;
        }
        ++compared;
    }
    EXPECT_EQ(compared, 32u);  // 33 placed by address; the planted empty-coordinates row has none in the baseline
}

TEST_F(GeocodeSample, RoadAndHouseNumberFieldsGiveTheSameMatches) {
    // The gazetteer read from its road, house-number and building fields instead of
    // the full address: no text is equal any more, so the exact matches become
    // normalised ones, and every deputy lands on the same point.
    std::string text = read_text(source_dir() / "analysis" / "jinshui-geocode.toml");
    const std::string full = "fields = { id = \"地址编号\", address = \"地址\" }";
    const auto at = text.find(full);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, full.size(), "fields = { id = \"地址编号\", road = \"道路\", number = \"门牌号\", building = \"楼号\" }");
    for (std::size_t p; (p = text.find("\"../geodata/")) != std::string::npos;)
        text.replace(p + 1, 11, (source_dir() / "geodata").string() + "/");
    write_text(s_dir->path() / "fields.toml", text);
    const RunResult r = run_stationplan({"check", (s_dir->path() / "fields.toml").string(), "--out",
                                         (s_dir->path() / "fields").string(), "-q"});
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const CsvTable a = read_csv(out("geocode") / "deputies.csv");
    const CsvTable b = read_csv(out("fields") / "deputies.csv");
    ASSERT_EQ(a.rows.size(), b.rows.size());
    std::map<std::string, std::size_t> methods;
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        EXPECT_EQ(a.rows[i].at("gazetteer_id"), b.rows[i].at("gazetteer_id")) << a.rows[i].at("deputy_id");
        ++methods[b.rows[i].at("match_method")];
    }
    EXPECT_EQ(methods["exact"], 0u);
    EXPECT_EQ(methods["normalised"], 25u);
    EXPECT_EQ(methods["fuzzy"], 8u);
    EXPECT_EQ(read_csv(s_dir->path() / "fields" / "review.csv").rows.size(), 8u);
}

TEST_F(GeocodeSample, ReviewListsTheBestThreeCandidates) {
    const CsvTable review = read_csv(out("geocode") / "review.csv");
    ASSERT_EQ(review.rows.size(), 8u);
    // Every address the generator made ambiguous is in review as ambiguous, with its
    // two best candidates within the ambiguity margin (0.05) of each other.
    const CsvTable truth = read_csv(source_dir() / "geodata" / "jinshui_geocode_truth.csv");
    std::size_t ambiguous = 0;
    for (const auto& t : truth.rows) {
        if (t.at("case") != "ambiguous") continue;
        ++ambiguous;
        SCOPED_TRACE(t.at("deputy_id"));
        const auto& r = review.row_where("deputy_id", t.at("deputy_id"));
        EXPECT_NE(r.at("reason").find("ambiguous"), std::string::npos);
        EXPECT_FALSE(r.at("normalised").empty());
        EXPECT_FALSE(r.at("candidate1_id").empty());
        EXPECT_FALSE(r.at("candidate2_id").empty());
        EXPECT_NE(r.at("candidate1_id"), r.at("candidate2_id"));
        EXPECT_LE(std::stod(r.at("candidate1_score")) - std::stod(r.at("candidate2_score")), 0.05 + 1e-9);
        EXPECT_GE(std::stod(r.at("candidate1_score")), std::stod(r.at("candidate2_score")));
    }
    EXPECT_EQ(ambiguous, 5u);
}

}  // namespace
}  // namespace stationplan::test
