// What every command's options share: where the outputs go, whether they are fit for
// publication, and how the caller hears about progress. CheckOptions, SuggestOptions,
// RebalanceOptions, ReportOptions and CompareOptions each extend it.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace stationplan {

struct RunOptions {
    // The output folder, written whole or not at all; empty: nothing is written
    // (the report requires one).
    std::filesystem::path out_dir;
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

}  // namespace stationplan
