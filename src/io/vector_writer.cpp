#include "io/vector_writer.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <stdexcept>

#include "io/gdal_runtime.hpp"
#include "io/output_file.hpp"

namespace stationplan::io {
namespace {

// The file could not be created or written: GDAL's message says why (SQLite's
// "database or disk is full", "attempt to write a readonly database" ...).
[[noreturn]] void fail(const std::string& file, const std::string& what) {
    const char* msg = CPLGetLastErrorMsg();
    throw WriteError(file, write_failure_reason(file, what + (msg && *msg ? ": " + std::string(msg) : "")));
}

// A mistake of the calling code, not of the disk.
[[noreturn]] void misuse(const std::string& file, const std::string& what) {
    throw std::logic_error("writing " + file + ": " + what);
}

OGRwkbGeometryType ogr_type(LayerGeometry g) {
    switch (g) {
        case LayerGeometry::Point: return wkbPoint;
        case LayerGeometry::Polygon: return wkbPolygon;
        case LayerGeometry::MultiPolygon: return wkbMultiPolygon;
    }
    return wkbUnknown;
}

OGRFieldType ogr_field(FieldType t) {
    switch (t) {
        case FieldType::Text: return OFTString;
        case FieldType::Integer: return OFTInteger64;
        case FieldType::Real: return OFTReal;
    }
    return OFTString;
}

}  // namespace

LayerWriter::LayerWriter(OGRLayer* layer, std::string file, std::size_t field_count)
    : m_layer(layer), m_file(std::move(file)), m_name(layer->GetName()), m_field_count(field_count) {}

void LayerWriter::add(const std::vector<FieldValue>& values, const XY& point) {
    OGRPoint p(point.x_m, point.y_m);
    write(values, &p);
}

void LayerWriter::add(const std::vector<FieldValue>& values, const std::vector<std::uint8_t>& wkb) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE || !g)
        misuse(m_file, "layer " + m_name + ": bad geometry");
    std::unique_ptr<OGRGeometry> owned(g);
    // Polygon layers accept multipolygons too: promote so the layer type is uniform.
    if (wkbFlatten(m_layer->GetGeomType()) == wkbMultiPolygon && wkbFlatten(g->getGeometryType()) == wkbPolygon)
        owned.reset(OGRGeometryFactory::forceToMultiPolygon(owned.release()));
    write(values, owned.get());
}

void LayerWriter::write(const std::vector<FieldValue>& values, OGRGeometry* geometry) {
    if (values.size() != m_field_count) misuse(m_file, "layer " + m_name + ": wrong number of values");
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(m_layer->GetLayerDefn()));
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int idx = static_cast<int>(i);
        if (const auto* s = std::get_if<std::string>(&values[i])) f->SetField(idx, s->c_str());
        else if (const auto* n = std::get_if<std::int64_t>(&values[i])) f->SetField(idx, static_cast<GIntBig>(*n));
        else if (const auto* r = std::get_if<double>(&values[i])) f->SetField(idx, *r);
        else f->SetFieldNull(idx);
    }
    if (geometry) f->SetGeometry(geometry);
    if (m_layer->CreateFeature(f.get()) != OGRERR_NONE) fail(m_file, "layer " + m_name + ": feature not written");
}

VectorWriter::VectorWriter(const std::filesystem::path& file, const std::string& driver, Mode mode) : m_file(file.string()) {
    ensure_gdal();
    if (mode == Mode::Append) {
        m_dataset.reset(GDALDataset::Open(m_file.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        if (!m_dataset) fail(m_file, "cannot open for update");
        return;
    }
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (!drv) misuse(m_file, "no GDAL driver " + driver);
    m_dataset.reset(drv->Create(m_file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m_dataset) fail(m_file, "cannot create the dataset");
}

VectorWriter::~VectorWriter() = default;

void VectorWriter::DatasetCloser::operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }

void VectorWriter::commit_open_layer() {
    if (m_in_transaction && m_dataset->CommitTransaction() != OGRERR_NONE) fail(m_file, "commit failed");
    m_in_transaction = false;
}

LayerWriter& VectorWriter::create_layer(const std::string& name, LayerGeometry geometry, const Crs& crs,
                                        const std::vector<FieldDef>& fields, bool spatial_index) {
    commit_open_layer();
    CPLStringList options;
    options.SetNameValue("SPATIAL_INDEX", spatial_index ? "YES" : "NO");
    OGRSpatialReference srs(crs.ogr());
    OGRLayer* layer = m_dataset->CreateLayer(name.c_str(), &srs, ogr_type(geometry), options.List());
    if (!layer) fail(m_file, "cannot create layer " + name);
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), ogr_field(f.type));
        if (layer->CreateField(&defn) != OGRERR_NONE) fail(m_file, "layer " + name + ": cannot add field " + f.name);
    }
    if (m_dataset->StartTransaction() == OGRERR_NONE) m_in_transaction = true;
    m_layers.push_back(std::make_unique<LayerWriter>(layer, m_file, fields.size()));
    return *m_layers.back();
}

void VectorWriter::execute_sql(const std::string& sql) {
    commit_open_layer();
    CPLErrorReset();
    OGRLayer* result = m_dataset->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) m_dataset->ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure) fail(m_file, "SQL failed");
}

void VectorWriter::close() {
    if (!m_dataset) return;
    commit_open_layer();
    CPLErrorReset();
    m_dataset.reset();  // flushes and closes; GDAL reports failures through CPLError
    if (CPLGetLastErrorType() >= CE_Failure) fail(m_file, "close failed");
}

}  // namespace stationplan::io
