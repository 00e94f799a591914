// Compares the outputs of two checks (summary.json and the CSV tables in two
// folders) and writes compare.json and the compare_*.csv tables. The definitions
// of added, closed, moved and merged stations are in stationplan/compare.hpp.
#pragma once

#include <filesystem>

#include "stationplan/compare.hpp"

namespace stationplan::report {

// Throws InputError naming the file, record and column of anything unreadable.
CompareOutcome compare_folders(const std::filesystem::path& before, const std::filesystem::path& after);

// compare.json (with both sides' summary.json objects) and compare_figures.csv,
// compare_stations.csv, compare_deputies.csv, compare_communities.csv,
// compare_grids.csv, compare_rules.csv into `dir`.
void write_comparison(const CompareOutcome& c, const std::filesystem::path& before, const std::filesystem::path& after,
                      const std::filesystem::path& dir);

}  // namespace stationplan::report
