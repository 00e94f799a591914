// Deliberately plain loops: this is the reference the solvers are checked against.
#include "plan/evaluate.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace stationplan::plan {
namespace {

bool valid_sites(const std::vector<std::size_t>& selected, std::size_t site_count, Evaluation& e) {
    std::set<std::size_t> seen;
    for (std::size_t j : selected) {
        if (j >= site_count) {
            e.feasible = false;
            e.problem = "site " + std::to_string(j) + " does not exist";
            return false;
        }
        if (!seen.insert(j).second) {
            e.feasible = false;
            e.problem = "site " + std::to_string(j) + " selected twice";
            return false;
        }
    }
    return true;
}

std::vector<char> open_sites(const CoverInstance& inst, const std::vector<std::size_t>& selected) {
    std::vector<char> open(inst.site_count, 0);
    for (std::size_t j = 0; j < inst.site_count; ++j) open[j] = inst.is_fixed(j) ? 1 : 0;
    for (std::size_t j : selected) open[j] = 1;
    return open;
}

}  // namespace

Evaluation evaluate_set_cover(const CoverInstance& inst, const std::vector<std::size_t>& selected) {
    Evaluation e;
    if (!valid_sites(selected, inst.site_count, e)) return e;
    for (std::size_t j : selected)
        if (!inst.is_fixed(j)) e.objective += inst.cost.empty() ? 1.0 : inst.cost[j];
    const auto open = open_sites(inst, selected);
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        if (inst.covers[i].empty()) continue;  // nobody can cover it: not a violation of the solution
        bool covered = false;
        for (auto j : inst.covers[i]) covered = covered || open[j];
        if (!covered && e.feasible) {
            e.feasible = false;
            e.problem = "demand " + std::to_string(i) + " is not covered";
        }
    }
    return e;
}

Evaluation evaluate_mclp(const CoverInstance& inst, const std::vector<std::size_t>& selected, std::size_t k) {
    Evaluation e;
    if (!valid_sites(selected, inst.site_count, e)) return e;
    std::size_t added = 0;
    for (std::size_t j : selected) added += inst.is_fixed(j) ? 0 : 1;
    if (added > k) {
        e.feasible = false;
        e.problem = std::to_string(added) + " sites opened, more than " + std::to_string(k);
    }
    const auto open = open_sites(inst, selected);
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        bool covered = false;
        for (auto j : inst.covers[i]) covered = covered || open[j];
        if (covered) e.objective += inst.weight.empty() ? 1.0 : inst.weight[i];
    }
    return e;
}

Evaluation evaluate_pmedian(const DistanceInstance& inst, const std::vector<std::size_t>& selected, std::size_t p) {
    Evaluation e;
    if (!valid_sites(selected, inst.site_count(), e)) return e;
    if (selected.size() != p || selected.empty()) {
        e.feasible = false;
        e.problem = std::to_string(selected.size()) + " sites selected, expected " + std::to_string(p);
        if (selected.empty()) return e;
    }
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        double best = inst.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(selected[0]));
        for (std::size_t j : selected) best = std::min(best, inst.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
        e.objective += inst.w(i) * best;
    }
    return e;
}

Evaluation evaluate_pcenter(const DistanceInstance& inst, const std::vector<std::size_t>& selected, std::size_t p) {
    Evaluation e = evaluate_pmedian(inst, selected, p);
    if (selected.empty()) return e;
    e.objective = 0.0;
    for (std::size_t i = 0; i < inst.demand_count(); ++i) {
        double best = inst.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(selected[0]));
        for (std::size_t j : selected) best = std::min(best, inst.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
        e.objective = std::max(e.objective, best);
    }
    return e;
}

Evaluation evaluate_capacitated(const CapacitatedInstance& inst, const std::vector<std::size_t>& selected,
                                const std::vector<std::ptrdiff_t>& assignment, std::size_t p) {
    Evaluation e;
    const std::size_t n = inst.base.demand_count(), m = inst.base.site_count();
    if (!valid_sites(selected, m, e)) return e;
    auto fail = [&](const std::string& why) {
        if (e.feasible) e.problem = why;
        e.feasible = false;
    };
    if (selected.size() != p) fail(std::to_string(selected.size()) + " sites selected, expected " + std::to_string(p));
    if (assignment.size() != n) {
        fail("assignment has " + std::to_string(assignment.size()) + " entries, expected " + std::to_string(n));
        return e;
    }
    std::vector<char> open(m, 0);
    for (std::size_t j : selected) open[j] = 1;
    std::vector<double> load(m, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::ptrdiff_t j = assignment[i];
        if (j < 0 || static_cast<std::size_t>(j) >= m || !open[static_cast<std::size_t>(j)]) {
            fail("demand " + std::to_string(i) + " is not assigned to an open site");
            continue;
        }
        load[static_cast<std::size_t>(j)] += inst.size[i];
        // The cost weight: the demand's weight when the instance gives weights, else its size.
        const double w = inst.base.weight.size() ? inst.base.w(i) : inst.size[i];
        e.objective += w * inst.base.distance(static_cast<Eigen::Index>(i), j);
    }
    for (std::size_t j : selected) {
        if (load[j] > inst.capacity[j] + 1e-9)
            fail("site " + std::to_string(j) + " serves " + std::to_string(load[j]) + ", above its capacity " +
                 std::to_string(inst.capacity[j]));
        if (!inst.min_load.empty() && load[j] < inst.min_load[j] - 1e-9)
            fail("site " + std::to_string(j) + " serves " + std::to_string(load[j]) + ", below its minimum " +
                 std::to_string(inst.min_load[j]));
    }
    return e;
}

}  // namespace stationplan::plan
