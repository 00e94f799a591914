// R6: every deputy with a sector is assigned to that sector's industry station.
#include <algorithm>
#include <map>

#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_industry(const RuleInputs& in) {
    const auto& d = in.district;
    RuleBuilder r(RuleId::R6, "Every deputy with a sector is assigned to that sector's industry station");
    std::map<std::string, std::vector<std::string>> by_sector;
    for (const auto& s : d.stations)
        if (s.kind == StationKind::Industry) by_sector[s.sector].push_back(s.id);
    for (const auto& p : d.deputies) {
        if (p.sector.empty()) continue;
        auto it = by_sector.find(p.sector);
        if (it == by_sector.end()) {
            r.violation("deputy {}: no industry station serves sector {}", p.id, p.sector);
        } else if (p.industry_station_id.empty()) {
            r.violation("deputy {}: sector {} but no industry station assigned (expected {})", p.id, p.sector,
                        it->second.front());
        } else if (std::find(it->second.begin(), it->second.end(), p.industry_station_id) == it->second.end()) {
            r.violation("deputy {}: sector {} but assigned to {} (expected {})", p.id, p.sector, p.industry_station_id,
                        it->second.front());
        }
    }
    return r.finish();
}

}  // namespace stationplan::measure
