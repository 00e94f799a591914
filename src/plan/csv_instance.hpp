// Planning instances from plain CSV files, for `stationplan optimize --demand CSV
// --sites CSV` and `--cost-matrix CSV`. Errors are stationplan::InputError naming
// the file, the line and the column.
//
//   plan::PointsCsv demand = plan::read_points_csv("demand.csv");   // x,y[,weight]
//   plan::PointsCsv sites = plan::read_points_csv("sites.csv");
//   plan::CoverInstance c = plan::cover_instance(demand, sites, 1000.0);  // radius in metres
//   plan::DistanceInstance d = plan::distance_instance(demand, sites);     // Euclidean metres
//   plan::DistanceInstance m = plan::read_cost_matrix_csv("costs.csv");
//
// Points files: a header row naming the columns `x` and `y` (projected metres) and
// optionally `weight` (a demand's weight, >= 0, default 1); names are matched
// case-insensitively, other columns are ignored, every row needs a value in each
// named column. A sites file's weight column, if any, is not used.
// Cost-matrix files: one row per demand, one column per site, costs >= 0; the first
// row is a header (and skipped) when none of its cells is a number.
// Both: comma-separated, double-quoted cells allowed (no line breaks inside), CRLF
// and a UTF-8 byte-order mark accepted, blank lines skipped.
#pragma once

#include <filesystem>
#include <vector>

#include "plan/instance.hpp"
#include "stationplan/geometry.hpp"

namespace stationplan::plan {

struct PointsCsv {
    std::vector<XY> points;      // in file order: index k is the k-th data row (0-based)
    std::vector<double> weight;  // per point; all 1 when the file has no weight column
    bool has_weight = false;
};

PointsCsv read_points_csv(const std::filesystem::path& path);

// Demands = `demand` points with their weights, sites = `sites` points; site j covers
// demand i when CoverageRule{radius_m} covers their distance (a distance equal to the
// radius, or up to CoverageRule::kTolerance beyond it, is covered: the check's rule).
// Site costs are all 1.
CoverInstance cover_instance(const PointsCsv& demand, const PointsCsv& sites, double radius_m);

// The dense Euclidean demand x site distance matrix (metres) with demand weights.
DistanceInstance distance_instance(const PointsCsv& demand, const PointsCsv& sites);

// Rows: demands; columns: sites. Weights all 1 (weight left empty).
DistanceInstance read_cost_matrix_csv(const std::filesystem::path& path);

// Site j covers demand i when CoverageRule{radius} covers cost(i, j) (the same rule,
// its tolerance in the matrix's unit).
CoverInstance cover_instance(const DistanceInstance& costs, double radius);

}  // namespace stationplan::plan
