// Network distance for the check: the roads become a graph, every counted station
// and every deputy is snapped to it, and one multi-source Dijkstra (with a cutoff)
// gives each deputy its nearest counted station on foot.
#include <algorithm>

#include "measure/measurement.hpp"
#include "stationplan/error.hpp"

namespace stationplan::measure {

RoadNetwork build_road_network(const model::District& d, const Scenario& sc) {
    std::vector<geom::Polyline> lines;
    for (const auto& road : d.roads)
        for (const auto& l : road.lines) lines.push_back(l);
    RoadNetworkOptions opt;
    opt.snap_tolerance_m = sc.network.snap_tolerance_m;
    return RoadNetwork(lines, opt);
}

void measure_walking(const model::District& d, const Scenario& sc, Measurement& m) {
    m.network = true;
    m.walk_cutoff_m = sc.network.cutoff_m > 0 ? sc.network.cutoff_m : 3.0 * sc.radius_m;
    RoadNetwork net = build_road_network(d, sc);
    if (net.edge_count() == 0)
        throw InputError({sc.roads.file.string(), sc.roads.layer, {}, {}}, "the roads have no line of positive length");
    m.road_nodes = net.node_count();
    m.road_edges = net.edge_count();
    m.road_components = net.component_count();
    m.road_length_m = net.total_length_m();

    std::vector<SnapPoint> sources;
    std::vector<std::size_t> source_station;
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        if (!m.stations[i].counted) continue;
        sources.push_back(*net.snap(d.stations[i].position));
        source_station.push_back(i);
    }
    std::vector<SnapPoint> targets;
    targets.reserve(d.deputies.size());
    for (const auto& p : d.deputies) targets.push_back(*net.snap(p.position));
    const std::vector<WalkHit> hits = net.nearest_sources(sources, targets, m.walk_cutoff_m);

    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        DeputyMeasure& dm = m.deputies[i];
        const WalkHit& h = hits[i];
        dm.access_m = targets[i].access_m;
        dm.walk_status = h.status;
        dm.covered_straight = dm.covered;
        if (h.source) {
            dm.nearest_walk = source_station[*h.source];
            dm.nearest_walk_m = h.distance_m;
        }
        dm.covered = h.source && sc.coverage().covers(h.distance_m);
        dm.measures_disagree = dm.covered != dm.covered_straight;
        if (dm.measures_disagree) ++m.walk_disagree;
        if (h.status == WalkStatus::Unreachable) ++m.walk_unreachable;
        if (h.status == WalkStatus::BeyondCutoff) ++m.walk_beyond_cutoff;
    }

    // Service areas: the part of the district within the radius on foot of each
    // counted station.
    m.walk_service_areas.resize(d.stations.size());
    for (std::size_t s = 0; s < sources.size(); ++s) {
        geom::Geometry area = walk_service_area(net, sources[s], sc.radius_m, std::min(sc.circle_segments, 8),
                                                sc.network.service_access_m);
        m.walk_service_areas[source_station[s]] = geom::intersection(area, d.outline->geometry);
    }
}

}  // namespace stationplan::measure
