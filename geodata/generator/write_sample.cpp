// Writes jinshui.gpkg, jinshui_deputies.csv and planted.json.
//
// Byte-for-byte reproducibility: existing outputs are deleted first, the
// GeoPackage's last_change timestamp is pinned with OGR_CURRENT_DATE (set in
// main), features are written in id order, and numbers have fixed precision.
#include <cpl_error.h>
#include <cpl_string.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "geocode_sample.hpp"
#include "projection.hpp"
#include "sample.hpp"

namespace stationplan::sample {

namespace {

struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

void remove_outputs(const std::filesystem::path& out_dir) {
    for (const char* name : {kGeoPackageFile, kDeputiesFile, kPlantedFile}) {
        std::filesystem::remove(out_dir / name);
    }
    // SQLite side files a crashed earlier run may have left behind.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        std::filesystem::remove(out_dir / (std::string(kGeoPackageFile) + suffix));
    }
}

class GeoPackageWriter {
public:
    GeoPackageWriter(const Geos& geos, const Projector& projector, const std::filesystem::path& path)
        : m_geos(geos), m_projector(projector), m_path(path) {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (driver == nullptr) {
            throw std::runtime_error("GDAL: the GPKG driver is not available");
        }
        m_dataset.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!m_dataset) {
            throw std::runtime_error(fmt::format("{}: cannot create the GeoPackage", path.string()));
        }
    }

    /// Creates an EPSG:4326 layer and opens a transaction for its features.
    OGRLayer& begin_layer(const char* name, OGRwkbGeometryType type,
                          std::initializer_list<FieldSpec> fields) {
        CPLStringList options;
        options.SetNameValue("FID", "fid");
        options.SetNameValue("GEOMETRY_NAME", "geom");
        options.SetNameValue("SPATIAL_INDEX", "YES");
        // GDAL 3.6 wants a non-const SRS; the layer keeps its own copy.
        OGRSpatialReference srs(m_projector.lonlat_srs());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRLayer* layer = m_dataset->CreateLayer(name, &srs, type, options.List());
        if (layer == nullptr) {
            throw std::runtime_error(fmt::format("{}: cannot create layer {}", m_path.string(), name));
        }
        for (const FieldSpec& spec : fields) {
            OGRFieldDefn field(spec.name, spec.type);
            if (layer->CreateField(&field) != OGRERR_NONE) {
                throw std::runtime_error(
                    fmt::format("{}: layer {}: cannot create field {}", m_path.string(), name, spec.name));
            }
        }
        m_dataset->StartTransaction();
        return *layer;
    }

    void end_layer() {
        if (m_dataset->CommitTransaction() != OGRERR_NONE) {
            throw std::runtime_error(fmt::format("{}: commit failed", m_path.string()));
        }
    }

    /// A feature carrying `metres` converted to lon/lat.
    OGRFeatureUniquePtr polygon_feature(OGRLayer& layer, const GEOSGeometry& metres) const {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer.GetLayerDefn()));
        const Geom lonlat = m_projector.to_lonlat(m_geos, metres);
        const std::unique_ptr<OGRGeometry> geometry(
            OGRGeometryFactory::createFromGEOS(m_geos.handle(), lonlat.get()));
        if (!geometry) {
            throw std::runtime_error("GDAL: cannot convert a GEOS polygon");
        }
        feature->SetGeometry(geometry.get());
        return feature;
    }

    /// A MultiLineString feature carrying `metres` converted to lon/lat.
    OGRFeatureUniquePtr line_feature(OGRLayer& layer, const GEOSGeometry& metres) const {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer.GetLayerDefn()));
        const Geom lonlat = m_projector.to_lonlat(m_geos, metres);
        OGRGeometry* geometry = OGRGeometryFactory::createFromGEOS(m_geos.handle(), lonlat.get());
        if (geometry == nullptr) {
            throw std::runtime_error("GDAL: cannot convert a GEOS line");
        }
        const std::unique_ptr<OGRGeometry> multi(OGRGeometryFactory::forceToMultiLineString(geometry));
        feature->SetGeometry(multi.get());
        return feature;
    }

    static OGRFeatureUniquePtr point_feature(OGRLayer& layer, LonLat position) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer.GetLayerDefn()));
        OGRPoint point(position.lon, position.lat);
        feature->SetGeometry(&point);
        return feature;
    }

    void add(OGRLayer& layer, OGRFeatureUniquePtr feature) const {
        if (layer.CreateFeature(feature.get()) != OGRERR_NONE) {
            throw std::runtime_error(
                fmt::format("{}: layer {}: cannot write a feature", m_path.string(), layer.GetName()));
        }
    }

    /// Closing builds the spatial indexes and flushes; GDAL reports failures
    /// through its error state.
    void close() {
        CPLErrorReset();
        m_dataset.reset();
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw std::runtime_error(
                fmt::format("{}: cannot finish writing: {}", m_path.string(), CPLGetLastErrorMsg()));
        }
    }

private:
    const Geos& m_geos;
    const Projector& m_projector;
    std::filesystem::path m_path;
    GDALDatasetUniquePtr m_dataset;
};

void set_text(OGRFeature& feature, const char* field, const std::string& value) {
    feature.SetField(field, value.c_str());
}

/// Empty means "not applicable" and is written as NULL.
void set_text_or_null(OGRFeature& feature, const char* field, const std::string& value) {
    if (value.empty()) {
        feature.SetFieldNull(feature.GetFieldIndex(field));
    } else {
        set_text(feature, field, value);
    }
}

void write_geopackage(const Geos& geos, const Projector& projector, const Sample& sample,
                      const std::filesystem::path& path) {
    GeoPackageWriter writer(geos, projector, path);

    OGRLayer& district =
        writer.begin_layer("district", wkbPolygon, {{"code", OFTString}, {"name", OFTString}});
    {
        OGRFeatureUniquePtr feature = writer.polygon_feature(district, *sample.district.area);
        set_text(*feature, "code", sample.district.code);
        set_text(*feature, "name", sample.district.name);
        writer.add(district, std::move(feature));
    }
    writer.end_layer();

    OGRLayer& streets =
        writer.begin_layer("streets", wkbPolygon, {{"street_id", OFTString}, {"name", OFTString}});
    for (const Street& street : sample.streets) {
        OGRFeatureUniquePtr feature = writer.polygon_feature(streets, *street.area);
        set_text(*feature, "street_id", street.id);
        set_text(*feature, "name", street.name);
        writer.add(streets, std::move(feature));
    }
    writer.end_layer();

    OGRLayer& communities =
        writer.begin_layer("communities", wkbPolygon,
                           {{"community_id", OFTString}, {"name", OFTString}, {"street_id", OFTString}});
    for (const Community& community : sample.communities) {
        OGRFeatureUniquePtr feature = writer.polygon_feature(communities, *community.area);
        set_text(*feature, "community_id", community.id);
        set_text(*feature, "name", community.name);
        set_text(*feature, "street_id", community.street_id);
        writer.add(communities, std::move(feature));
    }
    writer.end_layer();

    OGRLayer& grids = writer.begin_layer(
        "grids", wkbPolygon,
        {{"grid_id", OFTString}, {"name", OFTString}, {"street_id", OFTString}, {"liaison", OFTString}});
    for (const Grid& grid : sample.grids) {
        OGRFeatureUniquePtr feature = writer.polygon_feature(grids, *grid.area);
        set_text(*feature, "grid_id", grid.id);
        set_text(*feature, "name", grid.name);
        set_text(*feature, "street_id", grid.street_id);
        set_text_or_null(*feature, "liaison", grid.liaison.value_or(""));
        writer.add(grids, std::move(feature));
    }
    writer.end_layer();

    OGRLayer& stations = writer.begin_layer("stations", wkbPoint,
                                            {{"station_id", OFTString},
                                             {"name", OFTString},
                                             {"kind", OFTString},
                                             {"street_id", OFTString},
                                             {"community_id", OFTString},
                                             {"sector", OFTString},
                                             {"capacity_min", OFTInteger},
                                             {"capacity_max", OFTInteger}});
    for (const Station& station : sample.stations) {
        OGRFeatureUniquePtr feature = GeoPackageWriter::point_feature(stations, station.position);
        set_text(*feature, "station_id", station.id);
        set_text(*feature, "name", station.name);
        set_text(*feature, "kind", std::string(to_string(station.kind)));
        set_text(*feature, "street_id", station.street_id);
        set_text_or_null(*feature, "community_id", station.community_id);
        set_text_or_null(*feature, "sector", station.sector);
        if (station.kind == StationKind::community) {
            // 每个社区联络站服务3—5名人大代表
            feature->SetField("capacity_min", 3);
            feature->SetField("capacity_max", 5);
        } else {
            feature->SetFieldNull(feature->GetFieldIndex("capacity_min"));
            feature->SetFieldNull(feature->GetFieldIndex("capacity_max"));
        }
        writer.add(stations, std::move(feature));
    }
    writer.end_layer();

    OGRLayer& sites = writer.begin_layer(
        "candidate_sites", wkbPoint,
        {{"site_id", OFTString}, {"name", OFTString}, {"category", OFTString}, {"street_id", OFTString}});
    for (const CandidateSite& site : sample.sites) {
        OGRFeatureUniquePtr feature = GeoPackageWriter::point_feature(sites, site.position);
        set_text(*feature, "site_id", site.id);
        set_text(*feature, "name", site.name);
        set_text(*feature, "category", std::string(to_string(site.category)));
        set_text(*feature, "street_id", site.street_id);
        writer.add(sites, std::move(feature));
    }
    writer.end_layer();

    OGRLayer& roads = writer.begin_layer(
        "roads", wkbMultiLineString,
        {{"road_id", OFTString}, {"name", OFTString}, {"highway", OFTString}, {"bridge", OFTInteger}});
    for (const Road& road : sample.roads) {
        OGRFeatureUniquePtr feature = writer.line_feature(roads, *road.line);
        set_text(*feature, "road_id", road.id);
        set_text(*feature, "name", road.name);
        set_text(*feature, "highway", road.highway);
        feature->SetField("bridge", road.bridge ? 1 : 0);
        writer.add(roads, std::move(feature));
    }
    writer.end_layer();
    writer.close();
}

/// RFC 4180: quote a field holding a comma, quote or line break; double quotes.
std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

void write_deputies_csv(const Sample& sample, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) {
        throw std::runtime_error(fmt::format("{}: cannot create", path.string()));
    }
    out << "代表编号,姓名,层级,行业,联络站编号,行业联络站编号,地址,经度,纬度\n";
    for (const Deputy& d : sample.deputies) {
        const std::string fields[] = {d.id,      d.name,           d.level,
                                      d.sector,  d.station_id,     d.industry_station_id,
                                      d.address, d.longitude_text, d.latitude_text};
        std::string line;
        for (std::size_t i = 0; i < std::size(fields); ++i) {
            if (i > 0) {
                line += ',';
            }
            line += csv_field(fields[i]);
        }
        out << line << '\n';
    }
    if (!out.flush()) {
        throw std::runtime_error(fmt::format("{}: write failed", path.string()));
    }
}

double rounded_1dp(double value) { return std::round(value * 10.0) / 10.0; }

void write_planted_json(const Geos& geos, const Sample& sample, const std::filesystem::path& path) {
    using Json = nlohmann::ordered_json;
    const Planted& planted = sample.planted;
    Json j;
    j["about"] =
        "Imperfections planted on purpose in the synthetic Jinshui sample; a correct check "
        "finds exactly these. Distances and areas in EPSG:4547 metres.";
    j["seed"] = sample.seed;
    j["cut_line"] = {
        {"kind", "meridian"},
        {"longitude", sample.district.cut_longitude},
        {"district_area_km2", std::round(geos.area(*sample.district.area) / 1e4) / 100.0},
        {"statistical_area_km2", std::round(geos.area(*sample.district.statistical_area) / 1e4) / 100.0}};

    std::size_t by_kind[3] = {0, 0, 0};
    for (const Station& s : sample.stations) {
        ++by_kind[static_cast<int>(s.kind)];
    }
    std::size_t villages = 0;
    for (const Community& c : sample.communities) {
        villages += c.is_village ? 1 : 0;
    }
    std::size_t valid = 0;
    for (const Deputy& d : sample.deputies) {
        valid += (d.role == DeputyRole::bad_empty_coordinates || d.role == DeputyRole::bad_longitude) ? 0 : 1;
    }
    j["counts"] = {{"streets", sample.streets.size()},
                   {"communities", sample.communities.size()},
                   {"communities_villages", villages},
                   {"grids", sample.grids.size()},
                   {"stations",
                    {{"street", by_kind[0]},
                     {"community", by_kind[1]},
                     {"industry", by_kind[2]},
                     {"total", sample.stations.size()}}},
                   {"deputy_rows", sample.deputies.size()},
                   {"valid_deputies", valid},
                   {"candidate_sites", sample.sites.size()}};

    j["far_deputies"] = planted.far_deputies;
    const auto loads = [](const std::vector<StationLoad>& list) {
        Json array = Json::array();
        for (const StationLoad& load : list) {
            array.push_back({{"station_id", load.station_id}, {"deputies", load.deputies}});
        }
        return array;
    };
    j["overloaded_stations"] = loads(planted.overloaded_stations);
    j["underloaded_stations"] = loads(planted.underloaded_stations);
    const auto& misplaced = planted.misplaced_street_station;
    j["misplaced_street_station"] = {{"station_id", misplaced.station_id},
                                     {"street_id", misplaced.street_id},
                                     {"located_in_street_id", misplaced.located_in_street_id},
                                     {"distance_outside_m", rounded_1dp(misplaced.outside_m)}};
    const auto& empty = planted.empty_community;
    j["empty_community"] = {
        {"community_id", empty.community_id}, {"name", empty.name}, {"street_id", empty.street_id}};
    Json mismatches = Json::array();
    for (const auto& m : planted.sector_mismatch) {
        mismatches.push_back({{"deputy_id", m.deputy_id},
                              {"sector", m.sector},
                              {"industry_station_id", m.industry_station_id},
                              {"expected_industry_station_id", m.expected_station_id}});
    }
    j["sector_mismatch"] = mismatches;
    j["unassigned_deputies"] = planted.unassigned_deputies;
    j["outside_district"] = {{"deputy_id", planted.outside_district.deputy_id},
                             {"distance_outside_m", rounded_1dp(planted.outside_district.outside_m)}};
    Json bad_rows = Json::array();
    for (const auto& row : planted.bad_rows) {
        bad_rows.push_back({{"deputy_id", row.deputy_id}, {"reason", row.reason}});
    }
    j["bad_rows"] = bad_rows;
    j["missing_liaison_grids"] = planted.missing_liaison_grids;

    std::ofstream out(path, std::ios::binary);
    out << j.dump(2) << '\n';
    if (!out.flush()) {
        throw std::runtime_error(fmt::format("{}: write failed", path.string()));
    }
}

}  // namespace

void write_sample(const Geos& geos, const Projector& projector, const Sample& sample,
                  const std::filesystem::path& out_dir) {
    std::filesystem::create_directories(out_dir);
    remove_outputs(out_dir);
    write_geopackage(geos, projector, sample, out_dir / kGeoPackageFile);
    write_deputies_csv(sample, out_dir / kDeputiesFile);
    write_planted_json(geos, sample, out_dir / kPlantedFile);
    remove_geocode_outputs(out_dir);
    write_geocode_sample(sample, build_geocode_sample(sample), out_dir);
}

}  // namespace stationplan::sample
