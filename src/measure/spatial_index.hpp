// Spatial indexes over the working CRS (Boost.Geometry rtree, packed once, read-only).
//
//   measure::PointIndex stations(positions);
//   auto hit = stations.nearest(p);   // {index, distance_m}; ties go to the lowest index
//   measure::AreaLocator communities(areas);
//   auto i = communities.locate(p);   // std::nullopt when p is in none
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "geom/geos.hpp"
#include "stationplan/geometry.hpp"

namespace stationplan::measure {

struct NearestHit {
    std::size_t index = 0;
    double distance_m = 0.0;
};

class PointIndex {
public:
    explicit PointIndex(const std::vector<XY>& points);
    ~PointIndex();
    PointIndex(PointIndex&&) noexcept;
    PointIndex& operator=(PointIndex&&) noexcept;

    bool empty() const;
    // The nearest point; among points at exactly the same distance, the lowest index
    // (so results never depend on the tree's internal order).
    std::optional<NearestHit> nearest(const XY& p) const;
    // Indexes of all points within radius_m (distance <= radius_m), ascending.
    std::vector<std::size_t> within(const XY& p, double radius_m) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// A growing set of points (rtree with quadratic insertion) for "is anything already
// within r of here?" while points are added one by one, as in deduplication.
class GrowingPointSet {
public:
    GrowingPointSet();
    ~GrowingPointSet();
    void insert(const XY& p);
    bool any_within(const XY& p, double radius_m) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Slow, obvious reference for tests: scans every point.
std::optional<NearestHit> nearest_brute_force(const std::vector<XY>& points, const XY& p);

// Finds the polygon that covers a point. locate() is safe to call from several
// threads at once (each thread has its own GEOS context). Polygons of a partition share boundaries:
// a point on a shared boundary goes to the lowest index, deterministically. A point
// covered by none but within tolerance_m of one goes to the lowest such index.
class AreaLocator {
public:
    explicit AreaLocator(const std::vector<const geom::Geometry*>& areas, double tolerance_m = 0.0);
    ~AreaLocator();
    AreaLocator(AreaLocator&&) noexcept;
    AreaLocator& operator=(AreaLocator&&) noexcept;

    std::optional<std::size_t> locate(const XY& p) const;
    // Indexes of areas whose envelope intersects the box around p of half-size r.
    std::vector<std::size_t> candidates(const geom::Envelope& box) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace stationplan::measure
