// R5: every street has exactly one street station, and it lies inside that street.
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_street_stations(const RuleInputs& in) {
    const auto& d = in.district;
    RuleBuilder r(RuleId::R5, "Every street has exactly one street station, inside the street");
    std::vector<std::size_t> per_street(d.streets.size(), 0);
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        const auto& s = d.stations[i];
        if (s.kind != StationKind::Street) continue;
        const auto street = in.street(s.street_id);
        if (!street) {
            r.violation("street station {}: names street '{}', which is not in the streets layer", s.id, s.street_id);
            continue;
        }
        ++per_street[*street];
        const auto& located = in.m.stations[i].street;
        if (located != street)
            r.violation("street station {}: lies outside its street {}{}", s.id, name_or_id(d.streets[*street]),
                        located ? ", in " + name_or_id(d.streets[*located]) : std::string(", in no street"));
    }
    for (std::size_t i = 0; i < d.streets.size(); ++i)
        if (per_street[i] != 1) r.violation("street {}: has {} street stations", name_or_id(d.streets[i]), per_street[i]);
    return r.finish();
}

}  // namespace stationplan::measure
