// Coordinate reference systems and transformations (PROJ through OGR).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "stationplan/geometry.hpp"

class OGRSpatialReference;
class OGRCoordinateTransformation;

namespace stationplan::io {

// A box in some CRS's own coordinates (x: easting or longitude, y: northing or latitude).
struct Box {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool contains(double x, double y) const { return x >= min_x && x <= max_x && y >= min_y && y <= max_y; }
};

// Where coordinates of a CRS can plausibly be: its area of use (PROJ's database)
// widened by a margin, in the CRS's own coordinates.
struct PlausibleArea {
    Box box;
    std::string text;  // for messages: "EPSG:4547 (China - 112.5E to 115.5E), widened by 2 degrees"
};

// A CRS given by the user ("EPSG:4547", WKT, PROJ string) or read from a layer.
class Crs {
public:
    Crs();
    ~Crs();
    Crs(const Crs& other);
    Crs& operator=(const Crs& other);
    Crs(Crs&&) noexcept;
    Crs& operator=(Crs&&) noexcept;

    // Throws std::invalid_argument with PROJ's reason when the text names no CRS.
    static Crs from_user_input(const std::string& text);
    static Crs from_ogr(const OGRSpatialReference& srs);

    bool is_projected() const;
    bool is_geographic() const;
    // "EPSG:4547" where an authority code is known, else the CRS name.
    std::string label() const;
    // The CRS's area of use from the PROJ database (identified through its EPSG code
    // when it has none of its own), widened by margin_deg degrees on every side and
    // given in this CRS's coordinates; nullopt when PROJ knows no area or the area
    // crosses the antimeridian. Looked up once per process for each CRS and margin.
    std::optional<PlausibleArea> plausible_area(double margin_deg) const;
    const OGRSpatialReference& ogr() const;

private:
    std::unique_ptr<OGRSpatialReference> m_srs;
};

// The default working CRS for data centred at lon: the CGCS2000 3-degree
// Gauss-Krueger zone (EPSG:4534 for 75E .. EPSG:4554 for 135E), which Chinese
// surveying offices use; outside China's zones, the WGS 84 UTM zone.
std::string auto_working_crs(const LonLat& center);

// Transforms x/y pairs between two CRSs, with lon/lat (east, north) axis order.
class Transform {
public:
    Transform(const Crs& from, const Crs& to);
    ~Transform();
    Transform(const Transform&) = delete;
    Transform& operator=(const Transform&) = delete;
    Transform(Transform&&) noexcept;
    Transform& operator=(Transform&&) noexcept;

    bool is_identity() const { return !m_ct; }
    // Returns false when PROJ cannot transform the point (outside the CRS's area).
    bool apply(double& x, double& y) const;
    // Transforms n points in place in one PROJ call (much faster than n calls);
    // ok[i] is false where point i could not be transformed.
    void apply(std::size_t n, double* x, double* y, int* ok) const;
    OGRCoordinateTransformation* ogr() const { return m_ct.get(); }

private:
    struct Deleter {
        void operator()(OGRCoordinateTransformation* ct) const;
    };
    std::unique_ptr<OGRCoordinateTransformation, Deleter> m_ct;
};

}  // namespace stationplan::io
