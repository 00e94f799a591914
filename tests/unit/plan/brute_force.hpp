// Exact optima by enumeration, for checking the solvers on small instances.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "plan/evaluate.hpp"

namespace stationplan::plan::test {

// Every subset of the sites (at most ~20): the least-cost feasible cover.
inline double brute_force_cover(const CoverInstance& inst) {
    double best = 1e18;
    for (std::uint32_t mask = 0; mask < (1u << inst.site_count); ++mask) {
        std::vector<std::size_t> sel;
        for (std::size_t j = 0; j < inst.site_count; ++j)
            if (mask >> j & 1) sel.push_back(j);
        const Evaluation e = evaluate_set_cover(inst, sel);
        if (e.feasible) best = std::min(best, e.objective);
    }
    return best;
}

}  // namespace stationplan::plan::test
