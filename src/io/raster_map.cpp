#include "io/raster_map.hpp"

#include <cpl_conv.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <stdexcept>

#include "io/gdal_runtime.hpp"
#include "io/output_file.hpp"

namespace stationplan::io {
namespace {

struct GeometryDeleter {
    void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
using GeometryPtr = std::unique_ptr<OGRGeometry, GeometryDeleter>;

GeometryPtr from_wkb(const std::vector<std::uint8_t>& wkb) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g)
        throw std::runtime_error("raster map: unreadable geometry");
    return GeometryPtr(g);
}

// Circles drawn on maps: 8 segments per quarter are smooth at slide sizes.
constexpr int kQuadrantSegments = 8;

}  // namespace

void RasterMap::Closer::operator()(GDALDataset* ds) const { GDALClose(ds); }

RasterMap::RasterMap(int width, int height, Extent e) : m_width(width), m_height(height) {
    ensure_gdal();
    if (width <= 0 || height <= 0) throw std::invalid_argument("raster map: empty image");
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!mem) throw std::runtime_error("GDAL has no MEM driver");
    m_ds.reset(mem->Create("", width, height, 3, GDT_Byte, nullptr));
    if (!m_ds) throw std::runtime_error("raster map: cannot create the image");
    for (int b = 1; b <= 3; ++b) m_ds->GetRasterBand(b)->Fill(255);
    const double w = std::max(e.max_x - e.min_x, 1.0), h = std::max(e.max_y - e.min_y, 1.0);
    m_scale = std::max(w / width, h / height);
    const double cx = (e.min_x + e.max_x) / 2, cy = (e.min_y + e.max_y) / 2;
    m_extent = {cx - m_scale * width / 2, cy - m_scale * height / 2, cx + m_scale * width / 2, cy + m_scale * height / 2};
    double gt[6] = {cx - m_scale * width / 2, m_scale, 0, cy + m_scale * height / 2, 0, -m_scale};
    m_ds->SetGeoTransform(gt);
}

RasterMap::~RasterMap() = default;

void RasterMap::GeometryDeleter::operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }

void RasterMap::burn(OGRGeometry* geometry, const Rgb& colour) {
    m_queue.emplace_back(geometry);
    for (auto c : colour) m_burn.push_back(double(c));
}

void RasterMap::flush() {
    if (m_queue.empty()) return;
    int bands[3] = {1, 2, 3};
    std::vector<OGRGeometryH> handles;
    for (const auto& g : m_queue) handles.push_back(OGRGeometry::ToHandle(g.get()));
    if (GDALRasterizeGeometries(GDALDataset::ToHandle(m_ds.get()), 3, bands, static_cast<int>(handles.size()), handles.data(),
                                nullptr, nullptr, m_burn.data(), nullptr, nullptr, nullptr) != CE_None)
        throw std::runtime_error("raster map: rasterizing failed");
    m_queue.clear();
    m_burn.clear();
}

void RasterMap::fill(const std::vector<std::uint8_t>& wkb, const Rgb& colour) {
    burn(from_wkb(wkb).release(), colour);
}

void RasterMap::outline(const std::vector<std::uint8_t>& wkb, const Rgb& colour, double width_px) {
    GeometryPtr g = from_wkb(wkb);
    GeometryPtr line(wkbFlatten(g->getGeometryType()) == wkbPolygon || wkbFlatten(g->getGeometryType()) == wkbMultiPolygon
                         ? g->Boundary()
                         : g->clone());
    if (!line) throw std::runtime_error("raster map: no boundary");
    // Only the part on the image is drawn: the line is cut to the image (plus twice
    // its width, so that the cut ends and their round caps fall off the image) before
    // it is widened. A street map of a whole city no longer widens the city's outline.
    const double half = width_px * m_scale / 2, pad = 4 * half + m_scale;
    OGREnvelope env;
    line->getEnvelope(&env);
    if (env.MinX < m_extent.min_x - pad || env.MaxX > m_extent.max_x + pad || env.MinY < m_extent.min_y - pad ||
        env.MaxY > m_extent.max_y + pad) {
        OGRLinearRing ring;
        ring.addPoint(m_extent.min_x - pad, m_extent.min_y - pad);
        ring.addPoint(m_extent.max_x + pad, m_extent.min_y - pad);
        ring.addPoint(m_extent.max_x + pad, m_extent.max_y + pad);
        ring.addPoint(m_extent.min_x - pad, m_extent.max_y + pad);
        ring.closeRings();
        OGRPolygon frame;
        frame.addRing(&ring);
        GeometryPtr cut(line->Intersection(&frame));
        if (!cut) throw std::runtime_error("raster map: cannot cut a line to the image");
        if (cut->IsEmpty()) return;
        line = std::move(cut);
    }
    GeometryPtr band(line->Buffer(half, kQuadrantSegments));
    if (!band) throw std::runtime_error("raster map: cannot buffer a line");
    burn(band.release(), colour);
}

void RasterMap::dot(const XY& c, double radius_px, const Rgb& colour) {
    OGRPoint p(c.x_m, c.y_m);
    GeometryPtr disc(p.Buffer(radius_px * m_scale, kQuadrantSegments));
    if (!disc) throw std::runtime_error("raster map: cannot draw a point");
    burn(disc.release(), colour);
}

void RasterMap::ring(const XY& c, double radius_m, const Rgb& colour, double width_px) {
    OGRPoint p(c.x_m, c.y_m);
    GeometryPtr circle(p.Buffer(radius_m, 4 * kQuadrantSegments));
    if (!circle) throw std::runtime_error("raster map: cannot draw a circle");
    GeometryPtr line(circle->Boundary());
    GeometryPtr band(line ? line->Buffer(width_px * m_scale / 2, kQuadrantSegments) : nullptr);
    if (!band) throw std::runtime_error("raster map: cannot draw a circle");
    burn(band.release(), colour);
}

void RasterMap::write_png(const std::filesystem::path& file) {
    flush();
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (!png) throw std::runtime_error("GDAL has no PNG driver");
    // No .aux.xml beside the image: the PNG alone is the output.
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
    CPLErrorReset();
    GDALDataset* out = png->CreateCopy(file.string().c_str(), m_ds.get(), FALSE, nullptr, nullptr, nullptr);
    CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr);
    if (!out) {
        const char* msg = CPLGetLastErrorMsg();
        throw WriteError(file, write_failure_reason(file, msg && *msg ? msg : "GDAL's PNG driver failed"));
    }
    CPLErrorReset();
    GDALClose(out);
    if (CPLGetLastErrorType() >= CE_Failure) throw WriteError(file, write_failure_reason(file, CPLGetLastErrorMsg()));
}

}  // namespace stationplan::io
