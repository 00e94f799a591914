// RAII wrapper around the reentrant GEOS C API, used only by the sample
// generator. Every call goes through one Geos object, which owns the context
// handle and turns GEOS failures into exceptions carrying GEOS's message.
//
//   Geos geos;
//   Geom cell = geos.intersection(*voronoi_cell, *street);   // owned result
//   double area_m2 = geos.area(*cell);
//
// Geometries are in whatever CRS the caller works in; the generator uses
// EPSG:4547 metres for all measurements.
#pragma once

#include <geos_c.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace stationplan::sample {

/// Projected coordinates in metres (EPSG:4547: x = easting, y = northing).
struct XY {
    double x = 0.0;
    double y = 0.0;
};

/// Geographic coordinates in degrees (EPSG:4326, longitude first).
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

double distance_m(XY a, XY b);

struct GeomDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(GEOSGeometry* geometry) const noexcept;
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t context = nullptr;
    void operator()(const GEOSPreparedGeometry* prepared) const noexcept;
};
/// A prepared geometry refers to its base geometry: keep the base alive.
using Prepared = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

struct Bounds {
    double xmin = 0.0;
    double ymin = 0.0;
    double xmax = 0.0;
    double ymax = 0.0;
};

class Geos {
public:
    Geos();
    ~Geos();
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;
    Geos(Geos&&) = delete;
    Geos& operator=(Geos&&) = delete;

    GEOSContextHandle_t handle() const noexcept { return m_context; }

    /// Takes ownership of a GEOS result; throws with GEOS's message if null.
    Geom own(GEOSGeometry* geometry, std::string_view operation) const;

    Geom clone(const GEOSGeometry& geometry) const;
    Geom point(XY p) const;
    Geom multipoint(const std::vector<XY>& points) const;
    Geom linestring(const std::vector<XY>& points) const;
    /// A polygon with one exterior ring and no holes; the ring is closed here.
    Geom polygon(const std::vector<XY>& ring) const;
    Geom box(const Bounds& bounds) const;

    /// Voronoi cells (polygons) of the seeds, covering at least `extent`.
    /// GEOS does not return the cells in seed order.
    Geom voronoi_cells(const std::vector<XY>& seeds, const GEOSGeometry& extent) const;

    Geom intersection(const GEOSGeometry& a, const GEOSGeometry& b) const;
    Geom union_of(const GEOSGeometry& a, const GEOSGeometry& b) const;
    Geom difference(const GEOSGeometry& a, const GEOSGeometry& b) const;
    /// Union of all the geometries (clones them into one collection first).
    Geom union_all(const std::vector<const GEOSGeometry*>& parts) const;
    Geom boundary(const GEOSGeometry& geometry) const;
    Geom buffer(const GEOSGeometry& geometry, double width, int quadrant_segments) const;

    /// Every polygon inside a Polygon, MultiPolygon or GeometryCollection,
    /// cloned; lines, points and empty parts are dropped.
    std::vector<Geom> polygon_parts(const GEOSGeometry& geometry) const;

    /// Applies `transform` to every x/y pair (GEOSGeom_transformXY).
    Geom transform(const GEOSGeometry& geometry,
                   const std::function<bool(double& x, double& y)>& transform) const;

    double area(const GEOSGeometry& geometry) const;
    double length(const GEOSGeometry& geometry) const;
    double distance(const GEOSGeometry& a, const GEOSGeometry& b) const;
    Bounds bounds(const GEOSGeometry& geometry) const;
    XY centroid(const GEOSGeometry& geometry) const;
    XY point_xy(const GEOSGeometry& point) const;
    int type_id(const GEOSGeometry& geometry) const;
    int interior_ring_count(const GEOSGeometry& polygon) const;
    bool is_empty(const GEOSGeometry& geometry) const;
    bool contains(const GEOSGeometry& polygon, XY p) const;

    Prepared prepare(const GEOSGeometry& geometry) const;
    bool contains(const GEOSPreparedGeometry& prepared, XY p) const;
    double distance(const GEOSPreparedGeometry& prepared, XY p) const;

    /// Empty when valid, otherwise GEOS's reason (with the location).
    std::string validity_problem(const GEOSGeometry& geometry) const;
    std::string wkt(const GEOSGeometry& geometry, int decimals = 3) const;

private:
    GEOSContextHandle_t m_context = nullptr;
    // Written by the GEOS error callback, which holds a pointer to it; the
    // class is neither copyable nor movable so that pointer stays valid.
    std::string m_last_error;
};

/// A polygon with its boundary distance and containment prepared, for the
/// many point queries the generator makes. Owns copies of what it prepares.
class PreparedPolygon {
public:
    PreparedPolygon(const Geos& geos, const GEOSGeometry& polygon);
    bool contains(XY p) const { return m_geos->contains(*m_area, p); }
    /// Distance to the boundary, whether p is inside or outside.
    double boundary_distance(XY p) const { return m_geos->distance(*m_edge, p); }
    /// Inside and at least `margin_m` from the boundary.
    bool contains_with_margin(XY p, double margin_m) const {
        return contains(p) && boundary_distance(p) >= margin_m;
    }
    const GEOSGeometry& geometry() const { return *m_polygon; }

private:
    const Geos* m_geos;
    Geom m_polygon;
    Geom m_boundary;
    Prepared m_area;
    Prepared m_edge;
};

}  // namespace stationplan::sample
