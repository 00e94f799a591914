#include "plan/site_reach.hpp"

#include "measure/measurement.hpp"
#include "measure/spatial_index.hpp"
#include "stationplan/coverage_rule.hpp"

namespace stationplan::plan {

SiteReach::SiteReach(const std::vector<model::Deputy>& deputies, const std::vector<XY>& sites, double radius_m,
                     measure::RoadNetwork* network)
    : m_within(deputies.size()), m_on_foot(network != nullptr) {
    const double reach = CoverageRule{radius_m}.reach_m();
    if (!network) {
        const measure::PointIndex index(sites);
        for (std::size_t i = 0; i < deputies.size(); ++i)
            for (auto j : index.within(deputies[i].position, reach))
                m_within[i].emplace_back(static_cast<std::uint32_t>(j), distance_m(deputies[i].position, sites[j]));
        return;
    }
    std::vector<XY> positions;
    std::vector<measure::SnapPoint> snapped;
    positions.reserve(deputies.size());
    snapped.reserve(deputies.size());
    for (const auto& p : deputies) {
        positions.push_back(p.position);
        snapped.push_back(*network->snap(p.position));
    }
    const measure::PointIndex index(positions);
    // Sites in ascending order, so each deputy's list comes out sorted by site.
    for (std::size_t j = 0; j < sites.size(); ++j) {
        const std::vector<std::size_t> near = index.within(sites[j], reach);
        if (near.empty()) continue;
        const std::vector<double> walk = network->distances_from(*network->snap(sites[j]), snapped, near, reach);
        for (std::size_t k = 0; k < near.size(); ++k)
            if (walk[k] <= reach) m_within[near[k]].emplace_back(static_cast<std::uint32_t>(j), walk[k]);
    }
}

}  // namespace stationplan::plan
