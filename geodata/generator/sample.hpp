// The bundled sample district as the generator builds it, before it is
// written out. Geometry is held in EPSG:4547 metres; the writer converts it
// to EPSG:4326. Only outline, names and codes are real; see geodata/README.md.
//
//   Sample sample = build_sample(geos, projector, raw, kDefaultSeed);
//   write_sample(geos, projector, sample, out_dir);
//   verify_sample(geos, projector, raw, out_dir);   // throws on failure
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geos_adapter.hpp"
#include "raw_inputs.hpp"

namespace stationplan::sample {

class Projector;

inline constexpr std::uint64_t kDefaultSeed = 20191017;

/// The documented cut between the 17 streets the district government runs
/// (west) and the Zhengdong-administered part (east): a meridian, chosen so
/// that the western part is about 135 km².
inline constexpr double kCutLongitude = 113.7556;

inline constexpr std::size_t kCommunityStationCount = 84;
inline constexpr std::size_t kGridCount = 205;
inline constexpr std::size_t kDeputyRows = 400;

/// The nine industry sectors, in station order (I01..I09).
inline constexpr std::array<std::string_view, 9> kSectors = {
    "科技创新", "教育", "文化传媒", "医疗卫生", "法律", "城市管理", "社会工作", "新经济组织", "新社会组织"};

/// Output files, relative to --out.
inline constexpr const char* kGeoPackageFile = "jinshui.gpkg";
inline constexpr const char* kDeputiesFile = "jinshui_deputies.csv";
inline constexpr const char* kPlantedFile = "planted.json";

/// Coordinates are rounded before they are written: points in the GeoPackage
/// to 1e-7 degree (about 1 cm), deputies in the CSV to 1e-6 (about 0.1 m).
inline constexpr int kPointDecimals = 7;
inline constexpr int kDeputyDecimals = 6;

enum class StationKind { street, community, industry };
std::string_view to_string(StationKind kind);

enum class SiteCategory { community_service_centre, school, public_building };
std::string_view to_string(SiteCategory category);

struct District {
    std::string code;
    std::string name;
    double cut_longitude = kCutLongitude;
    Geom area;              // west of the cut line
    Geom statistical_area;  // the whole 410105 outline, both parts
};

struct Street {
    std::string id;  // real 9-digit code
    std::string name;
    Geom area;
    XY seed;
};

struct Community {
    std::string id;  // real 12-digit code
    std::string name;
    std::string street_id;
    bool is_village = false;
    Geom area;
    XY seed;
};

struct Grid {
    std::string id;  // "<street_id>-G01"
    std::string name;
    std::string street_id;
    std::optional<std::string> liaison;
    Geom area;
};

struct Station {
    std::string id;
    std::string name;
    StationKind kind = StationKind::community;
    std::string street_id;     // the street it belongs to (for a misplaced one, not where it is)
    std::string community_id;  // community stations only
    std::string sector;        // industry stations only
    LonLat position;           // rounded to kPointDecimals
};

/// What a deputy row was planted as; `normal` rows satisfy every rule.
enum class DeputyRole {
    normal,
    far,                    // > 1000 m from every station
    outside_district,       // east of the cut line
    unassigned,             // no community station id
    bad_empty_coordinates,  // loader must reject: empty lon/lat
    bad_longitude,          // loader must reject: non-numeric longitude
};

struct Deputy {
    std::string id;  // "D0001"...
    std::string name;
    std::string level;  // 全国 / 省 / 市 / 区
    std::string sector;
    std::string station_id;
    std::string industry_station_id;
    std::string address;
    std::string longitude_text;  // exactly as written to the CSV
    std::string latitude_text;
    LonLat position;  // the intended location (also for bad rows)
    DeputyRole role = DeputyRole::normal;
    bool sector_mismatch = false;
};

struct CandidateSite {
    std::string id;  // "P0001"...
    std::string name;
    SiteCategory category = SiteCategory::community_service_centre;
    std::string street_id;
    LonLat position;
};

/// A way of the synthetic walking network (layer `roads`).
struct Road {
    std::string id;       // "R0001"...
    std::string name;
    std::string highway;  // primary, residential or motorway (not walkable)
    bool bridge = false;  // crosses the river
    Geom line;            // metres; LineString or MultiLineString
};

struct StationLoad {
    std::string station_id;
    int deputies = 0;
};

struct Planted {
    std::vector<std::string> far_deputies;
    std::vector<StationLoad> overloaded_stations;
    std::vector<StationLoad> underloaded_stations;
    struct MisplacedStation {
        std::string station_id;
        std::string street_id;
        std::string located_in_street_id;
        double outside_m = 0.0;
    } misplaced_street_station;
    struct EmptyCommunity {
        std::string community_id;
        std::string name;
        std::string street_id;
    } empty_community;
    struct SectorMismatch {
        std::string deputy_id;
        std::string sector;
        std::string industry_station_id;
        std::string expected_station_id;
    };
    std::vector<SectorMismatch> sector_mismatch;
    std::vector<std::string> unassigned_deputies;
    struct OutsideDeputy {
        std::string deputy_id;
        double outside_m = 0.0;
    } outside_district;
    struct BadRow {
        std::string deputy_id;
        std::string reason;
    };
    std::vector<BadRow> bad_rows;
    std::vector<std::string> missing_liaison_grids;
};

struct Sample {
    std::uint64_t seed = kDefaultSeed;
    District district;
    std::vector<Street> streets;         // by id
    std::vector<Community> communities;  // by id
    std::vector<Grid> grids;             // by id
    std::vector<Station> stations;       // street, community, industry; each by id
    std::vector<Deputy> deputies;        // by id
    std::vector<CandidateSite> sites;    // by id
    std::vector<Road> roads;             // by id
    Geom river;                          // the synthetic river's centre line (metres)
    Planted planted;
};

/// Builds the whole sample from the raw inputs; deterministic for a seed.
/// Throws if a requirement of the sample cannot be met.
Sample build_sample(const Geos& geos, const Projector& projector, const RawInputs& raw, std::uint64_t seed);

/// Deletes the three output files in `out_dir` and writes them afresh.
void write_sample(const Geos& geos, const Projector& projector, const Sample& sample,
                  const std::filesystem::path& out_dir);

/// Reads the written files back (GeoPackage and CSV through OGR, planted.json
/// through nlohmann::json) and checks every count, field, geometry rule and
/// planted imperfection against what the files themselves say; uses nothing
/// of the in-memory sample. Throws listing every failure.
void verify_sample(const Geos& geos, const Projector& projector, const RawInputs& raw,
                   const std::filesystem::path& out_dir);

}  // namespace stationplan::sample
