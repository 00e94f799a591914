// A plain raster map drawn with GDAL's rasterizer and written as PNG: for slides,
// where an interactive map does not go. Geometry comes as WKB in the map's CRS.
//
//   io::RasterMap map(1600, 1200, {x0, y0, x1, y1});   // extent in map units, kept to scale
//   map.fill(grid_wkb, {230, 80, 60});
//   map.outline(street_wkb, {40, 40, 40}, 2);
//   map.dot({x, y}, 6, {0, 90, 200});
//   map.write_png(dir / "overview.png");
//
// The image is white where nothing is drawn; later calls paint over earlier ones.
// Output is deterministic (no timestamps, no side-car files).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "stationplan/geometry.hpp"

class GDALDataset;
class OGRGeometry;

namespace stationplan::io {

using Rgb = std::array<std::uint8_t, 3>;

struct Extent {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

class RasterMap {
public:
    // The extent is padded so that it fills width x height at one scale.
    RasterMap(int width, int height, Extent extent);
    ~RasterMap();
    RasterMap(const RasterMap&) = delete;
    RasterMap& operator=(const RasterMap&) = delete;

    void fill(const std::vector<std::uint8_t>& wkb, const Rgb& colour);
    // Draws the boundary of polygons (or a line) about width_px pixels wide.
    void outline(const std::vector<std::uint8_t>& wkb, const Rgb& colour, double width_px);
    void dot(const XY& centre, double radius_px, const Rgb& colour);
    // A circle of radius_m drawn as a ring width_px wide.
    void ring(const XY& centre, double radius_m, const Rgb& colour, double width_px);
    double metres_per_pixel() const { return m_scale; }
    // What the image shows, in map units (the padded extent).
    const Extent& extent() const { return m_extent; }
    // Draws everything queued (one rasterizer pass) and writes the image.
    void write_png(const std::filesystem::path& file);

private:
    struct Closer {
        void operator()(GDALDataset* ds) const;
    };
    // Queues a geometry: GDAL's rasterizer copies the whole image per call, so shapes
    // are burnt in one call, in the order they were drawn.
    void burn(OGRGeometry* geometry, const Rgb& colour);
    void flush();
    struct GeometryDeleter {
        void operator()(OGRGeometry* g) const;
    };
    std::vector<std::unique_ptr<OGRGeometry, GeometryDeleter>> m_queue;
    std::vector<double> m_burn;  // 3 values per queued geometry
    int m_width, m_height;
    double m_scale = 1.0;
    Extent m_extent;
    std::unique_ptr<GDALDataset, Closer> m_ds;
};

}  // namespace stationplan::io
