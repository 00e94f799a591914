#include "geom/geos.hpp"

#include <geos_c.h>

#include <cstdarg>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace stationplan::geom {
namespace {

// GEOS reports errors through a handler; keep the last message per thread so that
// the exception we throw carries GEOS's own words (with the coordinate).
thread_local std::string t_last_error;

void on_geos_message(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    char buf[1024];
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    t_last_error = buf;
}

class Context {
public:
    Context() : m_handle(GEOS_init_r()) {
        GEOSContext_setErrorHandler_r(m_handle, on_geos_message);
        GEOSContext_setNoticeHandler_r(m_handle, nullptr);
    }
    ~Context() { GEOS_finish_r(m_handle); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    GEOSContextHandle_t get() const { return m_handle; }

private:
    GEOSContextHandle_t m_handle;
};

GEOSContextHandle_t ctx() {
    thread_local Context context;
    return context.get();
}

[[noreturn]] void fail(const char* what) {
    throw GeometryError(what, std::string("GEOS ") + what + " failed: " + t_last_error);
}

}  // namespace

void Geometry::Deleter::operator()(GEOSGeom_t* g) const { GEOSGeom_destroy_r(ctx(), g); }

Geometry Geometry::adopt(GEOSGeom_t* raw) {
    if (!raw) fail("operation");
    Geometry g;
    g.m_ptr.reset(raw);
    return g;
}

Geometry Geometry::from_wkb(const std::vector<std::uint8_t>& wkb) {
    GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx());
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx(), reader, wkb.data(), wkb.size());
    GEOSWKBReader_destroy_r(ctx(), reader);
    if (!g) fail("WKB read");
    return adopt(g);
}

Geometry Geometry::from_wkt(const std::string& wkt) {
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx());
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx(), reader, wkt.c_str());
    GEOSWKTReader_destroy_r(ctx(), reader);
    if (!g) fail("WKT read");
    return adopt(g);
}

Geometry Geometry::point(const XY& p) { return adopt(GEOSGeom_createPointFromXY_r(ctx(), p.x_m, p.y_m)); }

Geometry Geometry::empty_polygon() { return adopt(GEOSGeom_createEmptyPolygon_r(ctx())); }

Geometry Geometry::clone() const { return adopt(GEOSGeom_clone_r(ctx(), get())); }

bool Geometry::is_empty() const { return !m_ptr || GEOSisEmpty_r(ctx(), get()) == 1; }

std::string Geometry::type_name() const {
    char* t = GEOSGeomType_r(ctx(), get());
    std::string out = t ? t : "";
    GEOSFree_r(ctx(), t);
    return out;
}

bool Geometry::is_polygonal() const {
    const int id = GEOSGeomTypeId_r(ctx(), get());
    return id == GEOS_POLYGON || id == GEOS_MULTIPOLYGON;
}

std::string Geometry::invalid_reason() const {
    if (GEOSisValid_r(ctx(), get()) == 1) return {};
    char* reason = GEOSisValidReason_r(ctx(), get());
    std::string out = reason ? reason : "invalid geometry";
    GEOSFree_r(ctx(), reason);
    return out;
}

double Geometry::area_m2() const {
    double a = 0.0;
    if (is_empty()) return 0.0;
    if (GEOSArea_r(ctx(), get(), &a) != 1) fail("area");
    return a;
}

Envelope Geometry::envelope() const {
    Envelope e;
    if (is_empty()) return e;
    if (GEOSGeom_getXMin_r(ctx(), get(), &e.min_x) != 1 || GEOSGeom_getYMin_r(ctx(), get(), &e.min_y) != 1 ||
        GEOSGeom_getXMax_r(ctx(), get(), &e.max_x) != 1 || GEOSGeom_getYMax_r(ctx(), get(), &e.max_y) != 1)
        fail("envelope");
    e.empty = false;
    return e;
}

std::vector<std::uint8_t> Geometry::to_wkb() const {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx());
    GEOSWKBWriter_setByteOrder_r(ctx(), writer, GEOS_WKB_NDR);
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(ctx(), writer, get(), &size);
    GEOSWKBWriter_destroy_r(ctx(), writer);
    if (!buf) fail("WKB write");
    std::vector<std::uint8_t> out(buf, buf + size);
    GEOSFree_r(ctx(), buf);
    return out;
}

std::string Geometry::to_wkt(int decimals) const {
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx());
    GEOSWKTWriter_setRoundingPrecision_r(ctx(), writer, decimals);
    GEOSWKTWriter_setTrim_r(ctx(), writer, 1);
    char* text = GEOSWKTWriter_write_r(ctx(), writer, get());
    GEOSWKTWriter_destroy_r(ctx(), writer);
    if (!text) fail("WKT write");
    std::string out = text;
    GEOSFree_r(ctx(), text);
    return out;
}

XY Geometry::interior_point() const {
    Geometry p = adopt(GEOSPointOnSurface_r(ctx(), get()));
    XY out;
    if (GEOSGeomGetX_r(ctx(), p.get(), &out.x_m) != 1 || GEOSGeomGetY_r(ctx(), p.get(), &out.y_m) != 1)
        fail("interior point");
    return out;
}

std::size_t Geometry::num_parts() const {
    const int n = GEOSGetNumGeometries_r(ctx(), get());
    if (n < 0) fail("part count");
    return static_cast<std::size_t>(n);
}

std::vector<XY> Geometry::exterior_vertices() const {
    std::vector<XY> out;
    const int parts = GEOSGetNumGeometries_r(ctx(), get());
    for (int k = 0; k < parts; ++k) {
        const GEOSGeometry* poly = GEOSGetGeometryN_r(ctx(), get(), k);
        if (GEOSGeomTypeId_r(ctx(), poly) != GEOS_POLYGON) continue;
        const GEOSGeometry* ring = GEOSGetExteriorRing_r(ctx(), poly);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx(), ring);
        unsigned size = 0;
        GEOSCoordSeq_getSize_r(ctx(), seq, &size);
        for (unsigned i = 0; i < size; ++i) {
            XY p;
            GEOSCoordSeq_getXY_r(ctx(), seq, i, &p.x_m, &p.y_m);
            out.push_back(p);
        }
    }
    return out;
}

Geometry make_valid_polygonal(const Geometry& g) {
    GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx());
    GEOSMakeValidParams_setMethod_r(ctx(), params, GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(ctx(), params, 0);
    GEOSGeometry* raw = GEOSMakeValidWithParams_r(ctx(), g.get(), params);
    GEOSMakeValidParams_destroy_r(ctx(), params);
    if (!raw) fail("make-valid");
    Geometry fixed = Geometry::adopt(raw);
    if (fixed.is_polygonal() || fixed.is_empty()) return fixed;
    // A collection: keep its polygons only (dangling lines have no area).
    std::vector<Geometry> polys;
    const int n = GEOSGetNumGeometries_r(ctx(), fixed.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx(), fixed.get(), i);
        const int id = GEOSGeomTypeId_r(ctx(), part);
        if (id == GEOS_POLYGON || id == GEOS_MULTIPOLYGON) polys.push_back(Geometry::adopt(GEOSGeom_clone_r(ctx(), part)));
    }
    return unary_union(std::move(polys));
}

Geometry ensure_valid_polygonal(Geometry g) {
    if (g.is_null() || GEOSisValid_r(ctx(), g.get()) == 1) return g;
    return make_valid_polygonal(g);
}

Geometry buffer_point(const XY& center, double radius_m, int quadrant_segments) {
    Geometry p = Geometry::point(center);
    return buffer(p, radius_m, quadrant_segments);
}

Geometry buffer(const Geometry& g, double distance_m, int quadrant_segments) {
    GEOSGeometry* out = GEOSBuffer_r(ctx(), g.get(), distance_m, quadrant_segments);
    if (!out) fail("buffer");
    return Geometry::adopt(out);
}

namespace {

// An overlay that cannot fall over: GEOS's floating-point OverlayNG first (fast, and
// exact to the last bit on ordinary data); when it fails or its result is not
// valid (nearly coincident edges can do either), the same overlay with
// snap-rounding on the kPrecisionGrid_m grid, which nodes every crossing on that
// grid; and should even that result be invalid, its make-valid repair. The result
// is always valid, so the operations and predicates that follow it are safe.
template <typename Floating, typename OnGrid>
Geometry robust_overlay(const char* what, Floating floating, OnGrid on_grid) {
    if (GEOSGeometry* g = floating()) {
        if (GEOSisValid_r(ctx(), g) == 1) return Geometry::adopt(g);
        GEOSGeom_destroy_r(ctx(), g);

    }
    GEOSGeometry* g = on_grid();
    if (!g) fail(what);
    Geometry out = Geometry::adopt(g);
    if (GEOSisValid_r(ctx(), out.get()) == 1) return out;
    return make_valid_polygonal(out);
}

}  // namespace

Geometry unary_union(std::vector<Geometry> parts) {
    if (parts.empty()) return Geometry::empty_polygon();
    if (parts.size() == 1) return std::move(parts.front());
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    // The collection takes ownership of the parts: release them from their RAII.
    for (auto& p : parts) raw.push_back(GEOSGeom_clone_r(ctx(), p.get()));
    parts.clear();
    Geometry coll = Geometry::adopt(GEOSGeom_createCollection_r(ctx(), GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                                 static_cast<unsigned>(raw.size())));
    return robust_overlay(
        "union", [&] { return GEOSUnaryUnion_r(ctx(), coll.get()); },
        [&] { return GEOSUnaryUnionPrec_r(ctx(), coll.get(), kPrecisionGrid_m); });
}

Geometry intersection(const Geometry& a, const Geometry& b) {
    return robust_overlay(
        "intersection", [&] { return GEOSIntersection_r(ctx(), a.get(), b.get()); },
        [&] { return GEOSIntersectionPrec_r(ctx(), a.get(), b.get(), kPrecisionGrid_m); });
}

Geometry difference(const Geometry& a, const Geometry& b) {
    return robust_overlay(
        "difference", [&] { return GEOSDifference_r(ctx(), a.get(), b.get()); },
        [&] { return GEOSDifferencePrec_r(ctx(), a.get(), b.get(), kPrecisionGrid_m); });
}

bool intersects(const Geometry& a, const Geometry& b) {
    const char r = GEOSIntersects_r(ctx(), a.get(), b.get());
    if (r != 2) return r == 1;
    // The general predicate (a relate over a floating-point topology graph) can
    // throw "side location conflict" on valid polygons whose edges nearly coincide;
    // the prepared predicate decides by segment intersections and point location.
    return PreparedGeometry(a).intersects(b);
}

double distance_m(const Geometry& g, const XY& p) {
    Geometry pt = Geometry::point(p);
    double d = 0.0;
    if (GEOSDistance_r(ctx(), g.get(), pt.get(), &d) != 1) fail("distance");
    return d;
}

namespace {

Polyline read_line(const GEOSGeometry* line) {
    Polyline out;
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx(), line);
    unsigned size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx(), seq, &size)) fail("line coordinates");
    out.reserve(size);
    for (unsigned i = 0; i < size; ++i) {
        XY p;
        GEOSCoordSeq_getXY_r(ctx(), seq, i, &p.x_m, &p.y_m);
        out.push_back(p);
    }
    return out;
}

void collect_lines(const GEOSGeometry* g, std::vector<Polyline>& out) {
    const int id = GEOSGeomTypeId_r(ctx(), g);
    if (id == GEOS_LINESTRING || id == GEOS_LINEARRING) {
        if (GEOSisEmpty_r(ctx(), g) != 1) out.push_back(read_line(g));
        return;
    }
    if (id == GEOS_MULTILINESTRING || id == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx(), g);
        for (int i = 0; i < n; ++i) collect_lines(GEOSGetGeometryN_r(ctx(), g, i), out);
    }
}

}  // namespace

std::vector<Polyline> line_parts(const Geometry& g) {
    std::vector<Polyline> out;
    if (!g.is_null()) collect_lines(g.get(), out);
    return out;
}

Geometry line_string(const Polyline& line) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx(), static_cast<unsigned>(line.size()), 2);
    if (!seq) fail("coordinate sequence");
    for (unsigned i = 0; i < line.size(); ++i) GEOSCoordSeq_setXY_r(ctx(), seq, i, line[i].x_m, line[i].y_m);
    return Geometry::adopt(GEOSGeom_createLineString_r(ctx(), seq));
}

std::vector<Polyline> node_lines(const std::vector<Polyline>& lines, double grid_m) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(lines.size());
    for (const auto& l : lines) {
        if (l.size() < 2) continue;
        Geometry g = line_string(l);
        raw.push_back(GEOSGeom_clone_r(ctx(), g.get()));
    }
    if (raw.empty()) return {};
    Geometry multi = Geometry::adopt(
        GEOSGeom_createCollection_r(ctx(), GEOS_MULTILINESTRING, raw.data(), static_cast<unsigned>(raw.size())));
    // Snap-rounding noding (OverlayNG union with a fixed precision): floating
    // noding fails to converge on real road data full of near-coincident vertices.
    Geometry noded = Geometry::adopt(GEOSUnaryUnionPrec_r(ctx(), multi.get(), grid_m));
    return line_parts(noded);
}

PreparedGeometry::PreparedGeometry(const Geometry& g) : m_prep(GEOSPrepare_r(ctx(), g.get())) {
    if (!m_prep) fail("prepare");
}

PreparedGeometry::~PreparedGeometry() {
    if (m_prep) GEOSPreparedGeom_destroy_r(ctx(), m_prep);
}

PreparedGeometry::PreparedGeometry(PreparedGeometry&& other) noexcept : m_prep(std::exchange(other.m_prep, nullptr)) {}

PreparedGeometry& PreparedGeometry::operator=(PreparedGeometry&& other) noexcept {
    if (this != &other) {
        if (m_prep) GEOSPreparedGeom_destroy_r(ctx(), m_prep);
        m_prep = std::exchange(other.m_prep, nullptr);
    }
    return *this;
}

bool PreparedGeometry::intersects(const Geometry& g) const {
    const char r = GEOSPreparedIntersects_r(ctx(), m_prep, g.get());
    if (r == 2) fail("intersects");
    return r == 1;
}

bool PreparedGeometry::covers(const Geometry& g) const {
    const char r = GEOSPreparedCovers_r(ctx(), m_prep, g.get());
    if (r == 2) fail("covers");
    return r == 1;
}

bool PreparedGeometry::covers(const XY& p) const {
    // GEOS 3.11 has no XY variant of the prepared predicates: test a point geometry.
    Geometry pt = Geometry::point(p);
    const char r = GEOSPreparedIntersects_r(ctx(), m_prep, pt.get());
    if (r == 2) fail("point test");
    return r == 1;
}

}  // namespace stationplan::geom
