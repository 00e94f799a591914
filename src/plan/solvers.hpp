// The optimisation models. Each returns a Solution with status, objective, bound,
// gap and seconds; results are deterministic for the same input and options.
//
//   plan::Solution s = plan::solve_set_cover(instance, {.time_limit_s = 10});
//   if (s.status == plan::SolveStatus::Optimal) ...
#pragma once

#include "plan/instance.hpp"

namespace stationplan::plan {

// LSCP / weighted set cover: open the least-cost set of (non-fixed) sites so that
// every demand is covered by an open site (fixed sites are open for free). Demands
// no site covers are left out and named in notes; the status is then Infeasible
// with the least-violating (all coverable demands covered) solution.
Solution solve_set_cover(const CoverInstance& inst, const SolveOptions& opt);

// MCLP: open exactly k new sites (fixed sites open for free) maximising the covered
// demand weight.
Solution solve_mclp(const CoverInstance& inst, std::size_t k, const SolveOptions& opt);

// p-median: open p sites minimising the sum of weight x distance to the nearest.
Solution solve_pmedian(const DistanceInstance& inst, std::size_t p, const SolveOptions& opt);

// p-center: open p sites minimising the largest distance to the nearest.
Solution solve_pcenter(const DistanceInstance& inst, std::size_t p, const SolveOptions& opt);

// Capacitated p-median: open p sites, assign each demand to one open site within
// its capacity (and above min_load), minimising the sum of w x distance, where w is
// the demand's weight when the instance has weights, else its size (OR-Library and
// Lorena-Senne instances: weight 1, plain distances).
Solution solve_capacitated_pmedian(const CapacitatedInstance& inst, std::size_t p, const SolveOptions& opt);

}  // namespace stationplan::plan
