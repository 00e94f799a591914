// R1, 驻区人大代表不出千米找到站点: every deputy within the radius of a counted station,
// by the scenario's distance (straight line, or walking on the roads).
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_radius(const RuleInputs& in) {
    const auto& d = in.district;
    const auto& m = in.m;
    RuleBuilder r(RuleId::R1, "Every deputy within " + in.radius_text() + " m of a counted station (驻区人大代表不出千米找到站点)");
    for (std::size_t i = 0; i < d.deputies.size(); ++i) {
        const auto& dm = m.deputies[i];
        if (dm.covered) continue;
        if (m.network) {
            const std::string straight =
                dm.nearest ? fmt::format(" (straight line {:.1f} m to {})", dm.nearest_distance_m, d.stations[*dm.nearest].id)
                           : std::string();
            if (dm.nearest_walk)
                r.violation("deputy {}: nearest counted station on foot {} is {:.1f} m away{}", d.deputies[i].id,
                            d.stations[*dm.nearest_walk].id, dm.nearest_walk_m, straight);
            else if (dm.walk_status == WalkStatus::BeyondCutoff)
                r.violation("deputy {}: no counted station within {:.0f} m on foot{}", d.deputies[i].id, m.walk_cutoff_m,
                            straight);
            else
                r.violation("deputy {}: no road path to any counted station{}", d.deputies[i].id, straight);
            continue;
        }
        if (!dm.nearest)
            r.violation("deputy {}: no counted station at all", d.deputies[i].id);
        else
            r.violation("deputy {}: nearest counted station {} is {:.1f} m away", d.deputies[i].id, d.stations[*dm.nearest].id,
                        dm.nearest_distance_m);
    }
    return r.finish();
}

}  // namespace stationplan::measure
