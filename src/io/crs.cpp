#include "io/crs.hpp"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "io/gdal_runtime.hpp"

namespace stationplan::io {
namespace {

struct CtDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};

// Every layer of a scenario names the same few CRSs, and each lookup is a set of PROJ
// database queries (milliseconds): authority codes ("EPSG:4547") and areas of use are
// looked up once per process. Other texts (WKT, PROJ strings, file names) are not kept.
std::mutex g_cache_mutex;
std::map<std::string, OGRSpatialReference> g_by_code;
std::map<std::pair<std::string, double>, std::optional<PlausibleArea>> g_areas;

bool is_authority_code(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size() || text.size() > 32) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (i < colon ? !std::isalpha(c) : i > colon && !std::isdigit(c)) return false;
    }
    return true;
}

// Crs::plausible_area, not cached.
std::optional<PlausibleArea> find_plausible_area(const Crs& crs, const OGRSpatialReference& srs, double margin_deg) {
    double west = 0, south = 0, east = 0, north = 0;
    const char* area_name = nullptr;
    std::string area_text_holder;  // area_name of a matched CRS outlives it here
    bool known = srs.GetAreaOfUse(&west, &south, &east, &north, &area_name);
    if (!known) {
        // A CRS read from a .prj (ESRI WKT) carries no usage; its EPSG twin does.
        if (OGRSpatialReference* match = srs.FindBestMatch(90, "EPSG")) {
            known = match->GetAreaOfUse(&west, &south, &east, &north, &area_name);
            if (known) area_text_holder = area_name ? area_name : "";
            area_name = area_text_holder.c_str();
            match->Release();
        }
    }
    if (!known || !(west <= east) || !(south <= north)) return std::nullopt;
    const double w = std::max(-180.0, west - margin_deg), e = std::min(180.0, east + margin_deg);
    const double s = std::max(-90.0, south - margin_deg), n = std::min(90.0, north + margin_deg);
    auto deg = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6g", v);
        return std::string(buf);
    };
    std::string name = area_name ? area_name : "";
    while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
    PlausibleArea out;
    out.text = crs.label() + " (" + (name.empty() ? std::string() : name + ": ") + "longitude " + deg(west) + ".." +
               deg(east) + ", latitude " + deg(south) + ".." + deg(north);
    if (srs.IsGeographic()) {
        out.box = {w, s, e, n};
    } else {
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation, CtDeleter> ct(
            OGRCreateCoordinateTransformation(&wgs84, &srs));
        if (!ct) return std::nullopt;
        Box b;
        if (!ct->TransformBounds(w, s, e, n, &b.min_x, &b.min_y, &b.max_x, &b.max_y, 21)) return std::nullopt;
        if (!std::isfinite(b.min_x) || !std::isfinite(b.min_y) || !std::isfinite(b.max_x) || !std::isfinite(b.max_y))
            return std::nullopt;
        out.box = b;
    }
    const bool widened = w > -180.0 || e < 180.0 || s > -90.0 || n < 90.0;
    out.text += margin_deg > 0 && widened ? ", with " + deg(margin_deg) + " degrees to spare)" : std::string(")");
    return out;
}

}  // namespace

Crs::Crs() : m_srs(std::make_unique<OGRSpatialReference>()) {
    m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}
Crs::~Crs() = default;
Crs::Crs(const Crs& other) : m_srs(std::make_unique<OGRSpatialReference>(*other.m_srs)) {
    m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}
Crs& Crs::operator=(const Crs& other) {
    if (this != &other) {
        m_srs = std::make_unique<OGRSpatialReference>(*other.m_srs);
        m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    return *this;
}
Crs::Crs(Crs&&) noexcept = default;
Crs& Crs::operator=(Crs&&) noexcept = default;

Crs Crs::from_user_input(const std::string& text) {
    ensure_gdal();
    Crs crs;
    const bool code = is_authority_code(text);
    if (code) {
        const std::lock_guard lock(g_cache_mutex);
        if (auto it = g_by_code.find(text); it != g_by_code.end()) {
            *crs.m_srs = it->second;
            crs.m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            return crs;
        }
    }
    if (text.empty() || crs.m_srs->SetFromUserInput(text.c_str()) != OGRERR_NONE)
        throw std::invalid_argument("'" + text + "' is not a CRS PROJ knows (try \"EPSG:4326\")");
    crs.m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (code) {
        const std::lock_guard lock(g_cache_mutex);
        g_by_code.emplace(text, *crs.m_srs);
    }
    return crs;
}

Crs Crs::from_ogr(const OGRSpatialReference& srs) {
    Crs crs;
    *crs.m_srs = srs;
    crs.m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return crs;
}

bool Crs::is_projected() const { return m_srs->IsProjected(); }
bool Crs::is_geographic() const { return m_srs->IsGeographic(); }

std::string Crs::label() const {
    const char* auth = m_srs->GetAuthorityName(nullptr);
    const char* code = m_srs->GetAuthorityCode(nullptr);
    if (auth && code) return std::string(auth) + ":" + code;
    OGRSpatialReference copy(*m_srs);
    if (copy.AutoIdentifyEPSG() == OGRERR_NONE && copy.GetAuthorityCode(nullptr))
        return std::string("EPSG:") + copy.GetAuthorityCode(nullptr);
    const char* name = m_srs->GetName();
    return name ? name : "unknown CRS";
}

const OGRSpatialReference& Crs::ogr() const { return *m_srs; }

std::optional<PlausibleArea> Crs::plausible_area(double margin_deg) const {
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    std::string key;
    if (m_srs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt) key = wkt;
    CPLFree(wkt);
    if (!key.empty()) {
        const std::lock_guard lock(g_cache_mutex);
        if (auto it = g_areas.find({key, margin_deg}); it != g_areas.end()) return it->second;
    }
    std::optional<PlausibleArea> area = find_plausible_area(*this, *m_srs, margin_deg);
    if (!key.empty()) {
        const std::lock_guard lock(g_cache_mutex);
        g_areas.emplace(std::make_pair(std::move(key), margin_deg), area);
    }
    return area;
}

std::string auto_working_crs(const LonLat& center) {
    // CGCS2000 3-degree GK zones with central meridians 75E..135E are EPSG:4534..4554.
    const double cm = 3.0 * std::round(center.lon_deg / 3.0);
    if (cm >= 75.0 && cm <= 135.0 && center.lat_deg > 0.0)
        return "EPSG:" + std::to_string(4534 + static_cast<int>((cm - 75.0) / 3.0));
    const int zone = std::clamp(static_cast<int>(std::floor((center.lon_deg + 180.0) / 6.0)) + 1, 1, 60);
    return "EPSG:" + std::to_string((center.lat_deg >= 0.0 ? 32600 : 32700) + zone);
}

void Transform::Deleter::operator()(OGRCoordinateTransformation* ct) const {
    OGRCoordinateTransformation::DestroyCT(ct);
}

Transform::Transform(const Crs& from, const Crs& to) {
    if (from.ogr().IsSame(&to.ogr())) return;
    m_ct.reset(OGRCreateCoordinateTransformation(&from.ogr(), &to.ogr()));
    if (!m_ct)
        throw std::invalid_argument("no transformation from " + from.label() + " to " + to.label());
}
Transform::~Transform() = default;
Transform::Transform(Transform&&) noexcept = default;
Transform& Transform::operator=(Transform&&) noexcept = default;

bool Transform::apply(double& x, double& y) const {
    if (!m_ct) return std::isfinite(x) && std::isfinite(y);
    return m_ct->Transform(1, &x, &y) && std::isfinite(x) && std::isfinite(y);
}

void Transform::apply(std::size_t n, double* x, double* y, int* ok) const {
    if (m_ct && n > 0) {
        for (std::size_t i = 0; i < n; ++i) ok[i] = TRUE;
        m_ct->Transform(static_cast<int>(n), x, y, nullptr, ok);  // n <= the batch size
    }
    for (std::size_t i = 0; i < n; ++i) ok[i] = (m_ct ? ok[i] : TRUE) && std::isfinite(x[i]) && std::isfinite(y[i]);
}

}  // namespace stationplan::io
