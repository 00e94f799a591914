#include "projection.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace stationplan::sample {

namespace {

void init_srs(OGRSpatialReference& srs, int epsg) {
    if (srs.importFromEPSG(epsg) != OGRERR_NONE) {
        throw std::runtime_error(fmt::format("PROJ: EPSG:{} is not in the PROJ database", epsg));
    }
    // x = longitude / easting, y = latitude / northing, whatever the EPSG
    // axis order says.
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}

void transform_point(OGRCoordinateTransformation& transformation, double& x, double& y,
                     const char* direction) {
    if (!transformation.Transform(1, &x, &y)) {
        throw std::runtime_error(fmt::format("PROJ: cannot transform ({}, {}) {}", x, y, direction));
    }
}

}  // namespace

void Projector::TransformDeleter::operator()(OGRCoordinateTransformation* transformation) const noexcept {
    OGRCoordinateTransformation::DestroyCT(transformation);
}

Projector::Projector() {
    init_srs(m_lonlat, 4326);
    init_srs(m_metres, 4547);
    m_to_metres.reset(OGRCreateCoordinateTransformation(&m_lonlat, &m_metres));
    m_to_lonlat.reset(OGRCreateCoordinateTransformation(&m_metres, &m_lonlat));
    if (!m_to_metres || !m_to_lonlat) {
        throw std::runtime_error("PROJ: no transformation between EPSG:4326 and EPSG:4547");
    }
}

XY Projector::to_metres(LonLat p) const {
    XY out{p.lon, p.lat};
    transform_point(*m_to_metres, out.x, out.y, "from EPSG:4326 to EPSG:4547");
    return out;
}

LonLat Projector::to_lonlat(XY p) const {
    LonLat out{p.x, p.y};
    transform_point(*m_to_lonlat, out.lon, out.lat, "from EPSG:4547 to EPSG:4326");
    return out;
}

Geom Projector::to_metres(const Geos& geos, const GEOSGeometry& lonlat) const {
    return geos.transform(lonlat,
                          [this](double& x, double& y) { return m_to_metres->Transform(1, &x, &y) != 0; });
}

Geom Projector::to_lonlat(const Geos& geos, const GEOSGeometry& metres) const {
    return geos.transform(metres,
                          [this](double& x, double& y) { return m_to_lonlat->Transform(1, &x, &y) != 0; });
}

}  // namespace stationplan::sample
