// Writes vector layers through GDAL/OGR (GeoPackage by default), inside one
// transaction per layer so that a million points write in seconds.
//
//   io::VectorWriter out(dir / "coverage.gpkg");
//   auto& layer = out.create_layer("stations", io::LayerGeometry::Point, crs,
//                                  {{"station_id", io::FieldType::Text}, {"load", io::FieldType::Integer}});
//   layer.add({std::string("S1"), std::int64_t{4}}, XY{...});
//   out.close();  // commits; throws on any failure
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "io/crs.hpp"
#include "stationplan/geometry.hpp"

class GDALDataset;
class OGRLayer;
class OGRGeometry;

namespace stationplan::io {

enum class FieldType { Text, Integer, Real };
enum class LayerGeometry { Point, Polygon, MultiPolygon };

struct FieldDef {
    std::string name;
    FieldType type = FieldType::Text;
};

using FieldValue = std::variant<std::monostate, std::string, std::int64_t, double>;

class LayerWriter {
public:
    LayerWriter(OGRLayer* layer, std::string file, std::size_t field_count);
    void add(const std::vector<FieldValue>& values, const XY& point);
    void add(const std::vector<FieldValue>& values, const std::vector<std::uint8_t>& wkb);
    const std::string& name() const { return m_name; }

private:
    void write(const std::vector<FieldValue>& values, ::OGRGeometry* geometry);
    OGRLayer* m_layer;
    std::string m_file;
    std::string m_name;
    std::size_t m_field_count;
};

class VectorWriter {
public:
    enum class Mode { Create, Append };
    // Create: a new file (driver: "GPKG" ...). Append: add layers to an existing file.
    explicit VectorWriter(const std::filesystem::path& file, const std::string& driver = "GPKG", Mode mode = Mode::Create);
    ~VectorWriter();
    VectorWriter(const VectorWriter&) = delete;
    VectorWriter& operator=(const VectorWriter&) = delete;

    // spatial_index: GeoPackage R*Tree; GDAL 3.6 fills it row by row, about 20 s
    // for a million points, so very large point layers may go without one.
    LayerWriter& create_layer(const std::string& name, LayerGeometry geometry, const Crs& crs,
                              const std::vector<FieldDef>& fields, bool spatial_index = true);
    // Runs SQL on the dataset (e.g. to add QGIS styles); throws on failure.
    void execute_sql(const std::string& sql);
    void close();

private:
    void commit_open_layer();
    struct DatasetCloser {
        void operator()(GDALDataset* ds) const;
    };
    std::string m_file;
    std::unique_ptr<GDALDataset, DatasetCloser> m_dataset;
    std::vector<std::unique_ptr<LayerWriter>> m_layers;
    bool m_in_transaction = false;
};

}  // namespace stationplan::io
