// The coverage check: load a scenario's layers, measure every rule, write outputs.
//
//   auto sc = stationplan::load_scenario("analysis/jinshui-baseline.toml");
//   stationplan::CheckOptions opt;
//   opt.out_dir = "out/jinshui-baseline";
//   auto outcome = stationplan::check(sc, opt);
//   return outcome.all_hold() ? 0 : 1;
//
// Outputs are written whole or not at all: into a temporary sibling folder that is
// renamed onto out_dir only when every file is complete; SIGINT, SIGTERM and SIGHUP
// remove it before the process ends. An output folder that cannot be created or
// written (under a file, read-only, disk full) is an OutputError. Inputs are never
// modified.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "stationplan/results.hpp"
#include "stationplan/run_options.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan {

struct CheckOptions : RunOptions {
    // A PostGIS connection ("PG:host=... dbname=...") to publish the outputs to, as
    // tables of the schema out_db_schema (empty: the scenario name in lower case,
    // other characters as _). Needs out_dir. The schema is replaced whole, in one
    // transaction, and only when it is an earlier output; empty: no database.
    std::string out_db;
    std::string out_db_schema;
};

CheckOutcome check(const Scenario& scenario, const CheckOptions& options);

}  // namespace stationplan
