// The table of rules and what they share.
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleInputs::RuleInputs(const model::District& d, const Scenario& sc, const Measurement& measurement)
    : district(d), scenario(sc), m(measurement) {
    for (std::size_t i = 0; i < d.streets.size(); ++i) m_streets.emplace(d.streets[i].id, i);
    for (std::size_t i = 0; i < d.communities.size(); ++i) m_communities.emplace(d.communities[i].id, i);
    // The first station of an id wins, as when deputies are matched to stations.
    for (std::size_t i = 0; i < d.stations.size(); ++i) m_stations.emplace(d.stations[i].id, i);
}

std::string name_or_id(const model::Area& a) { return a.name.empty() ? a.id : a.name + " (" + a.id + ")"; }

RuleOutcome run_rule(RuleId id, const RuleInputs& in) {
    switch (id) {
        case RuleId::R1: return check_radius(in);
        case RuleId::R2: return check_community_reach(in);
        case RuleId::R3: return check_capacity(in);
        case RuleId::R4: return check_grids(in);
        case RuleId::R5: return check_street_stations(in);
        case RuleId::R6: return check_industry(in);
        case RuleId::R7: return check_integrity(in);
    }
    throw std::logic_error("unknown rule");
}

}  // namespace stationplan::measure
