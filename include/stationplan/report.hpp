// The report for people: one self-contained report.html (key figures, rules R1-R7,
// an interactive Leaflet map, tables), report.pdf printed from it by headless
// Chromium, and PNG maps for slides (maps/overview.png, maps/street-<id>.png),
// written with the check's and planning's usual outputs into one folder.
//
//   auto sc = stationplan::load_scenario("analysis/jinshui-baseline.toml");
//   stationplan::ReportOptions opt;
//   opt.out_dir = "out/jinshui-baseline";
//   opt.lang = stationplan::ReportLang::En;
//   auto r = stationplan::write_report(sc, opt);   // r.html: out/jinshui-baseline/report.html
//
// The HTML asks for nothing over any network: Leaflet and the data are inlined and a
// Content-Security-Policy forbids every request. With redact, no deputy's name or
// address appears in report.html, report.pdf or the PNGs, and deputies appear on
// maps only as counts per grid.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "stationplan/check.hpp"
#include "stationplan/plan.hpp"
#include "stationplan/results.hpp"
#include "stationplan/run_options.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan {

struct ReportOptions : RunOptions {  // out_dir is required
    ReportLang lang = ReportLang::Zh;
    bool pdf = true;                      // false: no report.pdf (and no Chromium needed)
    bool rebalance = true;                // regroup deputies too (the scenario's station status decides closes/moves)
    double time_limit_s = 0.0;            // per solve; 0: the scenario's plan.time_limit_s
    // Chromium for the PDF; empty: $STATIONPLAN_CHROMIUM, else /usr/bin/chromium.
    std::filesystem::path chromium;
};

ReportOutcome write_report(const Scenario& scenario, const ReportOptions& options);

// The committee's before/after view of a comparison: figures side by side with
// their change, stations added/closed/moved/merged, deputies changing station,
// communities and grids gaining or losing coverage, rules before and after, and two
// maps. comparison_json is a compare.json; before_dir and after_dir are check output
// folders (summary.json, coverage.gpkg). Writes one self-contained HTML file.
void write_compare_html(const std::filesystem::path& before_dir, const std::filesystem::path& after_dir,
                        const std::filesystem::path& comparison_json, ReportLang lang, bool redact,
                        const std::filesystem::path& out_file);

}  // namespace stationplan
