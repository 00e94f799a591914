// Writes planning results next to the check's outputs: suggestions.csv,
// suggestions.json and a `suggestions` layer in coverage.gpkg (suggest);
// assignment.csv, changes.csv and rebalance.json (rebalance).
#pragma once

#include <filesystem>

#include "io/crs.hpp"
#include "stationplan/plan.hpp"

namespace stationplan::report {

void write_suggestions(const SuggestOutcome& outcome, const io::Crs& crs, double radius_m, const std::filesystem::path& dir);
void write_rebalance(const RebalanceOutcome& outcome, const std::filesystem::path& dir);

}  // namespace stationplan::report
