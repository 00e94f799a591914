// stationplan-make-robust-city: writes one seeded city of robust_city.hpp as the files
// users hand over, for the robustness benchmark (bench/run_robustness.sh):
//
//   DIR/city.gpkg (or, with --formats mixed, streets.shp, communities in city.gpkg,
//                 grids.fgb, exclusions.geojson, candidates.shp ...)
//   DIR/deputies.csv | deputies.xlsx | deputies in city.gpkg
//   DIR/city.json   what was planted (slivers, holes, multipolygons, strips, points on
//                   vertices ...), the counts and the per-layer CRS and rounding
//   DIR/city.toml   the scenario mapping the files onto the model (written last)
//
//   stationplan-make-robust-city --seed 7 --out /tmp/c7                  # small, shape from the seed
//   stationplan-make-robust-city --seed 3 --size large --shape islands --crs mixed --formats mixed --out /tmp/c3
//
// Each layer is reprojected from EPSG:4547 to its own CRS (4326, 4490 or 4547) and
// rounded as exported files are (7 or 8 decimals of a degree), and the polygon layers
// that stay projected go through a lon/lat round trip, so shared boundaries of
// different layers are near-coincident, not identical. Every polygon is then read
// back from the written file and must pass GEOS isValid in its own CRS and in
// EPSG:4547 (the working CRS `auto` picks here); a feature whose rounding would make
// it invalid is written unrounded (counted in city.json).
#include <CLI/CLI.hpp>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "robust_city.hpp"

namespace fs = std::filesystem;
using namespace stationplan::bench;

namespace {

enum class CrsStyle { Projected, Wgs84, Cgcs2000, Mixed };
enum class FormatStyle { Gpkg, Mixed };
enum class DeputyFormat { Csv, Xlsx, Gpkg };
enum class Naming { Zh, Pinyin, En };

const char* name_of(CrsStyle s) {
    switch (s) {
        case CrsStyle::Projected: return "projected";
        case CrsStyle::Wgs84: return "wgs84";
        case CrsStyle::Cgcs2000: return "cgcs2000";
        case CrsStyle::Mixed: return "mixed";
    }
    return "?";
}
const char* name_of(FormatStyle s) { return s == FormatStyle::Gpkg ? "gpkg" : "mixed"; }
const char* name_of(DeputyFormat s) { return s == DeputyFormat::Csv ? "csv" : s == DeputyFormat::Xlsx ? "xlsx" : "gpkg"; }
const char* name_of(Naming s) { return s == Naming::Zh ? "zh" : s == Naming::Pinyin ? "pinyin" : "en"; }

template <typename E>
E parse_enum(const std::string& option, const std::string& text, std::initializer_list<E> values) {
    std::string expected;
    for (E v : values) {
        if (text == name_of(v)) return v;
        expected += (expected.empty() ? "" : ", ") + std::string(name_of(v));
    }
    throw std::invalid_argument(option + " " + text + ": expected " + expected);
}

// Model field -> column name, per role and naming; Shapefile layers use the pinyin
// abbreviations when the naming is Chinese (DBF names are at most 10 bytes).
using FieldNames = std::vector<std::pair<std::string, std::string>>;

FieldNames field_names(const std::string& role, Naming naming, bool projected_xy) {
    static const std::map<std::string, std::map<Naming, FieldNames>> table{
        {"district",
         {{Naming::Zh, {{"id", "区划代码"}, {"name", "名称"}}},
          {Naming::Pinyin, {{"id", "XZQDM"}, {"name", "XZQMC"}}},
          {Naming::En, {{"id", "code"}, {"name", "name"}}}}},
        {"streets",
         {{Naming::Zh, {{"id", "街道代码"}, {"name", "街道名称"}}},
          {Naming::Pinyin, {{"id", "JDDM"}, {"name", "JDMC"}}},
          {Naming::En, {{"id", "street_cd"}, {"name", "street_nm"}}}}},
        {"communities",
         {{Naming::Zh, {{"id", "社区代码"}, {"name", "社区名称"}, {"street", "所属街道"}}},
          {Naming::Pinyin, {{"id", "SQDM"}, {"name", "SQMC"}, {"street", "SSJD"}}},
          {Naming::En, {{"id", "comm_cd"}, {"name", "comm_nm"}, {"street", "street_cd"}}}}},
        {"grids",
         {{Naming::Zh, {{"id", "网格编码"}, {"name", "网格名称"}, {"street", "所属街道"}, {"liaison", "网格员"}}},
          {Naming::Pinyin, {{"id", "WGBM"}, {"name", "WGMC"}, {"street", "SSJD"}, {"liaison", "WGY"}}},
          {Naming::En, {{"id", "grid_cd"}, {"name", "grid_nm"}, {"street", "street_cd"}, {"liaison", "liaison"}}}}},
        {"stations",
         {{Naming::Zh,
           {{"id", "站点编号"}, {"name", "站点名称"}, {"kind", "站点类型"}, {"street", "所属街道"}, {"community", "所属社区"},
            {"sector", "行业"}, {"capacity_min", "最少人数"}, {"capacity_max", "最多人数"}, {"status", "状态"}}},
          {Naming::Pinyin,
           {{"id", "ZDBH"}, {"name", "ZDMC"}, {"kind", "ZDLX"}, {"street", "SSJD"}, {"community", "SSSQ"}, {"sector", "HY"},
            {"capacity_min", "ZSRS"}, {"capacity_max", "ZDRS"}, {"status", "ZT"}}},
          {Naming::En,
           {{"id", "stn_id"}, {"name", "stn_name"}, {"kind", "stn_type"}, {"street", "street_cd"}, {"community", "comm_cd"},
            {"sector", "sector"}, {"capacity_min", "cap_min"}, {"capacity_max", "cap_max"}, {"status", "status"}}}}},
        {"deputies",
         {{Naming::Zh,
           {{"id", "代表编号"}, {"name", "姓名"}, {"level", "层级"}, {"sector", "行业"}, {"station", "联络站编号"},
            {"industry_station", "行业联络站编号"}, {"x", "经度"}, {"y", "纬度"}}},
          {Naming::Pinyin,
           {{"id", "DBBH"}, {"name", "XM"}, {"level", "CJ"}, {"sector", "HY"}, {"station", "LLZBH"},
            {"industry_station", "HYLLZBH"}, {"x", "JD"}, {"y", "WD"}}},
          {Naming::En,
           {{"id", "deputy_id"}, {"name", "name"}, {"level", "level"}, {"sector", "sector"}, {"station", "station"},
            {"industry_station", "ind_stn"}, {"x", "lon"}, {"y", "lat"}}}}},
        {"candidates",
         {{Naming::Zh, {{"id", "点位编号"}, {"name", "点位名称"}, {"category", "类别"}, {"cost", "成本"}}},
          {Naming::Pinyin, {{"id", "DWBH"}, {"name", "DWMC"}, {"category", "LB"}, {"cost", "CB"}}},
          {Naming::En, {{"id", "site_id"}, {"name", "site_name"}, {"category", "category"}, {"cost", "cost"}}}}},
        {"exclusions",
         {{Naming::Zh, {{"id", "编号"}, {"name", "名称"}}},
          {Naming::Pinyin, {{"id", "BH"}, {"name", "MC"}}},
          {Naming::En, {{"id", "zone_id"}, {"name", "zone_name"}}}}},
    };
    FieldNames names = table.at(role).at(naming);
    if (projected_xy)
        for (auto& [field, column] : names) {
            if (field == "x") column = naming == Naming::Zh ? "横坐标" : naming == Naming::Pinyin ? "X" : "x";
            if (field == "y") column = naming == Naming::Zh ? "纵坐标" : naming == Naming::Pinyin ? "Y" : "y";
        }
    return names;
}

std::string column(const FieldNames& names, const std::string& field) {
    for (const auto& [f, c] : names)
        if (f == field) return c;
    throw std::logic_error("no column for " + field);
}

// Where and how one layer is written.
struct LayerPlan {
    std::string role;
    std::string file;    // relative to the output folder
    std::string driver;  // GPKG, ESRI Shapefile, FlatGeobuf, GeoJSON
    std::string layer;   // layer name inside the file
    int epsg = 4547;
    int decimals = -1;   // rounding of degrees; -1: full precision
    bool roundtrip = false;  // a projected layer that went through lon/lat (7 decimals) and back
    FieldNames fields;
};

struct Options {
    std::uint64_t seed = 1;
    std::string out;
    std::string size = "small";
    std::string shape;  // empty: from the seed
    std::string crs, formats, deputies_format, naming;
    std::size_t deputies = 0, streets = 0;
    double area_km2 = 0.0;
    double time_limit_s = 10.0;
    double deputies_per_station = 0.0;  // 0: the generator's default
    double lattice_m = 500.0;
    bool no_district = false;
    bool verify = true;
};

// ---------------------------------------------------------------------------
// Coordinates.

class Reprojector {
public:
    explicit Reprojector(int epsg) : m_epsg(epsg) {
        m_from.importFromEPSG(4547);
        m_from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_to.importFromEPSG(epsg);
        m_to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_lonlat.importFromEPSG(4326);
        m_lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        m_forward.reset(OGRCreateCoordinateTransformation(&m_from, &m_to));
        m_back.reset(OGRCreateCoordinateTransformation(&m_to, &m_from));
        m_to_lonlat.reset(OGRCreateCoordinateTransformation(&m_from, &m_lonlat));
        m_from_lonlat.reset(OGRCreateCoordinateTransformation(&m_lonlat, &m_from));
        if (!m_forward || !m_back || !m_to_lonlat || !m_from_lonlat)
            throw std::runtime_error(fmt::format("cannot transform between EPSG:4547 and EPSG:{}", epsg));
    }
    const OGRSpatialReference& srs() const { return m_to; }
    int epsg() const { return m_epsg; }

    // EPSG:4547 -> the layer's CRS, rounded to `decimals` (degrees) when >= 0;
    // roundtrip: through lon/lat rounded to 7 decimals and back (projected layers).
    XYm apply(XYm p, int decimals, bool roundtrip) const {
        double x = p.x, y = p.y;
        if (roundtrip) {
            transform(*m_to_lonlat, x, y);
            x = round_to(x, 7), y = round_to(y, 7);
            transform(*m_from_lonlat, x, y);
        }
        if (m_epsg != 4547) transform(*m_forward, x, y);
        if (decimals >= 0) x = round_to(x, decimals), y = round_to(y, decimals);
        return {x, y};
    }
    XYm back(XYm p) const {
        if (m_epsg == 4547) return p;
        transform(*m_back, p.x, p.y);
        return p;
    }

    MultiPolygonXY apply(const MultiPolygonXY& m, int decimals, bool roundtrip) const {
        return map(m, [&](XYm p) { return apply(p, decimals, roundtrip); });
    }
    MultiPolygonXY back(const MultiPolygonXY& m) const {
        return map(m, [&](XYm p) { return back(p); });
    }

private:
    struct Deleter {
        void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
    };
    static double round_to(double v, int decimals) {
        const double f = std::pow(10.0, decimals);
        return std::round(v * f) / f;
    }
    static void transform(OGRCoordinateTransformation& t, double& x, double& y) {
        if (!t.Transform(1, &x, &y)) throw std::runtime_error(fmt::format("cannot transform ({}, {})", x, y));
    }
    template <typename F>
    static MultiPolygonXY map(const MultiPolygonXY& m, F f) {
        MultiPolygonXY out = m;
        for (PolygonXY& p : out) {
            for (XYm& q : p.shell) q = f(q);
            for (Ring& h : p.holes)
                for (XYm& q : h) q = f(q);
        }
        return out;
    }

    int m_epsg;
    OGRSpatialReference m_from, m_to, m_lonlat;
    std::unique_ptr<OGRCoordinateTransformation, Deleter> m_forward, m_back, m_to_lonlat, m_from_lonlat;
};

// ---------------------------------------------------------------------------
// Writing.

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

class Writer {
public:
    explicit Writer(fs::path dir) : m_dir(std::move(dir)) {}

    // The dataset for a file, created on first use (one GeoPackage holds many layers).
    GDALDataset& dataset(const LayerPlan& plan) {
        auto it = m_open.find(plan.file);
        if (it != m_open.end()) return *it->second;
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(plan.driver.c_str());
        if (!driver) throw std::runtime_error("GDAL driver " + plan.driver + " is not available");
        const fs::path path = m_dir / plan.file;
        GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!ds) throw std::runtime_error(fmt::format("cannot create {}: {}", path.string(), CPLGetLastErrorMsg()));
        return *m_open.emplace(plan.file, Dataset(ds)).first->second;
    }

    OGRLayer& create_layer(const LayerPlan& plan, const OGRSpatialReference* srs, OGRwkbGeometryType type,
                           const std::vector<std::pair<std::string, OGRFieldType>>& columns) {
        GDALDataset& ds = dataset(plan);
        CPLStringList options;
        if (plan.driver == "ESRI Shapefile") options.SetNameValue("ENCODING", "UTF-8");  // writes the .cpg
        if (plan.driver == "GeoJSON") options.SetNameValue("RFC7946", "NO");
        OGRSpatialReference copy;
        if (srs) copy = *srs;
        OGRLayer* layer = ds.CreateLayer(plan.layer.c_str(), srs ? &copy : nullptr, type, options.List());
        if (!layer) throw std::runtime_error(fmt::format("{}: cannot create layer {}", plan.file, plan.layer));
        for (const auto& [name, t] : columns) {
            OGRFieldDefn field(name.c_str(), t);
            if (layer->CreateField(&field) != OGRERR_NONE)
                throw std::runtime_error(fmt::format("{}: layer {}: cannot create field {}", plan.file, plan.layer, name));
        }
        return *layer;
    }

    void close() {
        for (auto& [file, ds] : m_open) {
            CPLErrorReset();
            ds.reset();
            if (CPLGetLastErrorType() >= CE_Failure)
                throw std::runtime_error(fmt::format("{}: cannot finish writing: {}", file, CPLGetLastErrorMsg()));
        }
        m_open.clear();
    }

private:
    fs::path m_dir;
    std::map<std::string, Dataset> m_open;
};

std::unique_ptr<OGRGeometry> ogr_shape(const MultiPolygonXY& m, bool force_multi) {
    auto polygon = [](const PolygonXY& p) {
        auto poly = std::make_unique<OGRPolygon>();
        auto ring = [](const Ring& r) {
            auto lr = std::make_unique<OGRLinearRing>();
            lr->setNumPoints(static_cast<int>(r.size()));
            for (std::size_t i = 0; i < r.size(); ++i) lr->setPoint(static_cast<int>(i), r[i].x, r[i].y);
            return lr;
        };
        poly->addRingDirectly(ring(p.shell).release());
        for (const Ring& h : p.holes) poly->addRingDirectly(ring(h).release());
        return poly;
    };
    if (m.size() == 1 && !force_multi) return polygon(m.front());
    auto multi = std::make_unique<OGRMultiPolygon>();
    for (const PolygonXY& p : m) multi->addGeometryDirectly(polygon(p).release());
    return multi;
}

// One transaction per layer where the driver has them (GeoPackage): thousands of
// features in seconds. Drivers without transactions write directly.
void begin(OGRLayer& layer) {
    if (layer.StartTransaction() != OGRERR_NONE)
        throw std::runtime_error(fmt::format("layer {}: cannot start a transaction", layer.GetName()));
}
void commit(OGRLayer& layer) {
    if (layer.CommitTransaction() != OGRERR_NONE)
        throw std::runtime_error(fmt::format("layer {}: cannot commit: {}", layer.GetName(), CPLGetLastErrorMsg()));
}

void add_feature(OGRLayer& layer, OGRFeature& feature, const std::string& what) {
    if (layer.CreateFeature(&feature) != OGRERR_NONE)
        throw std::runtime_error(fmt::format("layer {}: cannot write {}: {}", layer.GetName(), what, CPLGetLastErrorMsg()));
}

struct WriteStats {
    std::size_t polygons = 0;
    // Features written other than planned because the planned coordinates were not
    // valid in the file's CRS or back in EPSG:4547: at full precision, without their
    // close vertices, or repaired with make-valid in the file's CRS.
    std::size_t unrounded = 0, without_close_vertices = 0, made_valid = 0;
};

// The coordinates a feature is written with: as planned (reprojected, rounded), or
// the first fallback that is valid both in the file's CRS and back in EPSG:4547
// (the tool repairs an invalid polygon with a warning; the benchmark wants none).
MultiPolygonXY writable_shape(const AreaFeature& a, const LayerPlan& plan, const Reprojector& proj, const ShapeTools& tools,
                              WriteStats& stats) {
    auto valid = [&](const MultiPolygonXY& s) {
        return !s.empty() && tools.problem(s).empty() && tools.problem(proj.back(s)).empty();
    };
    MultiPolygonXY s = proj.apply(a.shape, plan.decimals, plan.roundtrip);
    if (valid(s)) return s;
    if (plan.decimals >= 0 || plan.roundtrip) {
        s = proj.apply(a.shape, -1, false);
        if (valid(s)) return ++stats.unrounded, s;
    }
    if (!a.plain.empty()) {
        s = proj.apply(a.plain, -1, false);
        if (valid(s)) return ++stats.without_close_vertices, s;
    }
    s = tools.make_valid(proj.apply(a.plain.empty() ? a.shape : a.plain, -1, false));
    if (valid(s)) return ++stats.made_valid, s;
    throw std::runtime_error(fmt::format("layer {}: feature {} cannot be written valid in EPSG:{}: {}", plan.layer, a.id,
                                         plan.epsg, tools.problem(proj.apply(a.shape, -1, false))));
}

// as_written: the shapes as written, back in EPSG:4547 (what the tool will read).
void write_areas(Writer& w, const LayerPlan& plan, const std::vector<AreaFeature>& areas, const ShapeTools& validator,
                 WriteStats& stats, std::vector<MultiPolygonXY>* as_written = nullptr) {
    const Reprojector proj(plan.epsg);
    std::vector<MultiPolygonXY> shapes;
    bool any_multi = false;
    for (const AreaFeature& a : areas) {
        MultiPolygonXY s = writable_shape(a, plan, proj, validator, stats);
        any_multi = any_multi || s.size() > 1;
        if (as_written) as_written->push_back(proj.back(s));
        shapes.push_back(std::move(s));
    }
    const bool force_multi = plan.driver == "FlatGeobuf" || (any_multi && plan.driver == "GPKG");
    const OGRwkbGeometryType type = force_multi ? wkbMultiPolygon : wkbPolygon;
    std::vector<std::pair<std::string, OGRFieldType>> columns;
    for (const auto& [field, name] : plan.fields) columns.push_back({name, OFTString});
    OGRLayer& layer = w.create_layer(plan, &proj.srs(), type, columns);
    begin(layer);
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const AreaFeature& a = areas[i];
        OGRFeature feature(layer.GetLayerDefn());
        int k = 0;
        for (const auto& [field, name] : plan.fields) {
            const std::string& v = field == "id" ? a.id : field == "name" ? a.name : field == "street" ? a.street_id : a.liaison;
            if (!v.empty()) feature.SetField(k, v.c_str());
            ++k;
        }
        feature.SetGeometryDirectly(ogr_shape(shapes[i], force_multi).release());
        add_feature(layer, feature, a.id);
        ++stats.polygons;
    }
    commit(layer);
}

struct Vocabulary {
    Naming naming;
    std::string kind(StationKind k) const {
        const bool zh = naming != Naming::En;
        switch (k) {
            case StationKind::Street: return zh ? "街道" : "street";
            case StationKind::Community: return zh ? "社区" : "community";
            case StationKind::Industry: return zh ? "行业" : "industry";
        }
        return "";
    }
    std::string status(const std::string& s) const {
        if (naming == Naming::En || s.empty()) return s;
        return s == "fixed" ? "保留" : s == "closable" ? "可撤" : "可迁";
    }
    std::string level(int l) const { return naming == Naming::En ? kLevelNamesEn[l] : kLevelNames[l]; }
    std::string sector(int s) const {
        static const char* en[9] = {"tech", "education", "culture", "health", "law",
                                    "urban management", "social work", "new_economic", "new_social"};
        if (s < 0) return "";
        return naming == Naming::En ? en[s] : kSectorNames[s];
    }
};

// Stations at a community's centre, moved to the centre of the community as written
// (rounded, reprojected): the point a user computes from the layer they have, and
// within reprojection noise of the tool's own community candidate site.
std::vector<StationFeature> at_centres(std::vector<StationFeature> stations, const std::vector<MultiPolygonXY>& communities,
                                       const ShapeTools& tools) {
    for (StationFeature& s : stations)
        if (s.centre_of_community >= 0 && static_cast<std::size_t>(s.centre_of_community) < communities.size())
            s.position = tools.point_on_surface(communities[static_cast<std::size_t>(s.centre_of_community)]);
    return stations;
}

int sector_index(const std::string& sector) {
    for (int k = 0; k < 9; ++k)
        if (sector == kSectorNames[k]) return k;
    return -1;
}

void write_stations(Writer& w, const LayerPlan& plan, const std::vector<StationFeature>& stations, const Vocabulary& vocab) {
    const Reprojector proj(plan.epsg);
    std::vector<std::pair<std::string, OGRFieldType>> columns;
    for (const auto& [field, name] : plan.fields)
        columns.push_back({name, field == "capacity_min" || field == "capacity_max" ? OFTInteger : OFTString});
    OGRLayer& layer = w.create_layer(plan, &proj.srs(), wkbPoint, columns);
    begin(layer);
    for (const StationFeature& s : stations) {
        OGRFeature feature(layer.GetLayerDefn());
        int k = 0;
        for (const auto& [field, name] : plan.fields) {
            if (field == "capacity_min" || field == "capacity_max") {
                const int v = field == "capacity_min" ? s.capacity_min : s.capacity_max;
                if (v > 0) feature.SetField(k, v);
            } else {
                const std::string v = field == "id"          ? s.id
                                      : field == "name"      ? s.name
                                      : field == "kind"      ? vocab.kind(s.kind)
                                      : field == "street"    ? s.street_id
                                      : field == "community" ? s.community_id
                                      : field == "sector"    ? vocab.sector(sector_index(s.sector))
                                                             : vocab.status(s.status);
                if (!v.empty()) feature.SetField(k, v.c_str());
            }
            ++k;
        }
        const XYm p = proj.apply(s.position, plan.decimals, false);
        feature.SetGeometryDirectly(new OGRPoint(p.x, p.y));
        add_feature(layer, feature, s.id);
    }
    commit(layer);
}

void write_candidates(Writer& w, const LayerPlan& plan, const std::vector<SiteFeature>& sites) {
    const Reprojector proj(plan.epsg);
    std::vector<std::pair<std::string, OGRFieldType>> columns;
    for (const auto& [field, name] : plan.fields) columns.push_back({name, field == "cost" ? OFTReal : OFTString});
    OGRLayer& layer = w.create_layer(plan, &proj.srs(), wkbPoint, columns);
    begin(layer);
    for (const SiteFeature& s : sites) {
        OGRFeature feature(layer.GetLayerDefn());
        int k = 0;
        for (const auto& [field, name] : plan.fields) {
            if (field == "cost") feature.SetField(k, s.cost);
            else feature.SetField(k, (field == "id" ? s.id : field == "name" ? s.name : s.category).c_str());
            ++k;
        }
        const XYm p = proj.apply(s.position, plan.decimals, false);
        feature.SetGeometryDirectly(new OGRPoint(p.x, p.y));
        add_feature(layer, feature, s.id);
    }
    commit(layer);
}

std::string deputy_value(const DeputyRecord& d, const std::string& field, const Vocabulary& vocab) {
    if (field == "id") return d.id;
    if (field == "name") return d.name;
    if (field == "level") return vocab.level(d.level);
    if (field == "sector") return vocab.sector(d.sector);
    if (field == "station") return d.station_id;
    if (field == "industry_station") return d.industry_station_id;
    return "";
}

// CSV as Excel writes it: UTF-8 with a byte-order mark, CRLF line ends.
void write_deputies_csv(const fs::path& file, const LayerPlan& plan, const std::vector<DeputyRecord>& deputies,
                        const Vocabulary& vocab) {
    const Reprojector proj(plan.epsg);
    std::ofstream out(file, std::ios::binary);
    out << "\xEF\xBB\xBF";
    std::string header;
    for (const auto& [field, name] : plan.fields) header += (header.empty() ? "" : ",") + name;
    out << header << "\r\n";
    const int decimals = plan.decimals >= 0 ? plan.decimals : 3;
    for (const DeputyRecord& d : deputies) {
        const XYm p = proj.apply(d.position, plan.decimals, false);
        std::string line;
        bool first = true;
        for (const auto& [field, name] : plan.fields) {
            if (!first) line += ",";
            first = false;
            if (field == "x") line += fmt::format("{:.{}f}", p.x, decimals);
            else if (field == "y") line += fmt::format("{:.{}f}", p.y, decimals);
            else line += deputy_value(d, field, vocab);
        }
        out << line << "\r\n";
    }
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

// XLSX (GDAL's writer, numbers as numbers) or a GeoPackage point layer.
void write_deputies_ogr(Writer& w, const LayerPlan& plan, const std::vector<DeputyRecord>& deputies, const Vocabulary& vocab,
                        bool points) {
    const Reprojector proj(plan.epsg);
    std::vector<std::pair<std::string, OGRFieldType>> columns;
    for (const auto& [field, name] : plan.fields) {
        if (points && (field == "x" || field == "y")) continue;
        columns.push_back({name, field == "x" || field == "y" ? OFTReal : OFTString});
    }
    OGRLayer& layer = w.create_layer(plan, points ? &proj.srs() : nullptr, points ? wkbPoint : wkbNone, columns);
    begin(layer);
    for (const DeputyRecord& d : deputies) {
        OGRFeature feature(layer.GetLayerDefn());
        const XYm p = proj.apply(d.position, plan.decimals, false);
        int k = 0;
        for (const auto& [field, name] : plan.fields) {
            if (field == "x" || field == "y") {
                if (points) continue;
                feature.SetField(k++, field == "x" ? p.x : p.y);
                continue;
            }
            const std::string v = deputy_value(d, field, vocab);
            if (!v.empty()) feature.SetField(k, v.c_str());
            ++k;
        }
        if (points) feature.SetGeometryDirectly(new OGRPoint(p.x, p.y));
        add_feature(layer, feature, d.id);
    }
    commit(layer);
}

// ---------------------------------------------------------------------------
// Read-back verification: what the tool will see must be valid.

struct Verified {
    std::size_t polygons = 0;
    std::vector<std::string> problems;
};

void verify_layer(const fs::path& dir, const LayerPlan& plan, const ShapeTools& validator, Verified& out) {
    const fs::path path = dir / plan.file;
    Dataset ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("cannot reopen " + path.string());
    OGRLayer* layer = ds->GetLayerByName(plan.layer.c_str());
    if (!layer) throw std::runtime_error(fmt::format("{}: no layer {}", path.string(), plan.layer));
    OGRSpatialReference working;
    working.importFromEPSG(4547);
    working.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) throw std::runtime_error(fmt::format("{}: layer {} has no CRS", path.string(), plan.layer));
    OGRSpatialReference source(*srs);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_working(OGRCreateCoordinateTransformation(&source, &working));
    for (auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        const std::string where = fmt::format("{}, layer {}, feature {}", plan.file, plan.layer, feature->GetFID());
        if (!g) {
            out.problems.push_back(where + ": no geometry");
            continue;
        }
        auto check = [&](const OGRGeometry& geometry, const char* crs) {
            std::vector<unsigned char> wkb(geometry.WkbSize());
            geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            if (const std::string p = validator.problem_wkb(wkb.data(), wkb.size()); !p.empty())
                out.problems.push_back(fmt::format("{}: invalid in {}: {}", where, crs, p));
        };
        check(*g, "its own CRS");
        std::unique_ptr<OGRGeometry> moved(g->clone());
        if (moved->transform(to_working.get()) != OGRERR_NONE) out.problems.push_back(where + ": cannot transform to EPSG:4547");
        else check(*moved, "EPSG:4547");
        ++out.polygons;
    }
}

// ---------------------------------------------------------------------------
// The scenario.

std::string toml_string(const std::string& s) { return "\"" + s + "\""; }

std::string layer_table(const LayerPlan& plan, const std::string& extra = {}) {
    std::string t = fmt::format("[layers.{}]\nfile = {}\n", plan.role, toml_string(plan.file));
    if (plan.driver == "GPKG" || plan.driver == "XLSX") t += fmt::format("layer = {}\n", toml_string(plan.layer));
    t += extra;
    std::string fields;
    for (const auto& [field, name] : plan.fields) {
        if (field == "x" || field == "y") continue;
        fields += (fields.empty() ? "" : ", ") + field + " = " + toml_string(name);
    }
    return t + "fields = { " + fields + " }\n\n";
}

void write_scenario(const fs::path& file, const RobustCity& city, const std::vector<LayerPlan>& plans, const Options& o,
                    const std::string& name) {
    std::ofstream out(file, std::ios::binary);
    const auto& c = city.options;
    out << fmt::format(
        "# A robustness-benchmark city written by stationplan-make-robust-city (bench/README.md):\n"
        "#   --seed {} --size {} --shape {} --crs {} --formats {} --deputies-format {} --naming {}\n"
        "# {} streets, {} communities, {} grids, {} stations, {} deputies, {} candidate sites.\n"
        "name = {}\ntitle = {}\n\n[crs]\nworking = \"auto\"\n\n[check]\nradius_m = 1000\n\n"
        "[plan]\ntime_limit_s = {:g}\nlattice_spacing_m = {}\n\n",
        c.seed, to_string(c.size), to_string(c.shape), o.crs, o.formats, o.deputies_format, o.naming, city.streets.size(),
        city.communities.size(), city.grids.size(), city.stations.size(), city.deputies.size(), city.candidates.size(),
        toml_string(name), toml_string(fmt::format("合成城市 {} (seed {}, {})", name, c.seed, to_string(c.shape))),
        o.time_limit_s, o.lattice_m);
    for (const LayerPlan& p : plans) {
        if (p.role == "deputies") {
            std::string extra;
            if (p.driver != "GPKG")
                extra = fmt::format("crs = \"EPSG:{}\"\nx = {}\ny = {}\n", p.epsg, toml_string(column(p.fields, "x")),
                                    toml_string(column(p.fields, "y")));
            out << layer_table(p, extra);
        } else {
            out << layer_table(p);
        }
    }
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

// ---------------------------------------------------------------------------

std::vector<LayerPlan> plan_layers(const Options& o, CrsStyle crs, FormatStyle formats, DeputyFormat dep, Naming naming) {
    struct Crs {
        int epsg;
        int decimals;
    };
    // Per role: the CRS and rounding of each style (decimals -1: full precision).
    auto crs_for = [&](const std::string& role) -> Crs {
        switch (crs) {
            case CrsStyle::Projected: return {4547, -1};
            case CrsStyle::Wgs84: return {4326, role == "communities" || role == "district" ? 7 : -1};
            case CrsStyle::Cgcs2000: return {4490, role == "grids" ? 7 : role == "streets" ? 8 : -1};
            case CrsStyle::Mixed: {
                static const std::map<std::string, Crs> mixed{
                    {"district", {4326, -1}},  {"streets", {4547, -1}}, {"communities", {4490, 7}}, {"grids", {4326, -1}},
                    {"stations", {4547, -1}},  {"deputies", {4490, 9}}, {"candidates", {4490, 8}}, {"exclusions", {4326, 7}}};
                return mixed.at(role);
            }
        }
        return {4547, -1};
    };
    std::vector<LayerPlan> plans;
    auto add = [&](const std::string& role, const std::string& file, const std::string& driver, const std::string& layer) {
        LayerPlan p;
        p.role = role, p.file = file, p.driver = driver, p.layer = layer;
        const Crs c = crs_for(role);
        p.epsg = c.epsg;
        p.decimals = c.epsg == 4547 ? -1 : c.decimals;
        // Projected polygon layers other than the streets carry a lon/lat round trip.
        p.roundtrip = c.epsg == 4547 && (role == "communities" || role == "grids" || role == "exclusions");
        const Naming n = driver == "ESRI Shapefile" && naming == Naming::Zh ? Naming::Pinyin : naming;
        p.fields = field_names(role, n, false);
        plans.push_back(std::move(p));
    };
    const bool mixed = formats == FormatStyle::Mixed;
    if (!o.no_district) add("district", mixed ? "district.geojson" : "city.gpkg", mixed ? "GeoJSON" : "GPKG", "district");
    add("streets", mixed ? "streets.shp" : "city.gpkg", mixed ? "ESRI Shapefile" : "GPKG", "streets");
    add("communities", "city.gpkg", "GPKG", "communities");
    add("grids", mixed ? "grids.fgb" : "city.gpkg", mixed ? "FlatGeobuf" : "GPKG", "grids");
    add("stations", "city.gpkg", "GPKG", "stations");
    add("candidates", mixed ? "candidates.shp" : "city.gpkg", mixed ? "ESRI Shapefile" : "GPKG", "candidates");
    add("exclusions", mixed ? "exclusions.geojson" : "city.gpkg", mixed ? "GeoJSON" : "GPKG", "exclusions");
    // GeoJSON layers take the wgs84 coordinates they usually have.
    for (LayerPlan& p : plans)
        if (p.driver == "GeoJSON" && p.epsg != 4326) p.epsg = 4326, p.roundtrip = false;
    switch (dep) {
        case DeputyFormat::Csv: add("deputies", "deputies.csv", "CSV", "deputies"); break;
        case DeputyFormat::Xlsx: add("deputies", "deputies.xlsx", "XLSX", "代表名单"); break;
        case DeputyFormat::Gpkg: add("deputies", "city.gpkg", "GPKG", "deputies"); break;
    }
    LayerPlan& d = plans.back();
    if (d.driver == "GPKG") {
        d.epsg = 4326, d.decimals = -1;
    } else if (d.epsg == 4547) {
        d.fields = field_names("deputies", naming, true);
        d.decimals = 3;  // metres with 3 decimals
    } else if (d.decimals < 0) {
        d.decimals = 7;
    }
    return plans;
}

nlohmann::json manifest(const RobustCity& city, const std::vector<LayerPlan>& plans, const Options& o,
                        const WriteStats& stats, const Verified& verified, double seconds) {
    const Planted& p = city.planted;
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerPlan& l : plans)
        layers.push_back({{"role", l.role}, {"file", l.file}, {"driver", l.driver}, {"layer", l.layer}, {"epsg", l.epsg},
                          {"decimals", l.decimals}, {"lonlat_round_trip", l.roundtrip}});
    const auto& c = city.options;
    return {
        {"generator", "stationplan-make-robust-city"},
        {"options",
         {{"seed", c.seed}, {"size", to_string(c.size)}, {"shape", to_string(c.shape)}, {"crs", o.crs},
          {"formats", o.formats}, {"deputies_format", o.deputies_format}, {"naming", o.naming}, {"area_km2", c.area_km2},
          {"centre_lonlat", {c.lon, c.lat}}, {"district_layer", !o.no_district}}},
        {"counts",
         {{"streets", city.streets.size()}, {"communities", city.communities.size()}, {"grids", city.grids.size()},
          {"stations", city.stations.size()}, {"deputies", city.deputies.size()}, {"candidates", city.candidates.size()},
          {"exclusions", city.exclusions.size()}}},
        {"planted",
         {{"sliver_seed_triples", p.sliver_triples}, {"near_duplicate_seeds", p.near_duplicate_seeds},
          {"cocircular_seed_quads", p.cocircular_quads}, {"voronoi_retries", p.voronoi_retries},
          {"enclave_streets", p.enclave_streets}, {"enclave_communities", p.enclave_communities}, {"lakes", p.lakes},
          {"parks", p.parks}, {"islands", p.islands}, {"strip_streets", p.strip_streets}, {"strip_grids", p.strip_grids},
          {"thinnest_grid_m", p.thinnest_grid_m}, {"thinnest_grid_extent_m", p.longest_strip_m},
          {"thinnest_community_m", p.thinnest_community_m}, {"close_vertex_pairs", p.close_vertex_pairs},
          {"multipolygon_streets", p.multipolygon_streets}, {"multipolygon_communities", p.multipolygon_communities},
          {"multipolygon_grids", p.multipolygon_grids}, {"holed_streets", p.holed_streets},
          {"holed_communities", p.holed_communities}, {"holed_grids", p.holed_grids},
          {"stations_on_vertices", p.stations_on_vertices}, {"stations_on_edges", p.stations_on_edges},
          {"stations_duplicated", p.stations_duplicated}, {"stations_near_duplicate", p.stations_near_duplicate},
          {"stations_at_community_centres", p.stations_at_centres},
          {"stations_outside", p.stations_outside}, {"candidates_at_stations", p.candidates_at_stations},
          {"deputies_on_vertices", p.deputies_on_vertices}, {"deputies_on_edges", p.deputies_on_edges},
          {"deputies_duplicated", p.deputies_duplicated}, {"deputies_outside", p.deputies_outside},
          {"deputies_at_stations", p.deputies_at_stations}, {"deputies_unknown_station", p.deputies_unknown_station}}},
        {"layers", layers},
        {"written",
         {{"polygons", stats.polygons}, {"unrounded", stats.unrounded},
          {"without_close_vertices", stats.without_close_vertices}, {"made_valid", stats.made_valid}}},
        {"verified", {{"polygons", verified.polygons}, {"invalid", verified.problems.size()}, {"enabled", o.verify}}},
        {"seconds", seconds},
    };
}

void prepare_folder(const fs::path& dir) {
    if (fs::exists(dir)) {
        if (!fs::is_directory(dir)) throw std::invalid_argument(dir.string() + " exists and is not a folder");
        if (!fs::is_empty(dir) && !fs::exists(dir / "city.json"))
            throw std::invalid_argument(dir.string() + " is not empty and holds no earlier city (city.json)");
        fs::remove_all(dir);
    }
    fs::create_directories(dir);
}

int run(const Options& o) {
    const auto start = std::chrono::steady_clock::now();
    RobustOptions ro = RobustOptions::preset(o.seed, parse_size(o.size));
    if (!o.shape.empty()) ro.shape = parse_shape(o.shape);
    if (o.deputies) ro.deputies = o.deputies;
    if (o.streets) ro.streets = o.streets;
    if (o.area_km2 > 0) ro.area_km2 = o.area_km2;
    if (o.deputies_per_station > 0) ro.deputies_per_station = o.deputies_per_station;
    ro.fit_strips();
    ro.validate();
    Options opt = o;
    // Styles the options leave open come from the seed, so that seeds vary them.
    if (opt.crs.empty()) opt.crs = name_of(std::array{CrsStyle::Mixed, CrsStyle::Wgs84, CrsStyle::Projected, CrsStyle::Cgcs2000}[(o.seed / 4) % 4]);
    if (opt.formats.empty()) opt.formats = o.seed % 3 == 2 ? "mixed" : "gpkg";
    if (opt.deputies_format.empty()) opt.deputies_format = name_of(std::array{DeputyFormat::Csv, DeputyFormat::Xlsx, DeputyFormat::Csv, DeputyFormat::Gpkg}[(o.seed / 2) % 4]);
    if (opt.naming.empty()) opt.naming = name_of(std::array{Naming::Zh, Naming::Pinyin, Naming::En}[o.seed % 3]);
    const auto crs = parse_enum("--crs", opt.crs, {CrsStyle::Projected, CrsStyle::Wgs84, CrsStyle::Cgcs2000, CrsStyle::Mixed});
    const auto formats = parse_enum("--formats", opt.formats, {FormatStyle::Gpkg, FormatStyle::Mixed});
    const auto dep = parse_enum("--deputies-format", opt.deputies_format, {DeputyFormat::Csv, DeputyFormat::Xlsx, DeputyFormat::Gpkg});
    const auto naming = parse_enum("--naming", opt.naming, {Naming::Zh, Naming::Pinyin, Naming::En});

    const fs::path dir(o.out);
    prepare_folder(dir);
    const RobustCity city = make_robust_city(ro);
    const auto built = std::chrono::steady_clock::now();

    const std::vector<LayerPlan> plans = plan_layers(opt, crs, formats, dep, naming);
    const ShapeTools validator;
    const Vocabulary vocab{naming};
    WriteStats stats;
    std::vector<MultiPolygonXY> communities_as_written;
    Writer w(dir);
    for (const LayerPlan& p : plans) {
        if (p.role == "district")
            write_areas(w, p, {AreaFeature{"410199", "合成区", "", "", city.district, {}}}, validator, stats);
        else if (p.role == "streets") write_areas(w, p, city.streets, validator, stats);
        else if (p.role == "communities") write_areas(w, p, city.communities, validator, stats, &communities_as_written);
        else if (p.role == "grids") write_areas(w, p, city.grids, validator, stats);
        else if (p.role == "exclusions") write_areas(w, p, city.exclusions, validator, stats);
        else if (p.role == "stations") write_stations(w, p, at_centres(city.stations, communities_as_written, validator), vocab);
        else if (p.role == "candidates") write_candidates(w, p, city.candidates);
        else if (p.role == "deputies" && p.driver == "CSV") write_deputies_csv(dir / p.file, p, city.deputies, vocab);
        else if (p.role == "deputies") write_deputies_ogr(w, p, city.deputies, vocab, p.driver == "GPKG");
    }
    w.close();

    Verified verified;
    if (o.verify)
        for (const LayerPlan& p : plans)
            if (p.role == "district" || p.role == "streets" || p.role == "communities" || p.role == "grids" ||
                p.role == "exclusions")
                verify_layer(dir, p, validator, verified);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const nlohmann::json m = manifest(city, plans, opt, stats, verified, seconds);
    std::ofstream(dir / "city.json") << m.dump(2) << "\n";
    if (!verified.problems.empty()) {
        for (const std::string& p : verified.problems) std::fprintf(stderr, "stationplan-make-robust-city: %s\n", p.c_str());
        std::fprintf(stderr, "stationplan-make-robust-city: %zu of %zu polygons are not valid; no city.toml written\n",
                     verified.problems.size(), verified.polygons);
        return 1;
    }
    const std::string name = fmt::format("robust-{}-{}", ro.seed, to_string(ro.size));
    write_scenario(dir / "city.toml", city, plans, opt, name);
    const Planted& p = city.planted;
    std::printf("wrote %s: %s %s, %zu streets, %zu communities, %zu grids, %zu stations, %zu deputies (seed %llu; "
                "crs %s, formats %s, deputies %s, naming %s)\n",
                dir.string().c_str(), to_string(ro.size), to_string(ro.shape), city.streets.size(), city.communities.size(),
                city.grids.size(), city.stations.size(), city.deputies.size(), static_cast<unsigned long long>(ro.seed),
                opt.crs.c_str(), opt.formats.c_str(), opt.deputies_format.c_str(), opt.naming.c_str());
    std::printf("planted: %zu sliver triples, %zu near-duplicate seeds, %zu cocircular quads, %zu strip grids (thinnest "
                "%.2f m), %zu/%zu/%zu multipolygon streets/communities/grids, %zu/%zu holed streets/communities, "
                "%zu close vertex pairs; %zu polygons valid on read-back (generation %.2f s, total %.2f s)\n",
                p.sliver_triples, p.near_duplicate_seeds, p.cocircular_quads, p.strip_grids, p.thinnest_grid_m,
                p.multipolygon_streets, p.multipolygon_communities, p.multipolygon_grids, p.holed_streets,
                p.holed_communities, p.close_vertex_pairs, verified.polygons,
                std::chrono::duration<double>(built - start).count(), seconds);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes a seeded synthetic city that is valid but hard (slivers, holes, multipolygons, strips, "
                 "points on vertices) for the robustness benchmark"};
    Options o;
    app.add_option("--seed", o.seed, "Random seed; the same options give the same city")->capture_default_str();
    app.add_option("--out", o.out, "Output folder (replaced when it holds an earlier city)")->required();
    app.add_option("--size", o.size, "tiny (300 deputies), small (2,000), medium (10,000) or large (50,000)")
        ->capture_default_str();
    app.add_option("--shape", o.shape, "star, staircase, islands or strips (default: from the seed)");
    app.add_option("--crs", o.crs, "projected (EPSG:4547), wgs84 (4326), cgcs2000 (4490) or mixed (default: from the seed)");
    app.add_option("--formats", o.formats, "gpkg (one GeoPackage) or mixed (Shapefile, FlatGeobuf, GeoJSON too)");
    app.add_option("--deputies-format", o.deputies_format, "csv, xlsx or gpkg (default: from the seed)");
    app.add_option("--naming", o.naming, "field names: zh, pinyin or en (default: from the seed)");
    app.add_option("--deputies", o.deputies, "Number of deputies (default: the size's)");
    app.add_option("--streets", o.streets, "Number of streets (default: the size's)");
    app.add_option("--area-km2", o.area_km2, "Area of the city (default: the size's)");
    app.add_option("--deputies-per-station", o.deputies_per_station,
                   "At most this many deputies per community station on average (default 25)");
    app.add_option("--lattice-m", o.lattice_m, "plan.lattice_spacing_m written into city.toml")->capture_default_str();
    app.add_option("--time-limit", o.time_limit_s, "plan.time_limit_s written into city.toml")->capture_default_str();
    app.add_flag("--no-district", o.no_district, "Write no district layer (the tool uses the union of the streets)");
    app.add_flag("!--no-verify", o.verify, "Skip reading every polygon back and checking it with GEOS");
    CLI11_PARSE(app, argc, argv);
    GDALAllRegister();
    CPLSetConfigOption("OGR_CURRENT_DATE", "2024-01-01T00:00:00.000Z");  // reproducible GeoPackages
    try {
        return run(o);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "stationplan-make-robust-city: usage error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stationplan-make-robust-city: error: %s\n", e.what());
        return 3;
    }
}
