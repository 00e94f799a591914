// The public facade: runs the stages load -> model -> measure -> report in order.
#include "stationplan/check.hpp"

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "report/check_outputs.hpp"
#include "report/staging_dir.hpp"

namespace stationplan {

bool CheckOutcome::all_hold() const {
    for (const auto& r : rules)
        if (!r.holds) return false;
    return true;
}

CheckOutcome check(const Scenario& scenario, const CheckOptions& options) {
    auto stage = [&](const char* name) {
        if (options.on_stage) options.on_stage(name);
    };
    // Outputs go to a staging folder first, so a failure leaves nothing half-written.
    std::optional<report::StagingDir> staging;
    if (!options.out_dir.empty()) {
        std::vector<std::filesystem::path> inputs{scenario.path};
        for (const LayerSource* l : {&scenario.district, &scenario.streets, &scenario.communities, &scenario.grids,
                                     &scenario.stations, &scenario.deputies, &scenario.candidates})
            if (l->configured()) inputs.push_back(l->file);
        report::check_output_target(options.out_dir, inputs);
    }
    stage("load");
    const model::District district = model::load_district(scenario);
    stage("measure");
    const measure::Measurement m = measure::measure_district(district, scenario);
    CheckOutcome outcome = report::summarize(district, m, scenario);
    if (!options.out_dir.empty()) {
        stage("write");
        staging.emplace(options.out_dir);
        report::write_check_outputs(district, m, scenario, outcome, staging->path());
        staging->commit();
        outcome.out_dir = options.out_dir;
    }
    return outcome;
}

}  // namespace stationplan
