// compare(): two sides (scenario files or earlier check outputs) checked or copied
// into before/ and after/ of one staging folder, then compared.
#include "stationplan/compare.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "api/pipeline.hpp"
#include "io/output_file.hpp"
#include "report/check_outputs.hpp"
#include "report/compare.hpp"
#include "report/staging_dir.hpp"
#include "stationplan/error.hpp"

namespace stationplan {
namespace fs = std::filesystem;
namespace {

struct SideInput {
    std::string given;
    bool is_folder = false;
    fs::path folder;
    Scenario scenario;
};

SideInput resolve(const std::string& given, const char* which) {
    SideInput s;
    s.given = given;
    std::error_code ec;
    if (fs::is_directory(given, ec)) {
        if (!fs::exists(fs::path(given) / "summary.json", ec))
            throw UsageError(std::string(which) + " " + given +
                             " is a folder without summary.json: expected a scenario file or a check output folder");
        s.is_folder = true;
        s.folder = given;
        return s;
    }
    if (!fs::exists(given, ec)) throw UsageError(std::string(which) + " " + given + " does not exist");
    s.scenario = load_scenario(given);
    return s;
}

bool folder_is_redacted(const fs::path& folder) {
    std::ifstream in(folder / "summary.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    try {
        const auto j = nlohmann::json::parse(text.str());
        return j.value("redacted", false);
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

void prepare(const SideInput& side, const fs::path& dir, bool redact, const std::string& which, const api::Stage& stage,
             const api::Progress& progress) {
    if (side.is_folder) {
        if (stage) stage(which + ": copy");
        std::error_code ec;
        fs::copy(side.folder, dir, fs::copy_options::recursive, ec);
        if (ec) throw io::WriteError(dir, "copying " + side.folder.string() + " into it: " + ec.message());
        return;
    }
    const api::Stage prefixed = [&](const std::string& s) {
        if (stage) stage(which + ": " + s);
    };
    const api::Checked c = api::load_and_measure(side.scenario, prefixed, progress);
    prefixed("write");
    std::error_code ec;
    fs::create_directory(dir, ec);
    if (ec) throw io::WriteError(dir, ec.message());
    report::write_check_outputs(c.district, c.measurement, side.scenario, c.outcome, dir, redact);
}

}  // namespace

bool CompareOutcome::no_difference() const {
    for (const auto& f : figures)
        if (f.change != 0.0) return false;
    for (const auto& r : rules)
        if (r.before_holds != r.after_holds || r.before_count != r.after_count) return false;
    return stations.added.empty() && stations.closed.empty() && stations.moved.empty() && stations.merged.empty() &&
           deputies_changing_station.empty() && communities_gaining.empty() && communities_losing.empty() &&
           grids_gaining.empty() && grids_losing.empty();
}

CompareOutcome compare(const std::string& before, const std::string& after, const CompareOptions& options) {
    const SideInput b = resolve(before, "BEFORE");
    const SideInput a = resolve(after, "AFTER");
    for (const SideInput* s : {&b, &a})
        if (s->is_folder && options.redact && !folder_is_redacted(s->folder))
            throw UsageError(s->given + " was written without --redact and holds deputies' names and points; "
                             "pass its scenario instead, or check it again with --redact");
    if (!options.out_dir.empty()) {
        // An output inside a side's folder would be copied into itself.
        for (const SideInput* s : {&b, &a}) {
            if (!s->is_folder) continue;
            const fs::path out = fs::weakly_canonical(fs::absolute(options.out_dir));
            const fs::path in = fs::weakly_canonical(fs::absolute(s->folder));
            const auto [end, _] = std::mismatch(in.begin(), in.end(), out.begin(), out.end());
            if (end == in.end())
                throw UsageError("--out " + options.out_dir.string() + " lies inside the compared folder " + s->given +
                                 "; choose an output folder outside it");
        }
        std::vector<fs::path> inputs;
        for (const SideInput* s : {&b, &a}) {
            if (s->is_folder) inputs.push_back(s->folder);
            else for (const auto& p : api::input_paths(s->scenario)) inputs.push_back(p);
        }
        report::check_output_target(options.out_dir, inputs, "compare.json");
        api::remove_stale_outputs(options.out_dir, options.on_notice);
    }
    // Without an output folder the sides are still written (compare reads the
    // tables) into a private temporary folder that is removed afterwards.
    const fs::path target = options.out_dir.empty()
                                ? fs::temp_directory_path() / ("stationplan-compare-" + std::to_string(::getpid()))
                                : options.out_dir;
    if (options.out_dir.empty()) api::remove_stale_outputs(target, options.on_notice);  // earlier private folders
    report::StagingDir staging(target);
    CompareOutcome c;
    staging.write([&](const fs::path& dir) {
        prepare(b, dir / "before", options.redact, "before", options.on_stage, options.on_progress);
        prepare(a, dir / "after", options.redact, "after", options.on_stage, options.on_progress);
        if (options.on_stage) options.on_stage("compare");
        c = report::compare_folders(dir / "before", dir / "after");
        if (options.out_dir.empty()) return;
        if (options.on_stage) options.on_stage("write");
        report::write_comparison(c, dir / "before", dir / "after", dir);
        write_compare_html(dir / "before", dir / "after", dir / "compare.json", options.lang, options.redact,
                           dir / "compare.html");
    });
    if (!options.out_dir.empty()) {
        staging.commit();
        c.out_dir = options.out_dir;
    }
    return c;
}

}  // namespace stationplan
