// One radius rule on every path: a deputy at the radius, just inside, within the
// tolerance beyond it, and just beyond it is covered or not alike by the check
// (measure_district), by suggest (the planning instance) and by optimize's CSV
// instances (cover_instance over points and over a cost matrix).
#include <gtest/gtest.h>

#include "measure/measurement.hpp"
#include "plan/csv_instance.hpp"
#include "plan/district_plan.hpp"
#include "support/faux_district.hpp"

namespace stationplan::plan {
namespace {

const char* kStreet = "POLYGON ((0 0, 3000 0, 3000 2000, 0 2000, 0 0))";

TEST(CoverageRule, OneAnswerOnEveryPath) {
    test::FauxDistrict f;
    f.street("A", kStreet).community("A1", "A", kStreet).grid("GA", "A", kStreet);
    const XY station{500, 1000};
    f.station("SA", StationKind::Street, station, "A");
    // Distances from SA: 999.999, 1000, 1000.0009 (within 1 mm), 1000.002 (beyond).
    const std::vector<std::pair<std::string, double>> at{{"inside", 999.999}, {"at", 1000.0}, {"tolerance", 1000.0009}, {"beyond", 1000.002}};
    for (const auto& [id, metres] : at) f.deputy(id, {station.x_m + metres, station.y_m});
    const std::vector<bool> expected{true, true, true, false};
    const model::District d = f.build();
    Scenario sc = f.scenario();
    sc.plan.lattice_spacing_m = 0;  // candidates: the community's and the grid's interior points only

    // The check.
    const measure::Measurement m = measure::measure_district(d, sc);
    for (std::size_t i = 0; i < at.size(); ++i) EXPECT_EQ(m.deputies[i].covered, expected[i]) << "check: " << at[i].first;

    // suggest: deputies covered before any new station are those the check covers.
    SuggestOptions so;
    so.model = SuggestModel::Lscp;
    so.time_limit_s = 5;
    const SuggestResult r = suggest_sites(d, m, sc, so);
    EXPECT_EQ(r.outcome.covered_before, 3u);
    std::vector<std::string> newly;
    for (const auto& s : r.outcome.sites) newly.insert(newly.end(), s.new_deputies.begin(), s.new_deputies.end());
    EXPECT_EQ(newly, std::vector<std::string>{"beyond"});

    // optimize: points and a cost matrix with the same distances.
    PointsCsv demand, sites;
    for (const auto& p : d.deputies) demand.points.push_back(p.position), demand.weight.push_back(1.0);
    sites.points.push_back(station);
    sites.weight.push_back(1.0);
    const CoverInstance by_points = cover_instance(demand, sites, sc.radius_m);
    DistanceInstance costs;
    costs.distance.resize(static_cast<Eigen::Index>(at.size()), 1);
    for (std::size_t i = 0; i < at.size(); ++i) costs.distance(static_cast<Eigen::Index>(i), 0) = distance_m(d.deputies[i].position, station);
    const CoverInstance by_matrix = cover_instance(costs, sc.radius_m);
    for (std::size_t i = 0; i < at.size(); ++i) {
        EXPECT_EQ(!by_points.covers[i].empty(), expected[i]) << "optimize (points): " << at[i].first;
        EXPECT_EQ(!by_matrix.covers[i].empty(), expected[i]) << "optimize (matrix): " << at[i].first;
    }
}

}  // namespace
}  // namespace stationplan::plan
