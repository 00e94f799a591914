// Planning on a loaded district: builds the instances from deputies, stations and
// candidate sites, runs the models and explains each result in the district's
// terms (deputy, station, grid ids). Pure: writes nothing.
#pragma once

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "plan/candidates.hpp"
#include "stationplan/plan.hpp"

namespace stationplan::plan {

struct SuggestResult {
    SuggestOutcome outcome;
    std::vector<Site> sites;                 // the candidate sites considered
};

SuggestResult suggest_sites(const model::District& d, const measure::Measurement& m, const Scenario& sc,
                            const SuggestOptions& opt);

RebalanceOutcome rebalance_stations(const model::District& d, const measure::Measurement& m, const Scenario& sc,
                                    const RebalanceOptions& opt);

}  // namespace stationplan::plan
