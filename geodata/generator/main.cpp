// stationplan-make-sample: regenerates the bundled sample district.
//
//   stationplan-make-sample --raw geodata/raw --out geodata [--seed 20191017]
//
// Reads the real open data in --raw, builds the synthetic partitions,
// stations, deputies and candidate sites, writes jinshui.gpkg,
// jinshui_deputies.csv and planted.json (and, for address matching,
// jinshui_gazetteer.csv, jinshui_deputies_geocode.csv and
// jinshui_geocode_truth.csv) to --out, then reads them back and
// checks every requirement of the sample (--verify-only: just the check, on
// the files already there). Exit codes: 0 written and verified,
// 1 generation or verification failed, 2 bad command line.
#include <cpl_conv.h>
#include <fmt/format.h>
#include <gdal.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>

#include "geocode_sample.hpp"
#include "geos_adapter.hpp"
#include "projection.hpp"
#include "raw_inputs.hpp"
#include "sample.hpp"

namespace {

using namespace stationplan::sample;

/// GDAL lives for the whole run and is torn down after everything using it.
class GdalSession {
public:
    GdalSession() {
        GDALAllRegister();
        // Pins gpkg_contents.last_change so that reruns give identical files.
        CPLSetConfigOption("OGR_CURRENT_DATE", "2026-01-01T00:00:00.000Z");
        // Never reach out to the network for PROJ grids: the result must not
        // depend on what is cached or reachable.
        CPLSetConfigOption("PROJ_NETWORK", "OFF");
    }
    ~GdalSession() { GDALDestroyDriverManager(); }
    GdalSession(const GdalSession&) = delete;
    GdalSession& operator=(const GdalSession&) = delete;
};

struct Options {
    std::filesystem::path raw_dir;
    std::filesystem::path out_dir;
    std::uint64_t seed = kDefaultSeed;
    bool verify_only = false;
};

void print_summary(const Sample& sample, const std::filesystem::path& out_dir) {
    const Planted& p = sample.planted;
    fmt::print(
        "wrote {} (seed {}): {} streets, {} communities, {} grids, {} stations, "
        "{} deputy rows, {} candidate sites\n",
        out_dir.string(), sample.seed, sample.streets.size(), sample.communities.size(), sample.grids.size(),
        sample.stations.size(), sample.deputies.size(), sample.sites.size());
    fmt::print(
        "planted: far {}, overloaded {}, underloaded {}, misplaced {}, empty {}, "
        "sector mismatch {}, unassigned {}, outside {}, bad rows {}, no liaison {}\n",
        p.far_deputies.size(), p.overloaded_stations.size(), p.underloaded_stations.size(),
        p.misplaced_street_station.station_id, p.empty_community.community_id, p.sector_mismatch.size(),
        p.unassigned_deputies.size(), p.outside_district.deputy_id, p.bad_rows.size(),
        p.missing_liaison_grids.size());
    fmt::print("verified: every requirement of the sample holds\n");
}

int run(const Options& options) {
    const GdalSession gdal;
    const Geos geos;
    const Projector projector;
    const RawInputs raw = read_raw_inputs(geos, options.raw_dir);
    if (options.verify_only) {
        verify_sample(geos, projector, raw, options.out_dir);
        verify_geocode_sample(options.out_dir);
        fmt::print("verified {}: every requirement of the sample holds\n", options.out_dir.string());
        return 0;
    }
    const Sample sample = build_sample(geos, projector, raw, options.seed);
    write_sample(geos, projector, sample, options.out_dir);
    verify_sample(geos, projector, raw, options.out_dir);
    verify_geocode_sample(options.out_dir);
    print_summary(sample, options.out_dir);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Regenerate the bundled Jinshui sample district (deterministic for a seed)",
                 "stationplan-make-sample"};
    Options options;
    app.add_option("--raw", options.raw_dir, "Folder with the real inputs (geodata/raw)")
        ->required()
        ->check(CLI::ExistingDirectory);
    app.add_option("--out", options.out_dir,
                   "Folder to write jinshui.gpkg, jinshui_deputies.csv and planted.json into "
                   "(existing copies are replaced)")
        ->required();
    app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
    app.add_flag("--verify-only", options.verify_only,
                 "Do not generate: only check the files already in --out");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        fmt::print(stderr, "stationplan-make-sample: error: {}\n", e.what());
        return 1;
    }
}
