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

inline double distance_m(const XY& a, const XY& b) {
    return std::hypot(a.x_m - b.x_m, a.y_m - b.y_m);
}

}  // namespace stationplan
