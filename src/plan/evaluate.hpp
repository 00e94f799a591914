// Independent recomputation of every model's objective from the chosen sites (and
// assignment), by code that shares nothing with the solvers: a solver's reported
// objective is checked against these in tests and by the optimize command.
#pragma once

#include <string>
#include <vector>

#include "plan/instance.hpp"

namespace stationplan::plan {

struct Evaluation {
    double objective = 0.0;
    bool feasible = true;
    std::string problem;  // first violation found, empty when feasible
};

// Sum of costs of the selected (non-fixed) sites; infeasible if a coverable demand
// is not covered by a selected or fixed site.
Evaluation evaluate_set_cover(const CoverInstance& inst, const std::vector<std::size_t>& selected);
// Covered weight; infeasible if more than k non-fixed sites are selected.
Evaluation evaluate_mclp(const CoverInstance& inst, const std::vector<std::size_t>& selected, std::size_t k);
// Sum over demands of weight x distance to the nearest selected site.
Evaluation evaluate_pmedian(const DistanceInstance& inst, const std::vector<std::size_t>& selected, std::size_t p);
// Largest distance to the nearest selected site.
Evaluation evaluate_pcenter(const DistanceInstance& inst, const std::vector<std::size_t>& selected, std::size_t p);
// Sum of w x distance over the assignment (w: the demand's weight when the instance
// has weights, else its size); checks every demand is assigned to a
// selected site and every selected site's load is within min_load..capacity.
Evaluation evaluate_capacitated(const CapacitatedInstance& inst, const std::vector<std::size_t>& selected,
                                const std::vector<std::ptrdiff_t>& assignment, std::size_t p);

}  // namespace stationplan::plan
