// Chinese web-map coordinates: GCJ-02 (Amap, Tencent; the state's obfuscated datum)
// and BD-09 (Baidu, a further offset of GCJ-02), converted to and from WGS84.
//
//   LonLat wgs = io::to_wgs84(io::MapCoords::Gcj02, {113.6654, 34.7579});
//
// The forward transforms are the widely published formulas (GCJ-02 with Krasovsky
// ellipsoid constants a = 6378245, e^2 = 0.00669342162296594323; BD-09 with
// x_pi = pi * 3000 / 180). No closed inverse exists: to_wgs84 iterates the forward
// transform until it reproduces the input within 1e-9 degrees (0.1 mm), far below
// the 0.01 m asked for. GCJ-02 offsets points inside China's bounding box only
// (72.004..137.8347 E, 0.8293..55.8271 N); outside it leaves them unchanged, as the
// published algorithm does. BD-09 applies its own offset everywhere.
#pragma once

#include <optional>
#include <string>

#include "stationplan/geometry.hpp"

namespace stationplan::io {

enum class MapCoords { Wgs84, Gcj02, Bd09 };

// "wgs84", "gcj02", "bd09" (case-insensitive; "gcj-02", "bd-09" too); nullopt otherwise.
std::optional<MapCoords> parse_map_coords(const std::string& text);
const char* to_string(MapCoords coords);

// True inside the box where GCJ-02 applies its offset.
bool gcj02_offset_applies(const LonLat& wgs84);

LonLat wgs84_to_gcj02(const LonLat& wgs84);
LonLat gcj02_to_bd09(const LonLat& gcj02);
LonLat wgs84_to_bd09(const LonLat& wgs84);

// Inverses, iterated to 1e-9 degrees.
LonLat gcj02_to_wgs84(const LonLat& gcj02);
LonLat bd09_to_gcj02(const LonLat& bd09);
LonLat bd09_to_wgs84(const LonLat& bd09);

// Converts a point given in `from` to WGS84 (identity for Wgs84).
LonLat to_wgs84(MapCoords from, const LonLat& point);
// Converts a WGS84 point to `to` (identity for Wgs84).
LonLat from_wgs84(MapCoords to, const LonLat& wgs84);

}  // namespace stationplan::io
