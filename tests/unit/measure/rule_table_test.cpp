// Each rule of the table on districts built in memory (test::FauxDistrict), at its
// edges: no stations, a deputy exactly at the radius and just beyond, duplicate
// points, an empty community, a grid split across streets, overlapping grids, a
// station outside its street. Expected lines are the rules' own words.
#include <gtest/gtest.h>

#include <algorithm>

#include "measure/measurement.hpp"
#include "measure/rules/rule.hpp"
#include "support/faux_district.hpp"

namespace stationplan::measure {
namespace {

using test::FauxDistrict;

const char* kStreetA = "POLYGON ((0 0, 2000 0, 2000 2000, 0 2000, 0 0))";
const char* kStreetB = "POLYGON ((2000 0, 4000 0, 4000 2000, 2000 2000, 2000 0))";

// Two 2 x 2 km streets side by side, each one community and one grid.
FauxDistrict two_streets() {
    FauxDistrict f;
    f.street("A", kStreetA).street("B", kStreetB);
    f.community("A1", "A", kStreetA).community("B1", "B", kStreetB);
    f.grid("GA", "A", kStreetA).grid("GB", "B", kStreetB);
    return f;
}

const RuleOutcome& rule(const Measurement& m, RuleId id) {
    for (const auto& r : m.rules)
        if (r.id == id) return r;
    throw std::runtime_error("rule not measured");
}

bool says(const RuleOutcome& r, const std::string& line) {
    return std::find(r.violations.begin(), r.violations.end(), line) != r.violations.end();
}

std::string all(const RuleOutcome& r) {
    std::string out;
    for (const auto& v : r.violations) out += v + "\n";
    return out;
}

TEST(RuleTable, NoStationsAtAll) {
    FauxDistrict f = two_streets();
    f.deputy("d1", {500, 500}).deputy("d2", {2500, 500});
    const model::District d = f.build();
    const Measurement m = measure_district(d, f.scenario());
    const auto& r1 = rule(m, RuleId::R1);
    EXPECT_EQ(r1.violation_count, 2u);
    EXPECT_TRUE(says(r1, "deputy d1: no counted station at all")) << all(r1);
    EXPECT_EQ(m.covered_deputies, 0u);
    const auto& r4 = rule(m, RuleId::R4);
    EXPECT_TRUE(says(r4, "grid GA: 0.0% covered, 4000000 m2 beyond 1000 m of any counted station")) << all(r4);
    const auto& r5 = rule(m, RuleId::R5);
    EXPECT_TRUE(says(r5, "street A: has 0 street stations")) << all(r5);
    EXPECT_TRUE(says(r5, "street B: has 0 street stations")) << all(r5);
    // Unassigned deputies break R3; R2 holds (every community holds a deputy).
    EXPECT_TRUE(says(rule(m, RuleId::R3), "deputy d1: not assigned to any community station"));
    EXPECT_TRUE(rule(m, RuleId::R2).holds);
}

TEST(RuleTable, ADeputyAtTheRadiusIsCoveredAndJustBeyondIsNot) {
    FauxDistrict f = two_streets();
    f.station("SA", StationKind::Street, {500, 1000}, "A").station("SB", StationKind::Street, {3500, 1000}, "B");
    // From SA (500, 1000): exactly 1000 m, 1e-9 m beyond and 0.9 mm beyond (within
    // the 1 mm tolerance), just inside, and 2 mm beyond.
    f.deputy("at", {1500, 1000}).deputy("e-9", {1500 + 1e-9, 1000}).deputy("0.9mm", {1500.0009, 1000});
    f.deputy("inside", {1499.999, 1000}).deputy("2mm", {1500.002, 1000});
    const model::District d = f.build();
    Scenario sc = f.scenario();
    sc.rules = {RuleId::R1};
    const Measurement m = measure_district(d, sc);
    EXPECT_DOUBLE_EQ(m.deputies[0].nearest_distance_m, 1000.0);
    EXPECT_TRUE(m.deputies[0].covered);
    EXPECT_TRUE(m.deputies[1].covered);
    EXPECT_TRUE(m.deputies[2].covered);
    EXPECT_TRUE(m.deputies[3].covered);
    EXPECT_FALSE(m.deputies[4].covered);
    const auto& r1 = rule(m, RuleId::R1);
    EXPECT_EQ(r1.violation_count, 1u) << all(r1);
    EXPECT_TRUE(says(r1, "deputy 2mm: nearest counted station SA is 1000.0 m away")) << all(r1);
    // The rule itself: one comparison for everyone.
    const CoverageRule cr = sc.coverage();
    EXPECT_TRUE(cr.covers(1000.0));
    EXPECT_TRUE(cr.covers(1000.0 + 1e-9));
    EXPECT_FALSE(cr.covers(1000.002));
    EXPECT_FALSE(cr.covers(std::numeric_limits<double>::quiet_NaN()));
}

TEST(RuleTable, DuplicatePointsGoToTheLowestIndex) {
    FauxDistrict f = two_streets();
    // Two community stations on one spot, two deputies on one spot.
    f.station("C1", StationKind::Community, {800, 800}, "A", "A1").station("C0", StationKind::Community, {800, 800}, "A", "A1");
    f.deputy("d1", {900, 900}, "C0").deputy("d2", {900, 900}, "C0");
    const model::District d = f.build();
    const Measurement m = measure_district(d, f.scenario());
    ASSERT_TRUE(m.deputies[0].nearest && m.deputies[1].nearest);
    EXPECT_EQ(*m.deputies[0].nearest, 0u);  // C1, the first of the two at the same distance
    EXPECT_EQ(*m.deputies[1].nearest, 0u);
    EXPECT_DOUBLE_EQ(m.deputies[0].nearest_distance_m, m.deputies[1].nearest_distance_m);
    EXPECT_EQ(m.stations[1].load, 2u);
    EXPECT_EQ(m.stations[0].load, 0u);
    const auto& r3 = rule(m, RuleId::R3);
    EXPECT_TRUE(says(r3, "station C1: serves 0 deputies, outside 3..5")) << all(r3);
    EXPECT_TRUE(says(r3, "station C0: serves 2 deputies, outside 3..5")) << all(r3);
}

TEST(RuleTable, AnEmptyCommunityBreaksR2) {
    FauxDistrict f;
    f.street("A", kStreetA);
    f.community("A1", "A", "POLYGON ((0 0, 1000 0, 1000 2000, 0 2000, 0 0))", "东社区");
    f.community("A2", "A", "POLYGON ((1000 0, 2000 0, 2000 2000, 1000 2000, 1000 0))", "西社区");
    f.grid("GA", "A", kStreetA);
    f.station("SA", StationKind::Street, {500, 1000}, "A");
    f.deputy("d1", {200, 200});
    const model::District d = f.build();
    const Measurement m = measure_district(d, f.scenario());
    const auto& r2 = rule(m, RuleId::R2);
    EXPECT_EQ(r2.violation_count, 1u);
    EXPECT_TRUE(says(r2, "community 西社区 (A2): no deputy lives or works there and no station is there")) << all(r2);
    EXPECT_EQ(m.communities[0].deputies, 1u);
    EXPECT_EQ(m.communities[0].stations, 1u);
}

TEST(RuleTable, AGridSplitAcrossStreetsAndOverlappingGridsBreakR7) {
    FauxDistrict f;
    f.street("A", kStreetA).street("B", kStreetB);
    f.community("A1", "A", kStreetA).community("B1", "B", kStreetB);
    // GA reaches 100 m into B; GB covers B; so 100 x 2000 m lie outside A and overlap GB.
    f.grid("GA", "A", "POLYGON ((0 0, 2100 0, 2100 2000, 0 2000, 0 0))").grid("GB", "B", kStreetB);
    f.station("SA", StationKind::Street, {500, 1000}, "A").station("SB", StationKind::Street, {3500, 1000}, "B");
    const model::District d = f.build();
    const Measurement m = measure_district(d, f.scenario());
    const auto& r7 = rule(m, RuleId::R7);
    EXPECT_TRUE(says(r7, "grid GA: 200000 m2 lies outside its street A")) << all(r7);
    EXPECT_TRUE(says(r7, "grids GA and GB overlap by 200000 m2")) << all(r7);
    EXPECT_EQ(r7.violation_count, 2u) << all(r7);
}

TEST(RuleTable, AStationOutsideItsStreetAndUnknownNames) {
    FauxDistrict f = two_streets();
    f.station("SA", StationKind::Street, {2500, 1000}, "A");   // lies in B
    f.station("SB", StationKind::Street, {3500, 1000}, "B");
    f.station("SX", StationKind::Street, {3600, 1000}, "X");   // no such street
    f.station("CX", StationKind::Community, {100, 100}, "A", "A9");
    f.deputy("d1", {100, 100}, "C?", "", "I?");
    f.station("far", StationKind::Community, {9000, 9000}, "A", "A1");
    const model::District d = f.build();
    const Measurement m = measure_district(d, f.scenario());
    const auto& r5 = rule(m, RuleId::R5);
    EXPECT_TRUE(says(r5, "street station SA: lies outside its street A, in B")) << all(r5);
    EXPECT_TRUE(says(r5, "street station SX: names street 'X', which is not in the streets layer")) << all(r5);
    // SA still counts for street A by its name: each street has one street station.
    EXPECT_EQ(r5.violation_count, 2u) << all(r5);
    const auto& r7 = rule(m, RuleId::R7);
    EXPECT_TRUE(says(r7, "station SX: names unknown street 'X'")) << all(r7);
    EXPECT_TRUE(says(r7, "station CX: names unknown community 'A9'")) << all(r7);
    EXPECT_TRUE(says(r7, "station far: outside the district")) << all(r7);
    EXPECT_TRUE(says(r7, "deputy d1: assigned to unknown station 'C?'")) << all(r7);
    EXPECT_TRUE(says(r7, "deputy d1: assigned to unknown industry station 'I?'")) << all(r7);
}

TEST(RuleTable, EveryRuleHoldsOnAHealthyDistrictAndEachRunsAlone) {
    FauxDistrict f;
    f.street("A", kStreetA);
    f.community("A1", "A", kStreetA);
    f.grid("GA", "A", kStreetA);
    f.station("SA", StationKind::Street, {1000, 1000}, "A").station("C1", StationKind::Community, {1000, 900}, "A", "A1");
    f.station("I1", StationKind::Industry, {1100, 1000}, "A", "", "法律");
    f.deputy("d1", {900, 900}, "C1", "法律", "I1").deputy("d2", {1100, 1100}, "C1").deputy("d3", {1000, 1200}, "C1");
    const model::District d = f.build();
    const Scenario sc = f.scenario(1500.0);  // every corner of the 2 km square within 1.5 km of the centre
    const Measurement m = measure_district(d, sc);
    for (const auto& r : m.rules) EXPECT_TRUE(r.holds) << to_string(r.id) << ": " << all(r);
    EXPECT_EQ(m.rules.size(), 7u);
    // Each rule from the table alone gives what the whole check gave.
    const RuleInputs in(d, sc, m);
    for (const auto& r : m.rules) {
        const RuleOutcome again = run_rule(r.id, in);
        EXPECT_EQ(again.title, r.title);
        EXPECT_EQ(again.violation_count, r.violation_count);
        EXPECT_EQ(again.holds, r.holds);
    }
}

TEST(RuleTable, SectorsAndIndustryStations) {
    FauxDistrict f = two_streets();
    f.station("I1", StationKind::Industry, {100, 100}, "A", "", "法律").station("I2", StationKind::Industry, {200, 100}, "A", "", "教育");
    f.deputy("d1", {300, 300}, "", "法律", "I1").deputy("d2", {300, 300}, "", "法律").deputy("d3", {300, 300}, "", "法律", "I2");
    f.deputy("d4", {300, 300}, "", "医疗卫生");
    const model::District d = f.build();
    Scenario sc = f.scenario();
    sc.rules = {RuleId::R6};
    const Measurement m = measure_district(d, sc);
    const auto& r6 = rule(m, RuleId::R6);
    EXPECT_EQ(r6.violation_count, 3u) << all(r6);
    EXPECT_TRUE(says(r6, "deputy d2: sector 法律 but no industry station assigned (expected I1)"));
    EXPECT_TRUE(says(r6, "deputy d3: sector 法律 but assigned to I2 (expected I1)"));
    EXPECT_TRUE(says(r6, "deputy d4: no industry station serves sector 医疗卫生"));
    EXPECT_EQ(m.rules.size(), 1u);  // only the rules asked for
}

}  // namespace
}  // namespace stationplan::measure
