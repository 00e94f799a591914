// The p-median Lagrangian bound with subgradient optimisation and reduced-cost
// site fixing (Beasley 1993; see median_internal.hpp).
#include <algorithm>
#include <cmath>
#include <set>

#include "plan/median_internal.hpp"

namespace stationplan::plan::median {

LagrangianPoint lagrangian_point(const Eigen::MatrixXd& cost, const Eigen::VectorXd& lambda, std::size_t p,
                                 const std::vector<SiteFix>& fix) {
    LagrangianPoint pt;
    // rho_j = sum_i min(0, c_ij - lambda_i): opening j and serving every demand
    // whose price lambda_i exceeds its cost there.
    const std::size_t m = fix.size();
    pt.rho = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(m));  // closed sites: never read
    for (std::size_t j = 0; j < m; ++j)
        if (fix[j] != SiteFix::Closed)
            pt.rho[static_cast<Eigen::Index>(j)] =
                (cost.col(static_cast<Eigen::Index>(j)) - lambda).array().min(0.0).sum();
    pt.in_p.assign(m, 0);
    std::vector<std::size_t> free_sites;
    pt.value = lambda.sum();
    std::size_t open_count = 0;
    for (std::size_t j = 0; j < m; ++j) {
        if (fix[j] == SiteFix::Open) {
            pt.in_p[j] = 1;
            pt.value += pt.rho[static_cast<Eigen::Index>(j)];
            ++open_count;
        } else if (fix[j] == SiteFix::Free) {
            free_sites.push_back(j);
        }
    }
    const std::size_t need = std::min(p - std::min(p, open_count), free_sites.size());
    auto by_rho = [&](std::size_t a, std::size_t b) {
        const double ra = pt.rho[static_cast<Eigen::Index>(a)], rb = pt.rho[static_cast<Eigen::Index>(b)];
        return ra < rb || (ra == rb && a < b);
    };
    std::nth_element(free_sites.begin(), free_sites.begin() + static_cast<std::ptrdiff_t>(need), free_sites.end(), by_rho);
    pt.last_in = -kUnbounded;
    pt.first_out = kUnbounded;
    for (std::size_t k = 0; k < free_sites.size(); ++k) {
        const std::size_t j = free_sites[k];
        const double r = pt.rho[static_cast<Eigen::Index>(j)];
        if (k < need) {
            pt.in_p[j] = 1;
            pt.value += r;
            pt.last_in = std::max(pt.last_in, r);
        } else {
            pt.first_out = std::min(pt.first_out, r);
        }
    }
    pt.free_needed = need;
    return pt;
}

namespace {

// Reduced-cost fixing at one point: a free site outside the relaxed solution whose
// forced opening (swapping out the dearest free site in it) lifts the bound above
// `prune` is closed; one inside whose forced closing does the same is opened.
void fix_sites(const LagrangianPoint& pt, double prune, std::vector<SiteFix>& fix) {
    for (std::size_t j = 0; j < fix.size(); ++j) {
        if (fix[j] != SiteFix::Free) continue;
        const double r = pt.rho[static_cast<Eigen::Index>(j)];
        if (!pt.in_p[j] && (pt.free_needed == 0 || pt.value + r - pt.last_in > prune))
            fix[j] = SiteFix::Closed;
        else if (pt.in_p[j] && (pt.first_out == kUnbounded || pt.value - r + pt.first_out > prune))
            fix[j] = SiteFix::Open;
    }
}

std::vector<std::size_t> sites_in(const std::vector<char>& in_p) {
    std::vector<std::size_t> s;
    for (std::size_t j = 0; j < in_p.size(); ++j)
        if (in_p[j]) s.push_back(j);
    return s;
}

}  // namespace

void Incumbent::offer(const OpenSet& candidate) {
    if (candidate.objective() < objective) {
        objective = candidate.objective();
        open = candidate.sites();
    }
}

Eigen::VectorXd start_multipliers(const Eigen::MatrixXd& cost, const std::vector<std::size_t>& open) {
    const OpenSet s(cost, open);
    Eigen::VectorXd lambda(cost.rows());
    for (Eigen::Index i = 0; i < cost.rows(); ++i)
        lambda[i] = cost(i, static_cast<Eigen::Index>(s.nearest()[static_cast<std::size_t>(i)]));
    return lambda;
}

Ascent lagrangian_ascent(const Eigen::MatrixXd& cost, std::size_t p, Eigen::VectorXd lambda, std::vector<SiteFix>& fix,
                         Incumbent& incumbent, bool integral, const AscentLimits& limits, const Deadline& deadline) {
    const auto n = static_cast<std::size_t>(cost.rows());
    Ascent out;
    std::set<std::vector<std::size_t>> tried;  // relaxed solutions already given to the local search
    double pi = limits.pi_start;
    int stall = 0;
    Eigen::VectorXd g(cost.rows());
    while (pi > limits.pi_end && !deadline.passed()) {
        ++out.iterations;
        const LagrangianPoint pt = lagrangian_point(cost, lambda, p, fix);
        if (out.iterations == 1 || pt.value > out.bound + 1e-9 * std::max(1.0, std::abs(out.bound))) {
            out.bound = pt.value;
            out.lambda = lambda;
            stall = 0;
        } else if (++stall >= limits.stall) {
            pi /= 2.0;
            stall = 0;
        }
        const double prune = prune_above(integral, incumbent.objective);
        if (out.bound > prune) break;
        fix_sites(pt, prune, fix);

        const std::vector<std::size_t> relaxed = sites_in(pt.in_p);
        if (relaxed.size() != p) break;  // fewer than p sites left: nothing to ascend
        if (limits.heuristic_every > 0 && out.iterations % limits.heuristic_every == 1 && tried.insert(relaxed).second) {
            OpenSet trial(cost, relaxed);
            trial.local_search(deadline);
            incumbent.offer(trial);
        }

        // Subgradient of the relaxed constraints sum_j x_ij = 1.
        g.setOnes();
        for (std::size_t j : relaxed) {
            const double* column = cost.col(static_cast<Eigen::Index>(j)).data();
            for (std::size_t i = 0; i < n; ++i)
                if (column[i] < lambda[static_cast<Eigen::Index>(i)]) g[static_cast<Eigen::Index>(i)] -= 1.0;
        }
        const double norm2 = g.squaredNorm();
        if (norm2 == 0.0) {
            // The relaxed solution serves every demand once: L is its cost, the optimum here.
            incumbent.offer(OpenSet(cost, relaxed));
            out.bound = std::max(out.bound, pt.value);
            out.solved = true;
            break;
        }
        lambda += (pi * (incumbent.objective - pt.value) / norm2) * g;
    }
    if (out.lambda.size() == 0) out.lambda = lambda;
    return out;
}

namespace {

struct Node {
    std::vector<SiteFix> fix;
    Eigen::VectorXd lambda;
    double parent_bound = -kUnbounded;
};

std::vector<std::size_t> sites_with(const std::vector<SiteFix>& fix, bool include_free) {
    std::vector<std::size_t> s;
    for (std::size_t j = 0; j < fix.size(); ++j)
        if (fix[j] == SiteFix::Open || (include_free && fix[j] == SiteFix::Free)) s.push_back(j);
    return s;
}

}  // namespace

TreeSearch pmedian_tree_search(const Eigen::MatrixXd& cost, std::size_t p, const Eigen::VectorXd& root_lambda,
                               const std::vector<SiteFix>& root_fix, Incumbent& incumbent, bool integral,
                               const Deadline& deadline) {
    // Nodes restart from the parent's multipliers with the root's pi and stop earlier;
    // measured on pmed1-40 (pmed36: 401 nodes, against 1315 with pi 0.5 -> 0.01).
    const AscentLimits node_limits{.pi_start = 2.0, .pi_end = 0.1, .stall = 30, .heuristic_every = 0};
    // Only the sites the root left free or open take part: a column subset.
    std::vector<std::size_t> active = sites_with(root_fix, true);
    Eigen::MatrixXd sub(cost.rows(), static_cast<Eigen::Index>(active.size()));
    std::vector<SiteFix> sub_fix(active.size());
    for (std::size_t k = 0; k < active.size(); ++k) {
        sub.col(static_cast<Eigen::Index>(k)) = cost.col(static_cast<Eigen::Index>(active[k]));
        sub_fix[k] = root_fix[active[k]];
    }
    Incumbent best{{}, incumbent.objective};  // in sub's indexes; empty: the caller's incumbent
    TreeSearch out;
    std::vector<Node> stack{{sub_fix, root_lambda, -kUnbounded}};
    double open_bound = kUnbounded;  // smallest bound of the nodes left when time ran out
    while (!stack.empty()) {
        if (deadline.passed()) {
            for (const Node& node : stack) open_bound = std::min(open_bound, node.parent_bound);
            break;
        }
        Node node = std::move(stack.back());
        stack.pop_back();
        ++out.nodes;
        const Ascent ascent = lagrangian_ascent(sub, p, node.lambda, node.fix, best, integral, node_limits, deadline);
        const auto open = sites_with(node.fix, false), usable = sites_with(node.fix, true);
        if (usable.size() < p) continue;  // infeasible
        if (open.size() == p || usable.size() == p) {  // a leaf: every site decided
            best.offer(OpenSet(sub, open.size() == p ? open : usable));
            continue;
        }
        if (ascent.solved || ascent.bound > prune_above(integral, best.objective)) continue;
        if (deadline.passed()) {
            open_bound = std::min(open_bound, ascent.bound);
            continue;
        }
        const LagrangianPoint pt = lagrangian_point(sub, ascent.lambda, p, node.fix);
        std::size_t branch = node.fix.size();
        for (std::size_t j = 0; j < node.fix.size(); ++j)
            if (node.fix[j] == SiteFix::Free && pt.in_p[j] &&
                (branch == node.fix.size() || pt.rho[static_cast<Eigen::Index>(j)] < pt.rho[static_cast<Eigen::Index>(branch)]))
                branch = j;
        Node opened{node.fix, ascent.lambda, ascent.bound}, closed{std::move(node.fix), ascent.lambda, ascent.bound};
        opened.fix[branch] = SiteFix::Open;
        closed.fix[branch] = SiteFix::Closed;
        stack.push_back(std::move(opened));
        stack.push_back(std::move(closed));  // explored first
    }
    if (!best.open.empty()) {
        std::vector<std::size_t> original;
        for (std::size_t k : best.open) original.push_back(active[k]);
        std::sort(original.begin(), original.end());
        incumbent.open = original;
        incumbent.objective = best.objective;
    }
    out.finished = stack.empty() && open_bound == kUnbounded;
    out.bound = std::min(incumbent.objective, open_bound);
    return out;
}

}  // namespace stationplan::plan::median
