#include "io/vector_source.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <future>
#include <sstream>

#include "io/china_coords.hpp"
#include "io/gdal_runtime.hpp"
#include "io/numbers.hpp"
#include "io/text_encoding.hpp"
#include "stationplan/error.hpp"

namespace stationplan::io {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Coordinates more than this far outside a CRS's area of use are taken for a mistake
// (wrong CRS, swapped columns, a zone prefix, a typing error); within it a district
// at the edge of a Gauss-Krueger zone still loads. 2 degrees is about 200 km.
constexpr double kAreaMarginDeg = 2.0;

bool is_spreadsheet(const std::string& driver) { return driver == "XLSX" || driver == "ODS"; }

// Formats whose text is Unicode by definition: a declared encoding does not apply.
bool stores_unicode(const std::string& driver) {
    return is_spreadsheet(driver) || driver == "GPKG" || driver == "FlatGeobuf" || driver == "PostgreSQL";
}

// "Field3": the name GDAL gives a spreadsheet column when it takes no header from the sheet.
bool generic_field_name(const std::string& name) {
    return name.size() > 5 && name.compare(0, 5, "Field") == 0 &&
           std::all_of(name.begin() + 5, name.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool blank_text(const char* s) {
    for (; *s; ++s)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

// OGR reads the numbers of WKT with strtod, which takes "0x71" for 113: every number
// token must be decimal. Returns "" or what is wrong ("has '0x71', not a decimal number").
std::string wkt_number_problem(const std::string& wkt) {
    std::size_t i = 0;
    while (i < wkt.size()) {
        const char c = wkt[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')' || c == ',') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < wkt.size() && !std::strchr(" \t\r\n(),", wkt[j])) ++j;
        const std::string token = wkt.substr(i, j - i);
        const unsigned char first = static_cast<unsigned char>(token[0]);
        if (std::isdigit(first) || first == '.' || first == '-' || first == '+') {
            const Number n = parse_decimal(token);
            if (!n.value) return "has '" + token + "', which " + n.why;
        } else if (lower(token) == "nan" || lower(token) == "inf" || lower(token) == "infinity") {
            return "has '" + token + "', which is not a number";
        }
        i = j;
    }
    return {};
}

// A GDAL configuration option set for this thread while in scope (GDAL 3.6's XLSX
// and ODS drivers take their header mode from OGR_XLSX_HEADERS / OGR_ODS_HEADERS,
// read when a sheet is first parsed).
class ScopedThreadConfig {
public:
    ScopedThreadConfig(const char* key, const char* value) : m_key(key) {
        if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) m_old = old;
        CPLSetThreadLocalConfigOption(key, value);
    }
    ~ScopedThreadConfig() { CPLSetThreadLocalConfigOption(m_key, m_old ? m_old->c_str() : nullptr); }
    ScopedThreadConfig(const ScopedThreadConfig&) = delete;
    ScopedThreadConfig& operator=(const ScopedThreadConfig&) = delete;

private:
    const char* m_key;
    std::optional<std::string> m_old;
};

// Finds the first vertex of a geometry outside a box (NaN and infinities are outside).
class OutsideVisitor : public OGRDefaultConstGeometryVisitor {
public:
    explicit OutsideVisitor(const Box& box) : m_box(box) {}
    using OGRDefaultConstGeometryVisitor::visit;
    void visit(const OGRPoint* p) override { test(p->getX(), p->getY()); }
    void visit(const OGRLineString* line) override { scan(*line); }
    void visit(const OGRLinearRing* ring) override { scan(*ring); }
    std::optional<XY> found;

private:
    void scan(const OGRSimpleCurve& curve) {
        for (int i = 0; i < curve.getNumPoints() && !found; ++i) test(curve.getX(i), curve.getY(i));
    }
    void test(double x, double y) {
        if (!found && !m_box.contains(x, y)) found = XY{x, y};
    }
    const Box& m_box;
};

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
    std::string layer_label;   // the layer's name, printable
    std::string driver;
    std::optional<Crs> crs;
    std::optional<Transform> to_target;
    MapCoords map_coords = MapCoords::Wgs84;  // Chinese web-map offset undone before reprojection
    bool spreadsheet = false;   // XLSX, ODS: records are rows, the header is row 1
    bool header_only = false;   // a sheet holding nothing but its header row
    std::vector<std::string> names;  // field names, decoded
    std::vector<std::string> warnings;

    // Text decoding: GDAL hands over the file's bytes (Shapefiles are opened with
    // ENCODING="" so that GDAL does not recode them); every string is decoded here.
    std::optional<TextDecoder> decoder;
    std::string declared;         // what says the encoding: "" (nobody: UTF-8 by default) or e.g. "its .cpg file"
    bool detecting = false;       // no declaration: UTF-8 until text shows GB18030 (GBK)
    std::string first_utf8;       // detecting: where non-ASCII UTF-8 text was first accepted

    // Where coordinates of the layer's CRS can plausibly be (computed on first use).
    bool area_ready = false;
    std::optional<PlausibleArea> area;

    InputLocation where(const std::string& record = {}, const std::string& field = {}) const {
        return {source.file.string(), layer ? layer_label : source.layer, record, field};
    }

    std::string record_label(GIntBig fid) const {
        // CSV FIDs count data lines from 1, the header being line 1 of the file.
        if (driver == "CSV") return "line " + std::to_string(fid + 1);
        // GDAL numbers a sheet's records by their row (header = row 1, blank rows kept).
        if (spreadsheet) return "row " + std::to_string(fid);
        return "feature " + std::to_string(fid);
    }

    std::string header_label() const {
        if (driver == "CSV") return "line 1 (header)";
        if (spreadsheet) return "row 1 (header)";
        return "field names";
    }

    std::string hint_key() const { return "[" + source.key + "]"; }

    // Decodes one string of the file into UTF-8; text that is not valid in the layer's
    // encoding is an InputError naming the record and field, with a hint.
    std::string text(std::string_view raw, const std::string& record, const std::string& field) {
        if (is_ascii(raw)) return std::string(raw);
        if (auto s = decoder->decode(raw)) {
            if (detecting && first_utf8.empty()) first_utf8 = describe({{}, {}, record, field});
            return *s;
        }
        if (detecting && first_utf8.empty()) {
            TextDecoder gb("GB18030");
            if (auto s = gb.decode(raw)) {
                decoder.emplace(std::move(gb));
                detecting = false;
                declared = "detected at " + describe({{}, {}, record, field});
                warnings.push_back(detected_warning(where(record, field), *s, TextDecoder("GBK").decode(raw) ? "GBK" : "GB18030"));
                return *s;
            }
        }
        throw InputError(where(record, field), bad_text(raw));
    }

    std::string bad_text(std::string_view raw) const {
        std::string msg = "the text is not valid " + decoder->name();
        if (declared.empty()) msg += " (the default)";
        else msg += " (" + declared + ")";
        msg += ": '" + printable(raw) + "'";
        const std::string as = reads_as(raw);
        if (as == "UTF-8") {
            msg += "; it reads as UTF-8: '" + std::string(raw) + "'; " +
                   (declared.rfind(source.key, 0) == 0 ? "remove encoding from " + hint_key()
                                                       : "set encoding = \"UTF-8\" in " + hint_key());
        } else if (!as.empty()) {
            const auto decoded = TextDecoder(as).decode(raw);
            msg += "; it reads as " + as + ": '" + decoded.value_or("") + "'; set encoding = \"" + as + "\" in " + hint_key();
            if (!first_utf8.empty()) msg += " (but earlier text of this layer is UTF-8, at " + first_utf8 + ")";
        } else {
            msg += "; set encoding in " + hint_key() + " to the file's encoding (for example \"GBK\" or \"BIG5\")";
        }
        return msg;
    }

    std::string field_list() const {
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
        if (out.empty()) return "(none)";
        if (spreadsheet && std::all_of(names.begin(), names.end(), generic_field_name))
            out += " (the sheet's row 1 is empty or not a header: the column names must be in row 1)";
        return out;
    }

    // Index of a source field by exact name, then case-insensitively; -1 if absent.
    int find_field(const std::string& name) const {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == name) return static_cast<int>(i);
        for (std::size_t i = 0; i < names.size(); ++i)
            if (lower(names[i]) == lower(name)) return static_cast<int>(i);
        return -1;
    }

    int require_field(const std::string& name, const std::string& key) const {
        const int idx = find_field(name);
        if (idx < 0)
            throw InputError(where({}, name), "no field '" + name + "' (set by " + key + "); the " + what +
                                                  " layer has: " + field_list() + misplaced_header(name));
        return idx;
    }

    // A sheet with a title (or blank rows) above its header: names the row among the
    // first ten that holds `name`; "" when none does or the layer is no spreadsheet.
    std::string misplaced_header(const std::string& name) const {
        if (!spreadsheet || header_only) return {};
        std::string found;
        int n = 0;
        layer->ResetReading();
        for (auto& feature : *layer) {
            if (++n > 10 || !found.empty()) break;
            for (int i = 0; i < feature->GetFieldCount() && found.empty(); ++i) {
                if (!feature->IsFieldSetAndNotNull(i)) continue;
                const auto v = decoder->decode(feature->GetFieldAsString(i));
                if (v && (*v == name || lower(*v) == lower(name))) found = record_label(feature->GetFID());
            }
        }
        layer->ResetReading();
        if (found.empty()) return {};
        return "; " + found + " holds '" + name + "': the column names must be in row 1, delete the rows above them";
    }

    // Chooses the decoder: the scenario's encoding, else the Shapefile's own (.cpg,
    // then the DBF's LDID byte), else UTF-8 with detection of GB18030.
    void choose_encoding(bool is_shapefile) {
        std::string name;
        if (!source.encoding.empty()) {
            if (stores_unicode(driver) && !TextDecoder(source.encoding).is_utf8()) {
                warnings.push_back(describe(where()) + ": " + source.key + ".encoding = \"" + source.encoding +
                                   "\" is ignored: " + driver + " files store their text as Unicode");
            } else {
                name = source.encoding;
                declared = source.key + ".encoding = \"" + source.encoding + "\"";
            }
        } else if (is_shapefile) {
            const char* cpg = layer->GetMetadataItem("ENCODING_FROM_CPG", "SHAPEFILE");
            const char* cpg_text = layer->GetMetadataItem("CPG_VALUE", "SHAPEFILE");
            const char* ldid = layer->GetMetadataItem("ENCODING_FROM_LDID", "SHAPEFILE");
            const char* ldid_value = layer->GetMetadataItem("LDID_VALUE", "SHAPEFILE");
            if (cpg && *cpg) {
                name = cpg;
                declared = "as its .cpg file says: '" + printable(cpg_text ? cpg_text : cpg) + "'";
            } else if (ldid && *ldid && !(ldid_value && std::string(ldid_value) == "87")) {
                // LDID 87 means "the writer's ANSI code page", which GDAL takes for
                // ISO-8859-1; on a Chinese system it is GBK. It declares nothing.
                name = ldid;
                declared = "as the language byte (LDID " + std::string(ldid_value ? ldid_value : "?") + ") of its .dbf says";
            }
        }
        try {
            decoder.emplace(name);
        } catch (const std::invalid_argument& e) {
            throw InputError(where(), "the text encoding " + (declared.empty() ? std::string() : declared + " ") +
                                          "cannot be used: " + e.what() + "; set encoding in " + hint_key());
        }
        detecting = declared.empty();
    }

    // With no declaration, looks at the field names and the text of the first records:
    // when some of it is not UTF-8 and all of it reads as GB18030 (GBK), the layer is
    // read as GB18030 with a warning. One string is not enough evidence: a short GBK
    // text such as "SA站" (53 41 D5 BE) is also valid UTF-8.
    void detect_encoding() {
        if (!detecting) return;
        constexpr int kSample = 1000;
        const TextDecoder gb("GB18030"), gbk("GBK");
        bool all_gbk = true;  // else the hint names GB18030: GBK lacks its four-byte sequences
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        std::optional<InputLocation> first_bad;  // first text that is not UTF-8
        std::string first_bad_text;
        bool all_gb = true;
        auto look = [&](const char* raw, const std::string& record, const std::string& field) {
            if (is_ascii(raw) || is_valid_utf8(raw)) {
                if (!is_ascii(raw) && !gb.decode(raw)) all_gb = false;
                return;
            }
            const auto decoded = gb.decode(raw);
            if (!decoded) {
                all_gb = false;
                return;
            }
            if (all_gbk && !gbk.decode(raw)) all_gbk = false;
            if (!first_bad) {
                first_bad = where(record, field);
                first_bad_text = *decoded;
            }
        };
        // A field's name for the warning: as it will be decoded if GB18030 is chosen.
        auto field_name = [&](int i) {
            const char* raw = defn->GetFieldDefn(i)->GetNameRef();
            return is_valid_utf8(raw) ? std::string(raw) : gb.decode(raw).value_or(printable(raw));
        };
        for (int i = 0; i < defn->GetFieldCount(); ++i) look(defn->GetFieldDefn(i)->GetNameRef(), header_label(), std::to_string(i + 1));
        layer->ResetReading();
        int n = 0;
        for (auto& feature : *layer) {
            if (++n > kSample) break;
            for (int i = 0; i < defn->GetFieldCount(); ++i)
                if (defn->GetFieldDefn(i)->GetType() == OFTString && feature->IsFieldSetAndNotNull(i))
                    look(feature->GetFieldAsString(i), record_label(feature->GetFID()), field_name(i));
        }
        layer->ResetReading();
        if (!first_bad || !all_gb) return;
        decoder.emplace("GB18030");
        detecting = false;
        declared = "detected from " + describe({{}, {}, first_bad->record, first_bad->field});
        warnings.push_back(detected_warning(*first_bad, first_bad_text, all_gbk ? "GBK" : "GB18030"));
    }

    // The warning for a layer read as GB18030 without a declaration. It quotes the text
    // only when it is a field name: a value may be a deputy's name, and warnings go
    // into summary.json, which --redact publishes.
    std::string detected_warning(const InputLocation& at, const std::string& decoded, const char* name) const {
        return describe(at) + ": the text is not UTF-8 but reads as GB18030 (GBK)" +
               (at.record == header_label() ? ": '" + decoded + "'" : std::string()) +
               "; the layer is read as GB18030. Set encoding = \"" + name + "\" in " + hint_key() + " to say so";
    }

    // Field names decoded; a sheet holding only its header row (GDAL then names the
    // columns Field1.. and makes the header a record) gets its names from that row.
    void read_names() {
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            names.push_back(text(defn->GetFieldDefn(i)->GetNameRef(), header_label(), std::to_string(i + 1)));
        if (spreadsheet && !names.empty() && std::all_of(names.begin(), names.end(), generic_field_name) &&
            layer->GetFeatureCount(TRUE) == 1) {
            layer->ResetReading();
            std::unique_ptr<OGRFeature> row(layer->GetNextFeature());
            if (row && row->GetFID() == 1) {
                for (int i = 0; i < defn->GetFieldCount(); ++i)
                    if (row->IsFieldSetAndNotNull(i) && !blank_text(row->GetFieldAsString(i)))
                        names[static_cast<std::size_t>(i)] =
                            text(row->GetFieldAsString(i), header_label(), std::to_string(i + 1));
                header_only = true;
            }
            layer->ResetReading();
        }
    }

    const std::optional<PlausibleArea>& plausible_area() {
        if (!area_ready) {
            area = crs ? crs->plausible_area(kAreaMarginDeg) : std::nullopt;
            area_ready = true;
        }
        return area;
    }

    // "" when (x, y) in the layer's CRS is plausible, else why not: "coordinates (x, y)
    // lie outside ..." for a point, "a vertex at (x, y) lies outside ..." for a line or polygon.
    std::string implausible(double x, double y, bool vertex) {
        const auto& a = plausible_area();
        const Box any{-DBL_MAX, -DBL_MAX, DBL_MAX, DBL_MAX};
        const Box& box = a ? a->box : any;
        if (box.contains(x, y)) return {};
        std::string msg = std::string(vertex ? "a vertex at" : "coordinates") + " (" + format_number(x) + ", " +
                          format_number(y) + ") ";
        if (!a) return msg + (vertex ? "is" : "are") + " not finite";
        msg += std::string(vertex ? "lies" : "lie") + " outside the area of use of " + a->text;
        if (box.contains(y, x))
            msg += crs->is_geographic() ? ": latitude and longitude swapped?" : ": x and y (easting and northing) swapped?";
        return msg;
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
    bool is_shapefile = false;
    if (lower(source.file.extension().string()) == ".csv") {
        // Every CSV value arrives as text: numbers are parsed (and rejected) by us, record by record.
        open_options.SetNameValue("AUTODETECT_TYPE", "NO");
        open_options.SetNameValue("EMPTY_STRING_AS_NULL", "YES");
    }
    if (path.rfind("PG:", 0) != 0) {
        // Through GDAL's virtual file system, so that /vsimem/, /vsizip/ ... paths work too.
        VSIStatBufL stat;
        if (VSIStatExL(path.c_str(), &stat, VSI_STAT_EXISTS_FLAG) != 0)
            throw InputError({path, {}, {}, {}}, "file not found (" + source.key + ".file)");
        // A .shp, a .dbf or a folder of them: the DBF's bytes as they are, since the
        // encoding is chosen and applied (strictly) here.
        GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
        is_shapefile = driver && EQUAL(GDALGetDriverShortName(driver), "ESRI Shapefile");
        if (is_shapefile) open_options.SetNameValue("ENCODING", "");
    }
    // Spreadsheets: row 1 is the header, whatever its cells hold. GDAL's own guess takes
    // a sheet whose cells are all text for one without a header (GDAL 3.6 has no HEADERS
    // open option yet; these options are read while the sheet is parsed, below).
    const ScopedThreadConfig xlsx_headers("OGR_XLSX_HEADERS", "FORCE");
    const ScopedThreadConfig ods_headers("OGR_ODS_HEADERS", "FORCE");
    d.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.List()));
    if (!d.dataset) {
        const char* msg = CPLGetLastErrorMsg();
        throw InputError({path, {}, {}, {}}, std::string("GDAL cannot read this file as vector data") +
                                                 (msg && *msg ? ": " + printable(msg) : ""));
    }
    d.driver = d.dataset->GetDriverName();
    d.spreadsheet = is_spreadsheet(d.driver);
    auto layer_names = [&] {
        std::string names;
        for (auto* l : d.dataset->GetLayers()) names += std::string(names.empty() ? "" : ", ") + printable(l->GetName());
        return names;
    };
    if (source.layer.empty()) {
        if (d.dataset->GetLayerCount() < 1) throw InputError({path, {}, {}, {}}, "the file holds no layer");
        if (d.dataset->GetLayerCount() > 1)
            throw InputError({path, {}, {}, {}}, "the file holds several layers (" + layer_names() + "); name one with " +
                                                     source.key + ".layer");
        d.layer = d.dataset->GetLayer(0);
    } else {
        d.layer = d.dataset->GetLayerByName(source.layer.c_str());
        if (!d.layer) throw InputError({path, source.layer, {}, {}}, "no such layer; the file has: " + layer_names());
    }
    d.layer_label = printable(d.layer->GetName());
    m_layer_name = d.layer_label;
    d.choose_encoding(is_shapefile);
    d.detect_encoding();
    d.read_names();

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

const std::vector<std::string>& VectorSource::warnings() const { return m_impl->warnings; }

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
        VSILFILE* f = VSIFOpenL(m_file.c_str(), "rb");
        if (!f) return std::nullopt;
        std::size_t lines = 0;
        std::vector<char> buf(1 << 16);
        for (std::size_t got; (got = VSIFReadL(buf.data(), 1, buf.size(), f)) > 0;)
            lines += static_cast<std::size_t>(std::count(buf.data(), buf.data() + got, '\n'));
        VSIFCloseL(f);
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
                                                          d.field_list() + d.misplaced_header(f.name));
            index.push_back(idx);
        }
    }
    const int x_idx = d.source.x_field.empty() ? -1 : d.find_field(d.source.x_field);
    const int y_idx = d.source.y_field.empty() ? -1 : d.find_field(d.source.y_field);
    const int wkt_idx = d.source.wkt_field.empty() ? -1 : d.find_field(d.source.wkt_field);
    const Transform& tr = *d.to_target;
    d.plausible_area();  // computed here, before the second thread runs
    OGRFeatureDefn* defn = d.layer->GetLayerDefn();
    // Tables (CSV lines, spreadsheet rows) whose every cell is blank are no records.
    const bool skip_blank = d.spreadsheet || d.driver == "CSV";
    if (d.header_only) return;

    d.layer->ResetReading();
    // Records are handed on in batches so that points are reprojected in one PROJ
    // call per batch rather than one per record. While one batch is reprojected and
    // visited on a second thread, GDAL reads the next one on this thread: GDAL and
    // the caller's callback each stay on one thread at a time, and records reach
    // the callback in file order.
    constexpr std::size_t kBatch = 4096;
    struct Batch {
        std::vector<SourceRecord> records;  // grown as needed up to kBatch, then reused
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
                rec.problem = "coordinates (" + format_number(rec.point.x_m) + ", " + format_number(rec.point.y_m) +
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
        // (A record whose first requested field, usually the id, holds text is not blank.)
        if (skip_blank && !feature->GetGeometryRef() &&
            !(!index.empty() && index[0] >= 0 && feature->IsFieldSetAndNotNull(index[0]) &&
              !blank_text(feature->GetFieldAsString(index[0])))) {
            bool blank = true;
            for (int i = 0; blank && i < defn->GetFieldCount(); ++i)
                blank = !feature->IsFieldSetAndNotNull(i) || blank_text(feature->GetFieldAsString(i));
            if (blank) continue;
        }
        if (used == filling->records.size()) filling->records.emplace_back();
        SourceRecord& rec = filling->records[used];
        rec.label = d.record_label(feature->GetFID());
        rec.values.assign(fields.size(), std::nullopt);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (index[i] >= 0 && feature->IsFieldSetAndNotNull(index[i]))
                rec.values[i] = d.text(feature->GetFieldAsString(index[i]), rec.label, d.names[static_cast<std::size_t>(index[i])]);
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
                const OGRFieldType type = defn->GetFieldDefn(idx)->GetType();
                if (type == OFTReal || type == OFTInteger || type == OFTInteger64) {
                    // A number cell (spreadsheet, GeoPackage): its value, not its text.
                    const double v = feature->GetFieldAsDouble(idx);
                    if (!std::isfinite(v)) {
                        rec.problem = name + " " + format_number(v) + " is out of range";
                        return std::nullopt;
                    }
                    return v;
                }
                const std::string raw = d.text(feature->GetFieldAsString(idx), rec.label, d.names[static_cast<std::size_t>(idx)]);
                // An empty text (a database or spreadsheet cell holding '') is no value, as NULL is.
                if (raw.find_first_not_of(" \t") == std::string::npos) {
                    rec.problem = "no " + name + " value";
                    return std::nullopt;
                }
                const Number n = parse_decimal(raw);
                if (!n.value) rec.problem = name + " '" + raw + "' " + n.why;
                return n.value;
            };
            auto blank = [&](int idx) {
                return !feature->IsFieldSetAndNotNull(idx) || blank_text(feature->GetFieldAsString(idx));
            };
            rec.no_location = blank(x_idx) && blank(y_idx);
            auto x = get(x_idx, "'" + d.source.x_field + "'");
            auto y = rec.problem.empty() ? get(y_idx, "'" + d.source.y_field + "'") : std::nullopt;
            if (x && y) {
                rec.problem = d.implausible(*x, *y, false);
                if (rec.problem.empty()) defer_point(rec, *x, *y);
            }
        } else {
            std::unique_ptr<OGRGeometry> owned;
            const OGRGeometry* g = nullptr;
            if (wkt_idx >= 0) {
                if (feature->IsFieldSetAndNotNull(wkt_idx)) {
                    const std::string wkt = d.text(feature->GetFieldAsString(wkt_idx), rec.label,
                                                   d.names[static_cast<std::size_t>(wkt_idx)]);
                    if (const std::string bad = wkt_number_problem(wkt); !bad.empty()) {
                        rec.problem = "the WKT in '" + d.source.wkt_field + "' " + bad;
                    } else {
                        OGRGeometry* parsed = nullptr;
                        if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &parsed) != OGRERR_NONE || !parsed)
                            rec.problem = "the WKT in '" + d.source.wkt_field + "' cannot be parsed";
                        owned.reset(parsed);
                        g = parsed;
                    }
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
                const double x = g->toPoint()->getX(), y = g->toPoint()->getY();
                rec.problem = d.implausible(x, y, false);
                if (rec.problem.empty()) defer_point(rec, x, y);
            } else {
                // A line or polygon with a vertex where its CRS cannot be is a broken file,
                // not one bad record: every role with such geometry treats it as an error.
                const auto& area = d.plausible_area();
                const Box any{-DBL_MAX, -DBL_MAX, DBL_MAX, DBL_MAX};
                OutsideVisitor outside(area ? area->box : any);
                g->accept(&outside);
                if (outside.found)
                    throw InputError(d.where(rec.label), d.implausible(outside.found->x_m, outside.found->y_m, true));
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
