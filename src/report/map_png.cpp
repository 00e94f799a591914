#include "report/map_png.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "io/output_file.hpp"
#include "io/raster_map.hpp"

namespace stationplan::report {
namespace {

using io::Rgb;

// Covered share 0 -> red, 1 -> green, through pale yellow (as on the HTML map).
Rgb share_colour(double share) {
    const double s = std::clamp(share, 0.0, 1.0);
    auto mix = [](double a, double b, double t) { return static_cast<std::uint8_t>(std::lround(a + (b - a) * t)); };
    if (s < 0.5) return {mix(222, 250, s * 2), mix(84, 222, s * 2), mix(70, 140, s * 2)};
    return {mix(250, 120, (s - 0.5) * 2), mix(222, 196, (s - 0.5) * 2), mix(140, 120, (s - 0.5) * 2)};
}

constexpr Rgb kDistrict{20, 20, 20}, kStreet{60, 60, 60}, kCommunity{165, 165, 165}, kRadius{70, 130, 200},
    kStreetStation{150, 20, 40}, kCommunityStation{20, 80, 190}, kIndustryStation{120, 50, 160},
    kUncovered{230, 30, 30}, kSuggestion{245, 140, 0}, kWhite{255, 255, 255};

Rgb station_colour(StationKind k) {
    switch (k) {
        case StationKind::Street: return kStreetStation;
        case StationKind::Community: return kCommunityStation;
        case StationKind::Industry: return kIndustryStation;
    }
    return kCommunityStation;
}

io::Extent padded(const geom::Envelope& e, double share) {
    const double px = (e.max_x - e.min_x) * share, py = (e.max_y - e.min_y) * share;
    return {e.min_x - px, e.min_y - py, e.max_x + px, e.max_y + py};
}

// Whether something within `margin` of the envelope can show on the map: street maps
// skip the rest of the district instead of drawing it off the image.
bool visible(const io::RasterMap& map, const geom::Envelope& e, double margin) {
    const io::Extent& x = map.extent();
    return !e.empty && e.max_x + margin >= x.min_x && e.min_x - margin <= x.max_x && e.max_y + margin >= x.min_y &&
           e.min_y - margin <= x.max_y;
}
bool visible(const io::RasterMap& map, const XY& p, double margin) {
    return visible(map, geom::Envelope{p.x_m, p.y_m, p.x_m, p.y_m, false}, margin);
}

void draw(io::RasterMap& map, const model::District& d, const measure::Measurement& m, const Scenario& sc,
          const SuggestOutcome* suggest, bool redact, double line_scale) {
    for (std::size_t i = 0; i < d.grids.size(); ++i)
        if (visible(map, d.grids[i].geometry.envelope(), 0))
            map.fill(d.grids[i].geometry.to_wkb(), share_colour(m.grids[i].covered_ratio));
    for (const auto& c : d.communities)
        if (visible(map, c.geometry.envelope(), 0)) map.outline(c.geometry.to_wkb(), kCommunity, 1.0);
    for (std::size_t i = 0; i < d.stations.size(); ++i)
        if (m.stations[i].counted && visible(map, d.stations[i].position, sc.radius_m))
            map.ring(d.stations[i].position, sc.radius_m, kRadius, 1.0);
    for (const auto& s : d.streets)
        if (visible(map, s.geometry.envelope(), 0)) map.outline(s.geometry.to_wkb(), kStreet, 2.0 * line_scale);
    if (d.outline) map.outline(d.outline->geometry.to_wkb(), kDistrict, 3.0 * line_scale);
    // Dots off the image are skipped (a street map of a whole city would otherwise
    // burn every deputy and station of the city).
    const double px = map.metres_per_pixel();
    if (!redact)
        for (std::size_t i = 0; i < d.deputies.size(); ++i)
            if (!m.deputies[i].covered && visible(map, d.deputies[i].position, 2.5 * line_scale * px))
                map.dot(d.deputies[i].position, 2.5 * line_scale, kUncovered);
    for (const auto& s : d.stations) {
        const double r = (s.kind == StationKind::Street ? 6.0 : 4.5) * line_scale;
        if (!visible(map, s.position, (r + 1.0) * px)) continue;
        map.dot(s.position, r + 1.0, kWhite);
        map.dot(s.position, r, station_colour(s.kind));
    }
    if (suggest)
        for (const auto& s : suggest->sites) {
            if (!visible(map, s.position, 8.0 * line_scale * px)) continue;
            map.dot(s.position, 8.0 * line_scale, kDistrict);
            map.dot(s.position, 6.5 * line_scale, kSuggestion);
        }
}

}  // namespace

std::string file_safe(const std::string& id) {
    std::string out;
    for (unsigned char c : id) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
            out += static_cast<char>(c);
        else
            out += fmt::format("_{:02X}", c);
    }
    return out;
}

std::vector<std::filesystem::path> write_map_pngs(const model::District& d, const measure::Measurement& m,
                                                  const Scenario& sc, const SuggestOutcome* suggest, bool redact,
                                                  const std::filesystem::path& dir, const MapImages& size) {
    std::error_code made;
    std::filesystem::create_directories(dir, made);
    if (made) throw io::WriteError(dir, made.message());
    std::vector<std::filesystem::path> files;
    geom::Envelope all;
    auto grow = [&](const geom::Envelope& e) {
        if (e.empty) return;
        if (all.empty) {
            all = e;
            return;
        }
        all.min_x = std::min(all.min_x, e.min_x), all.min_y = std::min(all.min_y, e.min_y);
        all.max_x = std::max(all.max_x, e.max_x), all.max_y = std::max(all.max_y, e.max_y);
    };
    if (d.outline) grow(d.outline->geometry.envelope());
    for (const auto& s : d.streets) grow(s.geometry.envelope());
    {
        io::RasterMap map(size.overview_width, size.overview_height, padded(all, 0.03));
        draw(map, d, m, sc, suggest, redact, 1.0);
        files.push_back(dir / "overview.png");
        map.write_png(files.back());
    }
    for (const auto& s : d.streets) {
        io::RasterMap map(size.street_width, size.street_height, padded(s.geometry.envelope(), 0.08));
        draw(map, d, m, sc, suggest, redact, 1.5);
        files.push_back(dir / ("street-" + file_safe(s.id) + ".png"));
        map.write_png(files.back());
    }
    return files;
}

}  // namespace stationplan::report
