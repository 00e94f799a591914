// Synthetic partitions: a polygon split into contiguous, non-overlapping
// single-part cells by a seeded Voronoi diagram.
//
//   DensityModel density = DensityModel::jinshui(projector);
//   std::vector<Cell> streets = partition_polygon(geos, *district, 17, density, rng);
//
// All coordinates are EPSG:4547 metres.
#pragma once

#include <cstddef>
#include <vector>

#include "geos_adapter.hpp"
#include "seeded_random.hpp"

namespace stationplan::sample {

class Projector;

/// Relative density of "things per km²" (cells, stations, deputies): highest
/// in the old south-west core around 二七广场/人民路, falling off as a
/// Gaussian to a floor at the northern and eastern edges. Values lie in
/// (floor, 1].
class DensityModel {
public:
    DensityModel(XY core, double spread_m, double floor);
    /// The model used for the sample: core at 113.668E 34.768N, spread 5 km,
    /// floor 0.06.
    static DensityModel jinshui(const Projector& projector);

    double at(XY p) const;

private:
    XY m_core;
    double m_spread_m;
    double m_floor;
};

struct Cell {
    XY seed;    // the Voronoi site; lies inside `area`
    Geom area;  // a single valid Polygon without holes
};

struct PartitionOptions {
    std::size_t cell_count = 1;
    /// Density-weighted Lloyd steps after sampling; a few smooth the shapes
    /// while keeping the density gradient (full convergence would flatten it).
    int lloyd_iterations = 2;
    /// Sample points per cell used to compute the weighted centroids.
    double samples_per_cell = 250.0;
};

/// Splits `parent` (a valid Polygon) into `options.cell_count` cells whose
/// union is `parent`. Seeds are drawn by rejection sampling on `density`.
/// Throws if a cell cannot be made a single valid Polygon.
std::vector<Cell> partition_polygon(const Geos& geos, const GEOSGeometry& parent, const DensityModel& density,
                                    const PartitionOptions& options, SeededRandom& rng);

/// Regular grid points inside `polygon`, `spacing_m` apart, offset half a
/// step from the bounding box corner.
std::vector<XY> interior_grid(const Geos& geos, const GEOSGeometry& polygon, double spacing_m);

}  // namespace stationplan::sample
