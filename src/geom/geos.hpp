// The GEOS adapter: the only code that sees GEOSGeometry*. Uses the reentrant C API
// (GEOS calls its C++ API unstable). One context per thread; geometries are
// move-only RAII values.
//
//   auto g = geom::Geometry::from_wkb(bytes);
//   auto ring = geom::buffer_point({x, y}, 1000.0, 16);
//   double a = geom::intersection(g, ring).area_m2();
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "stationplan/geometry.hpp"

struct GEOSGeom_t;
struct GEOSPrepGeom_t;

namespace stationplan::geom {

// Overlays (intersection, difference, union) never fail on valid input and always
// return valid geometry: GEOS's floating-point overlay first; where it fails or its
// result is invalid (nearly coincident edges can do either: "side location
// conflict"), the same overlay with snap-rounding on this fixed precision grid,
// which nodes every crossing on whole millimetres; a result still invalid is
// repaired (make-valid). A millimetre is far below the accuracy of any boundary.
inline constexpr double kPrecisionGrid_m = 1e-3;

// A GEOS operation failed. operation() names it ("intersection", "buffer", ...);
// what() carries GEOS's own message with its coordinate. Callers that know which
// features were involved catch it and name them.
class GeometryError : public std::runtime_error {
public:
    GeometryError(std::string operation, const std::string& message)
        : std::runtime_error(message), m_operation(std::move(operation)) {}
    const std::string& operation() const { return m_operation; }

private:
    std::string m_operation;
};

struct Envelope {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool empty = true;
};

class Geometry {
public:
    Geometry() = default;
    static Geometry from_wkb(const std::vector<std::uint8_t>& wkb);
    static Geometry from_wkt(const std::string& wkt);
    static Geometry point(const XY& p);
    static Geometry empty_polygon();
    Geometry clone() const;

    bool is_null() const { return !m_ptr; }
    bool is_empty() const;
    std::string type_name() const;          // "Polygon", "MultiPolygon", ...
    bool is_polygonal() const;              // Polygon or MultiPolygon
    // Empty when valid, else GEOS's reason with its location.
    std::string invalid_reason() const;
    double area_m2() const;
    Envelope envelope() const;
    std::vector<std::uint8_t> to_wkb() const;
    std::string to_wkt(int decimals = 3) const;
    XY interior_point() const;
    std::size_t num_parts() const;
    // The vertices of the exterior rings of a (multi)polygon.
    std::vector<XY> exterior_vertices() const;

    const GEOSGeom_t* get() const { return m_ptr.get(); }
    static Geometry adopt(GEOSGeom_t* raw);  // takes ownership; throws on null

private:
    struct Deleter {
        void operator()(GEOSGeom_t* g) const;
    };
    std::unique_ptr<GEOSGeom_t, Deleter> m_ptr;
};

// Repairs an invalid geometry (GEOS make-valid, structure method, keeping
// collapsed parts out) and keeps only its polygonal part.
Geometry make_valid_polygonal(const Geometry& g);
// g itself when it is valid, else its polygonal repair: for results of one
// operation that feed another (predicates and overlays need valid input).
Geometry ensure_valid_polygonal(Geometry g);

Geometry buffer_point(const XY& center, double radius_m, int quadrant_segments);
Geometry buffer(const Geometry& g, double distance_m, int quadrant_segments);
// Overlays: valid results, falling back to the kPrecisionGrid_m grid (see there).
Geometry unary_union(std::vector<Geometry> parts);
Geometry intersection(const Geometry& a, const Geometry& b);
Geometry difference(const Geometry& a, const Geometry& b);
bool intersects(const Geometry& a, const Geometry& b);
// Distance from a point to the nearest point of g (0 inside).
double distance_m(const Geometry& g, const XY& p);

// Lines (road networks). A polyline is its vertices in order, working CRS.
using Polyline = std::vector<XY>;
// The linestrings of a (multi)line geometry, in order; other parts are ignored.
std::vector<Polyline> line_parts(const Geometry& g);
Geometry line_string(const Polyline& line);
// Nodes a set of lines (GEOS snap-rounding union): every crossing and touch becomes
// a vertex at which the lines are split, and every coordinate is rounded to a grid of
// grid_m metres (1 mm by default: robust on real data, far below any road's
// accuracy). Returns the pieces between nodes; a piece keeps its interior vertices.
// Overlapping stretches come back once. Deterministic.
std::vector<Polyline> node_lines(const std::vector<Polyline>& lines, double grid_m = 1e-3);

// A prepared geometry for repeated tests of points or geometries against one
// geometry (a circle against many grids, a street against its communities).
class PreparedGeometry {
public:
    explicit PreparedGeometry(const Geometry& g);  // g must outlive this object
    ~PreparedGeometry();
    PreparedGeometry(PreparedGeometry&& other) noexcept;
    PreparedGeometry& operator=(PreparedGeometry&& other) noexcept;
    PreparedGeometry(const PreparedGeometry&) = delete;
    PreparedGeometry& operator=(const PreparedGeometry&) = delete;

    // True when p lies inside or on the boundary.
    bool covers(const XY& p) const;
    // True when g and the prepared geometry share at least one point.
    bool intersects(const Geometry& g) const;
    // True when every point of g lies inside or on the boundary.
    bool covers(const Geometry& g) const;

private:
    const GEOSPrepGeom_t* m_prep = nullptr;
};

}  // namespace stationplan::geom
