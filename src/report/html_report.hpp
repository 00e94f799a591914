// report.html: what the check and planning found, for people. The data block holds
// the figures (the same numbers as summary.json), rules, map layers and tables; the
// page (reports/web/report.js) renders them in Chinese or English.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "stationplan/plan.hpp"

namespace stationplan::report {

// What the report shows; it refers to the run's results (which outlive it).
struct ReportContent {
    const model::District& district;
    const measure::Measurement& measurement;
    const Scenario& scenario;
    const CheckOutcome& check;
    std::optional<std::reference_wrapper<const SuggestOutcome>> suggest;     // none: no suggestions section
    std::optional<std::reference_wrapper<const RebalanceOutcome>> rebalance; // none: no regrouping section
    ReportLang lang = ReportLang::Zh;
    bool redact = false;  // no deputy names or addresses; deputies only as counts per grid
};

// The figures of summary.json by key ("deputies.covered", "coverage_ratio" ...), in
// the order the report shows them.
nlohmann::ordered_json report_figures(const CheckOutcome& check, const model::District& district);

// The report's data block. gpkg: the check's coverage.gpkg (map layers).
nlohmann::ordered_json report_data(const ReportContent& c, const std::filesystem::path& gpkg);

void write_report_html(const ReportContent& c, const std::filesystem::path& gpkg, const std::filesystem::path& file);

}  // namespace stationplan::report
