#include "io/web_layer.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <stdexcept>

#include "io/gdal_runtime.hpp"

namespace stationplan::io {
namespace {

const Crs& lonlat_crs() {
    static const Crs crs = Crs::from_user_input("EPSG:4326");
    return crs;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
struct GeometryDeleter {
    void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};

// About one metre in degrees of latitude: simplification tolerance for layers
// stored in a geographic CRS.
constexpr double kDegreesPerMetre = 1.0 / 111320.0;

}  // namespace

WebLayer read_web_layer(const std::filesystem::path& file, const std::string& layer_name,
                        const std::vector<std::string>& fields, double simplify_m) {
    ensure_gdal();
    const std::string where = file.string() + ", layer " + layer_name;
    std::unique_ptr<GDALDataset, DatasetCloser> ds(
        GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) throw std::runtime_error("cannot open " + file.string());
    OGRLayer* layer = ds->GetLayerByName(layer_name.c_str());
    if (!layer) throw std::runtime_error(where + ": no such layer");
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    std::vector<int> index;
    for (const auto& f : fields) {
        const int i = defn->GetFieldIndex(f.c_str());
        if (i < 0) throw std::runtime_error(where + ": no field '" + f + "'");
        index.push_back(i);
    }
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) throw std::runtime_error(where + ": the layer has no CRS");
    const Crs from = Crs::from_ogr(*srs);
    const Transform to_lonlat(from, lonlat_crs());
    const double tolerance = from.is_geographic() ? simplify_m * kDegreesPerMetre : simplify_m;

    const std::unique_ptr<char*, void (*)(char**)> json_options(CSLSetNameValue(nullptr, "COORDINATE_PRECISION", "6"),
                                                                 CSLDestroy);
    WebLayer out;
    out.fields = fields;
    layer->ResetReading();
    for (std::unique_ptr<OGRFeature, FeatureDeleter> f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        WebFeature wf;
        for (int i : index) {
            if (!f->IsFieldSetAndNotNull(i)) {
                wf.values.emplace_back();
                continue;
            }
            switch (defn->GetFieldDefn(i)->GetType()) {
                case OFTInteger:
                case OFTInteger64: wf.values.emplace_back(static_cast<std::int64_t>(f->GetFieldAsInteger64(i))); break;
                case OFTReal: wf.values.emplace_back(f->GetFieldAsDouble(i)); break;
                default: wf.values.emplace_back(std::string(f->GetFieldAsString(i))); break;
            }
        }
        wf.geometry_json = "null";
        if (const OGRGeometry* g = f->GetGeometryRef(); g && !g->IsEmpty()) {
            std::unique_ptr<OGRGeometry, GeometryDeleter> copy;
            const bool polygonal = wkbFlatten(g->getGeometryType()) != wkbPoint;
            if (polygonal && tolerance > 0) copy.reset(g->SimplifyPreserveTopology(tolerance));
            if (!copy || copy->IsEmpty()) copy.reset(g->clone());
            if (!to_lonlat.is_identity() && copy->transform(to_lonlat.ogr()) != OGRERR_NONE)
                throw std::runtime_error(where + ", feature " + std::to_string(f->GetFID()) +
                                         ": cannot reproject to EPSG:4326");
            char* text = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(copy.get()), json_options.get());
            if (!text)
                throw std::runtime_error(where + ", feature " + std::to_string(f->GetFID()) + ": cannot export GeoJSON");
            wf.geometry_json = text;
            CPLFree(text);
        }
        out.features.push_back(std::move(wf));
    }
    return out;
}

LonLatProjector::LonLatProjector(const Crs& from) : m_transform(from, lonlat_crs()) {}

LonLat LonLatProjector::operator()(const XY& p) const {
    double x = p.x_m, y = p.y_m;
    if (!m_transform.apply(x, y)) throw std::runtime_error("cannot reproject a point to EPSG:4326");
    return LonLat{x, y};
}

}  // namespace stationplan::io
