// PNG maps for slides, drawn with GDAL's rasterizer (io::RasterMap): the district
// overview and one map per street, in the working CRS at one scale. Grids are shaded
// by covered share (red: none, green: all), with streets, communities, radius
// circles, stations by kind, uncovered deputies (not when redacted) and suggested
// stations.
#pragma once

#include <filesystem>
#include <vector>

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "stationplan/plan.hpp"

namespace stationplan::report {

struct MapImages {
    int overview_width = 1600, overview_height = 1200;
    int street_width = 1200, street_height = 900;
};

// Writes dir/overview.png and dir/street-<id>.png for every street (ids made safe
// for file names); returns the files in that order.
std::vector<std::filesystem::path> write_map_pngs(const model::District& d, const measure::Measurement& m,
                                                  const Scenario& sc, const SuggestOutcome* suggest, bool redact,
                                                  const std::filesystem::path& dir, const MapImages& size = {});

// A street id as a file name: ASCII letters, digits, '-' and '_' kept, others as
// _XX hex bytes (so distinct ids stay distinct).
std::string file_safe(const std::string& id);

}  // namespace stationplan::report
