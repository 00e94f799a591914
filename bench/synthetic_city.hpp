// A seeded synthetic city for the benchmarks: a square district in EPSG:4547 split
// into square streets, communities and grids (exact partitions), clustered stations
// and clustered deputies. Everything is a pure function of CityOptions, so the
// check benchmark's files (make_district.cpp) and the nearest-station benchmark
// (nearest_bench.cpp) see the same points for the same seed.
//
//   bench::CityOptions opt;                       // 40 x 40 km, 20,000 stations, 1,000,000 deputies
//   std::vector<XY> stations = bench::station_positions(opt);
//   std::vector<XY> queries = bench::deputy_positions(opt);
//   bench::City city = bench::make_city(opt);     // adds ids, names, attributes, assignments
//
// Random numbers come from std::mt19937_64 (its output sequence is fixed by the C++
// standard) turned into uniforms from the raw bits, never from std::*_distribution
// (implementation-defined). Gaussians use Box-Muller through libm's log/sqrt/cos, so
// the files are identical across runs and machines with the same libm.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "stationplan/geometry.hpp"

namespace stationplan::bench {

// The nine industry sectors (canonical names, as the model spells them).
inline constexpr std::array<const char*, 9> kSectors{"科技创新", "教育",     "文化传媒",   "医疗卫生",  "法律",
                                                     "城市管理", "社会工作", "新经济组织", "新社会组织"};

struct CityOptions {
    std::uint64_t seed = 20240611;
    std::size_t stations = 20'000;     // all kinds: streets() street + 9 industry + the rest community
    std::size_t deputies = 1'000'000;
    XY origin{450'000.0, 3'830'000.0}; // south-west corner, EPSG:4547 metres (near Zhengzhou)
    double side_m = 40'000.0;
    int streets_per_side = 8;          // 8 x 8 = 64 streets of 5 km
    int communities_per_street_side = 4;  // 4 x 4 per street: 1,024 communities of 1.25 km
    int grids_per_street_side = 5;        // 5 x 5 per street: 1,600 grids of 1 km
    std::size_t clusters = 150;        // Gaussian clusters shared by deputies and stations

    std::size_t street_count() const { return static_cast<std::size_t>(streets_per_side) * static_cast<std::size_t>(streets_per_side); }
    std::size_t industry_count() const { return kSectors.size(); }
    // Throws std::invalid_argument when the counts cannot make a city.
    void validate() const;
};

enum class Kind { Street, Community, Industry };

// An axis-aligned square area with its identifiers.
struct SquareArea {
    std::string id;
    std::string name;
    std::string street_id;  // communities and grids
    std::string liaison;    // grids
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

struct CityStation {
    std::string id;
    std::string name;
    Kind kind = Kind::Community;
    std::size_t street = 0;     // index into City::streets
    std::size_t community = 0;  // index into City::communities
    int sector = -1;            // index into kSectors, -1: none
    int capacity_min = 0;       // community stations only (0: not applicable)
    int capacity_max = 0;
    XY position;
};

struct CityDeputy {
    XY position;
    std::uint32_t station = 0;  // index into City::stations (a community station)
    std::uint8_t level = 0;     // index into kLevels
    std::int8_t sector = -1;    // index into kSectors, -1: none
};

inline constexpr std::array<const char*, 4> kLevels{"区", "市", "省", "全国"};

struct City {
    CityOptions options;
    SquareArea district;
    std::vector<SquareArea> streets, communities, grids;
    std::vector<CityStation> stations;  // street stations, then community, then industry
    std::vector<CityDeputy> deputies;
};

// Positions only (cheap): what the nearest-station benchmark needs.
std::vector<XY> station_positions(const CityOptions& options);
std::vector<XY> deputy_positions(const CityOptions& options);

// The whole city: areas, stations with ids and capacities, deputies with level,
// sector and an assigned community station (one of the three nearest).
City make_city(const CityOptions& options);

}  // namespace stationplan::bench
