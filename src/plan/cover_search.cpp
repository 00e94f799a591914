#include "plan/cover_search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>

#include "plan/mip.hpp"

namespace stationplan::plan::cover {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_until(Clock::time_point t) { return std::chrono::duration<double>(t - Clock::now()).count(); }

// The open columns, ascending: the seeds of one pass.
std::vector<std::uint32_t> open_columns(const std::vector<char>& open) {
    std::vector<std::uint32_t> out;
    for (std::size_t j = 0; j < open.size(); ++j)
        if (open[j]) out.push_back(static_cast<std::uint32_t>(j));
    return out;
}

bool out_of_budget(const SearchStats& st, const SearchOptions& opt) {
    return Clock::now() >= opt.deadline || st.work >= opt.work_limit;
}

// Per row, how many open columns cover it.
std::vector<int> cover_counts(const std::vector<std::vector<std::uint32_t>>& col, const std::vector<char>& open,
                              std::size_t rows) {
    std::vector<int> count(rows, 0);
    for (std::size_t j = 0; j < open.size(); ++j)
        if (open[j])
            for (auto i : col[j]) ++count[i];
    return count;
}

// After a pass without gain: the next neighbourhood size, or false at the largest.
bool grow(std::size_t& size, const SearchOptions& opt) {
    if (size >= opt.max_free_columns) return false;
    size = std::min(opt.max_free_columns, size + std::max<std::size_t>(1, opt.grow));
    return true;
}

// Adds to `freed` (up to `size`) the open columns met in a breadth-first walk from
// it through every column, open or not, that shares a row with one reached: open
// columns in the order met. `seen` marks the columns in `freed`.
void walk_to_open(const std::vector<std::vector<std::uint32_t>>& rows, const std::vector<std::vector<std::uint32_t>>& col,
                  const std::vector<char>& open, std::size_t size, std::vector<std::uint32_t>& freed,
                  std::vector<int>& seen, std::vector<int>& reached, int stamp) {
    std::vector<std::uint32_t> walk = freed;
    for (auto j : walk) reached[j] = stamp;
    for (std::size_t q = 0; q < walk.size() && freed.size() < size && walk.size() < 4096; ++q)
        for (auto i : col[walk[q]])
            for (auto k : rows[i]) {
                if (reached[k] == stamp) continue;
                reached[k] = stamp;
                walk.push_back(k);
                if (open[k] && seen[k] != stamp && freed.size() < size) seen[k] = stamp, freed.push_back(k);
            }
}

// The neighbourhood of `seed`: a breadth-first ball over the open columns (two
// being neighbours when a row has both), the new neighbours of each column taken
// by how many rows they share with it (most first, then lowest index), until
// `size` are in.
std::vector<std::uint32_t> ball(const Problem& p, const std::vector<std::vector<std::uint32_t>>& col,
                                const std::vector<char>& open, std::uint32_t seed, std::size_t size,
                                std::vector<int>& seen, std::vector<int>& shared_seen, std::vector<int>& shared,
                                std::vector<int>& reached, int stamp) {
    std::vector<std::uint32_t> freed{seed};
    seen[seed] = stamp;
    std::vector<std::uint32_t> layer;
    for (std::size_t q = 0; q < freed.size() && freed.size() < size; ++q) {
        layer.clear();
        for (auto i : col[freed[q]])
            for (auto k : p.rows[i]) {
                if (!open[k] || seen[k] == stamp) continue;
                if (shared_seen[k] != stamp) shared_seen[k] = stamp, shared[k] = 0, layer.push_back(k);
                ++shared[k];
            }
        std::sort(layer.begin(), layer.end(), [&](std::uint32_t a, std::uint32_t b) {
            return shared[a] != shared[b] ? shared[a] > shared[b] : a < b;
        });
        for (auto k : layer) {
            seen[k] = stamp;
            if (freed.size() < size) freed.push_back(k);
        }
    }
    // Open columns need not overlap: if the ball is still short, walk on.
    walk_to_open(p.rows, col, open, size, freed, seen, reached, stamp);
    return freed;
}

}  // namespace

SearchStats neighbourhood_search(const Problem& p, std::vector<char>& open, const SearchOptions& opt) {
    const std::size_t n = p.row_count(), m = p.column_count();
    const auto col = p.columns();
    SearchStats st;
    st.start_cost = st.end_cost = cover_cost(p, open);
    if (!std::isfinite(st.start_cost) || opt.free_columns < 2) return st;
    std::size_t size = opt.free_columns;

    std::vector<int> count = cover_counts(col, open, n);  // open columns covering each row
    std::vector<int> seen(m, -1), shared_seen(m, -1), shared(m, 0), row_seen(n, -1), freed_count(n, 0);
    std::vector<int> col_seen(m, -1), pos(m, 0), reached(m, -1);  // pos: a column's place in the sub-problem
    int stamp = 0;
    auto set_open = [&](std::uint32_t j, bool value) {
        open[j] = value ? 1 : 0;
        for (auto i : col[j]) count[i] += value ? 1 : -1;
    };

    for (; st.passes < opt.max_passes; ++st.passes) {
        bool improved = false;
        st.last_size = size;
        for (auto s : open_columns(open)) {
            if (out_of_budget(st, opt) || st.end_cost <= opt.stop_at + 1e-9) return st;
            if (!open[s]) continue;
            ++stamp;
            const auto freed = ball(p, col, open, s, size, seen, shared_seen, shared, reached, stamp);
            // The rows only the freed columns cover.
            std::vector<std::uint32_t> rows;
            for (auto j : freed)
                for (auto i : col[j]) {
                    if (row_seen[i] != stamp) row_seen[i] = stamp, freed_count[i] = 0;
                    if (++freed_count[i] == count[i]) rows.push_back(i);
                }
            double freed_cost = 0.0;
            for (auto j : freed) freed_cost += p.cost[j];
            // Every column that covers one of them, in index order.
            std::vector<std::uint32_t> cols;
            for (auto i : rows)
                for (auto k : p.rows[i])
                    if (col_seen[k] != stamp) col_seen[k] = stamp, cols.push_back(k);
            std::sort(cols.begin(), cols.end());

            std::vector<std::uint32_t> chosen;
            double chosen_cost = 0.0;
            if (!rows.empty()) {
                MipModel mm;
                for (std::size_t k = 0; k < cols.size(); ++k) {
                    mm.add_column(0, 1, p.cost[cols[k]], true);
                    pos[cols[k]] = static_cast<int>(k);
                }
                for (auto i : rows) {
                    std::vector<int> c;
                    for (auto k : p.rows[i]) c.push_back(pos[k]);
                    mm.add_row(1, kInf, c, std::vector<double>(c.size(), 1.0));
                }
                MipOptions mo;
                mo.start.assign(cols.size(), 0.0);
                for (auto j : freed)
                    if (col_seen[j] == stamp) mo.start[static_cast<std::size_t>(pos[j])] = 1.0;
                mo.absolute_gap = opt.integral ? 1.0 - 1e-6 : 1e-6;
                mo.max_nodes = opt.sub_max_nodes;
                for (auto i : rows) st.work += static_cast<double>(p.rows[i].size());
                mo.time_limit_s = std::min(opt.sub_time_limit_s, seconds_until(opt.deadline));
                if (mo.time_limit_s <= 0.0) return st;
                mo.wall_clock = true;
                // Held to the deadline only close to it (a child process costs some
                // milliseconds, more than most of these take).
                mo.hard_stop = mo.time_limit_s < 0.25;
                const MipResult r = solve_mip(mm, mo);
                ++st.neighbourhoods;
                if (r.x.empty()) continue;
                for (std::size_t k = 0; k < cols.size(); ++k)
                    if (r.x[k] > 0.5) chosen.push_back(cols[k]), chosen_cost += p.cost[cols[k]];
            } else {
                ++st.neighbourhoods;  // the freed columns are all redundant
            }
            const double saving = freed_cost - chosen_cost;
            if (saving < (opt.integral ? 1.0 - 1e-6 : 1e-9 * std::max(1.0, std::abs(st.end_cost)))) continue;
            for (auto j : freed) set_open(j, false);
            for (auto j : chosen) set_open(j, true);
            st.end_cost -= saving;
            ++st.improvements;
            improved = true;
        }
        if (!improved) {
            if (!grow(size, opt)) break;
            continue;
        }
        local_search(p, open);
        count = cover_counts(col, open, n);
        st.end_cost = cover_cost(p, open);
    }
    return st;
}

SearchStats mclp_neighbourhood_search(const std::vector<std::vector<std::uint32_t>>& rows, std::size_t m,
                                      const std::vector<double>& weight, std::vector<char>& open,
                                      const SearchOptions& opt) {
    const std::size_t n = rows.size();
    std::vector<std::vector<std::uint32_t>> col(m);
    for (std::size_t i = 0; i < n; ++i)
        for (auto j : rows[i]) col[j].push_back(static_cast<std::uint32_t>(i));
    std::vector<int> count = cover_counts(col, open, n);
    auto covered_weight = [&] {
        double v = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            if (count[i] > 0) v += weight[i];
        return v;
    };
    SearchStats st;
    st.start_cost = st.end_cost = covered_weight();
    if (opt.free_columns < 1) return st;
    const double min_gain = opt.integral ? 1.0 - 1e-6 : 1e-9 * std::max(1.0, st.end_cost);
    std::vector<int> seen(m, -1), reached(m, -1), in_region(m, -1), pos(m, 0), row_seen(n, -1), row_done(n, -1),
        freed_count(n, 0);
    int stamp = 0;
    std::size_t size = opt.free_columns;
    for (; st.passes < opt.max_passes; ++st.passes) {
        bool improved = false;
        st.last_size = size;
        for (auto s : open_columns(open)) {
            if (out_of_budget(st, opt) || (opt.stop_at >= 0 && st.end_cost >= opt.stop_at - 1e-9)) return st;
            if (!open[s]) continue;
            ++stamp;
            // Freed: the seed, then the open columns nearest it (open sites of a
            // maximal cover seldom overlap: the walk goes through every column).
            std::vector<std::uint32_t> freed{s};
            seen[s] = stamp;
            walk_to_open(rows, col, open, size, freed, seen, reached, stamp);
            // Candidates: every column sharing a row with a freed one.
            std::vector<std::uint32_t> cand;
            for (auto f : freed)
                for (auto i : col[f])
                    for (auto k : rows[i])
                        if (in_region[k] != stamp) in_region[k] = stamp, cand.push_back(k);
            std::sort(cand.begin(), cand.end());
            for (std::size_t c = 0; c < cand.size(); ++c) pos[cand[c]] = static_cast<int>(c);
            // Rows at stake: reached by a candidate, not covered by the other open
            // columns; rows with the same candidates merged.
            for (auto f : freed)
                for (auto i : col[f]) {
                    if (row_seen[i] != stamp) row_seen[i] = stamp, freed_count[i] = 0;
                    ++freed_count[i];
                }
            std::map<std::vector<int>, double> stake;  // candidate positions -> weight
            double current = 0.0;                     // of it, what the freed columns cover
            for (auto c : cand)
                for (auto i : col[c]) {
                    if (row_done[i] == stamp) continue;
                    row_done[i] = stamp;
                    const int fc = row_seen[i] == stamp ? freed_count[i] : 0;
                    if (count[i] - fc > 0) continue;
                    std::vector<int> key;
                    for (auto k : rows[i])
                        if (in_region[k] == stamp) key.push_back(pos[k]);
                    stake[key] += weight[i];
                    if (fc > 0) current += weight[i];
                }
            MipModel mm;
            mm.set_maximize(true);
            MipOptions mo;
            for (std::size_t c = 0; c < cand.size(); ++c) {
                mm.add_column(0, 1, 0.0, true);
                mo.start.push_back(open[cand[c]] ? 1.0 : 0.0);
            }
            for (const auto& [key, w] : stake) {
                const int z = mm.add_column(0, 1, w, false);
                bool c = false;
                std::vector<int> cols{z};
                std::vector<double> coef{1.0};
                for (int k : key) {
                    cols.push_back(k), coef.push_back(-1.0);
                    c = c || open[cand[static_cast<std::size_t>(k)]];
                }
                mo.start.push_back(c ? 1.0 : 0.0);
                mm.add_row(-kInf, 0.0, cols, coef);
            }
            std::vector<int> all(cand.size());
            std::iota(all.begin(), all.end(), 0);
            mm.add_row(-kInf, static_cast<double>(freed.size()), all, std::vector<double>(all.size(), 1.0));
            mo.absolute_gap = opt.integral ? 1.0 - 1e-6 : 1e-6;
            mo.max_nodes = opt.sub_max_nodes;
            for (const auto& [key, w] : stake) st.work += static_cast<double>(key.size() + 1);
            mo.time_limit_s = std::min(opt.sub_time_limit_s, seconds_until(opt.deadline));
            if (mo.time_limit_s <= 0.0) return st;
            mo.wall_clock = true;
            mo.hard_stop = mo.time_limit_s < 0.25;  // as for set cover
            const MipResult r = solve_mip(mm, mo);
            ++st.neighbourhoods;
            if (r.x.empty() || !(r.objective > current + min_gain)) continue;
            // Apply, then recount from the columns (the MIP's value is not trusted).
            const std::vector<char> before = open;
            for (auto f : freed) open[f] = 0;
            for (std::size_t c = 0; c < cand.size(); ++c)
                if (r.x[c] > 0.5) open[cand[c]] = 1;
            count = cover_counts(col, open, n);
            const double now_weight = covered_weight();
            if (now_weight > st.end_cost + min_gain) {
                st.end_cost = now_weight;
                ++st.improvements;
                improved = true;
            } else {
                open = before;
                count = cover_counts(col, open, n);
            }
        }
        if (!improved && !grow(size, opt)) break;
    }
    return st;
}

}  // namespace stationplan::plan::cover
