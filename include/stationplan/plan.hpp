// Planning on a district: where to add stations (suggest) and how to regroup
// deputies so every community station serves 3 to 5 of them (rebalance). Both run
// the coverage check first and write its outputs too, so one folder holds the
// whole picture.
//
//   auto sc = stationplan::load_scenario("analysis/jinshui-baseline.toml");
//   stationplan::SuggestOptions opt;
//   opt.model = stationplan::SuggestModel::Lscp;
//   opt.out_dir = "out/jinshui-baseline";
//   auto s = stationplan::suggest(sc, opt);   // s.sites: where, and why
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "stationplan/check.hpp"
#include "stationplan/geometry.hpp"
#include "stationplan/results.hpp"
#include "stationplan/run_options.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan {

struct SuggestOptions : RunOptions {
    SuggestModel model = SuggestModel::Lscp;
    std::size_t add = 0;                  // MCLP: how many stations to add
    double time_limit_s = 0.0;            // 0: the scenario's plan.time_limit_s
};

SuggestOutcome suggest(const Scenario& scenario, const SuggestOptions& options);

struct RebalanceOptions : RunOptions {
    bool allow_close = false;   // community stations may close (their deputies merge elsewhere)
    bool allow_move = false;    // community stations may move to a candidate site nearby
    double move_within_m = 0.0; // how far a station may move; 0: half the radius
    double time_limit_s = 0.0;  // 0: the scenario's plan.time_limit_s
};

RebalanceOutcome rebalance(const Scenario& scenario, const RebalanceOptions& options);

}  // namespace stationplan
