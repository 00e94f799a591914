#include "plan/candidates.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace stationplan::plan {
namespace {

model::District small_district() { return model::load_district(load_scenario(test::test_data() / "small" / "scenario.toml")); }

TEST(CandidateSites, LatticeClippedToTheDistrictAndCountsAddUp) {
    const model::District d = small_district();
    PlanSettings ps;
    ps.candidates_from_communities = ps.candidates_from_grids = false;
    ps.lattice_spacing_m = 500.0;
    CandidateReport rep;
    const auto sites = candidate_sites(d, ps, rep);
    // The district is [470000, 474000] x [3850000, 3852000]: 9 x 5 lattice points, all
    // on or inside it (the boundary counts as inside).
    EXPECT_EQ(rep.from_lattice, 45u);
    EXPECT_EQ(sites.size(), 45u);
    EXPECT_EQ(sites.front().id, "lattice:940:7700");
    EXPECT_DOUBLE_EQ(sites.front().position.x_m, 470000.0);
    EXPECT_EQ(sites.front().origin, "lattice");
}

TEST(CandidateSites, DeduplicatesInOrderAndDropsExcludedPoints) {
    model::District d = small_district();
    model::Area zone;
    zone.id = "river";
    zone.geometry = geom::Geometry::from_wkt("POLYGON ((469900 3849900, 471100 3849900, 471100 3852100, 469900 3852100, 469900 3849900))");
    d.exclusions.push_back(std::move(zone));
    PlanSettings ps;
    ps.lattice_spacing_m = 1000.0;
    ps.dedupe_m = 30.0;
    CandidateReport rep;
    const auto sites = candidate_sites(d, ps, rep);
    const std::size_t raw = rep.from_layer + rep.from_communities + rep.from_grids + rep.from_lattice;
    EXPECT_EQ(raw, sites.size() + rep.outside_district + rep.excluded + rep.duplicates);
    EXPECT_EQ(rep.from_communities, 3u);
    EXPECT_EQ(rep.from_grids, 2u);
    EXPECT_EQ(rep.from_lattice, 15u);   // 5 x 3 at 1000 m
    EXPECT_GE(rep.excluded, 6u);        // lattice x = 470000 and 471000 lie in the zone
    EXPECT_GE(rep.duplicates, 1u);      // grid G1's interior point is community A1's
    for (const auto& s : sites) {
        EXPECT_FALSE(s.position.x_m <= 471100.0) << s.id;
        for (const auto& t : sites) {
            if (&s != &t) {
                EXPECT_GT(distance_m(s.position, t.position), 30.0) << s.id << " " << t.id;
            }
        }
    }
}

}  // namespace
}  // namespace stationplan::plan
