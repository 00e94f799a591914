// The real open data the sample is built from (geodata/raw/), read through
// GDAL/OGR: the district outline (GeoJSON) and the NBS 2023 street and
// village-level codes (CSV). See geodata/raw/ and geodata/README.md.
//
//   RawInputs raw = read_raw_inputs(geos, "geodata/raw");
//   raw.core_streets();   // the 17 streets the district government runs
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "geos_adapter.hpp"

namespace stationplan::sample {

struct RawStreet {
    std::string code;  // 9-digit NBS township code, e.g. "410105001"
    std::string name;  // e.g. "经八路街道"
    bool core17 = false;
};

struct RawCommunity {
    std::string code;         // 12-digit NBS village-level code
    std::string name;         // upstream name, e.g. "体育社区居民居委会"
    bool is_village = false;  // kind == "village" (村委会)
    std::string street_code;
};

struct RawInputs {
    std::string district_code;  // "410105"
    std::string district_name;  // "金水区"
    Geom outline_lonlat;        // the statistical district, EPSG:4326 lon/lat
    std::vector<RawStreet> streets;
    std::vector<RawCommunity> communities;

    /// The 17 streets flagged jinshui_core17 = 1, in code order.
    std::vector<RawStreet> core_streets() const;
    /// The village-level units of one street, in code order.
    std::vector<RawCommunity> communities_of(const std::string& street_code) const;
};

inline constexpr const char* kOutlineFile = "jinshui_outline.geojson";
inline constexpr const char* kStreetsFile = "jinshui_subdistricts.csv";
inline constexpr const char* kCommunitiesFile = "jinshui_communities.csv";

/// Reads and validates the three raw files; throws naming the file, row and
/// field at fault.
RawInputs read_raw_inputs(const Geos& geos, const std::filesystem::path& raw_dir);

}  // namespace stationplan::sample
