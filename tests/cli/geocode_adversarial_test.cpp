// End to end: the seeded adversarial address set (tests/support/address_set.hpp: 300
// written addresses against a 3,000-point gazetteer of a synthetic 郑州市中原区) through
// `stationplan check`, with the bundled sample's areas and stations. Every deputy ends in
// deputies.csv at its own gazetteer entry or in review.csv with the reason and its
// candidates; none is placed on another road or district.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/address_set.hpp"
#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

TEST(GeocodeAdversarial, PlacedWherePeopleLiveOrReviewedWithCandidates) {
    ScratchDir dir("geocode-adversarial");
    const AddressSet set = make_address_set({20240611, 3000, 300});
    write_address_set(set, dir.path());
    const std::string gpkg = (source_dir() / "geodata" / "jinshui.gpkg").string();
    std::string toml = "name = \"adversarial\"\n[crs]\nworking = \"auto\"\n";
    toml += "[layers.district]\nfile = \"" + gpkg + "\"\nlayer = \"district\"\nfields = { id = \"code\", name = \"name\" }\n";
    toml += "[layers.streets]\nfile = \"" + gpkg + "\"\nlayer = \"streets\"\nfields = { id = \"street_id\", name = \"name\" }\n";
    toml += "[layers.communities]\nfile = \"" + gpkg +
            "\"\nlayer = \"communities\"\nfields = { id = \"community_id\", name = \"name\", street = \"street_id\" }\n";
    toml += "[layers.grids]\nfile = \"" + gpkg +
            "\"\nlayer = \"grids\"\nfields = { id = \"grid_id\", name = \"name\", street = \"street_id\", liaison = \"liaison\" }\n";
    toml += "[layers.stations]\nfile = \"" + gpkg +
            "\"\nlayer = \"stations\"\nfields = { id = \"station_id\", name = \"name\", kind = \"kind\", street = \"street_id\", "
            "community = \"community_id\", sector = \"sector\", capacity_min = \"capacity_min\", capacity_max = \"capacity_max\" }\n";
    toml += "[layers.deputies]\nfile = \"deputies.csv\"\ncrs = \"EPSG:4326\"\nx = \"经度\"\ny = \"纬度\"\n"
            "fields = { id = \"代表编号\", name = \"姓名\", address = \"地址\" }\n";
    toml += "[layers.gazetteer]\nfile = \"gazetteer.csv\"\ncrs = \"EPSG:4326\"\nx = \"经度\"\ny = \"纬度\"\n"
            "fields = { id = \"地址编号\", address = \"地址\" }\n";
    write_text(dir.path() / "scenario.toml", toml);
    const RunResult run = run_stationplan({"check", (dir.path() / "scenario.toml").string(), "--out", (dir.path() / "out").string(), "-q"});
    ASSERT_EQ(run.exit_code, 1) << run.err;  // the deputies live in 中原区, outside the sample's district
    EXPECT_TRUE(run.err.empty()) << run.err;

    const CsvTable deputies = read_csv(dir.path() / "out" / "deputies.csv");
    const CsvTable review = read_csv(dir.path() / "out" / "review.csv");
    std::map<std::string, std::string> placed_at;
    for (const auto& r : deputies.rows) {
        EXPECT_NE(r.at("match_method"), "coordinates") << r.at("deputy_id");
        placed_at[r.at("deputy_id")] = r.at("gazetteer_id");
    }
    std::map<std::string, const std::map<std::string, std::string>*> reviewed;
    for (const auto& r : review.rows) reviewed[r.at("deputy_id")] = &r;

    std::vector<std::string> placements;
    std::size_t without_candidates = 0;
    for (const WrittenAddress& a : set.addresses) {
        SCOPED_TRACE(a.id + " " + a.habit + " " + a.written);
        const bool used = placed_at.count(a.id) > 0, in_review = reviewed.count(a.id) > 0;
        ASSERT_NE(used, in_review) << "exactly one of deputies.csv and review.csv";
        placements.push_back(used ? placed_at.at(a.id) : std::string());
        if (used) continue;
        const auto& r = *reviewed.at(a.id);
        EXPECT_FALSE(r.at("reason").empty());
        EXPECT_FALSE(r.at("normalised").empty());
        if (r.at("candidate1_id").empty()) {
            ++without_candidates;
            EXPECT_NE(r.at("reason").find("no road there shares a character with it"), std::string::npos) << r.at("reason");
        }
        // A written road with two equally near twins: both are among the candidates.
        if (r.at("reason").find(" is as near to ") != std::string::npos) {
            EXPECT_FALSE(r.at("candidate2_id").empty());
        }
    }
    const AddressScore s = score_address_set(set, placements);
    EXPECT_TRUE(s.wrong.empty());
    EXPECT_GE(s.precision(), 0.995);
    EXPECT_GE(s.recall(), 0.85);
    // The same figures as the library's (AddressAdversarial.PlacesWherePeopleLiveOrNotAtAll).
    EXPECT_EQ(s.all.placed, 222u);
    EXPECT_EQ(s.all.reviewed, 78u);
    EXPECT_EQ(without_candidates, 5u);
    // Every address not in the gazetteer is in review.
    for (std::size_t k = 0; k < set.addresses.size(); ++k) {
        if (set.addresses[k].target.empty()) {
            EXPECT_TRUE(placements[k].empty()) << set.addresses[k].written;
        }
    }

    const nlohmann::json summary = nlohmann::json::parse(read_text(dir.path() / "out" / "summary.json"));
    EXPECT_EQ(summary["deputies"]["total"], 300);
    EXPECT_EQ(summary["deputies"]["by_address"], 222);
    EXPECT_EQ(summary["deputies"]["review"], 78);
    EXPECT_EQ(summary["deputies"]["rejected"], 0);
}

}  // namespace
}  // namespace stationplan::test
