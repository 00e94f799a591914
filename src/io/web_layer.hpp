// Geometry for browsers: reads a layer of a vector dataset (an output GeoPackage)
// through GDAL/OGR, simplifies it in its own CRS and reprojects it to EPSG:4326
// (longitude, latitude), as GeoJSON geometry text with 6 decimals (about 0.1 m).
//
//   auto grids = io::read_web_layer(dir / "coverage.gpkg", "grids", {"grid_id", "covered_ratio"}, 2.0);
//   grids.features[0].geometry_json;  // {"type":"MultiPolygon","coordinates":[...]}
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/crs.hpp"
#include "io/vector_writer.hpp"
#include "stationplan/geometry.hpp"

namespace stationplan::io {

struct WebFeature {
    std::string geometry_json;        // GeoJSON geometry in EPSG:4326; "null" when the feature has none
    std::vector<FieldValue> values;   // per requested field (monostate: unset)
};

struct WebLayer {
    std::vector<std::string> fields;
    std::vector<WebFeature> features;  // in the layer's order
};

// simplify_m: Douglas-Peucker tolerance (topology preserving) in metres, applied
// before reprojection; 0 keeps every vertex. Missing layers or fields throw
// std::runtime_error naming the file, layer and field.
WebLayer read_web_layer(const std::filesystem::path& file, const std::string& layer,
                        const std::vector<std::string>& fields, double simplify_m);

// Reprojects points from a CRS to longitude/latitude (EPSG:4326).
class LonLatProjector {
public:
    explicit LonLatProjector(const Crs& from);
    LonLat operator()(const XY& p) const;

private:
    Transform m_transform;
};

}  // namespace stationplan::io
