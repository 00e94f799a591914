// R4: every grid lies within the radius of a counted station (its covered share, from
// measure_grid_coverage) and has a liaison person (民情联络员).
#include "measure/rules/rule.hpp"

namespace stationplan::measure {

RuleOutcome check_grids(const RuleInputs& in) {
    const auto& d = in.district;
    const std::string radius = in.radius_text();
    RuleBuilder r(RuleId::R4, "Every grid lies within " + radius + " m of a counted station and has a liaison person");
    for (std::size_t i = 0; i < d.grids.size(); ++i) {
        const auto& g = d.grids[i];
        const auto& gm = in.m.grids[i];
        if (!gm.coverage_problem.empty())
            r.violation("grid {}: covered area not computed ({})", name_or_id(g), gm.coverage_problem);
        else if (!gm.covered)
            r.violation("grid {}: {:.1f}% covered, {:.0f} m2 beyond {} m of any counted station", name_or_id(g),
                        100.0 * gm.covered_ratio, gm.area_m2 - gm.covered_area_m2, radius);
        if (g.liaison.empty()) r.violation("grid {}: no liaison person", name_or_id(g));
    }
    return r.finish();
}

}  // namespace stationplan::measure
