// Writes the coverage check's outputs into a folder: summary.json, deputies.csv,
// stations.csv, communities.csv, grids.csv, streets.csv, rejects.csv and
// coverage.gpkg (working CRS). The folder must exist (a StagingDir's).
//
// Redacted outputs are meant for publication: deputies.csv keeps ids but no names
// or coordinates, and coverage.gpkg has no deputies point layer but a
// deputy_counts layer (per grid: deputies, covered, uncovered). Addresses are never
// written.
#pragma once

#include <filesystem>

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "stationplan/check.hpp"

namespace stationplan::report {

void write_check_outputs(const model::District& district, const measure::Measurement& m, const Scenario& scenario,
                         const CheckOutcome& outcome, const std::filesystem::path& dir, bool redact = false);

}  // namespace stationplan::report
