// Neighbourhood search for set covering (internal to plan/cover_models.cpp).
//
// A large-neighbourhood search in the spirit of "fix and re-optimise": take a
// cover, free a handful of its columns that lie close together (each a breadth-
// first ball over the cover's columns, two columns being neighbours when some row
// has both), and re-solve exactly, by CBC, the small set cover of the rows only
// those columns covered, over every column that covers any of them. Where a
// cheaper local cover exists it replaces the freed columns. On coverage instances
// the balls are places on the map, so this repairs a cover district by district;
// the Lagrangian heuristic's cover is typically a few sites above the best one.
//
// The search visits the cover's columns in index order, pass after pass, with
// larger neighbourhoods once a pass improves nothing, until a pass at the largest
// size improves nothing or the deadline comes: the same input gives the same
// cover (each sub-problem is solved to optimality or, if its own time limit ends
// it, its best cover is taken only when cheaper).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "plan/cover_lagrangian.hpp"

namespace stationplan::plan::cover {

struct SearchOptions {
    // Columns of the cover freed per neighbourhood: passes start at the first size
    // and, after a pass that improved nothing, go on with `grow` more, up to the last.
    std::size_t free_columns = 8;
    std::size_t max_free_columns = 16;
    std::size_t grow = 4;
    // Each neighbourhood's CBC run is limited by nodes, not time, and the search by
    // work (the nonzeros of the sub-problems solved), so that where the deadline
    // does not cut in, every machine gives the same cover.
    int sub_max_nodes = 200;
    double sub_time_limit_s = 5.0;   // a safety net only
    double work_limit = std::numeric_limits<double>::infinity();
    int max_passes = 50;
    bool integral = true;            // integer costs: only a saving of at least 1 counts
    double stop_at = -1.0;           // stop once the cover costs this or less (a bound, or a target);
                                     // maximal covering: once it covers this much or more (if >= 0)
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

struct SearchStats {
    std::size_t neighbourhoods = 0;  // sub-problems solved
    double work = 0.0;               // their nonzeros, summed
    std::size_t improvements = 0;    // of which gave a cheaper cover
    int passes = 0;
    std::size_t last_size = 0;       // neighbourhood size of the last pass
    double start_cost = 0.0, end_cost = 0.0;
};

// Improves `open` (a cover of every row of p) in place; never makes it dearer.
SearchStats neighbourhood_search(const Problem& p, std::vector<char>& open, const SearchOptions& opt);

// The same search for maximal covering (at most k open columns, the most row
// weight covered; `open` holds them): each neighbourhood frees a few open columns
// near each other (opt.free_columns .. max_free_columns) and re-solves, by CBC,
// which as many columns among every column that shares a row with a freed one
// cover the most weight the other open columns leave uncovered. Never covers less.
// The cost fields of the stats hold covered weights.
SearchStats mclp_neighbourhood_search(const std::vector<std::vector<std::uint32_t>>& rows, std::size_t column_count,
                                      const std::vector<double>& weight, std::vector<char>& open,
                                      const SearchOptions& opt);

}  // namespace stationplan::plan::cover
