// Area measures with GEOS: how much of each grid lies within the radius of a
// counted station (R4), and the hierarchy's gaps and overlaps (R7).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "measure/measurement.hpp"
#include "measure/spatial_index.hpp"

namespace stationplan::measure {
namespace {

const double kPi = std::acos(-1.0);

std::string label(const model::Area& a) { return a.name.empty() ? a.id : a.name + " (" + a.id + ")"; }

// Pairs of areas in one layer whose intersection is larger than the tolerance.
void overlaps(const std::vector<model::Area>& areas, const std::string& what, double tol,
              std::vector<std::string>& out) {
    std::vector<const geom::Geometry*> geoms;
    for (const auto& a : areas) geoms.push_back(&a.geometry);
    const AreaLocator index(geoms);
    for (std::size_t i = 0; i < areas.size(); ++i) {
        for (std::size_t j : index.candidates(areas[i].geometry.envelope())) {
            if (j <= i) continue;
            try {
                if (!geom::intersects(areas[i].geometry, areas[j].geometry)) continue;
                const double a = geom::intersection(areas[i].geometry, areas[j].geometry).area_m2();
                if (a > tol)
                    out.push_back(fmt::format("{}s {} and {} overlap by {:.0f} m2", what, label(areas[i]), label(areas[j]), a));
            } catch (const geom::GeometryError& e) {
                out.push_back(fmt::format("{}s {} and {}: overlap not computed ({})", what, label(areas[i]), label(areas[j]),
                                          e.what()));
            }
        }
    }
}

// Children (communities or grids) must lie inside their street and fill it.
void children_fit(const std::vector<model::Area>& streets, const std::vector<model::Area>& children,
                  const std::string& what, double tol, std::vector<std::string>& out) {
    std::map<std::string, std::size_t> street_index;
    for (std::size_t i = 0; i < streets.size(); ++i) street_index[streets[i].id] = i;
    std::vector<std::vector<const model::Area*>> per_street(streets.size());
    for (const auto& c : children) {
        const auto& street = streets[street_index.at(c.street_id)];
        per_street[street_index.at(c.street_id)].push_back(&c);
        try {
            const double outside = geom::difference(c.geometry, street.geometry).area_m2();
            if (outside > tol)
                out.push_back(fmt::format("{} {}: {:.0f} m2 lies outside its street {}", what, label(c), outside, label(street)));
        } catch (const geom::GeometryError& e) {
            out.push_back(fmt::format("{} {}: not compared with its street {} ({})", what, label(c), label(street), e.what()));
        }
    }
    for (std::size_t i = 0; i < streets.size(); ++i) {
        std::vector<geom::Geometry> parts;
        for (const auto* c : per_street[i]) parts.push_back(c->geometry.clone());
        try {
            const geom::Geometry filled = geom::unary_union(std::move(parts));
            const double gap = geom::difference(streets[i].geometry, filled).area_m2();
            if (gap > tol) out.push_back(fmt::format("street {}: {:.0f} m2 not covered by any {}", label(streets[i]), gap, what));
        } catch (const geom::GeometryError& e) {
            out.push_back(fmt::format("street {}: gaps between its {}s not computed ({})", label(streets[i]), what, e.what()));
        }
    }
}

// One grid's covered and uncovered parts: the union of the grid's intersections
// with the circles that reach it. Overlays run on the precision grid (valid
// results); the parts are made valid once more because they feed later overlays
// and predicates (suggest's grid gain, the report's map).
void cover_grid(const model::Area& grid, const std::vector<std::size_t>& near, const std::vector<XY>& points,
                const std::vector<std::size_t>& station_of, const Scenario& sc, Measurement& m, GridMeasure& gm) {
    // A grid whose every vertex lies within the circle polygon's inscribed radius
    // of one station is inside that circle (a convex set): no overlay needed.
    const std::vector<XY> corners = grid.geometry.exterior_vertices();
    const double inscribed = sc.radius_m * std::cos(kPi / (4.0 * sc.circle_segments));
    const bool inside_one = std::any_of(near.begin(), near.end(), [&](std::size_t k) {
        return std::all_of(corners.begin(), corners.end(), [&](const XY& c) { return distance_m(c, points[k]) <= inscribed; });
    });
    if (inside_one) {
        gm.covered_part = grid.geometry.clone();
        gm.covered_area_m2 = gm.area_m2;
        gm.uncovered_part = geom::Geometry::empty_polygon();
        gm.covered_ratio = 1.0;
        gm.covered = true;
        return;
    }
    const geom::PreparedGeometry prepared(grid.geometry);
    std::vector<geom::Geometry> circles;
    for (std::size_t k : near) {
        const auto& circle = m.station_circles[station_of[k]];
        if (prepared.intersects(circle)) circles.push_back(geom::intersection(circle, grid.geometry));
    }
    gm.covered_part = geom::ensure_valid_polygonal(geom::unary_union(std::move(circles)));
    gm.covered_area_m2 = gm.covered_part.area_m2();
    gm.uncovered_part = geom::ensure_valid_polygonal(geom::difference(grid.geometry, gm.covered_part));
    gm.covered_ratio = gm.area_m2 > 0 ? std::min(1.0, gm.covered_area_m2 / gm.area_m2) : 0.0;
    gm.covered = gm.uncovered_part.area_m2() <= sc.topology_tolerance_m2;
}

}  // namespace

void measure_grid_coverage(const model::District& d, const Scenario& sc, Measurement& m) {
    std::vector<XY> points;
    std::vector<std::size_t> station_of;
    m.station_circles.resize(d.stations.size());
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        if (!m.stations[i].counted) continue;
        points.push_back(d.stations[i].position);
        station_of.push_back(i);
        m.station_circles[i] = geom::buffer_point(d.stations[i].position, sc.radius_m, sc.circle_segments);
    }
    const PointIndex index(points);
    for (std::size_t g = 0; g < d.grids.size(); ++g) {
        const auto& grid = d.grids[g];
        GridMeasure& gm = m.grids[g];
        gm.area_m2 = grid.geometry.area_m2();
        // Only stations within the radius of the grid's envelope can reach it.
        const geom::Envelope e = grid.geometry.envelope();
        const XY centre{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2};
        const double reach = std::hypot(e.max_x - e.min_x, e.max_y - e.min_y) / 2 + sc.radius_m;
        try {
            cover_grid(grid, index.within(centre, reach), points, station_of, sc, m, gm);
        } catch (const geom::GeometryError& err) {
            // Reported under R4 and in grids.csv; one grid never stops the check.
            gm = GridMeasure{};
            gm.area_m2 = grid.geometry.area_m2();
            gm.covered_area_m2 = std::numeric_limits<double>::quiet_NaN();
            gm.covered_ratio = std::numeric_limits<double>::quiet_NaN();
            gm.covered_part = geom::Geometry::empty_polygon();
            gm.uncovered_part = geom::Geometry::empty_polygon();
            gm.coverage_problem = err.operation() + ": " + err.what();
        }
    }
}

void check_topology(const model::District& d, const Scenario& sc, std::vector<std::string>& out) {
    const double tol = sc.topology_tolerance_m2;
    children_fit(d.streets, d.communities, "community", tol, out);
    children_fit(d.streets, d.grids, "grid", tol, out);
    overlaps(d.streets, "street", tol, out);
    overlaps(d.communities, "community", tol, out);
    overlaps(d.grids, "grid", tol, out);
    if (d.outline_from_layer) {
        std::vector<geom::Geometry> parts;
        for (const auto& s : d.streets) parts.push_back(s.geometry.clone());
        try {
            const geom::Geometry streets = geom::unary_union(std::move(parts));
            const double gap = geom::difference(d.outline->geometry, streets).area_m2();
            if (gap > tol) out.push_back(fmt::format("district: {:.0f} m2 not covered by any street", gap));
        } catch (const geom::GeometryError& e) {
            out.push_back(fmt::format("district: gaps between its streets not computed ({})", e.what()));
        }
        for (const auto& s : d.streets) {
            try {
                const double outside = geom::difference(s.geometry, d.outline->geometry).area_m2();
                if (outside > tol) out.push_back(fmt::format("street {}: {:.0f} m2 lies outside the district", label(s), outside));
            } catch (const geom::GeometryError& e) {
                out.push_back(fmt::format("street {}: not compared with the district outline ({})", label(s), e.what()));
            }
        }
    }
}

}  // namespace stationplan::measure
