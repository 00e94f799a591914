#include "io/china_coords.hpp"

#include <algorithm>
#include <cmath>

namespace stationplan::io {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Krasovsky 1940 ellipsoid, as the published GCJ-02 formula uses it.
constexpr double kA = 6378245.0;
constexpr double kEe = 0.00669342162296594323;
constexpr double kXPi = kPi * 3000.0 / 180.0;
// Iteration stops when the forward transform reproduces the input this closely
// (degrees; 1e-9 deg is about 0.1 mm), or after kMaxIterations (never reached in
// practice: each step gains about three digits).
constexpr double kToleranceDeg = 1e-9;
constexpr int kMaxIterations = 50;

double offset_lat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offset_lon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

// Inverts `forward` near the identity: w <- w - (forward(w) - target).
template <typename Forward>
LonLat invert(const LonLat& target, Forward forward) {
    LonLat w = target;
    for (int i = 0; i < kMaxIterations; ++i) {
        const LonLat f = forward(w);
        const double dlon = f.lon_deg - target.lon_deg;
        const double dlat = f.lat_deg - target.lat_deg;
        if (std::fabs(dlon) < kToleranceDeg && std::fabs(dlat) < kToleranceDeg) break;
        w.lon_deg -= dlon;
        w.lat_deg -= dlat;
    }
    return w;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::optional<MapCoords> parse_map_coords(const std::string& text) {
    const std::string t = lower(text);
    if (t == "wgs84" || t == "wgs-84") return MapCoords::Wgs84;
    if (t == "gcj02" || t == "gcj-02") return MapCoords::Gcj02;
    if (t == "bd09" || t == "bd-09") return MapCoords::Bd09;
    return std::nullopt;
}

const char* to_string(MapCoords coords) {
    switch (coords) {
        case MapCoords::Wgs84: return "wgs84";
        case MapCoords::Gcj02: return "gcj02";
        case MapCoords::Bd09: return "bd09";
    }
    return "?";
}

bool gcj02_offset_applies(const LonLat& p) {
    return p.lon_deg >= 72.004 && p.lon_deg <= 137.8347 && p.lat_deg >= 0.8293 && p.lat_deg <= 55.8271;
}

LonLat wgs84_to_gcj02(const LonLat& p) {
    if (!gcj02_offset_applies(p)) return p;
    const double x = p.lon_deg - 105.0;
    const double y = p.lat_deg - 35.0;
    const double rad_lat = p.lat_deg / 180.0 * kPi;
    double magic = std::sin(rad_lat);
    magic = 1.0 - kEe * magic * magic;
    const double sqrt_magic = std::sqrt(magic);
    const double dlat = (offset_lat(x, y) * 180.0) / ((kA * (1.0 - kEe)) / (magic * sqrt_magic) * kPi);
    const double dlon = (offset_lon(x, y) * 180.0) / (kA / sqrt_magic * std::cos(rad_lat) * kPi);
    return {p.lon_deg + dlon, p.lat_deg + dlat};
}

LonLat gcj02_to_bd09(const LonLat& p) {
    const double x = p.lon_deg, y = p.lat_deg;
    const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kXPi);
    const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kXPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat wgs84_to_bd09(const LonLat& p) { return gcj02_to_bd09(wgs84_to_gcj02(p)); }

LonLat gcj02_to_wgs84(const LonLat& p) {
    // Outside the box the forward transform is the identity, and so is its inverse.
    if (!gcj02_offset_applies(p)) return p;
    return invert(p, wgs84_to_gcj02);
}

LonLat bd09_to_gcj02(const LonLat& p) { return invert(p, gcj02_to_bd09); }

LonLat bd09_to_wgs84(const LonLat& p) { return invert(p, wgs84_to_bd09); }

LonLat to_wgs84(MapCoords from, const LonLat& p) {
    switch (from) {
        case MapCoords::Wgs84: return p;
        case MapCoords::Gcj02: return gcj02_to_wgs84(p);
        case MapCoords::Bd09: return bd09_to_wgs84(p);
    }
    return p;
}

LonLat from_wgs84(MapCoords to, const LonLat& p) {
    switch (to) {
        case MapCoords::Wgs84: return p;
        case MapCoords::Gcj02: return wgs84_to_gcj02(p);
        case MapCoords::Bd09: return wgs84_to_bd09(p);
    }
    return p;
}

}  // namespace stationplan::io
