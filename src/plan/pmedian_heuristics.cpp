// p-median heuristics: greedy add and Whitaker's fast interchange (see
// median_internal.hpp for the sources).
#include <algorithm>
#include <cmath>
#include <limits>

#include "plan/median_internal.hpp"

namespace stationplan::plan::median {
namespace {

constexpr double kNone = std::numeric_limits<double>::infinity();
constexpr std::size_t kNoSite = static_cast<std::size_t>(-1);

// The deterministic order of candidate sites for one demand: cost, then index.
bool closer(double c, std::size_t j, double best_c, std::size_t best_j) {
    return c < best_c || (c == best_c && j < best_j);
}

double at(const Eigen::MatrixXd& cost, std::size_t i, std::size_t j) {
    return cost(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
}

}  // namespace

bool all_integral(const Eigen::MatrixXd& cost) {
    constexpr double kExact = 4503599627370496.0;  // 2^52: beyond it doubles skip integers
    double total = 0.0;
    for (Eigen::Index k = 0; k < cost.size(); ++k) {
        const double c = cost.data()[k];
        if (c != std::floor(c)) return false;
        total += std::abs(c);
    }
    return total < kExact;
}

double prune_above(bool integral, double incumbent) {
    return integral ? incumbent - 1.0 + 1e-6 : incumbent - 1e-9 * std::max(1.0, std::abs(incumbent));
}

OpenSet::OpenSet(const Eigen::MatrixXd& cost, std::vector<std::size_t> open)
    : m_cost(cost), m_open(std::move(open)), m_is_open(static_cast<std::size_t>(cost.cols()), 0) {
    for (std::size_t j : m_open) m_is_open[j] = 1;
    const auto n = static_cast<std::size_t>(cost.rows());
    m_phi1.assign(n, kNoSite);
    m_phi2.assign(n, kNoSite);
    m_d1.assign(n, kNone);
    m_d2.assign(n, kNone);
    for (std::size_t i = 0; i < n; ++i) rescan(i);
    recompute_objective();
}

std::vector<std::size_t> OpenSet::sites() const {
    std::vector<std::size_t> s = m_open;
    std::sort(s.begin(), s.end());
    return s;
}

void OpenSet::rescan(std::size_t i) {
    m_phi1[i] = m_phi2[i] = kNoSite;
    m_d1[i] = m_d2[i] = kNone;
    for (std::size_t j : m_open) {
        const double c = at(m_cost, i, j);
        if (closer(c, j, m_d1[i], m_phi1[i])) {
            m_phi2[i] = m_phi1[i], m_d2[i] = m_d1[i];
            m_phi1[i] = j, m_d1[i] = c;
        } else if (closer(c, j, m_d2[i], m_phi2[i])) {
            m_phi2[i] = j, m_d2[i] = c;
        }
    }
}

void OpenSet::recompute_objective() {
    m_objective = 0.0;
    for (double d : m_d1) m_objective += d;
}

void OpenSet::swap(std::size_t insert, std::size_t remove) {
    *std::find(m_open.begin(), m_open.end(), remove) = insert;
    m_is_open[remove] = 0;
    m_is_open[insert] = 1;
    for (std::size_t i = 0; i < m_d1.size(); ++i) {
        if (m_phi1[i] == remove || m_phi2[i] == remove) {
            rescan(i);
            continue;
        }
        const double c = at(m_cost, i, insert);
        if (closer(c, insert, m_d1[i], m_phi1[i])) {
            m_phi2[i] = m_phi1[i], m_d2[i] = m_d1[i];
            m_phi1[i] = insert, m_d1[i] = c;
        } else if (closer(c, insert, m_d2[i], m_phi2[i])) {
            m_phi2[i] = insert, m_d2[i] = c;
        }
    }
    recompute_objective();
}

void OpenSet::local_search(const Deadline& deadline) {
    const auto n = static_cast<std::size_t>(m_cost.rows());
    const auto m = static_cast<std::size_t>(m_cost.cols());
    if (m_open.empty() || m_open.size() == m) return;
    std::vector<double> net_loss(m, 0.0);
    // Round-off guard: a swap must gain more than this, or equal-cost swaps could cycle.
    const double min_gain = 1e-9 * std::max(1.0, std::abs(m_objective));
    std::size_t tried_without_gain = 0;
    for (std::size_t f = 0; tried_without_gain < m; f = (f + 1) % m, ++tried_without_gain) {
        if (m_is_open[f]) continue;
        if (f % 64 == 0 && deadline.passed()) return;
        // Inserting f: demands closer to f move there (gain); the others lose, if
        // their nearest site r is the one removed, the step to min(f, second).
        double gain = 0.0;
        for (std::size_t r : m_open) net_loss[r] = 0.0;
        const double* column = m_cost.col(static_cast<Eigen::Index>(f)).data();
        for (std::size_t i = 0; i < n; ++i) {
            const double c = column[i];
            if (c < m_d1[i])
                gain += m_d1[i] - c;
            else
                net_loss[m_phi1[i]] += std::min(c, m_d2[i]) - m_d1[i];
        }
        std::size_t remove = kNoSite;
        for (std::size_t r : m_open)
            if (remove == kNoSite || closer(net_loss[r], r, net_loss[remove], remove)) remove = r;
        if (gain - net_loss[remove] > min_gain) {
            swap(f, remove);
            tried_without_gain = 0;
        }
    }
}

std::vector<std::size_t> greedy_add(const Eigen::MatrixXd& cost, std::size_t p) {
    const auto n = static_cast<std::size_t>(cost.rows());
    const auto m = static_cast<std::size_t>(cost.cols());
    std::vector<double> nearest(n, kNone);
    std::vector<char> chosen(m, 0);
    std::vector<std::size_t> open;
    for (std::size_t step = 0; step < std::min(p, m); ++step) {
        std::size_t best = kNoSite;
        double best_total = kNone;
        for (std::size_t j = 0; j < m; ++j) {
            if (chosen[j]) continue;
            const double* column = cost.col(static_cast<Eigen::Index>(j)).data();
            double total = 0.0;
            for (std::size_t i = 0; i < n; ++i) total += std::min(nearest[i], column[i]);
            if (best == kNoSite || total < best_total) best = j, best_total = total;
        }
        chosen[best] = 1;
        open.push_back(best);
        for (std::size_t i = 0; i < n; ++i) nearest[i] = std::min(nearest[i], at(cost, i, best));
    }
    return open;
}

}  // namespace stationplan::plan::median
