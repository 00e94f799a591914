// Conversions between EPSG:4326 (lon/lat, traditional GIS axis order) and
// EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E, metres), the CRS in
// which the generator measures everything. All conversions go through OGR/PROJ.
//
//   Projector projector;
//   XY m = projector.to_metres(LonLat{113.68, 34.78});
//   Geom street_lonlat = projector.to_lonlat(geos, *street_metres);
#pragma once

#include <ogr_spatialref.h>

#include <memory>

#include "geos_adapter.hpp"

namespace stationplan::sample {

class Projector {
public:
    Projector();

    XY to_metres(LonLat p) const;
    LonLat to_lonlat(XY p) const;
    /// Vertex by vertex: equal input vertices give equal output vertices, so
    /// shared boundaries stay shared.
    Geom to_metres(const Geos& geos, const GEOSGeometry& lonlat) const;
    Geom to_lonlat(const Geos& geos, const GEOSGeometry& metres) const;

    /// EPSG:4326 with longitude first, for writing layers.
    const OGRSpatialReference& lonlat_srs() const { return m_lonlat; }

private:
    struct TransformDeleter {
        void operator()(OGRCoordinateTransformation* transformation) const noexcept;
    };
    using Transformation = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

    OGRSpatialReference m_lonlat;
    OGRSpatialReference m_metres;
    Transformation m_to_metres;
    Transformation m_to_lonlat;
};

}  // namespace stationplan::sample
