#include "io/gdal_runtime.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <mutex>

namespace stationplan::io {
namespace {

// GDAL's own warnings (e.g. about field width) would go to stderr unasked; our
// messages name the file and record instead.
void quiet_handler(CPLErr, CPLErrorNum, const char*) {}

}  // namespace

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(quiet_handler);
        // Fixed GeoPackage timestamps: two runs on the same input give identical files.
        CPLSetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z");
        // Axis order lon/lat (x/y) everywhere, as GIS users expect.
        CPLSetConfigOption("OSR_DEFAULT_AXIS_MAPPING_STRATEGY", "TRADITIONAL_GIS_ORDER");
    });
}

}  // namespace stationplan::io
