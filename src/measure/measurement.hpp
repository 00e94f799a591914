// What the check measures, per deputy, station, community, grid and street, and
// each rule's outcome. measure_district() is pure: it reads the model and writes
// nothing; report/ turns a Measurement into files.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "geom/geos.hpp"
#include "measure/road_network.hpp"
#include "model/district.hpp"
#include "stationplan/check.hpp"

namespace stationplan::measure {

constexpr double kNoDistance = std::numeric_limits<double>::quiet_NaN();

// Coordinates that went through a reprojection round trip move by micrometres: a
// point within this distance of an area's boundary counts as inside that area, as a
// deputy within it beyond the radius counts as covered (CoverageRule, the same
// tolerance): such noise never flips a rule.
constexpr double kCoordinateTolerance_m = CoverageRule::kTolerance;

struct DeputyMeasure {
    std::optional<std::size_t> street, community, grid;   // containing areas (indexes)
    std::optional<std::size_t> station;                   // assigned station, if it exists
    double station_distance_m = kNoDistance;
    std::optional<std::size_t> nearest;                   // nearest counted station
    double nearest_distance_m = kNoDistance;
    bool covered = false;                                 // R1: within the radius by the scenario's distance
    bool inside_district = false;
    // Network distance only: the nearest counted station on foot (within the cutoff).
    std::optional<std::size_t> nearest_walk;
    double nearest_walk_m = kNoDistance;
    WalkStatus walk_status = WalkStatus::Unreachable;
    double access_m = kNoDistance;                        // straight leg to the nearest road
    bool covered_straight = false;                        // nearest_distance_m <= radius (+ 1 mm)
    bool measures_disagree = false;                       // straight line and walking disagree about R1
};

struct StationMeasure {
    std::optional<std::size_t> street, community;         // containing areas
    std::size_t load = 0;                                 // deputies assigned
    bool counted = false;                                 // counts for the radius rule
    std::optional<bool> within_capacity;                  // community stations only
    bool inside_district = false;
};

struct CommunityMeasure {
    std::size_t deputies = 0;   // deputies whose location is inside
    std::size_t stations = 0;   // stations located inside
};

struct GridMeasure {
    double area_m2 = 0.0;
    double covered_area_m2 = 0.0;
    double covered_ratio = 0.0;
    bool covered = false;       // uncovered area <= topology tolerance
    std::size_t deputies = 0;
    geom::Geometry covered_part;
    geom::Geometry uncovered_part;
    // Non-empty when GEOS could not compute this grid's coverage (the operation and
    // its message): the grid is reported under R4 as not known to be covered, its
    // covered area is NaN and its parts are empty; the run goes on.
    std::string coverage_problem;
};

struct StreetMeasure {
    std::size_t communities = 0, grids = 0;
    std::size_t street_stations = 0, community_stations = 0, industry_stations = 0;
    std::size_t deputies = 0, covered_deputies = 0;
};

struct Measurement {
    std::vector<DeputyMeasure> deputies;
    std::vector<StationMeasure> stations;
    std::vector<CommunityMeasure> communities;
    std::vector<GridMeasure> grids;
    std::vector<StreetMeasure> streets;
    std::vector<geom::Geometry> station_circles;  // per station; empty geometry when not counted
    std::vector<RuleOutcome> rules;
    std::size_t covered_deputies = 0;

    // Network distance only.
    bool network = false;
    std::size_t walk_disagree = 0;        // deputies covered in a straight line but not on foot
    std::size_t walk_unreachable = 0;     // no road path to any counted station
    std::size_t walk_beyond_cutoff = 0;   // connected, but no counted station within the cutoff
    double walk_cutoff_m = 0.0;
    std::size_t road_nodes = 0, road_edges = 0, road_components = 0;
    double road_length_m = 0.0;
    std::vector<geom::Geometry> walk_service_areas;   // per station; null when not counted
};

// The roads of a district as a network (walkable lines, the scenario's tolerance).
RoadNetwork build_road_network(const model::District& district, const Scenario& scenario);

// Network distance: each deputy's nearest counted station on foot, R1 by walking
// distance, the disagreement flags and the service areas. Called by measure_district.
void measure_walking(const model::District& district, const Scenario& scenario, Measurement& m);

Measurement measure_district(const model::District& district, const Scenario& scenario);

// The check's outcome (counts and rules) for library callers and summary.json.
CheckOutcome summarize(const model::District& district, const Measurement& m, const Scenario& scenario);

// Covered area of each grid by the union of radius circles (GEOS buffer, union,
// intersection), using an rtree to take only stations that can reach the grid.
void measure_grid_coverage(const model::District& district, const Scenario& scenario, Measurement& m);

// R7's geometric part: areas inside their street, overlaps and gaps above the
// tolerance. Appends violation lines.
void check_topology(const model::District& district, const Scenario& scenario, std::vector<std::string>& violations);

}  // namespace stationplan::measure
