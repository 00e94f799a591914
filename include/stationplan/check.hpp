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

#include "stationplan/scenario.hpp"

namespace stationplan {

struct CheckOptions {
    std::filesystem::path out_dir;        // empty: nothing is written
    // A PostGIS connection ("PG:host=... dbname=...") to publish the outputs to, as
    // tables of the schema out_db_schema (empty: the scenario name in lower case,
    // other characters as _). Needs out_dir. The schema is replaced whole, in one
    // transaction, and only when it is an earlier output; empty: no database.
    std::string out_db;
    std::string out_db_schema;
    // Outputs for publication: no deputy names, addresses or points (counts per grid).
    bool redact = false;
    // Called with a stage name as work progresses (for a progress line); may be empty.
    std::function<void(const std::string&)> on_stage;
    // Called with the share done (0..1) of the current stage's long loop (reading a
    // large deputies layer); may be empty.
    std::function<void(double)> on_progress;
    // Called with a line for the user that is not about the data: e.g. the unfinished
    // output folder of an interrupted earlier run, found beside out_dir and removed.
    // May be empty.
    std::function<void(const std::string&)> on_notice;
};

struct RuleOutcome {
    RuleId id = RuleId::R1;
    std::string title;
    bool holds = true;
    std::size_t violation_count = 0;
    std::vector<std::string> violations;  // one human-readable line each
};

struct CheckOutcome {
    std::string scenario;
    std::string crs;                      // e.g. "EPSG:4547"
    double radius_m = 0.0;
    std::size_t deputies_total = 0;       // records read
    std::size_t deputies_used = 0;
    std::size_t deputies_rejected = 0;    // total = used + rejected + review
    std::size_t deputies_review = 0;      // address matched no gazetteer entry well enough (review.csv)
    std::size_t deputies_by_address = 0;  // used deputies placed by their address (of deputies_used)
    std::size_t deputies_covered = 0;     // covered <= used
    std::size_t rejects_total = 0;        // rejected records over all layers
    DistanceMode distance = DistanceMode::Euclidean;  // how R1 measured: straight line or on foot
    // Network distance only: deputies within the radius in a straight line but not on
    // foot, and deputies with no road path to any counted station.
    std::size_t deputies_measures_disagree = 0;
    std::size_t deputies_unreachable = 0;
    std::vector<RuleOutcome> rules;       // the rules the scenario asked for, in order
    std::vector<std::string> warnings;    // repaired geometries and similar
    std::filesystem::path out_dir;        // where outputs went (empty if none)

    bool all_hold() const;
};

CheckOutcome check(const Scenario& scenario, const CheckOptions& options);

}  // namespace stationplan
