#include "robust_city.hpp"

#include <fmt/format.h>
#include <geos_c.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "geos_adapter.hpp"  // geodata/generator: the sample generator's GEOS wrapper

namespace stationplan::bench {

namespace {

using sample::Bounds;
using sample::Geom;
using sample::Geos;
using sample::Prepared;
using sample::XY;

constexpr double kPi = 3.14159265358979323846;

// One random stream per stage: changing how deputies are drawn moves no boundary.
enum Stream : std::uint64_t {
    kOutline = 1,
    kStreets = 2,
    kCommunities = 3,
    kGrids = 4,
    kCarve = 5,
    kNoise = 6,
    kStations = 7,
    kDeputies = 8,
    kCandidates = 9,
    kExclusions = 10,
};

// ---------------------------------------------------------------------------
// GEOS helpers on top of the sample generator's adapter.

GEOSCoordSequence* sequence(const Geos& g, const Ring& ring) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(g.handle(), static_cast<unsigned>(ring.size()), 2);
    if (!seq) throw std::runtime_error("GEOS: cannot create a coordinate sequence");
    for (unsigned i = 0; i < ring.size(); ++i) GEOSCoordSeq_setXY_r(g.handle(), seq, i, ring[i].x, ring[i].y);
    return seq;
}

GEOSGeometry* linear_ring(const Geos& g, const Ring& ring) {
    GEOSGeometry* r = GEOSGeom_createLinearRing_r(g.handle(), sequence(g, ring));
    if (!r) throw std::runtime_error("GEOS: cannot create a linear ring");
    return r;
}

GEOSGeometry* raw_polygon(const Geos& g, const PolygonXY& p) {
    GEOSGeometry* shell = linear_ring(g, p.shell);
    std::vector<GEOSGeometry*> holes;
    for (const Ring& h : p.holes) holes.push_back(linear_ring(g, h));
    GEOSGeometry* poly = GEOSGeom_createPolygon_r(g.handle(), shell, holes.empty() ? nullptr : holes.data(),
                                                  static_cast<unsigned>(holes.size()));
    if (!poly) throw std::runtime_error("GEOS: cannot create a polygon");
    return poly;
}

// Polygon for one part, MultiPolygon for several, empty Polygon for none.
Geom collect(const Geos& g, std::vector<Geom> parts) {
    if (parts.empty()) return g.own(GEOSGeom_createEmptyPolygon_r(g.handle()), "createEmptyPolygon");
    if (parts.size() == 1) return std::move(parts.front());
    std::vector<GEOSGeometry*> raw;
    for (Geom& p : parts) raw.push_back(p.release());
    return g.own(GEOSGeom_createCollection_r(g.handle(), GEOS_MULTIPOLYGON, raw.data(), static_cast<unsigned>(raw.size())),
                 "createCollection");
}

Geom from_xy(const Geos& g, const MultiPolygonXY& m) {
    std::vector<Geom> parts;
    for (const PolygonXY& p : m) parts.push_back(g.own(raw_polygon(g, p), "createPolygon"));
    return collect(g, std::move(parts));
}

Ring ring_xy(const Geos& g, const GEOSGeometry& ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(g.handle(), &ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(g.handle(), seq, &n);
    Ring out(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(g.handle(), seq, i, &out[i].x, &out[i].y);
    return out;
}

MultiPolygonXY to_xy(const Geos& g, const GEOSGeometry& geometry) {
    MultiPolygonXY out;
    for (const Geom& part : g.polygon_parts(geometry)) {
        PolygonXY p;
        p.shell = ring_xy(g, *GEOSGetExteriorRing_r(g.handle(), part.get()));
        const int holes = GEOSGetNumInteriorRings_r(g.handle(), part.get());
        for (int h = 0; h < holes; ++h) p.holes.push_back(ring_xy(g, *GEOSGetInteriorRingN_r(g.handle(), part.get(), h)));
        out.push_back(std::move(p));
    }
    return out;
}

bool is_valid(const Geos& g, const GEOSGeometry& geometry) { return GEOSisValid_r(g.handle(), &geometry) == 1; }

// The polygonal part of GEOS make-valid, for the rare overlay result that is not valid.
Geom make_valid(const Geos& g, const GEOSGeometry& geometry) {
    const Geom fixed = g.own(GEOSMakeValid_r(g.handle(), &geometry), "MakeValid");
    return collect(g, g.polygon_parts(*fixed));
}

// The polygonal part of an overlay result, valid.
Geom polygonal(const Geos& g, const GEOSGeometry& geometry) {
    Geom out = collect(g, g.polygon_parts(geometry));
    if (!is_valid(g, *out)) out = make_valid(g, *out);
    return out;
}

bool contains(const Geos& g, const GEOSGeometry& a, const GEOSGeometry& b) {
    const char r = GEOSContains_r(g.handle(), &a, &b);
    if (r == 2) throw std::runtime_error("GEOS Contains failed");
    return r == 1;
}

bool intersects(const Geos& g, const GEOSGeometry& a, const GEOSGeometry& b) {
    const char r = GEOSIntersects_r(g.handle(), &a, &b);
    if (r == 2) throw std::runtime_error("GEOS Intersects failed");
    return r == 1;
}

XY point_on_surface(const Geos& g, const GEOSGeometry& geometry) {
    const Geom p = g.own(GEOSPointOnSurface_r(g.handle(), &geometry), "PointOnSurface");
    return g.point_xy(*p);
}

double perimeter(const Geos& g, const GEOSGeometry& geometry) { return g.length(geometry); }

// ---------------------------------------------------------------------------
// Shapes.

Ring close(Ring r) {
    if (!r.empty()) r.push_back(r.front());
    return r;
}

// A star-shaped polygon: every ray from the centre crosses the boundary once, so the
// ring is simple whatever the noise. roughness: relative amplitude of the wave.
Ring star_ring(XY c, double radius, int vertices, double roughness, Rng& rng) {
    double amp[5], phase[5];
    for (int k = 0; k < 5; ++k) {
        amp[k] = roughness * rng.uniform(0.3, 1.0) / std::sqrt(static_cast<double>(k + 2));
        phase[k] = rng.uniform(0.0, 2 * kPi);
    }
    double sum = 0.0;
    for (double a : amp) sum += a;
    const double scale = sum > 0.6 ? 0.6 / sum : 1.0;  // keeps r > 0
    Ring ring;
    const double step = 2 * kPi / vertices;
    for (int i = 0; i < vertices; ++i) {
        const double t = step * (i + rng.uniform(-0.3, 0.3));
        double r = 1.0;
        for (int k = 0; k < 5; ++k) r += scale * amp[k] * std::sin((k + 2) * t + phase[k]);
        r *= radius * (1.0 + rng.uniform(-0.03, 0.03));
        ring.push_back({c.x + r * std::cos(t), c.y + r * std::sin(t)});
    }
    return close(std::move(ring));
}

Geom star(const Geos& g, XY c, double radius, int vertices, double roughness, Rng& rng) {
    return from_xy(g, {PolygonXY{star_ring(c, radius, vertices, roughness, rng), {}}});
}

// The star rasterised row by row on a q-metre grid: each row's run inside the star
// becomes one box snapped outwards to the grid; their union is a staircase outline
// with long runs of collinear vertices, like web-map outlines quantised to 1/1024°.
Geom staircase(const Geos& g, const GEOSGeometry& shape, double q) {
    const Bounds b = g.bounds(shape);
    std::vector<Geom> boxes;
    for (double y0 = std::floor(b.ymin / q) * q; y0 < b.ymax; y0 += q) {
        const double y = y0 + 0.5 * q;
        const Geom line = g.linestring({{b.xmin - q, y}, {b.xmax + q, y}});
        const Geom runs = g.intersection(*line, shape);
        const int n = GEOSGetNumGeometries_r(g.handle(), runs.get());
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry* run = GEOSGetGeometryN_r(g.handle(), runs.get(), i);
            if (GEOSGeomTypeId_r(g.handle(), run) != GEOS_LINESTRING || g.is_empty(*run)) continue;
            const Bounds rb = g.bounds(*run);
            const double x0 = std::floor(rb.xmin / q) * q, x1 = std::ceil(rb.xmax / q) * q;
            boxes.push_back(g.box({x0, y0, x1, y0 + q}));
        }
    }
    std::vector<const GEOSGeometry*> raw;
    for (const Geom& box : boxes) raw.push_back(box.get());
    return polygonal(g, *g.union_all(raw));
}

// A band `length` x `width` along angle `angle`, its long sides wavy.
Geom band(const Geos& g, XY c, double length, double width, double angle, Rng& rng) {
    const double amp = 0.1 * width, wave = 3000.0;
    const double ph_b = rng.uniform(0, 2 * kPi), ph_t = rng.uniform(0, 2 * kPi);
    const double ca = std::cos(angle), sa = std::sin(angle);
    auto put = [&](double u, double v) { return XYm{c.x + u * ca - v * sa, c.y + u * sa + v * ca}; };
    Ring ring;
    const int steps = std::max(4, static_cast<int>(length / 100.0));
    for (int i = 0; i <= steps; ++i) {
        const double u = -length / 2 + length * i / steps;
        ring.push_back(put(u, -width / 2 + amp * std::sin(2 * kPi * u / wave + ph_b)));
    }
    for (int i = steps; i >= 0; --i) {
        const double u = -length / 2 + length * i / steps;
        ring.push_back(put(u, width / 2 + amp * std::sin(2 * kPi * u / wave + ph_t)));
    }
    return from_xy(g, {PolygonXY{close(std::move(ring)), {}}});
}

// A rotated rectangle: u in [u0, u1] along `angle`, v in [v0, v1] across it.
Geom rotated_box(const Geos& g, double angle, double u0, double u1, double v0, double v1) {
    const double ca = std::cos(angle), sa = std::sin(angle);
    auto put = [&](double u, double v) { return XYm{u * ca - v * sa, u * sa + v * ca}; };
    return from_xy(g, {PolygonXY{{put(u0, v0), put(u1, v0), put(u1, v1), put(u0, v1), put(u0, v0)}, {}}});
}

XY random_point_in(const Geos& g, const GEOSGeometry& area, const GEOSPreparedGeometry& prepared, Rng& rng,
                   int tries = 400) {
    const Bounds b = g.bounds(area);
    for (int i = 0; i < tries; ++i) {
        const XY p{rng.uniform(b.xmin, b.xmax), rng.uniform(b.ymin, b.ymax)};
        if (g.contains(prepared, p)) return p;
    }
    return point_on_surface(g, area);
}

// A star-shaped island `radius` across, inside `host` with `margin` to spare, or none.
std::optional<Geom> carve(const Geos& g, const GEOSGeometry& host, double radius, double margin, Rng& rng) {
    const Prepared prepared = g.prepare(host);
    const Bounds b = g.bounds(host);
    for (int i = 0; i < 300; ++i) {
        const XY p{rng.uniform(b.xmin, b.xmax), rng.uniform(b.ymin, b.ymax)};
        if (!g.contains(*prepared, p)) continue;
        Geom s = star(g, p, radius, 24, 0.25, rng);
        if (contains(g, host, *g.buffer(*s, margin, 4))) return s;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Voronoi partitions with planted degeneracies.

struct PartitionHardness {
    double triple = 0.0;        // chance of a collinear seed triple (a sliver cell `spacing` wide)
    double near_duplicate = 0.0;
    double cocircular = 0.0;
    double min_triple_spacing_m = 0.3;
};

std::vector<XY> sample_seeds(const Geos& g, const GEOSGeometry& parent, std::size_t n, Rng& rng) {
    const Prepared prepared = g.prepare(parent);
    const Bounds b = g.bounds(parent);
    double min_sep = 0.4 * std::sqrt(g.area(parent) / static_cast<double>(n));
    std::vector<XY> seeds;
    std::size_t tries = 0;
    while (seeds.size() < n) {
        if (++tries > 4000 + 400 * n) {
            if (min_sep < 1e-3) break;
            min_sep /= 2;
            tries = 0;
        }
        const XY p{rng.uniform(b.xmin, b.xmax), rng.uniform(b.ymin, b.ymax)};
        if (!g.contains(*prepared, p)) continue;
        bool crowded = false;
        for (const XY& s : seeds) crowded = crowded || sample::distance_m(s, p) < min_sep;
        if (!crowded) seeds.push_back(p);
    }
    if (seeds.empty()) seeds.push_back(point_on_surface(g, parent));
    return seeds;
}

std::vector<Geom> voronoi_clip(const Geos& g, const GEOSGeometry& parent, const std::vector<XY>& seeds) {
    const Geom diagram = g.voronoi_cells(seeds, parent);
    std::vector<Geom> out;
    for (const Geom& cell : g.polygon_parts(*diagram)) {
        Geom clipped = polygonal(g, *g.intersection(*cell, parent));
        if (g.is_empty(*clipped) || g.area(*clipped) <= 0.0) continue;
        out.push_back(std::move(clipped));
    }
    return out;
}

// Splits `parent` into about n cells (fewer when it is too thin to hold n seeds). A
// cell clipped by a concave parent keeps all its parts: a MultiPolygon (an exclave).
std::vector<Geom> partition(const Geos& g, const GEOSGeometry& parent, std::size_t n, const PartitionHardness& hard,
                            Rng& rng, Planted& planted, std::vector<XY> seeds = {}) {
    if (n <= 1 && seeds.empty()) {
        std::vector<Geom> one;
        one.push_back(g.clone(parent));
        return one;
    }
    if (seeds.empty()) seeds = sample_seeds(g, parent, n, rng);
    if (seeds.size() < 2) {
        std::vector<Geom> one;
        one.push_back(g.clone(parent));
        return one;
    }
    const Prepared prepared = g.prepare(parent);
    std::vector<XY> extra = seeds;
    Planted add;
    if (rng.chance(hard.triple)) {
        const XY s = seeds[rng.index(seeds.size())];
        const double spacings[] = {hard.min_triple_spacing_m, 1.0, 4.0};
        const double d = spacings[rng.index(3)];
        const double a = rng.uniform(0, 2 * kPi);
        const XY p1{s.x + d * std::cos(a), s.y + d * std::sin(a)}, p2{s.x + 2 * d * std::cos(a), s.y + 2 * d * std::sin(a)};
        if (g.contains(*prepared, p1) && g.contains(*prepared, p2)) {
            extra.push_back(p1);
            extra.push_back(p2);
            ++add.sliver_triples;
        }
    }
    if (rng.chance(hard.near_duplicate)) {
        const XY s = seeds[rng.index(seeds.size())];
        const double offsets[] = {1e-4, 1e-3, 0.05};
        const double d = offsets[rng.index(3)];
        const double a = rng.uniform(0, 2 * kPi);
        const XY p{s.x + d * std::cos(a), s.y + d * std::sin(a)};
        if (g.contains(*prepared, p)) {
            extra.push_back(p);
            ++add.near_duplicate_seeds;
        }
    }
    if (rng.chance(hard.cocircular)) {
        const std::size_t k = rng.index(extra.size());
        const XY s = extra[k];
        const double r = rng.index(2) ? 3.0 : 25.0, a0 = rng.uniform(0, kPi / 2);
        std::vector<XY> quad;
        for (int i = 0; i < 4; ++i) {
            const double a = a0 + i * kPi / 2 + 1e-9 * i;  // four points a nanoradian off one circle
            quad.push_back({s.x + r * std::cos(a), s.y + r * std::sin(a)});
        }
        if (std::all_of(quad.begin(), quad.end(), [&](const XY& p) { return g.contains(*prepared, p); })) {
            extra.erase(extra.begin() + static_cast<std::ptrdiff_t>(k));
            extra.insert(extra.end(), quad.begin(), quad.end());
            ++add.cocircular_quads;
        }
    }
    try {
        std::vector<Geom> cells = voronoi_clip(g, parent, extra);
        planted.sliver_triples += add.sliver_triples;
        planted.near_duplicate_seeds += add.near_duplicate_seeds;
        planted.cocircular_quads += add.cocircular_quads;
        return cells;
    } catch (const std::runtime_error&) {
        if (extra.size() == seeds.size()) throw;
        ++planted.voronoi_retries;  // GEOS refused the degenerate seeds: the plain ones
        return voronoi_clip(g, parent, seeds);
    }
}

// Parallel strips across `area` along `angle`, of widths cycling through a list from
// 3 m to 300 m (scaled up when the area is too wide for 60 strips).
std::vector<Geom> strips(const Geos& g, const GEOSGeometry& area, double angle, Rng& rng, Planted& planted) {
    const double ca = std::cos(angle), sa = std::sin(angle);
    double u0 = std::numeric_limits<double>::max(), u1 = -u0, v0 = u0, v1 = -u0;
    for (const PolygonXY& p : to_xy(g, area))
        for (const XYm& q : p.shell) {
            const double u = q.x * ca + q.y * sa, v = -q.x * sa + q.y * ca;
            u0 = std::min(u0, u), u1 = std::max(u1, u), v0 = std::min(v0, v), v1 = std::max(v1, v);
        }
    static const double widths[] = {3, 300, 5, 150, 8, 80, 12, 40, 20, 200};
    constexpr std::size_t kWidths = sizeof widths / sizeof widths[0];
    double total = 0.0;
    for (double w : widths) total += w;
    const double across = v1 - v0;
    const double scale = across / (total * 6.0) > 1.0 ? across / (total * 6.0) : 1.0;
    std::vector<Geom> out;
    std::size_t k = rng.index(kWidths);
    for (double v = v0 - 1.0; v < v1; ++k) {
        const double w = widths[k % kWidths] * scale;
        const Geom strip = rotated_box(g, angle, u0 - 10.0, u1 + 10.0, v, v + w);
        v += w;
        Geom cell = polygonal(g, *g.intersection(*strip, area));
        if (g.is_empty(*cell) || g.area(*cell) <= 0.0) continue;
        out.push_back(std::move(cell));
        ++planted.strip_grids;
    }
    return out;
}

// ---------------------------------------------------------------------------
// Points on shapes.

XYm vertex_of(const MultiPolygonXY& m, Rng& rng) {
    const PolygonXY& p = m[rng.index(m.size())];
    const Ring& r = p.holes.empty() || rng.chance(0.7) ? p.shell : p.holes[rng.index(p.holes.size())];
    return r[rng.index(r.size() - 1)];
}

XYm edge_point_of(const MultiPolygonXY& m, Rng& rng) {
    const PolygonXY& p = m[rng.index(m.size())];
    const Ring& r = p.shell;
    const std::size_t i = rng.index(r.size() - 1);
    const double t = rng.chance(0.3) ? 0.5 : rng.uniform();
    return {r[i].x + t * (r[i + 1].x - r[i].x), r[i].y + t * (r[i + 1].y - r[i].y)};
}

// p moved 1e-7 m, 1e-5 m or 1 mm in a random direction.
XYm nudge(XYm p, Rng& rng) {
    static const double offsets[] = {1e-7, 1e-5, 1e-3};
    const double d = offsets[rng.index(3)], a = rng.uniform(0, 2 * kPi);
    return {p.x + d * std::cos(a), p.y + d * std::sin(a)};
}

XY to_xy(XYm p) { return {p.x, p.y}; }
XYm to_m(XY p) { return {p.x, p.y}; }

// Inserts, after a few vertices, a vertex 1e-7 m further along the edge: valid, but
// two vertices closer than any snapping tolerance. Kept only while the shape stays valid.
std::size_t add_close_vertices(const Geos& g, MultiPolygonXY& shape, Rng& rng) {
    MultiPolygonXY trial = shape;
    std::size_t added = 0;
    const int wanted = 1 + static_cast<int>(rng.index(3));
    for (int k = 0; k < wanted; ++k) {
        PolygonXY& p = trial[rng.index(trial.size())];
        Ring& r = p.shell;
        const std::size_t i = rng.index(r.size() - 1);
        const double dx = r[i + 1].x - r[i].x, dy = r[i + 1].y - r[i].y, len = std::hypot(dx, dy);
        if (len < 1e-3) continue;
        r.insert(r.begin() + static_cast<std::ptrdiff_t>(i) + 1, XYm{r[i].x + dx * 1e-7 / len, r[i].y + dy * 1e-7 / len});
        ++added;
    }
    if (added && is_valid(g, *from_xy(g, trial))) {
        shape = std::move(trial);
        return added;
    }
    return 0;
}

// ---------------------------------------------------------------------------
// The city.

struct Areas {
    Geom district;
    std::vector<Geom> streets;
    std::vector<std::vector<Geom>> communities;  // per street
    std::vector<std::vector<Geom>> grids;        // per street
    std::vector<Geom> holes;                     // lake and park: not in any street
};

XY centre_metres(const RobustOptions& o) {
    OGRSpatialReference lonlat, metres;
    lonlat.importFromEPSG(4326);
    lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    metres.importFromEPSG(4547);
    metres.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(&lonlat, &metres));
    double x = o.lon, y = o.lat;
    if (!t || !t->Transform(1, &x, &y)) throw std::runtime_error("cannot project the city's centre to EPSG:4547");
    return {x, y};
}

Areas make_areas(const Geos& g, const RobustOptions& o, Planted& planted) {
    Areas a;
    const XY c = centre_metres(o);
    const double area_m2 = o.area_km2 * 1e6;
    Rng rng(o.seed, kOutline);
    const double strip_angle = rng.uniform(0, kPi);
    const double strip_width = o.strip_width_m();
    switch (o.shape) {
        case CityShape::Star:
            a.district = star(g, c, std::sqrt(area_m2 / kPi), 96, 0.35, rng);
            break;
        case CityShape::Staircase: {
            const Geom s = star(g, c, std::sqrt(area_m2 / kPi), 96, 0.35, rng);
            a.district = staircase(g, *s, 100.0);
            break;
        }
        case CityShape::Islands: {
            const double r = std::sqrt(0.9 * area_m2 / kPi);
            Geom mainland = star(g, c, r, 96, 0.3, rng);
            std::vector<Geom> parts;
            Rng carve_rng(o.seed, kCarve);
            if (auto lake = carve(g, *mainland, 0.09 * r, 60.0, carve_rng)) {
                mainland = polygonal(g, *g.difference(*mainland, **lake));
                a.holes.push_back(std::move(*lake));
                ++planted.lakes;
            }
            parts.push_back(std::move(mainland));
            for (int i = 0; i < 2; ++i) {
                const double dir = rng.uniform(0, 2 * kPi);
                for (double d = 1.05 * r; d < 3 * r; d += 0.05 * r) {
                    Geom island = star(g, {c.x + d * std::cos(dir), c.y + d * std::sin(dir)}, 0.13 * r, 32, 0.3, rng);
                    const Geom zone = g.buffer(*island, 150.0, 4);
                    bool clear = true;
                    for (const Geom& p : parts) clear = clear && !intersects(g, *zone, *p);
                    if (!clear) continue;
                    parts.push_back(std::move(island));
                    ++planted.islands;
                    break;
                }
            }
            a.district = collect(g, std::move(parts));
            break;
        }
        case CityShape::Strips: {
            a.district = band(g, c, area_m2 / strip_width, strip_width, strip_angle, rng);
            break;
        }
    }

    // Streets: a Voronoi partition of the district (seeds along the band for Strips).
    Rng street_rng(o.seed, kStreets);
    const PartitionHardness street_hard{1.0, 1.0, 0.5, 1.0};
    std::vector<XY> seeds;
    if (o.shape == CityShape::Strips) {
        const double length = area_m2 / strip_width;
        for (std::size_t k = 0; k < o.streets; ++k) {
            const double u = -length / 2 + length * (static_cast<double>(k) + street_rng.uniform(0.3, 0.7)) / static_cast<double>(o.streets);
            const double v = street_rng.uniform(-200.0, 200.0);
            const XY p{c.x + u * std::cos(strip_angle) - v * std::sin(strip_angle),
                       c.y + u * std::sin(strip_angle) + v * std::cos(strip_angle)};
            if (g.contains(*a.district, p)) seeds.push_back(p);
        }
    }
    a.streets = partition(g, *a.district, o.streets, street_hard, street_rng, planted, seeds);

    // An enclave street inside the largest street, and a park cut out of another.
    Rng carve_rng(o.seed, kCarve + 100);
    std::vector<std::size_t> by_area(a.streets.size());
    std::iota(by_area.begin(), by_area.end(), 0);
    std::stable_sort(by_area.begin(), by_area.end(),
                     [&](std::size_t i, std::size_t j) { return g.area(*a.streets[i]) > g.area(*a.streets[j]); });
    if (!by_area.empty()) {
        Geom& host = a.streets[by_area[0]];
        const double r = 0.22 * std::sqrt(g.area(*host) / kPi);
        if (auto e = carve(g, *host, r, 30.0, carve_rng)) {
            host = polygonal(g, *g.difference(*host, **e));
            a.streets.push_back(std::move(*e));
            ++planted.enclave_streets;
        }
    }
    if (by_area.size() > 1) {
        Geom& host = a.streets[by_area[1]];
        const double r = 0.15 * std::sqrt(g.area(*host) / kPi);
        if (auto park = carve(g, *host, r, 20.0, carve_rng)) {
            host = polygonal(g, *g.difference(*host, **park));
            a.district = polygonal(g, *g.difference(*a.district, **park));
            a.holes.push_back(std::move(*park));
            ++planted.parks;
        }
    }

    // Communities and grids: each street cut twice, independently.
    Rng comm_rng(o.seed, kCommunities), grid_rng(o.seed, kGrids);
    const PartitionHardness inner_hard{0.35, 0.35, 0.2, 0.3};
    std::size_t enclave_street = comm_rng.index(a.streets.size());
    for (std::size_t s = 0; s < a.streets.size(); ++s) {
        const GEOSGeometry& street = *a.streets[s];
        const double street_km2 = g.area(street) / 1e6;
        // Fewer cells in small streets (enclaves, slivers), at least one.
        const double share = std::min(1.0, street_km2 / (o.area_km2 / static_cast<double>(o.streets)));
        auto count = [&](std::size_t n) {
            return std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(static_cast<double>(n) * share)));
        };
        std::vector<Geom> communities = partition(g, street, count(o.communities_per_street), inner_hard, comm_rng, planted);
        if (s == enclave_street && communities.size() >= 2) {
            std::size_t big = 0;
            for (std::size_t k = 1; k < communities.size(); ++k)
                if (g.area(*communities[k]) > g.area(*communities[big])) big = k;
            const double r = 0.3 * std::sqrt(g.area(*communities[big]) / kPi);
            if (auto e = carve(g, *communities[big], r, 5.0, comm_rng)) {
                communities[big] = polygonal(g, *g.difference(*communities[big], **e));
                communities.push_back(std::move(*e));
                ++planted.enclave_communities;
            }
        } else if (s == enclave_street) {
            enclave_street = std::min(s + 1, a.streets.size() - 1);  // try the next street
        }
        a.communities.push_back(std::move(communities));

        const bool strip_street =
            street_km2 > 0.2 && (o.shape == CityShape::Strips || grid_rng.chance(o.strip_street_share));
        if (strip_street) {
            const double angle = o.shape == CityShape::Strips ? strip_angle : grid_rng.uniform(0, kPi);
            a.grids.push_back(strips(g, street, angle, grid_rng, planted));
            ++planted.strip_streets;
        } else {
            a.grids.push_back(partition(g, street, count(o.grids_per_street), inner_hard, grid_rng, planted));
        }
    }
    return a;
}

double thinness(const Geos& g, const GEOSGeometry& area) {
    const double p = perimeter(g, area);
    return p > 0 ? 2.0 * g.area(area) / p : 0.0;
}

void count_shape(const MultiPolygonXY& m, std::size_t& multi, std::size_t& holed) {
    if (m.size() > 1) ++multi;
    if (std::any_of(m.begin(), m.end(), [](const PolygonXY& p) { return !p.holes.empty(); })) ++holed;
}

int weighted_level(Rng& rng) {
    const double u = rng.uniform();
    return u < 0.75 ? 0 : u < 0.93 ? 1 : u < 0.99 ? 2 : 3;
}

}  // namespace

// ---------------------------------------------------------------------------

ShapeTools::ShapeTools() : m_geos(std::make_unique<Geos>()) {}
ShapeTools::~ShapeTools() = default;

std::string ShapeTools::problem(const MultiPolygonXY& shape) const {
    if (shape.empty()) return "no polygon";
    return m_geos->validity_problem(*from_xy(*m_geos, shape));
}

std::string ShapeTools::problem_wkb(const unsigned char* wkb, std::size_t size) const {
    const Geom geometry = m_geos->own(GEOSGeomFromWKB_buf_r(m_geos->handle(), wkb, size), "GeomFromWKB");
    const int type = m_geos->type_id(*geometry);
    if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) return "not a polygon";
    return m_geos->validity_problem(*geometry);
}

XYm ShapeTools::point_on_surface(const MultiPolygonXY& shape) const {
    return to_m(bench::point_on_surface(*m_geos, *from_xy(*m_geos, shape)));
}

MultiPolygonXY ShapeTools::make_valid(const MultiPolygonXY& shape) const {
    return to_xy(*m_geos, *bench::make_valid(*m_geos, *from_xy(*m_geos, shape)));
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + stream * 0x9E3779B97F4A7C15ULL;  // splitmix64 finaliser
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    m_engine.seed(z ^ (z >> 31U));
}
double Rng::uniform() { return static_cast<double>(m_engine() >> 11U) * 0x1.0p-53; }
double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
std::size_t Rng::index(std::size_t n) {
    const auto i = static_cast<std::size_t>(uniform() * static_cast<double>(n));
    return i < n ? i : n - 1;
}
double Rng::gaussian() {
    const double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * kPi * u2);
}

const char* to_string(CitySize size) {
    switch (size) {
        case CitySize::Tiny: return "tiny";
        case CitySize::Small: return "small";
        case CitySize::Medium: return "medium";
        case CitySize::Large: return "large";
    }
    return "?";
}

const char* to_string(CityShape shape) {
    switch (shape) {
        case CityShape::Star: return "star";
        case CityShape::Staircase: return "staircase";
        case CityShape::Islands: return "islands";
        case CityShape::Strips: return "strips";
    }
    return "?";
}

CitySize parse_size(const std::string& text) {
    for (CitySize s : {CitySize::Tiny, CitySize::Small, CitySize::Medium, CitySize::Large})
        if (text == to_string(s)) return s;
    throw std::invalid_argument("--size " + text + ": expected tiny, small, medium or large");
}

CityShape parse_shape(const std::string& text) {
    for (CityShape s : {CityShape::Star, CityShape::Staircase, CityShape::Islands, CityShape::Strips})
        if (text == to_string(s)) return s;
    throw std::invalid_argument("--shape " + text + ": expected star, staircase, islands or strips");
}

RobustOptions RobustOptions::preset(std::uint64_t seed, CitySize size) {
    RobustOptions o;
    o.seed = seed;
    o.size = size;
    switch (size) {
        case CitySize::Tiny:
            o.area_km2 = 40, o.streets = 4, o.communities_per_street = 5, o.grids_per_street = 6, o.deputies = 300;
            break;
        case CitySize::Small:
            o.area_km2 = 200, o.streets = 12, o.communities_per_street = 8, o.grids_per_street = 10, o.deputies = 2000;
            break;
        case CitySize::Medium:
            o.area_km2 = 1000, o.streets = 50, o.communities_per_street = 12, o.grids_per_street = 15, o.deputies = 10000;
            break;
        case CitySize::Large:  // about a whole city such as ../shared/regress/city-s8
            o.area_km2 = 5000, o.streets = 250, o.communities_per_street = 16, o.grids_per_street = 20, o.deputies = 50000;
            break;
    }
    static const CityShape shapes[] = {CityShape::Star, CityShape::Staircase, CityShape::Islands, CityShape::Strips};
    o.shape = shapes[seed % 4];
    Rng rng(seed, 0);
    o.lon = rng.uniform(113.55, 113.85);
    o.lat = rng.uniform(34.55, 34.95);
    o.station_share = rng.uniform(0.45, 0.65);
    return o;
}

void RobustOptions::fit_strips() {
    if (shape != CityShape::Strips) return;
    if (area_km2 > kMaxStripKm2) {
        const double f = kMaxStripKm2 / area_km2;
        streets = std::max<std::size_t>(2, static_cast<std::size_t>(std::lround(static_cast<double>(streets) * f)));
        area_km2 = kMaxStripKm2;
    }
}

double RobustOptions::strip_width_m() const { return std::max(1500.0, area_km2 * 1e6 / kMaxStripLengthM); }

void RobustOptions::validate() const {
    if (!(area_km2 >= 1.0 && area_km2 <= 10000.0)) throw std::invalid_argument("the area must be 1 to 10,000 km2");
    if (streets < 2 || streets > 500) throw std::invalid_argument("--streets must be 2 to 500");
    if (communities_per_street < 1 || grids_per_street < 1)
        throw std::invalid_argument("communities and grids per street must be at least 1");
    if (deputies < 20) throw std::invalid_argument("--deputies must be at least 20");
    if (deputies_per_station <= 0) throw std::invalid_argument("deputies per station must be positive");
    if (!(lon > 112.6 && lon < 115.4 && lat > 20 && lat < 50))
        throw std::invalid_argument("the centre must lie in the CGCS2000 zone of 114E (112.5E to 115.5E)");
    if (shape == CityShape::Strips && area_km2 > kMaxStripKm2)
        throw std::invalid_argument(fmt::format("a strips city is at most {:g} km2 (a band of {:g} km)", kMaxStripKm2,
                                                kMaxStripLengthM / 1000));
    if (!(station_share > 0.0 && station_share <= 1.0)) throw std::invalid_argument("the station share must be in (0, 1]");
}

RobustCity make_robust_city(const RobustOptions& options) {
    options.validate();
    const Geos g;
    RobustCity city;
    city.options = options;
    Planted& planted = city.planted;
    const Areas a = make_areas(g, options, planted);

    // Areas as value types, ids like the statistical codes (12 digits for communities).
    city.district = to_xy(g, *a.district);
    Rng noise(options.seed, kNoise);
    auto finish = [&](AreaFeature f, const GEOSGeometry& geometry) {
        f.shape = to_xy(g, geometry);
        if (noise.chance(0.15)) {
            MultiPolygonXY plain = f.shape;
            if (const std::size_t added = add_close_vertices(g, f.shape, noise)) {
                planted.close_vertex_pairs += added;
                f.plain = std::move(plain);
            }
        }
        return f;
    };
    double thinnest_grid = std::numeric_limits<double>::max(), thinnest_comm = thinnest_grid;
    std::size_t grid_no = 0;
    for (std::size_t s = 0; s < a.streets.size(); ++s) {
        const std::string sid = fmt::format("410199{:03}", s + 1);
        city.streets.push_back(finish({sid, fmt::format("合成{}街道", s + 1), "", "", {}, {}}, *a.streets[s]));
        for (std::size_t k = 0; k < a.communities[s].size(); ++k) {
            const GEOSGeometry& c = *a.communities[s][k];
            thinnest_comm = std::min(thinnest_comm, thinness(g, c));
            city.communities.push_back(
                finish({fmt::format("{}{:03}", sid, k + 1), fmt::format("合成{}-{}社区", s + 1, k + 1), sid, "", {}, {}}, c));
        }
        for (std::size_t k = 0; k < a.grids[s].size(); ++k) {
            const GEOSGeometry& gr = *a.grids[s][k];
            const double t = thinness(g, gr);
            if (t < thinnest_grid) {
                thinnest_grid = t;
                const Bounds b = g.bounds(gr);
                planted.longest_strip_m = std::hypot(b.xmax - b.xmin, b.ymax - b.ymin);
            }
            ++grid_no;
            const std::string liaison = noise.chance(0.9) ? fmt::format("网格员{:05}", grid_no) : "";
            city.grids.push_back(finish({fmt::format("{}W{:03}", sid, k + 1), fmt::format("第{}网格", grid_no), sid, liaison, {}, {}}, gr));
        }
    }
    planted.thinnest_grid_m = thinnest_grid;
    planted.thinnest_community_m = thinnest_comm;
    for (const auto& f : city.streets) count_shape(f.shape, planted.multipolygon_streets, planted.holed_streets);
    for (const auto& f : city.communities) count_shape(f.shape, planted.multipolygon_communities, planted.holed_communities);
    for (const auto& f : city.grids) count_shape(f.shape, planted.multipolygon_grids, planted.holed_grids);

    // Exclusion zones: the lake and the park (their own copies of the hole rings, to be
    // written in another CRS than the streets), and a star across several streets.
    Rng ex_rng(options.seed, kExclusions);
    for (std::size_t i = 0; i < a.holes.size(); ++i)
        city.exclusions.push_back({fmt::format("EX{}", i + 1), i == 0 && planted.lakes ? "湖" : "公园", "", "", to_xy(g, *a.holes[i]), {}});
    {
        const Prepared prepared = g.prepare(*a.district);
        const XY p = random_point_in(g, *a.district, *prepared, ex_rng);
        const double r = 0.08 * std::sqrt(options.area_km2 * 1e6 / kPi);
        city.exclusions.push_back({fmt::format("EX{}", city.exclusions.size() + 1), "禁建区", "", "",
                                   to_xy(g, *star(g, p, r, 20, 0.3, ex_rng)), {}});
    }

    // Stations.
    Rng st(options.seed, kStations);
    const Prepared district_prepared = g.prepare(*a.district);
    std::size_t station_no = 0;
    auto next_id = [&] { return fmt::format("ZD{:05}", ++station_no); };
    for (std::size_t s = 0; s < city.streets.size(); ++s) {
        StationFeature f{next_id(), city.streets[s].name + "联络站", StationKind::Street, city.streets[s].id, "", "", "", 0, 0, {}};
        const double u = st.uniform();
        if (u < 0.6) {
            f.position = to_m(point_on_surface(g, *a.streets[s]));
        } else if (u < 0.8) {
            f.position = vertex_of(city.streets[s].shape, st);
            ++planted.stations_on_vertices;
        } else {
            f.position = edge_point_of(city.streets[s].shape, st);
            ++planted.stations_on_edges;
        }
        city.stations.push_back(f);
    }
    const std::size_t n_comm = city.communities.size();
    const std::size_t with_station = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::lround(options.station_share * static_cast<double>(n_comm))));
    const std::size_t n_comm_stations = std::max<std::size_t>(
        with_station, static_cast<std::size_t>(static_cast<double>(options.deputies) / options.deputies_per_station));
    std::vector<std::size_t> order(n_comm);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[st.index(i)]);
    std::vector<double> cumulative;  // by area, for the stations beyond one per community
    double total_area = 0.0;
    std::vector<Geom> comm_geoms;
    for (const auto& c : city.communities) {
        comm_geoms.push_back(from_xy(g, c.shape));
        total_area += g.area(*comm_geoms.back());
        cumulative.push_back(total_area);
    }
    std::vector<std::size_t> community_station_index;
    for (std::size_t k = 0; k < n_comm_stations; ++k) {
        std::size_t c = 0;
        if (k < with_station) {
            c = order[k];
        } else {
            const double u = st.uniform(0, total_area);
            c = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
            c = std::min(c, n_comm - 1);
        }
        const AreaFeature& comm = city.communities[c];
        StationFeature f{next_id(), comm.name + "联络站", StationKind::Community, comm.street_id, comm.id, "", "", 3, 5, {}};
        const double u = st.uniform();
        if (u < 0.45 || community_station_index.empty()) {
            const Prepared p = g.prepare(*comm_geoms[c]);
            f.position = to_m(random_point_in(g, *comm_geoms[c], *p, st, 60));
        } else if (u < 0.7) {
            // At the community's "centre", GEOS's point on surface: the tool's own
            // community candidate site lands within reprojection noise of it.
            f.position = to_m(point_on_surface(g, *comm_geoms[c]));
            f.centre_of_community = static_cast<long>(c);
            ++planted.stations_at_centres;
        } else if (u < 0.8) {
            f.position = vertex_of(comm.shape, st);
            ++planted.stations_on_vertices;
        } else if (u < 0.9) {
            f.position = edge_point_of(comm.shape, st);
            ++planted.stations_on_edges;
        } else if (u < 0.92) {
            f.position = vertex_of(city.grids[st.index(city.grids.size())].shape, st);
            ++planted.stations_on_vertices;
        } else {
            // On an earlier station, or a hair beside it: two radius circles that nearly
            // coincide, the hardest input for the union of circles.
            f.position = city.stations[community_station_index[st.index(community_station_index.size())]].position;
            if (st.chance(0.5)) {
                f.position = nudge(f.position, st);
                ++planted.stations_near_duplicate;
            } else {
                ++planted.stations_duplicated;
            }
        }
        const double cap = st.uniform();
        if (cap < 0.1) f.capacity_min = 2, f.capacity_max = 6;
        else if (cap < 0.2) f.capacity_min = 0, f.capacity_max = 0;
        const double status = st.uniform();
        f.status = status < 0.1 ? "closable" : status < 0.15 ? "movable" : status < 0.2 ? "fixed" : "";
        community_station_index.push_back(city.stations.size());
        city.stations.push_back(f);
    }
    // Two community stations beyond the outline: a boundary vertex pushed outwards.
    const XY centre = g.centroid(*a.district);
    for (int k = 0; k < 2; ++k) {
        for (int attempt = 0; attempt < 50; ++attempt) {
            const XYm v = vertex_of(city.district, st);
            const double dx = v.x - centre.x, dy = v.y - centre.y, len = std::hypot(dx, dy);
            const double d = st.uniform(200.0, 800.0);
            const XYm p{v.x + dx / len * d, v.y + dy / len * d};
            if (g.contains(*district_prepared, to_xy(p)) || g.distance(*district_prepared, to_xy(p)) < 50.0) continue;
            const AreaFeature& comm = city.communities[st.index(n_comm)];
            city.stations.push_back({next_id(), "区外联络站", StationKind::Community, comm.street_id, comm.id, "", "", 3, 5, p});
            community_station_index.push_back(city.stations.size() - 1);
            ++planted.stations_outside;
            break;
        }
    }
    std::vector<std::string> industry_ids;
    for (int k = 0; k < 9; ++k) {
        StationFeature f{next_id(), std::string(kSectorNames[k]) + "行业联络站", StationKind::Industry, "", "", kSectorNames[k], "", 0, 0, {}};
        if (k == 0) {
            f.position = vertex_of(city.district, st);  // on the district's outline
            ++planted.stations_on_vertices;
        } else {
            f.position = to_m(random_point_in(g, *a.district, *district_prepared, st));
        }
        industry_ids.push_back(f.id);
        city.stations.push_back(f);
    }

    // Deputies.
    Rng dr(options.seed, kDeputies);
    const std::size_t n = options.deputies;
    const std::size_t outside = std::min<std::size_t>(5, std::max<std::size_t>(2, n / 200));
    std::vector<XYm> comm_positions;
    std::vector<std::string> comm_ids;
    for (std::size_t i : community_station_index) {
        comm_positions.push_back(city.stations[i].position);
        comm_ids.push_back(city.stations[i].id);
    }
    for (std::size_t i = 0; i < n; ++i) {
        DeputyRecord d;
        d.id = fmt::format("D{:06}", i + 1);
        d.name = fmt::format("代表{:05}", i + 1);
        d.level = weighted_level(dr);
        if (dr.chance(0.3)) d.sector = static_cast<int>(dr.index(9));
        const double u = dr.uniform();
        if (i < outside) {
            for (int attempt = 0; attempt < 100; ++attempt) {
                const XYm v = vertex_of(city.district, dr);
                const double dx = v.x - centre.x, dy = v.y - centre.y, len = std::hypot(dx, dy);
                const double out = dr.uniform(300.0, 3000.0);
                const XYm p{v.x + dx / len * out, v.y + dy / len * out};
                d.position = p;
                if (!g.contains(*district_prepared, to_xy(p))) break;
            }
            ++planted.deputies_outside;
        } else if (u < 0.04) {
            const double w = dr.uniform();
            const auto& layer = w < 0.4 ? city.communities : w < 0.8 ? city.grids : city.streets;
            d.position = vertex_of(layer[dr.index(layer.size())].shape, dr);
            ++planted.deputies_on_vertices;
        } else if (u < 0.08) {
            const auto& layer = dr.chance(0.5) ? city.communities : city.grids;
            d.position = edge_point_of(layer[dr.index(layer.size())].shape, dr);
            ++planted.deputies_on_edges;
        } else if (u < 0.12 && i > outside) {
            d.position = city.deputies[outside + dr.index(i - outside)].position;
            ++planted.deputies_duplicated;
        } else if (u < 0.14) {
            d.position = city.stations[dr.index(city.stations.size())].position;
            ++planted.deputies_at_stations;
        } else if (u < 0.74) {
            const XYm s = comm_positions[dr.index(comm_positions.size())];
            const double sigma = dr.uniform(100.0, 500.0);
            d.position = {s.x + sigma * dr.gaussian(), s.y + sigma * dr.gaussian()};
            if (!g.contains(*district_prepared, to_xy(d.position)))
                d.position = to_m(random_point_in(g, *a.district, *district_prepared, dr));
        } else {
            d.position = to_m(random_point_in(g, *a.district, *district_prepared, dr));
        }
        // Assigned to one of the three nearest community stations (70/20/10 %).
        std::size_t best[3] = {0, 0, 0};
        double best_d[3] = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::max()};
        for (std::size_t k = 0; k < comm_positions.size(); ++k) {
            const double dd = std::hypot(comm_positions[k].x - d.position.x, comm_positions[k].y - d.position.y);
            for (int r = 0; r < 3; ++r) {
                if (dd < best_d[r]) {
                    for (int m = 2; m > r; --m) best_d[m] = best_d[m - 1], best[m] = best[m - 1];
                    best_d[r] = dd, best[r] = k;
                    break;
                }
            }
        }
        const double pick = dr.uniform();
        const std::size_t rank = pick < 0.7 ? 0 : pick < 0.9 ? 1 : 2;
        if (dr.chance(0.01)) {
            d.station_id.clear();
        } else if (i == outside || i == outside + 1) {
            d.station_id = fmt::format("ZD-UNKNOWN-{}", i - outside + 1);  // a reference to no station
            ++planted.deputies_unknown_station;
        } else {
            d.station_id = comm_ids[best_d[rank] < std::numeric_limits<double>::max() ? best[rank] : best[0]];
        }
        if (d.sector >= 0 && dr.chance(0.5)) d.industry_station_id = industry_ids[static_cast<std::size_t>(d.sector)];
        city.deputies.push_back(std::move(d));
    }

    // Candidate sites.
    Rng cr(options.seed, kCandidates);
    const std::size_t n_sites = std::max<std::size_t>(12, n_comm / 3);
    static const char* categories[] = {"党群服务中心", "社区办公用房", "学校", "商务楼宇"};
    for (std::size_t k = 0; k < n_sites; ++k) {
        SiteFeature s{fmt::format("HX{:04}", k + 1), fmt::format("候选点{}", k + 1), categories[cr.index(4)], 1.0, {}};
        const double u = cr.uniform();
        if (k < 2) {
            const XYm v = vertex_of(city.district, cr);
            const double dx = v.x - centre.x, dy = v.y - centre.y, len = std::hypot(dx, dy);
            s.position = {v.x + dx / len * 500.0, v.y + dy / len * 500.0};  // outside the district
        } else if (u < 0.5) {
            s.position = to_m(point_on_surface(g, *comm_geoms[cr.index(n_comm)]));
        } else if (u < 0.7) {
            s.position = vertex_of(cr.chance(0.5) ? city.communities[cr.index(n_comm)].shape
                                                  : city.grids[cr.index(city.grids.size())].shape,
                                   cr);
        } else if (u < 0.8) {
            s.position = edge_point_of(city.communities[cr.index(n_comm)].shape, cr);
        } else if (u < 0.85) {
            s.position = city.candidates[2 + cr.index(city.candidates.size() - 2)].position;
        } else if (u < 0.93) {
            // On a counted station or a hair beside it.
            const StationFeature& at = city.stations[cr.index(city.streets.size() + n_comm_stations)];
            s.position = cr.chance(0.25) ? at.position : nudge(at.position, cr);
            ++planted.candidates_at_stations;
        } else {
            s.position = to_m(random_point_in(g, *a.district, *district_prepared, cr));
        }
        const double c = cr.uniform();
        s.cost = c < 0.8 ? 1.0 : c < 0.9 ? 1.5 : c < 0.95 ? 2.0 : 0.8;
        city.candidates.push_back(s);
    }
    return city;
}

}  // namespace stationplan::bench
