// A reorganisation before and after: two checks compared for the committee.
//
//   stationplan::CompareOptions opt;
//   opt.out_dir = "out/jinshui-reorganise";
//   auto c = stationplan::compare("analysis/jinshui-baseline.toml",
//                                 "analysis/jinshui-reorganise.toml", opt);
//   c.stations.closed;  // stations gone, c.deputies_changing_station ...
//
// Each side is a scenario file (checked in-process) or the output folder of an
// earlier check (it holds summary.json and the CSV tables). Stations, deputies,
// communities and grids are matched by id. Definitions (docs/COMPARE.md):
//   added     a station id only after;
//   moved     the same station id on both sides, at least kMovedMinM apart;
//   merged    a station id only before, holding at least one deputy, whose deputies
//             present after are all assigned to one station that exists on both sides;
//   closed    a station id only before that is not merged.
// Outputs (whole or not at all): compare.html (the committee's view, through
// write_compare_html), compare.json, compare_*.csv and the two sides' check outputs
// in before/ and after/.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "stationplan/geometry.hpp"
#include "stationplan/report.hpp"

namespace stationplan {

// Positions closer than this (metres, working CRS) are the same place: CSV rounding
// and reprojection noise stay far below it.
constexpr double kMovedMinM = 1.0;

struct CompareOptions {
    std::filesystem::path out_dir;  // empty: nothing written
    bool redact = false;            // publishable outputs: no deputy names, addresses or points
    ReportLang lang = ReportLang::Zh;  // of compare.html
    std::function<void(const std::string&)> on_stage;
    std::function<void(double)> on_progress;  // see CheckOptions::on_progress
    std::function<void(const std::string&)> on_notice;  // see CheckOptions::on_notice
};

struct FigureChange {
    std::string key;   // "deputies.covered", "coverage_ratio", "grids.covered" ...
    double before = 0.0, after = 0.0, change = 0.0;
};

struct StationRef {
    std::string station_id, name, kind;
    LonLat position;
};

struct StationMove {
    std::string station_id, name;
    LonLat from, to;
    double distance_m = 0.0;
};

struct StationMerge {
    std::string into;
    std::vector<std::string> from;  // sorted
};

struct DeputyChange {
    std::string deputy_id, old_station_id, new_station_id;
    double old_distance_m = 0.0, new_distance_m = 0.0;  // NaN: no (known) station
};

struct AreaRef {
    std::string id, name;
};

struct GridChange {
    std::string grid_id;
    double before_covered_ratio = 0.0, after_covered_ratio = 0.0;
};

struct RuleChange {
    std::string id;
    bool before_holds = true, after_holds = true;
    std::size_t before_count = 0, after_count = 0;
};

struct CompareOutcome {
    std::string before_label, after_label;
    std::vector<FigureChange> figures;   // every figure, changed or not
    struct {
        std::vector<StationRef> added, closed;
        std::vector<StationMove> moved;
        std::vector<StationMerge> merged;
    } stations;
    std::vector<DeputyChange> deputies_changing_station;
    // A community is covered when it holds a deputy or a station (R2) and every
    // deputy in it is within the radius (R1).
    std::vector<AreaRef> communities_gaining, communities_losing;
    std::vector<GridChange> grids_gaining, grids_losing;  // covered share up / down
    std::vector<RuleChange> rules;
    std::filesystem::path out_dir;

    // True when nothing but labels differs.
    bool no_difference() const;
};

CompareOutcome compare(const std::string& before, const std::string& after, const CompareOptions& options);

}  // namespace stationplan
