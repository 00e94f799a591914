// The CBC adapter: the only code that sees Cbc_Model. A model is built column by
// column and row by row, then solved once.
//
//   plan::MipModel m;
//   int y = m.add_column(0, 1, 3.0, true);
//   m.add_row(1, plan::kInf, {y}, {1.0});
//   auto r = plan::solve_mip(m, {.time_limit_s = 10});
#pragma once

#include <limits>
#include <vector>

#include "plan/instance.hpp"

namespace stationplan::plan {

constexpr double kInf = std::numeric_limits<double>::infinity();

class MipModel {
public:
    int add_column(double lower, double upper, double objective, bool integer);
    void add_row(double lower, double upper, const std::vector<int>& columns, const std::vector<double>& coefficients);
    void set_maximize(bool maximize) { m_maximize = maximize; }

    int column_count() const { return static_cast<int>(m_obj.size()); }
    int row_count() const { return static_cast<int>(m_row_lower.size()); }
    bool maximize() const { return m_maximize; }

private:
    friend struct MipAccess;
    bool m_maximize = false;
    std::vector<double> m_col_lower, m_col_upper, m_obj;
    std::vector<char> m_integer;
    std::vector<double> m_row_lower, m_row_upper;
    std::vector<int> m_row_start{0}, m_row_index;
    std::vector<double> m_row_value;
};

struct MipOptions {
    double time_limit_s = 60.0;
    // Stop when the gap is below these (CBC allowable gaps). For integer objectives
    // an absolute gap just below 1 proves optimality sooner.
    double absolute_gap = 1e-6;
    double relative_gap = 0.0;
    std::vector<double> start;   // a feasible solution to start from (all columns), or empty
    double cutoff = kInf;        // only solutions better than this are of interest (minimise)
    bool wall_clock = false;     // time_limit_s in elapsed time (CBC's default: CPU time, which runs
                                 // slower than the wall clock when other processes share the cores)
    // Hold time_limit_s on the wall clock even where CBC cannot stop (its root node:
    // LP, cuts and heuristics run to the end before it reads its clock): CBC runs in
    // a child process that is killed at the limit. A killed run returns TimeLimit
    // with no solution and no bound; the caller keeps its own incumbent.
    bool hard_stop = false;
    int max_nodes = -1;          // stop after this many branch-and-bound nodes (a limit that, unlike time,
                                 // gives the same answer on every machine); -1: no limit
    int log_level = 0;
};

struct MipResult {
    SolveStatus status = SolveStatus::Infeasible;
    double objective = std::numeric_limits<double>::quiet_NaN();
    double bound = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> x;  // empty when no solution was found
    double seconds = 0.0;
    bool stopped = false;   // hard_stop: the child was killed at the limit
};

MipResult solve_mip(const MipModel& model, const MipOptions& options);

// Fills gap from objective and bound (and 0 when proven optimal).
void finish_gap(Solution& s);

}  // namespace stationplan::plan
