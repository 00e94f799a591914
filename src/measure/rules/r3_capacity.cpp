// R3, 每个社区联络站服务3—5名人大代表: every community station serves capacity_min to
// capacity_max deputies, and every deputy is assigned to a community station.
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_capacity(const RuleInputs& in) {
    const auto& d = in.district;
    const auto& m = in.m;
    RuleBuilder r(RuleId::R3,
                  "Every community station serves capacity_min to capacity_max deputies (每个社区联络站服务3—5名人大代表)");
    for (std::size_t i = 0; i < d.stations.size(); ++i) {
        const auto& s = d.stations[i];
        if (s.kind != StationKind::Community || *m.stations[i].within_capacity) continue;
        r.violation("station {}: serves {} deputies, outside {}..{}", s.id, m.stations[i].load, *s.capacity_min, *s.capacity_max);
    }
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const auto& p = d.deputies[i];
        if (p.station_id.empty())
            r.violation("deputy {}: not assigned to any community station", p.id);
        else if (m.deputies[i].station && d.stations[*m.deputies[i].station].kind != StationKind::Community)
            r.violation("deputy {}: assigned to {}, which is a {} station, not a community station", p.id, p.station_id,
                        to_string(d.stations[*m.deputies[i].station].kind));
    }
    return r.finish();
}

}  // namespace stationplan::measure
