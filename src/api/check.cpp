// The public facade: runs the stages load -> model -> measure -> (plan) -> report
// in order. Outputs are staged and committed whole.
#include "stationplan/check.hpp"

#include <cctype>

#include "api/pipeline.hpp"
#include "io/db_writer.hpp"
#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "plan/district_plan.hpp"
#include "report/check_outputs.hpp"
#include "report/plan_outputs.hpp"
#include "report/staging_dir.hpp"
#include "stationplan/error.hpp"
#include "stationplan/plan.hpp"

namespace stationplan {
namespace api {

std::vector<std::filesystem::path> input_paths(const Scenario& sc) {
    std::vector<std::filesystem::path> inputs{sc.path};
    for (const LayerSource* l : {&sc.district, &sc.streets, &sc.communities, &sc.grids, &sc.stations, &sc.deputies,
                                 &sc.candidates, &sc.exclusions, &sc.gazetteer, &sc.roads})
        if (l->configured()) inputs.push_back(l->file);
    return inputs;
}

void remove_stale_outputs(const std::filesystem::path& out_dir, const Notice& notice) {
    for (const auto& line : report::remove_stale_outputs(out_dir))
        if (notice) notice(line);
}

Checked load_and_measure(const Scenario& sc, const Stage& stage, const Progress& progress) {
    if (stage) stage("load");
    Checked c{model::load_district(sc, progress), {}, {}};
    if (stage) stage("measure");
    c.measurement = measure::measure_district(c.district, sc);
    c.outcome = measure::summarize(c.district, c.measurement, sc);
    return c;
}

}  // namespace api

namespace {

using api::Checked;
using api::load_and_measure;
using api::Stage;

// Refuses an output folder that would lose data or cannot be written, before
// anything is read, and removes what interrupted runs left beside it.
void check_target(const Scenario& sc, const std::filesystem::path& out_dir, const api::Notice& notice) {
    if (out_dir.empty()) return;
    report::check_output_target(out_dir, api::input_paths(sc));
    api::remove_stale_outputs(out_dir, notice);
}

struct DbTarget {
    std::string connection;  // empty: none
    std::string schema;
};

// The database target of a check, validated before any input is read.
DbTarget db_target(const Scenario& sc, const CheckOptions& o) {
    if (o.out_db.empty()) return {};
    if (o.out_db.rfind("PG:", 0) != 0)
        throw UsageError("--out-db '" + o.out_db + "': expected a PostgreSQL connection such as \"PG:dbname=gis\"");
    if (o.out_dir.empty()) throw UsageError("--out-db needs an output folder as well (--out)");
    std::string schema = o.out_db_schema;
    if (schema.empty()) {
        for (unsigned char ch : sc.name) schema += std::isalnum(ch) && ch < 0x80 ? static_cast<char>(std::tolower(ch)) : '_';
        if (schema.empty() || std::isdigit(static_cast<unsigned char>(schema[0]))) schema = "sp_" + schema;
    }
    if (!io::is_plain_schema_name(schema))
        throw UsageError("--db-schema '" + schema +
                         "': use lower-case letters, digits and _ (at most 50, not starting with a digit)");
    return {o.out_db, schema};
}

// Writes the check's outputs plus whatever `extra` adds, whole or not at all; then,
// before the folder is committed, publishes them to the database when asked.
void write_outputs(const Scenario& sc, const std::filesystem::path& out_dir, const Checked& c, const Stage& stage,
                   bool redact, const std::function<void(const std::filesystem::path&)>& extra, const DbTarget& db = {}) {
    if (out_dir.empty()) return;
    if (stage) stage("write");
    report::StagingDir staging(out_dir);
    staging.write([&](const std::filesystem::path& dir) {
        report::write_check_outputs(c.district, c.measurement, sc, c.outcome, dir, redact);
        if (extra) extra(dir);
    });
    if (!db.connection.empty()) {
        if (stage) stage("database");
        io::publish_to_postgis(staging.path(), db.connection, db.schema);
    }
    staging.commit();
}

}  // namespace

bool CheckOutcome::all_hold() const {
    for (const auto& r : rules)
        if (!r.holds) return false;
    return true;
}

CheckOutcome check(const Scenario& scenario, const CheckOptions& options) {
    const DbTarget db = db_target(scenario, options);
    check_target(scenario, options.out_dir, options.on_notice);
    Checked c = load_and_measure(scenario, options.on_stage, options.on_progress);
    write_outputs(scenario, options.out_dir, c, options.on_stage, options.redact, nullptr, db);
    c.outcome.out_dir = options.out_dir;
    return c.outcome;
}

SuggestOutcome suggest(const Scenario& scenario, const SuggestOptions& options) {
    check_target(scenario, options.out_dir, options.on_notice);
    Checked c = load_and_measure(scenario, options.on_stage, options.on_progress);
    if (options.on_stage) options.on_stage("plan");
    plan::SuggestResult r = plan::suggest_sites(c.district, c.measurement, scenario, options);
    write_outputs(scenario, options.out_dir, c, options.on_stage, options.redact, [&](const std::filesystem::path& dir) {
        report::write_suggestions(r.outcome, c.district.crs, scenario.radius_m, dir);
    });
    c.outcome.out_dir = options.out_dir;
    r.outcome.check = c.outcome;
    return r.outcome;
}

RebalanceOutcome rebalance(const Scenario& scenario, const RebalanceOptions& options) {
    check_target(scenario, options.out_dir, options.on_notice);
    Checked c = load_and_measure(scenario, options.on_stage, options.on_progress);
    if (options.on_stage) options.on_stage("plan");
    RebalanceOutcome r = plan::rebalance_stations(c.district, c.measurement, scenario, options);
    write_outputs(scenario, options.out_dir, c, options.on_stage, options.redact,
                  [&](const std::filesystem::path& dir) { report::write_rebalance(r, dir); });
    c.outcome.out_dir = options.out_dir;
    r.check = c.outcome;
    return r;
}

}  // namespace stationplan
