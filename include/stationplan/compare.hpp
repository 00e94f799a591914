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
#include "stationplan/results.hpp"
#include "stationplan/run_options.hpp"

namespace stationplan {

// Positions closer than this (metres, working CRS) are the same place: CSV rounding
// and reprojection noise stay far below it.
constexpr double kMovedMinM = 1.0;

struct CompareOptions : RunOptions {
    ReportLang lang = ReportLang::Zh;  // of compare.html
};

CompareOutcome compare(const std::string& before, const std::string& after, const CompareOptions& options);

}  // namespace stationplan
