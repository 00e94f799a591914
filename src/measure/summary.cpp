// The check's outcome for library callers and summary.json: counts that add up
// (total = used + rejected + review) and the rules' outcomes, from the district and
// its measurement alone.
#include "measure/measurement.hpp"

namespace stationplan::measure {

CheckOutcome summarize(const model::District& d, const Measurement& m, const Scenario& sc) {
    CheckOutcome o;
    o.scenario = sc.name;
    o.crs = d.crs.label();
    o.radius_m = sc.radius_m;
    o.deputies_total = d.deputy_records;
    o.deputies_used = d.deputies.size();
    o.deputies_review = d.review.size();
    o.deputies_rejected = d.deputy_records - d.deputies.size() - d.review.size();
    for (const auto& p : d.deputies) o.deputies_by_address += p.gazetteer_id.empty() ? 0 : 1;
    o.deputies_covered = m.covered_deputies;
    o.rejects_total = d.rejects.size();
    o.rules = m.rules;
    o.warnings = d.warnings;
    o.distance = sc.distance;
    o.deputies_measures_disagree = m.walk_disagree;
    o.deputies_unreachable = m.walk_unreachable;
    return o;
}

}  // namespace stationplan::measure
