// The stages every facade call runs (load -> model -> measure -> report), shared by
// check(), suggest(), rebalance() and compare(). Internal to src/api.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "stationplan/check.hpp"

namespace stationplan::api {

using Stage = std::function<void(const std::string&)>;
using Progress = std::function<void(double)>;
using Notice = std::function<void(const std::string&)>;

struct Checked {
    model::District district;
    measure::Measurement measurement;
    CheckOutcome outcome;
};

// The scenario file and every layer file it reads.
std::vector<std::filesystem::path> input_paths(const Scenario& sc);

// Removes the staging folders interrupted runs left beside out_dir (report::
// remove_stale_outputs), telling the user through `notice`.
void remove_stale_outputs(const std::filesystem::path& out_dir, const Notice& notice);

Checked load_and_measure(const Scenario& sc, const Stage& stage, const Progress& progress);

}  // namespace stationplan::api
