// A seeded synthetic city that is valid but hard: the input of the robustness
// benchmark (bench/run_robustness.sh, bench/README.md "The robustness benchmark").
//
//   bench::RobustOptions opt = bench::RobustOptions::preset(7, bench::CitySize::Small);
//   opt.shape = bench::CityShape::Islands;
//   opt.fit_strips();                                          // a Strips city has a capped area
//   bench::RobustCity city = bench::make_robust_city(opt);   // metres, EPSG:4547
//   // make_robust_city.cpp writes it as GeoPackage/Shapefile/FlatGeobuf/CSV/XLSX
//
// Every polygon is a valid (OGC) Polygon or MultiPolygon, but the shapes are the ones
// that break overlay code: Voronoi cells with slivers (collinear seed triples give
// cells a few decimetres wide, near-duplicate seeds and near-cocircular seed quads give
// Voronoi edges of a micrometre), holes (a lake, a park, an enclave street, an enclave
// community), multipolygons (islands, exclaves of concave cuts), grids that are strips
// metres wide and kilometres long, grids cut independently of communities, vertices
// 1e-7 m apart, points on vertices and edges, duplicate points and points outside the
// district. Coordinates are EPSG:4547 metres (CGCS2000 3-degree Gauss-Krüger CM 114E);
// the writer reprojects each layer to the CRS it is written in.
//
// Random numbers: std::mt19937_64 turned into uniforms from the raw bits (no
// std::*_distribution), one stream per stage, so a seed gives the same city on every
// machine with the same GEOS and libm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace stationplan::sample {
class Geos;
}

namespace stationplan::bench {

struct XYm {
    double x = 0.0;  // easting, metres (EPSG:4547)
    double y = 0.0;  // northing, metres
};

using Ring = std::vector<XYm>;  // closed: front() == back()
struct PolygonXY {
    Ring shell;
    std::vector<Ring> holes;
};
using MultiPolygonXY = std::vector<PolygonXY>;  // one element: a Polygon

enum class CitySize { Tiny, Small, Medium, Large };
// Star: a star-shaped outline with a wavy edge. Staircase: the same star rasterised on
// a 100 m grid (outlines quantised like the 1/1024-degree web-map data users have).
// Islands: a mainland with a lake plus two islands (a MultiPolygon district). Strips:
// a band 1.5-3 km wide and tens of kilometres long, every grid a strip along it.
enum class CityShape { Star, Staircase, Islands, Strips };

struct RobustOptions {
    std::uint64_t seed = 1;
    CitySize size = CitySize::Small;
    CityShape shape = CityShape::Star;
    double area_km2 = 80.0;
    std::size_t streets = 8;
    std::size_t communities_per_street = 8;
    std::size_t grids_per_street = 10;
    std::size_t deputies = 2000;
    // Community stations: one in this share of the communities, more where deputies
    // are many (at most deputies_per_station deputies per station on average). About
    // 0.4 stations per km2, as in the bundled sample and in city-s8, so that a fifth
    // of the grids is only partly within the radius.
    double station_share = 0.55;
    double deputies_per_station = 25.0;
    double strip_street_share = 0.3;     // streets whose grids are strips (all of them for Strips)
    double lon = 113.70, lat = 34.78;    // centre of the city

    // A Strips city is a band at most kMaxStripLengthM long (so it stays in the 114E zone).
    static constexpr double kMaxStripLengthM = 60'000.0;
    static constexpr double kMaxStripKm2 = 180.0;

    // The size's counts and area; shape, centre and station share drawn from the seed.
    // Call fit_strips() once the shape is final.
    static RobustOptions preset(std::uint64_t seed, CitySize size);
    // Caps a Strips city's area at kMaxStripKm2 (fewer streets in proportion).
    void fit_strips();
    double strip_width_m() const;
    // Throws std::invalid_argument when the counts cannot make a city.
    void validate() const;
};

struct AreaFeature {
    std::string id;
    std::string name;
    std::string street_id;  // communities, grids
    std::string liaison;    // grids (may be empty)
    MultiPolygonXY shape;
    MultiPolygonXY plain;   // the shape before close vertices were added (empty: none were)
};

enum class StationKind { Street, Community, Industry };

struct StationFeature {
    std::string id;
    std::string name;
    StationKind kind = StationKind::Community;
    std::string street_id, community_id, sector, status;
    int capacity_min = 0, capacity_max = 0;  // 0: left empty (the tool assumes 3..5)
    XYm position;
    // >= 0: the station stands at this community's centre (point on surface) as the
    // community is written, which the writer recomputes after rounding the layer.
    long centre_of_community = -1;
};

struct DeputyRecord {
    std::string id, name;
    int level = 0;   // index into kLevelNames
    int sector = -1; // index into kSectorNames, -1: none
    std::string station_id, industry_station_id;
    XYm position;
};

struct SiteFeature {
    std::string id, name, category;
    double cost = 1.0;
    XYm position;
};

// What was planted, for the manifest (city.json) and the benchmark's table.
struct Planted {
    std::size_t sliver_triples = 0, near_duplicate_seeds = 0, cocircular_quads = 0;
    std::size_t voronoi_retries = 0;        // partitions redrawn without their degenerate seeds
    std::size_t enclave_streets = 0, enclave_communities = 0, lakes = 0, parks = 0, islands = 0;
    std::size_t strip_streets = 0, strip_grids = 0;
    double thinnest_grid_m = 0.0;            // 2 * area / perimeter of the thinnest grid
    double thinnest_community_m = 0.0;
    double longest_strip_m = 0.0;            // the longest side of the thinnest strip's envelope
    std::size_t close_vertex_pairs = 0;      // vertices inserted 1e-7 m from another
    std::size_t multipolygon_streets = 0, multipolygon_communities = 0, multipolygon_grids = 0;
    std::size_t holed_streets = 0, holed_communities = 0, holed_grids = 0;
    std::size_t stations_on_vertices = 0, stations_on_edges = 0, stations_duplicated = 0, stations_outside = 0;
    std::size_t stations_near_duplicate = 0;  // 1e-7 m to 1 mm from another station
    std::size_t stations_at_centres = 0;      // at the community's point on surface
    std::size_t candidates_at_stations = 0;   // on a street or community station, or a hair beside it
    std::size_t deputies_on_vertices = 0, deputies_on_edges = 0, deputies_duplicated = 0, deputies_outside = 0;
    std::size_t deputies_at_stations = 0, deputies_unknown_station = 0;
};

struct RobustCity {
    RobustOptions options;
    MultiPolygonXY district;
    std::vector<AreaFeature> streets, communities, grids, exclusions;
    std::vector<StationFeature> stations;
    std::vector<DeputyRecord> deputies;
    std::vector<SiteFeature> candidates;
    Planted planted;
};

inline constexpr const char* kLevelNames[4] = {"区", "市", "省", "全国"};
inline constexpr const char* kLevelNamesEn[4] = {"district", "municipal", "provincial", "national"};
inline constexpr const char* kSectorNames[9] = {"科技创新", "教育",     "文化传媒",   "医疗卫生",  "法律",
                                                "城市管理", "社会工作", "新经济组织", "新社会组织"};

RobustCity make_robust_city(const RobustOptions& options);

// GEOS on finished shapes, for the writer: validity as the tool checks it
// (GEOSisValid; empty when valid, else GEOS's reason with its location) and the
// point on surface (what the tool takes as an area's interior point).
class ShapeTools {
public:
    ShapeTools();
    ~ShapeTools();
    ShapeTools(const ShapeTools&) = delete;
    ShapeTools& operator=(const ShapeTools&) = delete;
    std::string problem(const MultiPolygonXY& shape) const;
    std::string problem_wkb(const unsigned char* wkb, std::size_t size) const;  // ISO or OGC WKB
    XYm point_on_surface(const MultiPolygonXY& shape) const;
    // GEOS make-valid, polygonal part (empty when nothing polygonal is left).
    MultiPolygonXY make_valid(const MultiPolygonXY& shape) const;

private:
    std::unique_ptr<sample::Geos> m_geos;
};

const char* to_string(CitySize size);
const char* to_string(CityShape shape);
// Throw std::invalid_argument on an unknown name.
CitySize parse_size(const std::string& text);
CityShape parse_shape(const std::string& text);

// Deterministic random numbers (see the header comment).
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t stream);
    double uniform();                      // [0, 1)
    double uniform(double lo, double hi);  // [lo, hi)
    std::size_t index(std::size_t n);      // [0, n), n > 0
    bool chance(double p) { return uniform() < p; }
    double gaussian();                     // standard normal (Box-Muller)

private:
    std::mt19937_64 m_engine;
};

}  // namespace stationplan::bench
