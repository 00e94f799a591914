// Coordinate value types. Geographic and projected coordinates are different types
// so that one can never be passed where the other is expected.
//
//   stationplan::LonLat ll{113.70, 34.78};        // degrees, EPSG:4326 axis order lon, lat
//   stationplan::XY p{38'472'210.5, 3'849'120.0}; // metres in the working (projected) CRS
#pragma once

#include <cmath>

namespace stationplan {

struct LonLat {
    double lon_deg = 0.0;
    double lat_deg = 0.0;
};

struct XY {
    double x_m = 0.0;
    double y_m = 0.0;
};

// Planar distance in the working CRS. Written as sqrt(dx^2 + dy^2), the formula
// Boost.Geometry's cartesian strategy uses, so indexed and brute-force searches
// agree to the last bit.
inline double distance_m(const XY& a, const XY& b) {
    const double dx = a.x_m - b.x_m;
    const double dy = a.y_m - b.y_m;
    return std::sqrt(dx * dx + dy * dy);
}

}  // namespace stationplan
