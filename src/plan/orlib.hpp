// Readers for the public benchmark formats with known optimal values (see
// /work/shared/bench/README.md): OR-Library p-median, set covering and capacitated
// p-median files, and the Lorena-Senne SJC files. Plain stream parsing of
// whitespace-separated numbers; every malformed file (truncated, non-numeric, index
// out of range, trailing data) throws stationplan::InputError naming the file, the
// line and what was expected. Memory follows the file, not its header: no more is
// reserved for a header's count than the rest of the file can hold, and a p-median
// graph is checked for connectivity before its n x n matrix, so a short file never
// asks for gigabytes; at most 20,000 vertices or nodes (a dense 3.2 GB matrix).
//
//   auto [inst, p] = plan::read_orlib_pmed("pmed1.txt");        // 100 x 100, p = 5
//   plan::CoverInstance scp = plan::read_orlib_scp("scp41.txt"); // 200 rows x 1000 columns
//   auto cap = plan::read_orlib_capmed("pmedcap1.txt", 1);       // cap.known_value == 713
//   auto sjc = plan::read_sjc("SJC1.dat");                       // known_value is NaN
//
// Indexes in the returned instances are 0-based (file id k is index k - 1).
#pragma once

#include <cstddef>
#include <filesystem>
#include <limits>

#include "plan/instance.hpp"

namespace stationplan::plan {

// Uncapacitated p-median (Beasley 1985): `n edges p`, then `i j cost` lines with
// 1-based vertices. c(i,i) = 0, other pairs infinite; edges are applied in file
// order setting c(i,j) = c(j,i) = cost, so when a pair repeats the LAST cost wins
// (not the minimum); then Floyd-Warshall all-pairs shortest paths. Every vertex is
// a demand of weight 1 and a candidate site. Costs must be non-negative numbers and
// the graph connected.
struct PMedianFile {
    DistanceInstance instance;  // n x n, symmetric, zero diagonal; weight empty (all 1)
    std::size_t p = 0;
};
PMedianFile read_orlib_pmed(const std::filesystem::path& path);

// Set covering (Balas & Ho, Beasley): a stream of integers `m n`, n column costs,
// then per row the count k and k 1-based columns (numbers wrap freely across lines).
// Rows are demands, columns are sites; repeated columns within a row are merged.
CoverInstance read_orlib_scp(const std::filesystem::path& path);

// A capacitated p-median instance read from a file. As in the literature (and the
// published values), the objective is the plain sum of demand-to-median distances:
// instance.base.weight is all ones, and a demand's size counts only against the
// capacities (the capacitated solver weighs distances by base.weight when given).
struct CapacitatedFile {
    CapacitatedInstance instance;
    std::size_t p = 0;
    int id = 0;  // the instance's number in the file (pmedcap1), 0 for SJC
    double known_value = std::numeric_limits<double>::quiet_NaN();  // as printed in the file; NaN: none
};

// Capacitated p-median (Osman & Christofides 1994), OR-Library pmedcap1: line 1 the
// number of instances; each instance `id value`, `n p Q`, then n lines
// `id x y demand`. Every node is a demand (size = its demand) and a site (capacity
// Q). Distances are Euclidean TRUNCATED to an integer per pair: only that rule gives
// the published values. instance_number is the 1-based position in the file.
CapacitatedFile read_orlib_capmed(const std::filesystem::path& path, int instance_number);

// Capacitated p-median, Lorena & Senne SJC files: `n p`, then n lines
// `x y capacity demand` (UTM metres). Every node is a demand and a site with its own
// capacity. Distances are real Euclidean (not rounded). known_value stays NaN.
CapacitatedFile read_sjc(const std::filesystem::path& path);

}  // namespace stationplan::plan
