// Reads one input layer through GDAL/OGR, from any vector format it opens
// (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV, XLSX, PostGIS ...), maps its
// fields by the scenario's names and hands each record to a callback with its
// geometry already in the working CRS.
//
//   io::VectorSource src(scenario.deputies, "deputies");
//   src.set_target_crs(working);
//   src.for_each({{"id", true}, {"level", false}}, [](const io::SourceRecord& r) { ... });
//
// Structural problems (unreadable file, no such layer, a missing field, no CRS, text
// that is not valid in the layer's encoding, a line or polygon vertex outside the
// CRS's area of use) are InputErrors. Problems of one record (no geometry, a
// coordinate that is not a decimal number or lies outside the CRS's area of use) are
// reported in SourceRecord::problem so the caller can reject that record alone.
//
// Text: every string (field names, values) is decoded into UTF-8 from the layer's
// encoding: the scenario's `encoding`, else a Shapefile's .cpg or LDID, else UTF-8;
// with no declaration, text that is not UTF-8 but valid GB18030 (GBK) switches the
// layer to GB18030 with a warning. Spreadsheets (XLSX, ODS) take row 1 as the header;
// records are named by their row ("row 5"), blank rows and blank CSV lines are skipped.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/crs.hpp"
#include "stationplan/geometry.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan::io {

struct FieldRequest {
    std::string name;       // model field name, e.g. "capacity_max"
    bool required = false;  // a required field missing from the layer is an InputError
};

enum class GeometryKind { None, Point, Other };

struct SourceRecord {
    std::string label;                               // "feature 12", "line 14", "row 3"
    std::vector<std::optional<std::string>> values;  // per requested field; nullopt: unset or not mapped
    GeometryKind kind = GeometryKind::None;
    XY point;                                        // kind == Point, working CRS
    std::vector<std::uint8_t> wkb;                   // kind == Other, working CRS
    std::string problem;                             // non-empty: the geometry could not be read
    bool no_location = false;                        // no coordinates at all (empty x and y, or no geometry)
};

class VectorSource {
public:
    // what: the role of the layer ("streets"), used in messages.
    VectorSource(const LayerSource& source, std::string what);
    ~VectorSource();
    VectorSource(const VectorSource&) = delete;
    VectorSource& operator=(const VectorSource&) = delete;

    const std::string& file_label() const { return m_file; }
    const std::string& layer_name() const { return m_layer_name; }
    // The layer's CRS (or the scenario's override). Throws InputError when neither.
    const Crs& source_crs() const;
    // Centre of the layer's extent in lon/lat, for choosing a working CRS.
    LonLat center_lonlat() const;

    void set_target_crs(const Crs& target);
    // The number of records when the driver knows it without reading the data.
    std::optional<std::size_t> feature_count_if_cheap() const;
    void for_each(const std::vector<FieldRequest>& fields, const std::function<void(const SourceRecord&)>& visit);
    // What the reader noticed and the user should know (an encoding detected, a key
    // that does not apply), each naming the file and layer.
    const std::vector<std::string>& warnings() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_file;
    std::string m_layer_name;
};

}  // namespace stationplan::io
