// The facade of `stationplan report`: check, suggest (LSCP) and rebalance in one
// process, then the usual outputs plus report.html, report.pdf and maps/*.png, all
// staged and committed whole.
#include "stationplan/report.hpp"

#include "api/pipeline.hpp"
#include "plan/district_plan.hpp"
#include "report/check_outputs.hpp"
#include "report/chromium.hpp"
#include "report/html_report.hpp"
#include "report/map_png.hpp"
#include "report/plan_outputs.hpp"
#include "report/staging_dir.hpp"
#include "stationplan/error.hpp"

namespace stationplan {

ReportOutcome write_report(const Scenario& sc, const ReportOptions& options) {
    auto stage = [&](const char* name) {
        if (options.on_stage) options.on_stage(name);
    };
    if (options.out_dir.empty()) throw UsageError("report: no output folder");
    // Everything that can be refused is refused before the data is read.
    report::check_output_target(options.out_dir, api::input_paths(sc));
    api::remove_stale_outputs(options.out_dir, options.on_notice);
    const std::filesystem::path chromium = options.pdf ? report::find_chromium(options.chromium) : std::filesystem::path{};

    const api::Checked checked = api::load_and_measure(sc, options.on_stage, options.on_progress);
    const model::District& d = checked.district;
    const measure::Measurement& m = checked.measurement;
    ReportOutcome out;
    out.check = checked.outcome;

    stage("plan");
    SuggestOptions so;
    so.model = SuggestModel::Lscp;
    so.time_limit_s = options.time_limit_s;
    out.suggest = plan::suggest_sites(d, m, sc, so).outcome;
    if (options.rebalance) {
        RebalanceOptions ro;
        ro.time_limit_s = options.time_limit_s;
        out.rebalance = plan::rebalance_stations(d, m, sc, ro);
        out.rebalanced = true;
    }

    stage("write");
    report::StagingDir staging(options.out_dir);
    std::vector<std::filesystem::path> maps;
    staging.write([&](const std::filesystem::path& dir) {
        // --redact covers every published file of the folder, not only the report's own.
        report::write_check_outputs(d, m, sc, out.check, dir, options.redact);
        report::write_suggestions(out.suggest, d.crs, sc.radius_m, dir);
        if (out.rebalanced) report::write_rebalance(out.rebalance, dir);

        stage("report");
        report::ReportContent content{d, m, sc, out.check, std::cref(out.suggest), std::nullopt, options.lang, options.redact};
        if (out.rebalanced) content.rebalance = std::cref(out.rebalance);
        report::write_report_html(content, dir / "coverage.gpkg", dir / "report.html");
        stage("maps");
        maps = report::write_map_pngs(d, m, sc, &out.suggest, options.redact, dir / "maps");
        if (options.pdf) {
            stage("pdf");
            report::print_to_pdf(chromium, dir / "report.html", dir / "report.pdf");
        }
    });
    staging.commit();

    out.check.out_dir = options.out_dir;
    out.suggest.check = out.check;
    if (out.rebalanced) out.rebalance.check = out.check;
    out.html = options.out_dir / "report.html";
    if (options.pdf) out.pdf = options.out_dir / "report.pdf";
    for (const auto& f : maps) out.maps.push_back(options.out_dir / "maps" / f.filename());
    return out;
}

}  // namespace stationplan
