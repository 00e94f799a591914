#include "geos_adapter.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace stationplan::sample {

namespace {

void store_geos_message(const char* message, void* userdata) {
    auto* sink = static_cast<std::string*>(userdata);
    *sink = message != nullptr ? message : "(no message)";
}

struct TransformCall {
    const std::function<bool(double&, double&)>* transform = nullptr;
};

int transform_xy(double* x, double* y, void* userdata) {
    const auto* call = static_cast<const TransformCall*>(userdata);
    return (*call->transform)(*x, *y) ? 1 : 0;
}

void collect_polygons(const Geos& geos, const GEOSGeometry& geometry, std::vector<Geom>& out) {
    const int type = geos.type_id(geometry);
    if (type == GEOS_POLYGON) {
        if (!geos.is_empty(geometry)) {
            out.push_back(geos.clone(geometry));
        }
        return;
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int count = GEOSGetNumGeometries_r(geos.handle(), &geometry);
        for (int i = 0; i < count; ++i) {
            collect_polygons(geos, *GEOSGetGeometryN_r(geos.handle(), &geometry, i), out);
        }
    }
}

GEOSCoordSequence* make_sequence(GEOSContextHandle_t context, const std::vector<XY>& points, bool close) {
    const bool add_closing = close && !points.empty() &&
                             (points.front().x != points.back().x || points.front().y != points.back().y);
    const auto size = static_cast<unsigned int>(points.size() + (add_closing ? 1U : 0U));
    GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(context, size, 2);
    if (sequence == nullptr) {
        throw std::runtime_error("GEOS: could not create a coordinate sequence");
    }
    for (unsigned int i = 0; i < points.size(); ++i) {
        GEOSCoordSeq_setXY_r(context, sequence, i, points[i].x, points[i].y);
    }
    if (add_closing) {
        GEOSCoordSeq_setXY_r(context, sequence, size - 1, points.front().x, points.front().y);
    }
    return sequence;
}

}  // namespace

double distance_m(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

void GeomDeleter::operator()(GEOSGeometry* geometry) const noexcept { GEOSGeom_destroy_r(context, geometry); }

void PreparedDeleter::operator()(const GEOSPreparedGeometry* prepared) const noexcept {
    GEOSPreparedGeom_destroy_r(context, prepared);
}

Geos::Geos() : m_context(GEOS_init_r()) {
    if (m_context == nullptr) {
        throw std::runtime_error("GEOS: could not create a context handle");
    }
    GEOSContext_setErrorMessageHandler_r(m_context, &store_geos_message, &m_last_error);
}

Geos::~Geos() { GEOS_finish_r(m_context); }

Geom Geos::own(GEOSGeometry* geometry, std::string_view operation) const {
    if (geometry == nullptr) {
        throw std::runtime_error(fmt::format("GEOS {} failed: {}", operation, m_last_error));
    }
    return Geom(geometry, GeomDeleter{m_context});
}

Geom Geos::clone(const GEOSGeometry& geometry) const {
    return own(GEOSGeom_clone_r(m_context, &geometry), "clone");
}

Geom Geos::point(XY p) const { return own(GEOSGeom_createPointFromXY_r(m_context, p.x, p.y), "createPoint"); }

Geom Geos::multipoint(const std::vector<XY>& points) const {
    std::vector<GEOSGeometry*> parts;
    parts.reserve(points.size());
    for (const XY& p : points) {
        parts.push_back(point(p).release());
    }
    // The collection takes ownership of the parts.
    return own(GEOSGeom_createCollection_r(m_context, GEOS_MULTIPOINT, parts.data(),
                                           static_cast<unsigned int>(parts.size())),
               "createCollection");
}

Geom Geos::linestring(const std::vector<XY>& points) const {
    return own(GEOSGeom_createLineString_r(m_context, make_sequence(m_context, points, false)),
               "createLineString");
}

Geom Geos::polygon(const std::vector<XY>& ring) const {
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(m_context, make_sequence(m_context, ring, true));
    if (shell == nullptr) {
        throw std::runtime_error(fmt::format("GEOS createLinearRing failed: {}", m_last_error));
    }
    return own(GEOSGeom_createPolygon_r(m_context, shell, nullptr, 0), "createPolygon");
}

Geom Geos::box(const Bounds& b) const {
    return polygon({{b.xmin, b.ymin}, {b.xmax, b.ymin}, {b.xmax, b.ymax}, {b.xmin, b.ymax}});
}

Geom Geos::voronoi_cells(const std::vector<XY>& seeds, const GEOSGeometry& extent) const {
    const Geom sites = multipoint(seeds);
    return own(GEOSVoronoiDiagram_r(m_context, sites.get(), &extent, 0.0, 0), "VoronoiDiagram");
}

Geom Geos::intersection(const GEOSGeometry& a, const GEOSGeometry& b) const {
    return own(GEOSIntersection_r(m_context, &a, &b), "Intersection");
}

Geom Geos::union_of(const GEOSGeometry& a, const GEOSGeometry& b) const {
    return own(GEOSUnion_r(m_context, &a, &b), "Union");
}

Geom Geos::difference(const GEOSGeometry& a, const GEOSGeometry& b) const {
    return own(GEOSDifference_r(m_context, &a, &b), "Difference");
}

Geom Geos::union_all(const std::vector<const GEOSGeometry*>& parts) const {
    std::vector<GEOSGeometry*> clones;
    clones.reserve(parts.size());
    for (const GEOSGeometry* part : parts) {
        clones.push_back(clone(*part).release());
    }
    const Geom collection = own(GEOSGeom_createCollection_r(m_context, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                            static_cast<unsigned int>(clones.size())),
                                "createCollection");
    return own(GEOSUnaryUnion_r(m_context, collection.get()), "UnaryUnion");
}

Geom Geos::boundary(const GEOSGeometry& geometry) const {
    return own(GEOSBoundary_r(m_context, &geometry), "Boundary");
}

Geom Geos::buffer(const GEOSGeometry& geometry, double width, int quadrant_segments) const {
    return own(GEOSBuffer_r(m_context, &geometry, width, quadrant_segments), "Buffer");
}

std::vector<Geom> Geos::polygon_parts(const GEOSGeometry& geometry) const {
    std::vector<Geom> parts;
    collect_polygons(*this, geometry, parts);
    return parts;
}

Geom Geos::transform(const GEOSGeometry& geometry,
                     const std::function<bool(double& x, double& y)>& transform) const {
    TransformCall call{&transform};
    return own(GEOSGeom_transformXY_r(m_context, &geometry, &transform_xy, &call), "transformXY");
}

double Geos::area(const GEOSGeometry& geometry) const {
    double value = 0.0;
    if (GEOSArea_r(m_context, &geometry, &value) != 1) {
        throw std::runtime_error(fmt::format("GEOS Area failed: {}", m_last_error));
    }
    return value;
}

double Geos::length(const GEOSGeometry& geometry) const {
    double value = 0.0;
    if (GEOSLength_r(m_context, &geometry, &value) != 1) {
        throw std::runtime_error(fmt::format("GEOS Length failed: {}", m_last_error));
    }
    return value;
}

double Geos::distance(const GEOSGeometry& a, const GEOSGeometry& b) const {
    double value = 0.0;
    if (GEOSDistance_r(m_context, &a, &b, &value) != 1) {
        throw std::runtime_error(fmt::format("GEOS Distance failed: {}", m_last_error));
    }
    return value;
}

Bounds Geos::bounds(const GEOSGeometry& geometry) const {
    Bounds b;
    if (GEOSGeom_getXMin_r(m_context, &geometry, &b.xmin) != 1 ||
        GEOSGeom_getYMin_r(m_context, &geometry, &b.ymin) != 1 ||
        GEOSGeom_getXMax_r(m_context, &geometry, &b.xmax) != 1 ||
        GEOSGeom_getYMax_r(m_context, &geometry, &b.ymax) != 1) {
        throw std::runtime_error(fmt::format("GEOS bounds failed: {}", m_last_error));
    }
    return b;
}

XY Geos::centroid(const GEOSGeometry& geometry) const {
    const Geom c = own(GEOSGetCentroid_r(m_context, &geometry), "Centroid");
    return point_xy(*c);
}

XY Geos::point_xy(const GEOSGeometry& point) const {
    XY p;
    if (GEOSGeomGetX_r(m_context, &point, &p.x) != 1 || GEOSGeomGetY_r(m_context, &point, &p.y) != 1) {
        throw std::runtime_error(fmt::format("GEOS point coordinates failed: {}", m_last_error));
    }
    return p;
}

int Geos::type_id(const GEOSGeometry& geometry) const { return GEOSGeomTypeId_r(m_context, &geometry); }

int Geos::interior_ring_count(const GEOSGeometry& polygon) const {
    return GEOSGetNumInteriorRings_r(m_context, &polygon);
}

bool Geos::is_empty(const GEOSGeometry& geometry) const { return GEOSisEmpty_r(m_context, &geometry) == 1; }

bool Geos::contains(const GEOSGeometry& polygon, XY p) const {
    const Geom pt = point(p);
    const char result = GEOSContains_r(m_context, &polygon, pt.get());
    if (result == 2) {
        throw std::runtime_error(fmt::format("GEOS Contains failed: {}", m_last_error));
    }
    return result == 1;
}

Prepared Geos::prepare(const GEOSGeometry& geometry) const {
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(m_context, &geometry);
    if (prepared == nullptr) {
        throw std::runtime_error(fmt::format("GEOS Prepare failed: {}", m_last_error));
    }
    return Prepared(prepared, PreparedDeleter{m_context});
}

bool Geos::contains(const GEOSPreparedGeometry& prepared, XY p) const {
    const Geom pt = point(p);
    const char result = GEOSPreparedContains_r(m_context, &prepared, pt.get());
    if (result == 2) {
        throw std::runtime_error(fmt::format("GEOS PreparedContains failed: {}", m_last_error));
    }
    return result == 1;
}

double Geos::distance(const GEOSPreparedGeometry& prepared, XY p) const {
    const Geom pt = point(p);
    double value = 0.0;
    if (GEOSPreparedDistance_r(m_context, &prepared, pt.get(), &value) != 1) {
        throw std::runtime_error(fmt::format("GEOS PreparedDistance failed: {}", m_last_error));
    }
    return value;
}

std::string Geos::validity_problem(const GEOSGeometry& geometry) const {
    if (GEOSisValid_r(m_context, &geometry) == 1) {
        return {};
    }
    char* reason = GEOSisValidReason_r(m_context, &geometry);
    std::string text = reason != nullptr ? reason : m_last_error;
    GEOSFree_r(m_context, reason);
    return text;
}

std::string Geos::wkt(const GEOSGeometry& geometry, int decimals) const {
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(m_context);
    GEOSWKTWriter_setTrim_r(m_context, writer, 1);
    GEOSWKTWriter_setRoundingPrecision_r(m_context, writer, decimals);
    char* text = GEOSWKTWriter_write_r(m_context, writer, &geometry);
    std::string result = text != nullptr ? text : "(unprintable geometry)";
    GEOSFree_r(m_context, text);
    GEOSWKTWriter_destroy_r(m_context, writer);
    return result;
}

PreparedPolygon::PreparedPolygon(const Geos& geos, const GEOSGeometry& polygon)
    : m_geos(&geos),
      m_polygon(geos.clone(polygon)),
      m_boundary(geos.boundary(*m_polygon)),
      m_area(geos.prepare(*m_polygon)),
      m_edge(geos.prepare(*m_boundary)) {}

}  // namespace stationplan::sample
