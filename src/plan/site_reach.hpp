// Which candidate or station sites each deputy reaches within a radius, and how far:
// in a straight line, or on foot along the roads (network distance). Walking is never
// shorter than the straight line, so the walking distances are computed only for the
// pairs within the radius in a straight line (an rtree prefilter), one Dijkstra per
// site with the radius as its cutoff. A pair not reached on foot within the radius is
// simply absent (infinitely far), so a deputy no site reaches has an empty list and is
// named by the models, never dropped.
//
//   measure::RoadNetwork net = measure::build_road_network(d, sc);
//   plan::SiteReach reach(d.deputies, sites, radius_m, &net);   // nullptr: straight line
//   for (auto [site, metres] : reach.within(i)) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "measure/road_network.hpp"
#include "model/district.hpp"

namespace stationplan::plan {

class SiteReach {
public:
    // A distance exactly equal to radius_m (plus 1 mm of reprojection noise) is within.
    SiteReach(const std::vector<model::Deputy>& deputies, const std::vector<XY>& sites, double radius_m,
              measure::RoadNetwork* network);

    // Per deputy: the sites within the radius with their distances, ascending site.
    const std::vector<std::pair<std::uint32_t, double>>& within(std::size_t deputy) const { return m_within[deputy]; }
    bool on_foot() const { return m_on_foot; }

private:
    std::vector<std::vector<std::pair<std::uint32_t, double>>> m_within;
    bool m_on_foot = false;
};

}  // namespace stationplan::plan
