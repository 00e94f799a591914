// R7, the hierarchy's integrity: communities and grids inside their street, no gaps
// or overlaps above the tolerance (check_topology, GEOS), every station and deputy
// inside the district, no reference to an unknown street, community or station.
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_integrity(const RuleInputs& in) {
    const auto& d = in.district;
    const auto& m = in.m;
    RuleBuilder r(RuleId::R7, "Hierarchy integrity: areas inside their street, no gaps or overlaps, all inside the district");
    std::vector<std::string> lines;
    check_topology(d, in.scenario, lines);
    r.add_lines(lines);
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        const auto& s = d.stations[i];
        if (!m.stations[i].inside_district) r.violation("station {}: outside the district", s.id);
        if (!s.street_id.empty() && !in.street(s.street_id)) r.violation("station {}: names unknown street '{}'", s.id, s.street_id);
        if (!s.community_id.empty() && !in.community(s.community_id))
            r.violation("station {}: names unknown community '{}'", s.id, s.community_id);
    }
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const auto& p = d.deputies[i];
        if (!m.deputies[i].inside_district) r.violation("deputy {}: located outside the district", p.id);
        if (!p.station_id.empty() && !m.deputies[i].station)
            r.violation("deputy {}: assigned to unknown station '{}'", p.id, p.station_id);
        if (!p.industry_station_id.empty() && !in.station(p.industry_station_id))
            r.violation("deputy {}: assigned to unknown industry station '{}'", p.id, p.industry_station_id);
    }
    return r.finish();
}

}  // namespace stationplan::measure
