// Walking distance over a road network (Boost.Graph), in the working CRS.
//
//   measure::RoadNetwork net(walkable_lines, {.snap_tolerance_m = 1.0});
//   auto s = net.snap(station_xy);          // nearest edge, access leg, offset along it
//   auto d = net.snap(deputy_xy);
//   auto walk = net.nearest_sources({*s}, {*d}, 3000.0);   // multi-source, cutoff 3 km
//   walk[0].distance_m;                      // access legs + along-edge + shortest path
//
// Building: the lines are noded with GEOS where they cross or touch (data that is
// already noded keeps its nodes); a line end within snap_tolerance_m of another line
// is joined to it (a near-miss of digitising). Every point reaches the network by a
// straight access leg to its nearest edge (Boost.Geometry rtree over the segments;
// ties go to the lowest edge and segment), then walks along that edge to either of
// its ends; two points on the same edge also walk directly along it. Walking is
// never shorter than the straight line between the two points.
//
// Query methods are not const (they reuse one search vertex) and not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "geom/geos.hpp"
#include "stationplan/geometry.hpp"

namespace stationplan::measure {

constexpr double kUnreached = std::numeric_limits<double>::infinity();

struct RoadNetworkOptions {
    // Metres: a line end this close to another line (but not touching it) is joined
    // to it. 0: only lines that touch or cross are joined.
    double snap_tolerance_m = 1.0;
};

// Where a point meets the network.
struct SnapPoint {
    std::size_t edge = 0;      // edge index
    double offset_m = 0.0;     // along the edge from its first node
    double access_m = 0.0;     // straight line from the point to `at`
    XY at;                     // the nearest point of the edge
};

enum class WalkStatus {
    Reached,        // distance_m holds the walking distance (<= the cutoff)
    BeyondCutoff,   // a source is connected but farther than the cutoff
    Unreachable,    // no source on the target's connected part of the network
};

struct WalkHit {
    double distance_m = kUnreached;
    std::optional<std::size_t> source;   // index into the sources given
    WalkStatus status = WalkStatus::Unreachable;
};

class RoadNetwork {
public:
    RoadNetwork(const std::vector<geom::Polyline>& lines, const RoadNetworkOptions& options = {});
    ~RoadNetwork();
    RoadNetwork(RoadNetwork&&) noexcept;
    RoadNetwork& operator=(RoadNetwork&&) noexcept;

    std::size_t node_count() const;
    std::size_t edge_count() const;
    std::size_t component_count() const;
    double total_length_m() const;
    const geom::Polyline& edge_geometry(std::size_t edge) const;
    double edge_length_m(std::size_t edge) const;
    std::size_t edge_component(std::size_t edge) const;

    // The nearest point of the network; nullopt when the network has no edge.
    std::optional<SnapPoint> snap(const XY& p) const;

    // For each target, the nearest source on foot (multi-source Dijkstra with a
    // cutoff in metres). A target exactly at the cutoff is reached. Between sources
    // at exactly equal distances the choice is deterministic (same input, same
    // answer) but not always the lower index: each node keeps the source that
    // settled it first.
    std::vector<WalkHit> nearest_sources(const std::vector<SnapPoint>& sources, const std::vector<SnapPoint>& targets,
                                         double cutoff_m);

    // Walking distances from one source to the targets listed in `which` (indexes
    // into targets), one Dijkstra with the cutoff; kUnreached beyond it.
    std::vector<double> distances_from(const SnapPoint& source, const std::vector<SnapPoint>& targets,
                                       const std::vector<std::size_t>& which, double cutoff_m);

    // The pieces of the network within radius_m on foot from the source, each with
    // the walking distance at its two ends (pieces at most max_piece_m long).
    struct Piece {
        geom::Polyline line;
        double from_m = 0.0, to_m = 0.0;   // walking distance at line.front(), line.back()
    };
    std::vector<Piece> reachable_pieces(const SnapPoint& source, double radius_m, double max_piece_m);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The area within radius_m on foot of a source: the reachable pieces, each buffered by
// the distance left at its farther end, but by at most max_access_m (GEOS buffer,
// union). Every point inside is within the radius of the source on foot by a straight
// access leg of at most max_access_m; the cap keeps the area from reaching across a
// river or a wall to roads on the other side.
geom::Geometry walk_service_area(RoadNetwork& network, const SnapPoint& source, double radius_m,
                                 int quadrant_segments, double max_access_m, double max_piece_m = 50.0);

// Slow, obvious reference for tests: walking distance between two snapped points by
// Bellman-Ford-style relaxation over every edge until nothing changes.
double walk_distance_brute_force(const RoadNetwork& network, const SnapPoint& a, const SnapPoint& b);

}  // namespace stationplan::measure
