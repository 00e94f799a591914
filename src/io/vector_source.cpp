#include "io/vector_source.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <sstream>

#include "io/china_coords.hpp"
#include "io/gdal_runtime.hpp"
#include "stationplan/error.hpp"

namespace stationplan::io {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Parses a coordinate written by a person: surrounding blanks allowed, nothing else.
std::optional<double> parse_number(const std::string& text) {
    const char* begin = text.c_str();
    while (*begin == ' ' || *begin == '\t') ++begin;
    if (!*begin) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(begin, &end);
    while (*end == ' ' || *end == '\t') ++end;
    if (*end || errno == ERANGE || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Text from a file shown in a message: control bytes and invalid UTF-8 become \xNN,
// so a binary file opened by mistake cannot garble the terminal.
std::string printable(const std::string& text) {
    std::string out;
    const bool utf8 = CPLIsUTF8(text.c_str(), -1) != 0;
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f || (!utf8 && c >= 0x80)) {
            static const char* hex = "0123456789ABCDEF";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

// Converts every vertex of a line or polygon from GCJ-02/BD-09 to WGS84 lon/lat.
class MapOffsetVisitor : public OGRDefaultGeometryVisitor {
public:
    explicit MapOffsetVisitor(MapCoords from) : m_from(from) {}
    using OGRDefaultGeometryVisitor::visit;
    void visit(OGRPoint* p) override {
        const LonLat w = to_wgs84(m_from, {p->getX(), p->getY()});
        p->setX(w.lon_deg);
        p->setY(w.lat_deg);
    }
    void visit(OGRLineString* line) override { convert(*line); }
    void visit(OGRLinearRing* ring) override { convert(*ring); }

private:
    void convert(OGRSimpleCurve& curve) {
        for (int i = 0; i < curve.getNumPoints(); ++i) {
            const LonLat w = to_wgs84(m_from, {curve.getX(i), curve.getY(i)});
            curve.setPoint(i, w.lon_deg, w.lat_deg);
        }
    }
    MapCoords m_from;
};

void undo_map_offset(OGRGeometry& g, MapCoords from) {
    MapOffsetVisitor visitor(from);
    g.accept(&visitor);
}

}  // namespace

struct VectorSource::Impl {
    LayerSource source;
    std::string what;
    GDALDatasetUniquePtr dataset;
    OGRLayer* layer = nullptr;
    std::string driver;
    std::optional<Crs> crs;
    std::optional<Transform> to_target;
    bool recode = false;  // recode attribute text from source.encoding to UTF-8 ourselves
    MapCoords map_coords = MapCoords::Wgs84;  // Chinese web-map offset undone before reprojection

    InputLocation where(const std::string& record = {}, const std::string& field = {}) const {
        return {source.file.string(), layer ? layer->GetName() : source.layer, record, field};
    }

    std::string record_label(GIntBig fid) const {
        // CSV FIDs count data lines from 1, the header being line 1 of the file.
        if (driver == "CSV") return "line " + std::to_string(fid + 1);
        if (driver == "XLSX" || driver == "ODS") return "row " + std::to_string(fid + 1);
        return "feature " + std::to_string(fid);
    }

    std::string text(const std::string& raw) const {
        if (!recode) return raw;
        char* utf8 = CPLRecode(raw.c_str(), source.encoding.c_str(), CPL_ENC_UTF8);
        std::string out = utf8;
        CPLFree(utf8);
        return out;
    }

    std::string field_list() const {
        std::string out;
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (i) out += ", ";
            out += printable(text(defn->GetFieldDefn(i)->GetNameRef()));
        }
        return out.empty() ? "(none)" : out;
    }

    // Index of a source field by exact name, then case-insensitively; -1 if absent.
    int find_field(const std::string& name) const {
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (text(defn->GetFieldDefn(i)->GetNameRef()) == name) return i;
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (lower(text(defn->GetFieldDefn(i)->GetNameRef())) == lower(name)) return i;
        return -1;
    }

    int require_field(const std::string& name, const std::string& key) const {
        const int idx = find_field(name);
        if (idx < 0)
            throw InputError(where({}, name), "no field '" + name + "' (set by " + key + "); the " + what +
                                                  " layer has: " + field_list());
        return idx;
    }
};

VectorSource::VectorSource(const LayerSource& source, std::string what) : m_impl(std::make_unique<Impl>()) {
    ensure_gdal();
    Impl& d = *m_impl;
    d.source = source;
    d.what = std::move(what);
    m_file = source.file.string();
    if (!source.configured()) throw InputError({{}, {}, source.key, {}}, "no file given for the " + d.what + " layer");

    CPLStringList open_options;
    const std::string path = source.file.string();
    const bool is_shapefile = lower(source.file.extension().string()) == ".shp" ||
                              lower(source.file.extension().string()) == ".dbf";
    if (!source.encoding.empty() && is_shapefile) open_options.SetNameValue("ENCODING", source.encoding.c_str());
    d.recode = !source.encoding.empty() && !is_shapefile;
    if (lower(source.file.extension().string()) == ".csv") {
        // Every CSV value arrives as text: numbers are parsed (and rejected) by us, record by record.
        open_options.SetNameValue("AUTODETECT_TYPE", "NO");
        open_options.SetNameValue("EMPTY_STRING_AS_NULL", "YES");
    }
    if (path.rfind("PG:", 0) != 0) {
        std::error_code ec;
        if (!std::filesystem::exists(source.file, ec))
            throw InputError({path, {}, {}, {}}, "file not found (" + source.key + ".file)");
    }
    d.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.List()));
    if (!d.dataset) {
        const char* msg = CPLGetLastErrorMsg();
        throw InputError({path, {}, {}, {}},
                         std::string("GDAL cannot read this file as vector data") + (msg && *msg ? ": " + std::string(msg) : ""));
    }
    d.driver = d.dataset->GetDriverName();
    if (source.layer.empty()) {
        if (d.dataset->GetLayerCount() < 1) throw InputError({path, {}, {}, {}}, "the file holds no layer");
        if (d.dataset->GetLayerCount() > 1) {
            std::string names;
            for (auto* l : d.dataset->GetLayers()) names += std::string(names.empty() ? "" : ", ") + l->GetName();
            throw InputError({path, {}, {}, {}}, "the file holds several layers (" + names + "); name one with " +
                                                     source.key + ".layer");
        }
        d.layer = d.dataset->GetLayer(0);
    } else {
        d.layer = d.dataset->GetLayerByName(source.layer.c_str());
        if (!d.layer) {
            std::string names;
            for (auto* l : d.dataset->GetLayers()) names += std::string(names.empty() ? "" : ", ") + l->GetName();
            throw InputError({path, source.layer, {}, {}}, "no such layer; the file has: " + names);
        }
    }
    m_layer_name = d.layer->GetName();

    if (!source.crs.empty()) {
        try {
            d.crs = Crs::from_user_input(source.crs);
        } catch (const std::invalid_argument& e) {
            throw InputError({source.key, {}, {}, "crs"}, e.what());
        }
    } else if (const OGRSpatialReference* srs = d.layer->GetSpatialRef()) {
        d.crs = Crs::from_ogr(*srs);
    }
    if (!source.coords.empty()) {
        const auto mc = parse_map_coords(source.coords);
        if (!mc) throw InputError({source.key, {}, {}, "coords"}, "unknown coordinates '" + source.coords + "'");
        d.map_coords = *mc;
        // Web-map coordinates are longitude/latitude; without a CRS they are taken as such.
        if (!d.crs) d.crs = Crs::from_user_input("EPSG:4326");
        if (d.map_coords != MapCoords::Wgs84 && !d.crs->is_geographic())
            throw InputError(d.where({}, "coords"), std::string("coords = \"") + to_string(d.map_coords) +
                                                        "\" needs longitude/latitude, but the layer's CRS is " +
                                                        d.crs->label());
    }
    if (!source.x_field.empty()) d.require_field(source.x_field, source.key + ".x");
    if (!source.y_field.empty()) d.require_field(source.y_field, source.key + ".y");
    if (!source.wkt_field.empty()) d.require_field(source.wkt_field, source.key + ".wkt");
}

VectorSource::~VectorSource() = default;

const Crs& VectorSource::source_crs() const {
    if (!m_impl->crs)
        throw InputError(m_impl->where(), "the layer has no CRS; state one with " + m_impl->source.key +
                                              ".crs (for example \"EPSG:4326\" for longitude/latitude)");
    return *m_impl->crs;
}

LonLat VectorSource::center_lonlat() const {
    Impl& d = *m_impl;
    const Crs& crs = source_crs();
    OGREnvelope env;
    if (d.source.x_field.empty() && d.source.wkt_field.empty() && d.layer->GetExtent(&env, TRUE) == OGRERR_NONE) {
        double x = (env.MinX + env.MaxX) / 2, y = (env.MinY + env.MaxY) / 2;
        const Transform to_ll(crs, Crs::from_user_input("EPSG:4326"));
        if (to_ll.apply(x, y)) return {x, y};
    }
    throw InputError(d.where(), "cannot find the layer's extent to choose a working CRS; set crs.working");
}

std::optional<std::size_t> VectorSource::feature_count_if_cheap() const {
    const GIntBig n = m_impl->layer->GetFeatureCount(FALSE);
    if (n >= 0) return static_cast<std::size_t>(n);
    // GDAL counts CSV records by parsing the whole file; its line count is a close
    // upper bound, found by scanning bytes (tens of milliseconds for 50 MB).
    if (m_impl->driver == "CSV") {
        std::FILE* f = std::fopen(m_file.c_str(), "rb");
        if (!f) return std::nullopt;
        std::size_t lines = 0;
        char buf[1 << 16];
        for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, f)) > 0;)
            lines += static_cast<std::size_t>(std::count(buf, buf + got, '\n'));
        std::fclose(f);
        return lines;
    }
    return std::nullopt;
}

void VectorSource::set_target_crs(const Crs& target) {
    try {
        m_impl->to_target.emplace(source_crs(), target);
    } catch (const std::invalid_argument& e) {
        throw InputError(m_impl->where(), e.what());
    }
}

void VectorSource::for_each(const std::vector<FieldRequest>& fields, const std::function<void(const SourceRecord&)>& visit) {
    Impl& d = *m_impl;
    if (!d.to_target) set_target_crs(source_crs());
    std::vector<int> index;
    for (const auto& f : fields) {
        auto mapped = d.source.fields.find(f.name);
        if (mapped != d.source.fields.end()) {
            index.push_back(d.require_field(mapped->second, d.source.key + ".fields." + f.name));
        } else {
            const int idx = d.find_field(f.name);
            if (idx < 0 && f.required)
                throw InputError(d.where({}, f.name), "no field for '" + f.name + "': map it with " + d.source.key +
                                                          ".fields." + f.name + " = \"<field name>\"; the layer has: " +
                                                          d.field_list());
            index.push_back(idx);
        }
    }
    const int x_idx = d.source.x_field.empty() ? -1 : d.find_field(d.source.x_field);
    const int y_idx = d.source.y_field.empty() ? -1 : d.find_field(d.source.y_field);
    const int wkt_idx = d.source.wkt_field.empty() ? -1 : d.find_field(d.source.wkt_field);
    const Transform& tr = *d.to_target;

    d.layer->ResetReading();
    // Records are handed on in batches so that points are reprojected in one PROJ
    // call per batch rather than one per record. While one batch is reprojected and
    // visited on a second thread, GDAL reads the next one on this thread: GDAL and
    // the caller's callback each stay on one thread at a time, and records reach
    // the callback in file order.
    constexpr std::size_t kBatch = 4096;
    struct Batch {
        std::vector<SourceRecord> records{kBatch};
        std::vector<std::size_t> pending;  // records whose point awaits transformation
        std::size_t used = 0;
    };
    Batch batches[2];
    std::vector<double> xs, ys;
    std::vector<int> ok;
    const MapCoords map_coords = d.map_coords;
    auto process = [&](Batch& b) {
        xs.clear();
        ys.clear();
        for (std::size_t i : b.pending) {
            double x = b.records[i].point.x_m, y = b.records[i].point.y_m;
            if (map_coords != MapCoords::Wgs84) {
                const LonLat wgs = to_wgs84(map_coords, {x, y});
                x = wgs.lon_deg;
                y = wgs.lat_deg;
            }
            xs.push_back(x);
            ys.push_back(y);
        }
        ok.assign(b.pending.size(), 0);
        tr.apply(b.pending.size(), xs.data(), ys.data(), ok.data());
        for (std::size_t k = 0; k < b.pending.size(); ++k) {
            SourceRecord& rec = b.records[b.pending[k]];
            if (ok[k]) {
                rec.point = {xs[k], ys[k]};
            } else {
                rec.kind = GeometryKind::None;
                rec.problem = "coordinates (" + std::to_string(rec.point.x_m) + ", " + std::to_string(rec.point.y_m) +
                              ") cannot be transformed from " + source_crs().label();
            }
        }
        for (std::size_t i = 0; i < b.used; ++i) visit(b.records[i]);
        b.pending.clear();
        b.used = 0;
    };
    // Declared after the batches: its destructor waits for the thread before they go.
    std::future<void> in_flight;
    Batch* filling = &batches[0];
    auto hand_on = [&] {
        if (in_flight.valid()) in_flight.get();  // rethrows what the callback threw
        Batch* full = filling;
        filling = full == &batches[0] ? &batches[1] : &batches[0];
        in_flight = std::async(std::launch::async, [&process, full] { process(*full); });
    };
    std::size_t used = 0;
    auto defer_point = [&](SourceRecord& rec, double x, double y) {
        rec.kind = GeometryKind::Point;
        rec.point = {x, y};
        filling->pending.push_back(used);
    };

    for (auto& feature : *d.layer) {
        SourceRecord& rec = filling->records[used];
        rec.label = d.record_label(feature->GetFID());
        rec.values.assign(fields.size(), std::nullopt);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (index[i] >= 0 && feature->IsFieldSetAndNotNull(index[i]))
                rec.values[i] = d.text(feature->GetFieldAsString(index[i]));
        }
        rec.kind = GeometryKind::None;
        rec.problem.clear();
        rec.no_location = false;
        rec.wkb.clear();

        if (x_idx >= 0 || y_idx >= 0) {
            auto get = [&](int idx, const std::string& name) -> std::optional<double> {
                if (!feature->IsFieldSetAndNotNull(idx)) {
                    rec.problem = "no " + name + " value";
                    return std::nullopt;
                }
                const std::string raw = d.text(feature->GetFieldAsString(idx));
                // An empty text (a database or spreadsheet cell holding '') is no value, as NULL is.
                if (raw.find_first_not_of(" \t") == std::string::npos) {
                    rec.problem = "no " + name + " value";
                    return std::nullopt;
                }
                auto v = parse_number(raw);
                if (!v) rec.problem = name + " '" + raw + "' is not a number";
                return v;
            };
            auto blank = [&](int idx) {
                return !feature->IsFieldSetAndNotNull(idx) ||
                       std::string(feature->GetFieldAsString(idx)).find_first_not_of(" \t") == std::string::npos;
            };
            rec.no_location = blank(x_idx) && blank(y_idx);
            auto x = get(x_idx, "'" + d.source.x_field + "'");
            auto y = rec.problem.empty() ? get(y_idx, "'" + d.source.y_field + "'") : std::nullopt;
            if (x && y) defer_point(rec, *x, *y);
        } else {
            std::unique_ptr<OGRGeometry> owned;
            const OGRGeometry* g = nullptr;
            if (wkt_idx >= 0) {
                if (feature->IsFieldSetAndNotNull(wkt_idx)) {
                    OGRGeometry* parsed = nullptr;
                    const std::string wkt = feature->GetFieldAsString(wkt_idx);
                    if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &parsed) != OGRERR_NONE || !parsed)
                        rec.problem = "the WKT in '" + d.source.wkt_field + "' cannot be parsed";
                    owned.reset(parsed);
                    g = parsed;
                }
            } else {
                g = feature->GetGeometryRef();
            }
            if (!rec.problem.empty()) {
                // already described
            } else if (!g || g->IsEmpty()) {
                rec.problem = "no geometry";
                rec.no_location = true;
            } else if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
                defer_point(rec, g->toPoint()->getX(), g->toPoint()->getY());
            } else {
                std::unique_ptr<OGRGeometry> copy(g->clone());
                if (d.map_coords != MapCoords::Wgs84) undo_map_offset(*copy, d.map_coords);
                if (!tr.is_identity() && copy->transform(tr.ogr()) != OGRERR_NONE) {
                    rec.problem = "the geometry cannot be transformed from " + source_crs().label();
                } else {
                    copy->flattenTo2D();
                    rec.kind = GeometryKind::Other;
                    rec.wkb.resize(static_cast<std::size_t>(copy->WkbSize()));
                    copy->exportToWkb(wkbNDR, rec.wkb.data(), wkbVariantIso);
                }
            }
        }
        if (++used == kBatch) {
            filling->used = used;
            used = 0;
            hand_on();
        }
    }
    if (in_flight.valid()) in_flight.get();
    filling->used = used;
    process(*filling);
}

}  // namespace stationplan::io
