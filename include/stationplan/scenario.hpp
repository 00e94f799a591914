// A scenario says which files and layers hold what, how their fields map onto the
// model, the working CRS and the rules to check. It is read from a TOML file:
//
//   auto sc = stationplan::load_scenario("analysis/jinshui-baseline.toml");
//   sc.radius_m;  // 1000 by default
//
// Relative paths in the file are resolved against the file's folder. Unknown keys
// and wrong types are InputErrors naming the key.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "stationplan/coverage_rule.hpp"
#include "stationplan/enums.hpp"

namespace stationplan {

// Where one input layer comes from and how its fields are named.
struct LayerSource {
    std::filesystem::path file;          // any vector format GDAL reads (or a PG: string)
    std::string layer;                   // empty: the dataset's only / first layer
    std::string crs;                     // overrides (or supplies) the layer's CRS, e.g. "EPSG:4326"
    // Chinese web-map coordinates: "gcj02" (Amap, Tencent) or "bd09" (Baidu) lon/lat are
    // converted to WGS84 before reprojection; "wgs84" or empty: none. An EPSG code
    // ("EPSG:4490") here means the same as crs.
    std::string coords;
    // Attribute text encoding, e.g. "GBK" (checked when the scenario is read); empty: a
    // Shapefile's .cpg (or LDID), else UTF-8, switching to GB18030 with a warning when
    // the text is not UTF-8 but reads as GB18030.
    std::string encoding;
    std::string x_field;                 // for tables without geometry: longitude / easting column
    std::string y_field;                 //   and latitude / northing column
    std::string wkt_field;               //   or a WKT column
    std::map<std::string, std::string> fields;  // model field -> source field name
    std::string key;                     // scenario key, e.g. "layers.deputies" (for messages)

    bool configured() const { return !file.empty(); }
};

// Planning settings ([plan] in a scenario file).
struct PlanSettings {
    // Candidate sites for new stations: the candidates layer, interior points of
    // communities and of grids, and a square lattice clipped to the district.
    bool candidates_from_layer = true;
    bool candidates_from_communities = true;
    bool candidates_from_grids = true;
    double lattice_spacing_m = 500.0;     // 0: no lattice
    double dedupe_m = 30.0;               // candidates closer than this are one site
    StationStatus existing = StationStatus::Fixed;  // default for existing stations
    // Demand weight of a deputy by level (national, provincial, municipal, district,
    // township). A deputy whose level is not known weighs 1.
    double level_weight[5] = {1.0, 1.0, 1.0, 1.0, 1.0};
    // Load of a new community station.
    int new_capacity_min = 3;
    int new_capacity_max = 5;
    double time_limit_s = 60.0;
};

// Walking distance settings ([network] in a scenario file).
struct NetworkSettings {
    // A road line end this close (metres) to another line joins it (digitising near-misses).
    double snap_tolerance_m = 1.0;
    // Values of the roads' `walkable` field that mark a way not walkable (compared
    // trimmed and case-insensitively), e.g. "motorway" when `walkable` maps a highway field.
    std::vector<std::string> skip_values{"no", "false", "0", "否"};
    // Search cutoff for each deputy's nearest station on foot (0: three times the radius).
    double cutoff_m = 0.0;
    // Service areas (walk_service_area layer): reachable roads are widened by the
    // distance left, but by at most this many metres, so they do not reach across a
    // river or a wall to roads on the other side.
    double service_access_m = 100.0;
};

// [vocab]: the data's own words for the model's vocabularies, e.g.
// level = { "区县级" = "district" }. Keys are compared trimmed and, for ASCII letters,
// case-insensitively (stored folded); values are the model's canonical words: a level's
// English name, a sector's Chinese name, a station kind's English name. A mapping is
// applied before the built-in synonyms, so it may also redefine one.
struct Vocabulary {
    std::map<std::string, std::string> level;
    std::map<std::string, std::string> sector;
    std::map<std::string, std::string> kind;
};

struct Scenario {
    std::string name;                    // used for the default output folder
    std::string title;
    std::filesystem::path path;          // the scenario file itself

    // Working metric CRS for every distance and area. "auto": a CGCS2000 3-degree
    // Gauss-Krueger zone chosen from the district's central longitude (EPSG:4547
    // for Zhengzhou), falling back to UTM outside 73.5..136.5 E.
    std::string working_crs = "auto";

    // Radius rule. A distance exactly equal to radius_m counts as covered.
    double radius_m = 1000.0;
    // The radius rule as one comparison (stationplan/coverage_rule.hpp).
    CoverageRule coverage() const { return CoverageRule{radius_m}; }
    std::set<StationKind> counted_kinds{StationKind::Street, StationKind::Community};
    std::set<RuleId> rules{RuleId::R1, RuleId::R2, RuleId::R3, RuleId::R4,
                           RuleId::R5, RuleId::R6, RuleId::R7};

    // R7: gaps and overlaps smaller than this (m^2, per pair or per street) are
    // digitising noise, not violations.
    double topology_tolerance_m2 = 10.0;
    // Radius circles are polygons with this many segments per quarter circle; the
    // largest inward error is radius * (1 - cos(pi / (4 * n))): 1.2 m for 1 km, n = 16.
    int circle_segments = 16;
    // Invalid polygons are repaired (GEOS make-valid) with a warning when true; an
    // InputError otherwise.
    bool repair_invalid = true;
    // Straight-line or walking distance for R1 and planning (network needs [layers.roads]).
    DistanceMode distance = DistanceMode::Euclidean;
    NetworkSettings network;

    LayerSource district;     // optional: the union of the streets is used without it
    LayerSource streets;
    LayerSource communities;
    LayerSource grids;
    LayerSource stations;
    LayerSource deputies;
    LayerSource candidates;   // optional, for planning
    LayerSource exclusions;   // optional polygons where no new station may go
    // Optional address points: deputies with an address but no coordinates are
    // placed at the gazetteer entry their address matches (model/address_match.hpp).
    LayerSource gazetteer;

    // [address]: a fuzzy match needs this confidence (0..1) and a lead of at least
    // ambiguity_margin over the runner-up; otherwise the deputy goes to review.csv.
    double address_min_confidence = 0.8;
    double address_ambiguity_margin = 0.05;
    LayerSource roads;        // optional lines for walking distance

    PlanSettings plan;
    Vocabulary vocab;
};

// Reads and validates a scenario file. Throws InputError.
Scenario load_scenario(const std::filesystem::path& file);

// The scenario of the bundled sample, found next to the executable's source tree.
std::filesystem::path default_scenario_path();


}  // namespace stationplan
