// R2, 选民不出社区找到代表: every community holds a deputy's address or a station.
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_community_reach(const RuleInputs& in) {
    const auto& d = in.district;
    RuleBuilder r(RuleId::R2, "Every community contains a deputy's address or a station (选民不出社区找到代表)");
    for (std::size_t i = 0; i < d.communities.size(); ++i)
        if (in.m.communities[i].deputies == 0 && in.m.communities[i].stations == 0)
            r.violation("community {}: no deputy lives or works there and no station is there", name_or_id(d.communities[i]));
    return r.finish();
}

}  // namespace stationplan::measure
