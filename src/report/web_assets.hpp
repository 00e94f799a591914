// The report's web assets compiled into the binary (generated web_assets.cpp, see
// cmake/embed_web_assets.cmake): Leaflet's JS and CSS from the npm registry, pinned
// by reports/web/package-lock.json, and the report's own JS and CSS from reports/web.
#pragma once

#include <string_view>

namespace stationplan::report::web {

std::string_view leaflet_js();
std::string_view leaflet_css();
std::string_view leaflet_version();
std::string_view report_js();
std::string_view report_css();

}  // namespace stationplan::report::web
