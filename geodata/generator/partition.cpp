#include "partition.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "projection.hpp"

namespace stationplan::sample {

namespace {

// Shared edges of neighbouring cells come from the same Voronoi edge, but the
// cells are clipped separately; a 1 cm buffer makes the shared-length test
// insensitive to last-bit differences where they meet the parent boundary.
constexpr double kSharedEdgeTolerance_m = 0.01;

std::size_t nearest_seed(const std::vector<XY>& seeds, XY p) {
    std::size_t best = 0;
    double best_d2 = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < seeds.size(); ++k) {
        const double dx = seeds[k].x - p.x;
        const double dy = seeds[k].y - p.y;
        const double d2 = dx * dx + dy * dy;
        if (d2 < best_d2) {  // strict: ties go to the lowest index
            best_d2 = d2;
            best = k;
        }
    }
    return best;
}

/// Rejection sampling: a uniform point in the bounding box is kept with
/// probability density/max_density, if it is inside the parent and not
/// closer than `min_separation_m` to an earlier seed.
std::vector<XY> sample_seeds(const Geos& geos, const GEOSPreparedGeometry& parent, const Bounds& bounds,
                             const DensityModel& density, double max_density, std::size_t count,
                             double min_separation_m, SeededRandom& rng) {
    std::vector<XY> seeds;
    long attempts = 0;
    while (seeds.size() < count) {
        if (++attempts > 2'000'000) {
            throw std::runtime_error(
                fmt::format("partition: could only place {} of {} seeds", seeds.size(), count));
        }
        const XY p{rng.uniform(bounds.xmin, bounds.xmax), rng.uniform(bounds.ymin, bounds.ymax)};
        const double u = rng.uniform();
        if (u * max_density >= density.at(p) || !geos.contains(parent, p)) {
            continue;
        }
        const bool crowded = std::any_of(seeds.begin(), seeds.end(),
                                         [&](const XY& s) { return distance_m(s, p) < min_separation_m; });
        if (!crowded) {
            seeds.push_back(p);
        }
    }
    return seeds;
}

/// Density-weighted Lloyd relaxation on a discrete sample of the parent:
/// each seed moves to the weighted centroid of the samples nearest to it.
/// A centroid can fall outside a concave parent; the seed then moves to the
/// cell's sample nearest that centroid instead.
void relax_seeds(const Geos& geos, const GEOSPreparedGeometry& parent, const std::vector<XY>& samples,
                 const std::vector<double>& weights, std::vector<XY>& seeds, int iterations) {
    const std::size_t n = seeds.size();
    for (int iteration = 0; iteration < iterations; ++iteration) {
        std::vector<double> sum_x(n, 0.0);
        std::vector<double> sum_y(n, 0.0);
        std::vector<double> sum_w(n, 0.0);
        std::vector<std::size_t> owner(samples.size());
        for (std::size_t i = 0; i < samples.size(); ++i) {
            const std::size_t k = nearest_seed(seeds, samples[i]);
            owner[i] = k;
            sum_x[k] += weights[i] * samples[i].x;
            sum_y[k] += weights[i] * samples[i].y;
            sum_w[k] += weights[i];
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (sum_w[k] <= 0.0) {
                continue;
            }
            XY centroid{sum_x[k] / sum_w[k], sum_y[k] / sum_w[k]};
            if (!geos.contains(parent, centroid)) {
                double best = std::numeric_limits<double>::infinity();
                for (std::size_t i = 0; i < samples.size(); ++i) {
                    if (owner[i] == k && distance_m(samples[i], centroid) < best) {
                        best = distance_m(samples[i], centroid);
                        centroid = samples[i];
                    }
                }
            }
            seeds[k] = centroid;
        }
    }
}

/// The Voronoi cell of each seed, in seed order. GEOS 3.11 returns the cells
/// in its own order, so each cell is matched to the one seed it contains.
std::vector<Geom> voronoi_cells_in_seed_order(const Geos& geos, const std::vector<XY>& seeds,
                                              const GEOSGeometry& parent) {
    const Geom diagram = geos.voronoi_cells(seeds, parent);
    std::vector<Geom> cells = geos.polygon_parts(*diagram);
    if (cells.size() != seeds.size()) {
        throw std::runtime_error(
            fmt::format("partition: {} seeds gave {} Voronoi cells", seeds.size(), cells.size()));
    }
    std::vector<Geom> ordered(seeds.size());
    for (Geom& cell : cells) {
        const Prepared prepared = geos.prepare(*cell);
        std::size_t matches = 0;
        std::size_t seed_index = 0;
        for (std::size_t k = 0; k < seeds.size(); ++k) {
            if (geos.contains(*prepared, seeds[k])) {
                ++matches;
                seed_index = k;
            }
        }
        if (matches != 1 || ordered[seed_index]) {
            throw std::runtime_error(
                fmt::format("partition: a Voronoi cell contains {} seeds: {}", matches, geos.wkt(*cell)));
        }
        ordered[seed_index] = std::move(cell);
    }
    return ordered;
}

/// Length of the orphan's boundary that runs along `cell`.
double shared_boundary_m(const Geos& geos, const GEOSGeometry& orphan, const GEOSGeometry& cell) {
    const Geom orphan_edge = geos.boundary(orphan);
    const Geom cell_zone = geos.buffer(cell, kSharedEdgeTolerance_m, 2);
    return geos.length(*geos.intersection(*orphan_edge, *cell_zone));
}

/// A cell clipped by a concave parent can fall apart. Each stray part goes to
/// the cell it shares the longest boundary with, so every cell stays one
/// Polygon and the cells still cover the parent exactly.
void merge_orphans(const Geos& geos, std::vector<Cell>& cells, std::vector<Geom>& orphans) {
    for (const Geom& orphan : orphans) {
        double best_length = 0.0;
        std::size_t best = cells.size();
        for (std::size_t k = 0; k < cells.size(); ++k) {
            const double shared = shared_boundary_m(geos, *orphan, *cells[k].area);
            if (shared > best_length) {
                best_length = shared;
                best = k;
            }
        }
        if (best == cells.size()) {
            throw std::runtime_error(
                fmt::format("partition: a stray cell part touches no other cell: {}", geos.wkt(*orphan)));
        }
        cells[best].area = geos.union_of(*cells[best].area, *orphan);
    }
}

void check_cells(const Geos& geos, const GEOSGeometry& parent, const std::vector<Cell>& cells) {
    double total_m2 = 0.0;
    for (const Cell& cell : cells) {
        const GEOSGeometry& area = *cell.area;
        if (geos.type_id(area) != GEOS_POLYGON || geos.interior_ring_count(area) != 0) {
            throw std::runtime_error(
                fmt::format("partition: a cell is not a single Polygon without holes: {}", geos.wkt(area)));
        }
        if (const std::string problem = geos.validity_problem(area); !problem.empty()) {
            throw std::runtime_error(
                fmt::format("partition: invalid cell ({}): {}", problem, geos.wkt(area)));
        }
        if (!geos.contains(area, cell.seed)) {
            throw std::runtime_error("partition: a cell does not contain its seed");
        }
        total_m2 += geos.area(area);
    }
    const double parent_m2 = geos.area(parent);
    if (std::abs(total_m2 - parent_m2) > 0.5) {
        throw std::runtime_error(
            fmt::format("partition: cells cover {:.3f} m² of a {:.3f} m² parent", total_m2, parent_m2));
    }
}

}  // namespace

DensityModel::DensityModel(XY core, double spread_m, double floor)
    : m_core(core), m_spread_m(spread_m), m_floor(floor) {}

DensityModel DensityModel::jinshui(const Projector& projector) {
    return DensityModel(projector.to_metres(LonLat{113.668, 34.768}), 5000.0, 0.06);
}

double DensityModel::at(XY p) const {
    const double dx = (p.x - m_core.x) / m_spread_m;
    const double dy = (p.y - m_core.y) / m_spread_m;
    return m_floor + (1.0 - m_floor) * std::exp(-0.5 * (dx * dx + dy * dy));
}

std::vector<XY> interior_grid(const Geos& geos, const GEOSGeometry& polygon, double spacing_m) {
    const Bounds b = geos.bounds(polygon);
    const Prepared prepared = geos.prepare(polygon);
    const auto columns = static_cast<long>(std::ceil((b.xmax - b.xmin) / spacing_m));
    const auto rows = static_cast<long>(std::ceil((b.ymax - b.ymin) / spacing_m));
    std::vector<XY> points;
    for (long row = 0; row < rows; ++row) {
        for (long column = 0; column < columns; ++column) {
            const XY p{b.xmin + (static_cast<double>(column) + 0.5) * spacing_m,
                       b.ymin + (static_cast<double>(row) + 0.5) * spacing_m};
            if (geos.contains(*prepared, p)) {
                points.push_back(p);
            }
        }
    }
    return points;
}

std::vector<Cell> partition_polygon(const Geos& geos, const GEOSGeometry& parent, const DensityModel& density,
                                    const PartitionOptions& options, SeededRandom& rng) {
    const std::size_t n = options.cell_count;
    if (n == 0) {
        throw std::runtime_error("partition: cell count must be positive");
    }
    const double parent_m2 = geos.area(parent);
    double spacing_m = std::sqrt(parent_m2 / (static_cast<double>(n) * options.samples_per_cell));
    std::vector<XY> samples = interior_grid(geos, parent, spacing_m);
    while (samples.size() < 20 * n) {  // thin parents: refine until each cell has samples
        spacing_m /= 2.0;
        samples = interior_grid(geos, parent, spacing_m);
    }
    std::vector<double> weights;
    weights.reserve(samples.size());
    for (const XY& s : samples) {
        weights.push_back(density.at(s));
    }
    const double max_density = *std::max_element(weights.begin(), weights.end());

    const Prepared prepared = geos.prepare(parent);
    std::vector<XY> seeds =
        sample_seeds(geos, *prepared, geos.bounds(parent), density, max_density, n, 2.0 * spacing_m, rng);
    relax_seeds(geos, *prepared, samples, weights, seeds, options.lloyd_iterations);

    std::vector<Geom> voronoi = voronoi_cells_in_seed_order(geos, seeds, parent);
    std::vector<Cell> cells;
    std::vector<Geom> orphans;
    for (std::size_t k = 0; k < n; ++k) {
        const Geom clipped = geos.intersection(*voronoi[k], parent);
        std::vector<Geom> parts = geos.polygon_parts(*clipped);
        if (parts.empty()) {
            throw std::runtime_error("partition: a Voronoi cell does not meet the parent");
        }
        // Keep the part holding the seed (or, failing that, nearest to it).
        std::size_t keep = 0;
        double keep_distance = std::numeric_limits<double>::infinity();
        const Geom seed_point = geos.point(seeds[k]);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const double d = geos.distance(*parts[i], *seed_point);
            if (d < keep_distance) {
                keep_distance = d;
                keep = i;
            }
        }
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i != keep) {
                orphans.push_back(std::move(parts[i]));
            }
        }
        cells.push_back(Cell{seeds[k], std::move(parts[keep])});
    }
    merge_orphans(geos, cells, orphans);
    check_cells(geos, parent, cells);
    return cells;
}

}  // namespace stationplan::sample
