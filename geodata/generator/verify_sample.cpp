// Independent check of the written sample: everything is read back from the
// files (GeoPackage and CSV through OGR, planted.json with nlohmann::json)
// and measured again in EPSG:4547. The generator exits non-zero if any
// requirement of the sample (geodata/README.md) does not hold.
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>

#include "projection.hpp"
#include "sample.hpp"

namespace stationplan::sample {

namespace {

using Json = nlohmann::json;

// The rules the planted imperfections are measured against.
constexpr double kMaxPartitionError_m2 = 1.0;  // gaps or overlaps, in total per parent
constexpr double kFarRule_m = 1000.0;          // far deputies: beyond this from every station
constexpr double kCoveredRule_m = 950.0;       // everyone else: within this of some station
constexpr double kNearMin_m = 100.0;           // deputy to assigned station, normally
constexpr double kNearMax_m = 900.0;
constexpr double kStreetStationMargin_m = 50.0;
constexpr double kMisplacedMin_m = 150.0;
constexpr double kMisplacedMax_m = 300.0;
constexpr double kOutsideMin_m = 300.0;
constexpr double kOutsideMax_m = 500.0;

const char* const kDeputyHeader = "代表编号,姓名,层级,行业,联络站编号,行业联络站编号,地址,经度,纬度";

class Failures {
public:
    template <typename... Args>
    void require(bool ok, fmt::format_string<Args...> format, Args&&... args) {
        if (!ok) {
            m_messages.push_back(fmt::format(format, std::forward<Args>(args)...));
        }
    }
    bool empty() const { return m_messages.empty(); }
    std::string report() const {
        std::string text = fmt::format("{} check(s) failed:", m_messages.size());
        for (const std::string& message : m_messages) {
            text += "\n  - " + message;
        }
        return text;
    }

private:
    std::vector<std::string> m_messages;
};

/// One feature or CSV row as read back: text of each field (nullopt for
/// NULL) and, for layers, the geometry in lon/lat and in metres.
struct Record {
    std::map<std::string, std::optional<std::string>> fields;
    Geom lonlat;
    Geom metres;
    XY point;  // for point layers, metres

    std::string text(const std::string& name) const {
        const auto it = fields.find(name);
        return it != fields.end() && it->second ? *it->second : std::string();
    }
    bool is_null(const std::string& name) const {
        const auto it = fields.find(name);
        return it == fields.end() || !it->second;
    }
};

struct FieldSpec {
    const char* name;
    OGRFieldType type;
};

std::vector<Record> read_layer(const Geos& geos, const Projector& projector, GDALDataset& dataset,
                               const char* name, OGRwkbGeometryType type,
                               std::initializer_list<FieldSpec> fields, Failures& failures) {
    std::vector<Record> records;
    OGRLayer* layer = dataset.GetLayerByName(name);
    if (layer == nullptr) {
        failures.require(false, "jinshui.gpkg: layer {} is missing", name);
        return records;
    }
    failures.require(wkbFlatten(layer->GetGeomType()) == type, "{}: geometry type is {}", name,
                     OGRGeometryTypeToName(layer->GetGeomType()));
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    const char* code = srs != nullptr ? srs->GetAuthorityCode(nullptr) : nullptr;
    failures.require(code != nullptr && std::string(code) == "4326", "{}: CRS is not EPSG:4326", name);
    const OGRFeatureDefn& defn = *layer->GetLayerDefn();
    std::vector<std::string> expected;
    for (const FieldSpec& spec : fields) {
        expected.emplace_back(spec.name);
    }
    std::vector<std::string> actual;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        actual.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
    }
    failures.require(actual == expected, "{}: fields are [{}], expected [{}]", name, fmt::join(actual, ", "),
                     fmt::join(expected, ", "));
    for (const FieldSpec& spec : fields) {
        const int index = defn.GetFieldIndex(spec.name);
        failures.require(index >= 0 && defn.GetFieldDefn(index)->GetType() == spec.type,
                         "{}: field {} has the wrong type", name, spec.name);
    }
    for (const auto& feature : *layer) {
        Record record;
        for (const FieldSpec& spec : fields) {
            const int index = feature->GetFieldIndex(spec.name);
            if (index >= 0 && feature->IsFieldSetAndNotNull(index)) {
                record.fields[spec.name] = std::string(feature->GetFieldAsString(index));
            } else {
                record.fields[spec.name] = std::nullopt;
            }
        }
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (geometry == nullptr) {
            failures.require(false, "{}: feature {} has no geometry", name, feature->GetFID());
            continue;
        }
        record.lonlat = geos.own(geometry->exportToGEOS(geos.handle()), "import feature");
        record.metres = projector.to_metres(geos, *record.lonlat);
        if (type == wkbPoint) {
            record.point = geos.point_xy(*record.metres);
        }
        records.push_back(std::move(record));
    }
    return records;
}

/// Each polygon is one valid Polygon, in lon/lat as written and in metres.
void check_polygons(const Geos& geos, const char* layer, const char* id_field,
                    const std::vector<Record>& records, Failures& failures) {
    for (const Record& r : records) {
        const std::string id = r.text(id_field);
        failures.require(geos.type_id(*r.lonlat) == GEOS_POLYGON, "{} {}: not a single Polygon", layer, id);
        const std::string problem = geos.validity_problem(*r.lonlat);
        failures.require(problem.empty(), "{} {}: invalid in EPSG:4326: {}", layer, id, problem);
        const std::string problem_m = geos.validity_problem(*r.metres);
        failures.require(problem_m.empty(), "{} {}: invalid in EPSG:4547: {}", layer, id, problem_m);
    }
}

/// Children must tile the parent: total gaps, overlaps and spill-over each
/// below kMaxPartitionError_m2.
void check_partition(const Geos& geos, const std::string& what, const GEOSGeometry& parent,
                     const std::vector<const GEOSGeometry*>& children, Failures& failures) {
    if (children.empty()) {
        failures.require(false, "{}: no parts", what);
        return;
    }
    const Geom merged = geos.union_all(children);
    double sum_m2 = 0.0;
    for (const GEOSGeometry* child : children) {
        sum_m2 += geos.area(*child);
    }
    const double overlap_m2 = std::max(0.0, sum_m2 - geos.area(*merged));
    const double gap_m2 = geos.area(*geos.difference(parent, *merged));
    const double spill_m2 = geos.area(*geos.difference(*merged, parent));
    failures.require(gap_m2 < kMaxPartitionError_m2 && overlap_m2 < kMaxPartitionError_m2 &&
                         spill_m2 < kMaxPartitionError_m2,
                     "{}: gaps {:.3f} m², overlaps {:.3f} m², outside {:.3f} m²", what, gap_m2, overlap_m2,
                     spill_m2);
}

std::optional<double> parse_coordinate(const std::string& text) {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || ptr != end || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::set<std::string> json_strings(const Json& array) {
    std::set<std::string> values;
    for (const Json& item : array) {
        values.insert(item.get<std::string>());
    }
    return values;
}

std::set<std::string> json_ids(const Json& array, const char* key) {
    std::set<std::string> values;
    for (const Json& item : array) {
        values.insert(item.at(key).get<std::string>());
    }
    return values;
}

std::string show(const std::set<std::string>& values) {
    return values.empty() ? std::string("none") : fmt::format("{}", fmt::join(values, " "));
}

/// Everything the checks need, read from the three files.
struct WrittenSample {
    std::vector<Record> district;
    std::vector<Record> streets;
    std::vector<Record> communities;
    std::vector<Record> grids;
    std::vector<Record> stations;
    std::vector<Record> sites;
    std::vector<Record> roads;
    std::vector<Record> deputies;  // CSV rows, no geometry
    std::string deputies_bytes;
    Json planted;
};

WrittenSample read_written_sample(const Geos& geos, const Projector& projector,
                                  const std::filesystem::path& out_dir, Failures& failures) {
    WrittenSample w;
    const std::filesystem::path gpkg_path = out_dir / kGeoPackageFile;
    const char* const gpkg_driver[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr gpkg(GDALDataset::Open(gpkg_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                gpkg_driver, nullptr, nullptr));
    if (!gpkg) {
        throw std::runtime_error(fmt::format("{}: cannot open", gpkg_path.string()));
    }
    std::vector<std::string> layers;
    for (int i = 0; i < gpkg->GetLayerCount(); ++i) {
        layers.emplace_back(gpkg->GetLayer(i)->GetName());
    }
    const std::vector<std::string> expected_layers = {"district", "streets",  "communities",    "grids",
                                                      "stations", "candidate_sites", "roads"};
    failures.require(layers == expected_layers, "jinshui.gpkg: layers are [{}]", fmt::join(layers, ", "));
    w.district = read_layer(geos, projector, *gpkg, "district", wkbPolygon,
                            {{"code", OFTString}, {"name", OFTString}}, failures);
    w.streets = read_layer(geos, projector, *gpkg, "streets", wkbPolygon,
                           {{"street_id", OFTString}, {"name", OFTString}}, failures);
    w.communities =
        read_layer(geos, projector, *gpkg, "communities", wkbPolygon,
                   {{"community_id", OFTString}, {"name", OFTString}, {"street_id", OFTString}}, failures);
    w.grids = read_layer(
        geos, projector, *gpkg, "grids", wkbPolygon,
        {{"grid_id", OFTString}, {"name", OFTString}, {"street_id", OFTString}, {"liaison", OFTString}},
        failures);
    w.stations = read_layer(geos, projector, *gpkg, "stations", wkbPoint,
                            {{"station_id", OFTString},
                             {"name", OFTString},
                             {"kind", OFTString},
                             {"street_id", OFTString},
                             {"community_id", OFTString},
                             {"sector", OFTString},
                             {"capacity_min", OFTInteger},
                             {"capacity_max", OFTInteger}},
                            failures);
    w.sites = read_layer(
        geos, projector, *gpkg, "candidate_sites", wkbPoint,
        {{"site_id", OFTString}, {"name", OFTString}, {"category", OFTString}, {"street_id", OFTString}},
        failures);
    w.roads = read_layer(
        geos, projector, *gpkg, "roads", wkbMultiLineString,
        {{"road_id", OFTString}, {"name", OFTString}, {"highway", OFTString}, {"bridge", OFTInteger}}, failures);

    const std::filesystem::path csv_path = out_dir / kDeputiesFile;
    {
        std::ifstream in(csv_path, std::ios::binary);
        w.deputies_bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const char* const csv_driver[] = {"CSV", nullptr};
    const char* const csv_options[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "HEADERS=YES",
                                       nullptr};
    GDALDatasetUniquePtr csv(GDALDataset::Open(csv_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                               csv_driver, csv_options, nullptr));
    if (!csv) {
        throw std::runtime_error(fmt::format("{}: cannot open", csv_path.string()));
    }
    OGRLayer& rows = *csv->GetLayer(0);
    std::vector<std::string> columns;
    for (int i = 0; i < rows.GetLayerDefn()->GetFieldCount(); ++i) {
        columns.emplace_back(rows.GetLayerDefn()->GetFieldDefn(i)->GetNameRef());
    }
    failures.require(fmt::format("{}", fmt::join(columns, ",")) == kDeputyHeader, "{}: columns are {}",
                     kDeputiesFile, fmt::join(columns, ","));
    for (const auto& feature : rows) {
        Record record;
        for (int i = 0; i < feature->GetFieldCount(); ++i) {
            record.fields[columns[static_cast<std::size_t>(i)]] = std::string(feature->GetFieldAsString(i));
        }
        w.deputies.push_back(std::move(record));
    }

    std::ifstream planted(out_dir / kPlantedFile);
    w.planted = Json::parse(planted);
    return w;
}

class SampleChecker {
public:
    SampleChecker(const Geos& geos, const Projector& projector, const RawInputs& raw, const WrittenSample& w,
                  Failures& failures)
        : m_geos(geos), m_projector(projector), m_raw(raw), m_w(w), m_failures(failures) {}

    void check_areas();
    void check_stations();
    void check_deputies();
    void check_sites();

private:
    const Record* street(const std::string& id) const {
        for (const Record& r : m_w.streets) {
            if (r.text("street_id") == id) {
                return &r;
            }
        }
        return nullptr;
    }
    const Record* community(const std::string& id) const {
        for (const Record& r : m_w.communities) {
            if (r.text("community_id") == id) {
                return &r;
            }
        }
        return nullptr;
    }
    const Record* station(const std::string& id) const {
        for (const Record& r : m_w.stations) {
            if (r.text("station_id") == id) {
                return &r;
            }
        }
        return nullptr;
    }
    template <typename... Args>
    void require(bool ok, fmt::format_string<Args...> format, Args&&... args) {
        m_failures.require(ok, format, std::forward<Args>(args)...);
    }
    std::size_t planted_count(const char* key) const {
        return m_w.planted.at("counts").at(key).get<std::size_t>();
    }

    const Geos& m_geos;
    const Projector& m_projector;
    const RawInputs& m_raw;
    const WrittenSample& m_w;
    Failures& m_failures;
};

void SampleChecker::check_areas() {
    // District: the real outline cut at the documented meridian.
    require(m_w.district.size() == 1, "district: {} features", m_w.district.size());
    if (m_w.district.size() != 1) {
        return;
    }
    const Record& district = m_w.district.front();
    require(district.text("code") == m_raw.district_code && district.text("name") == m_raw.district_name,
            "district: code/name {} {}", district.text("code"), district.text("name"));
    check_polygons(m_geos, "district", "code", m_w.district, m_failures);
    const double area_km2 = m_geos.area(*district.metres) / 1e6;
    require(area_km2 > 130.0 && area_km2 < 140.0, "district: area {:.2f} km², expected about 135", area_km2);
    require(m_geos.bounds(*district.lonlat).xmax <= kCutLongitude + 1e-9,
            "district: reaches east of the cut line");

    // Streets: the 17 real codes and names, tiling the district.
    const std::vector<RawStreet> core = m_raw.core_streets();
    require(m_w.streets.size() == core.size(), "streets: {} features", m_w.streets.size());
    for (const RawStreet& s : core) {
        const Record* r = street(s.code);
        require(r != nullptr && r->text("name") == s.name, "streets: {} {} missing or renamed", s.code,
                s.name);
    }
    check_polygons(m_geos, "streets", "street_id", m_w.streets, m_failures);
    std::vector<const GEOSGeometry*> parts;
    for (const Record& r : m_w.streets) {
        parts.push_back(r.metres.get());
    }
    check_partition(m_geos, "streets vs district", *district.metres, parts, m_failures);

    // Communities: all 213 real units, tiling their street.
    std::size_t expected_communities = 0;
    for (const RawStreet& s : core) {
        for (const RawCommunity& c : m_raw.communities_of(s.code)) {
            ++expected_communities;
            const Record* r = community(c.code);
            require(r != nullptr && r->text("name") == c.name && r->text("street_id") == s.code,
                    "communities: {} {} missing or wrong", c.code, c.name);
        }
    }
    require(m_w.communities.size() == expected_communities, "communities: {} features",
            m_w.communities.size());
    check_polygons(m_geos, "communities", "community_id", m_w.communities, m_failures);

    // Grids: 205, at least 3 per street, numbered per street, tiling it.
    require(m_w.grids.size() == kGridCount, "grids: {} features", m_w.grids.size());
    check_polygons(m_geos, "grids", "grid_id", m_w.grids, m_failures);
    std::set<std::string> vacant;
    for (const Record& r : m_w.grids) {
        if (r.is_null("liaison") || r.text("liaison").empty()) {
            vacant.insert(r.text("grid_id"));
        }
    }
    const std::set<std::string> planted_vacant = json_strings(m_w.planted.at("missing_liaison_grids"));
    require(vacant == planted_vacant && vacant.size() == 4, "grids without liaison: {}, planted {}",
            show(vacant), show(planted_vacant));

    for (const Record& s : m_w.streets) {
        const std::string id = s.text("street_id");
        std::vector<const GEOSGeometry*> communities;
        for (const Record& r : m_w.communities) {
            if (r.text("street_id") == id) {
                communities.push_back(r.metres.get());
            }
        }
        check_partition(m_geos, "communities vs street " + id, *s.metres, communities, m_failures);
        std::vector<const GEOSGeometry*> grids;
        std::size_t number = 0;
        for (const Record& r : m_w.grids) {
            if (r.text("street_id") == id) {
                grids.push_back(r.metres.get());
                ++number;
                require(r.text("grid_id") == fmt::format("{}-G{:02}", id, number) &&
                            r.text("name") == fmt::format("{}第{}网格", s.text("name"), number),
                        "grids: {} / {} out of sequence", r.text("grid_id"), r.text("name"));
            }
        }
        require(grids.size() >= 3, "grids: street {} has {}", id, grids.size());
        check_partition(m_geos, "grids vs street " + id, *s.metres, grids, m_failures);
    }
}

void SampleChecker::check_stations() {
    std::map<std::string, std::size_t> by_kind;
    std::set<std::string> ids;
    for (const Record& r : m_w.stations) {
        ++by_kind[r.text("kind")];
        require(ids.insert(r.text("station_id")).second, "station {}: id used twice", r.text("station_id"));
    }
    require(by_kind["street"] == 17 && by_kind["community"] == kCommunityStationCount &&
                by_kind["industry"] == kSectors.size() && by_kind.size() == 3,
            "stations: {} street, {} community, {} industry, {} kinds", by_kind["street"],
            by_kind["community"], by_kind["industry"], by_kind.size());

    const PreparedPolygon district(m_geos, *m_w.district.front().metres);
    const Json& misplaced = m_w.planted.at("misplaced_street_station");
    std::set<std::string> outside_own_street;
    std::size_t industry_number = 0;
    for (const Record& r : m_w.stations) {
        const std::string id = r.text("station_id");
        const std::string kind = r.text("kind");
        const Record* own_street = street(r.text("street_id"));
        require(own_street != nullptr, "station {}: unknown street_id {}", id, r.text("street_id"));
        if (own_street == nullptr) {
            continue;
        }
        const PreparedPolygon street_area(m_geos, *own_street->metres);
        const bool capacity_ok = kind == "community"
                                     ? r.text("capacity_min") == "3" && r.text("capacity_max") == "5"
                                     : r.is_null("capacity_min") && r.is_null("capacity_max");
        require(capacity_ok, "station {}: capacity fields wrong for a {} station", id, kind);
        if (kind == "street") {
            require(id == "S" + r.text("street_id") &&
                        r.text("name") == own_street->text("name") + "人大代表联络站" &&
                        r.is_null("community_id") && r.is_null("sector"),
                    "station {}: id, name or fields wrong", id);
            require(district.contains(r.point), "station {}: outside the district", id);
            if (!street_area.contains(r.point)) {
                outside_own_street.insert(id);
                const double outside_m = street_area.boundary_distance(r.point);
                require(outside_m >= kMisplacedMin_m && outside_m <= kMisplacedMax_m,
                        "station {}: {:.1f} m outside its street, expected 150-300", id, outside_m);
                const Record* host = street(misplaced.at("located_in_street_id").get<std::string>());
                require(host != nullptr && m_geos.contains(*host->metres, r.point),
                        "station {}: not in the planted host street", id);
            } else {
                require(street_area.boundary_distance(r.point) >= kStreetStationMargin_m,
                        "station {}: within 50 m of its street boundary", id);
            }
        } else if (kind == "community") {
            const Record* c = community(r.text("community_id"));
            require(c != nullptr && id == "C" + r.text("community_id") &&
                        c->text("street_id") == r.text("street_id") && r.is_null("sector"),
                    "station {}: id, community or street wrong", id);
            require(c != nullptr && m_geos.contains(*c->metres, r.point),
                    "station {}: not inside its community", id);
            require(r.text("name").ends_with("人大代表联络站"), "station {}: name {}", id, r.text("name"));
        } else if (kind == "industry") {
            ++industry_number;
            const std::string sector =
                industry_number <= kSectors.size() ? std::string(kSectors[industry_number - 1]) : "";
            require(id == fmt::format("I{:02}", industry_number) && r.text("sector") == sector &&
                        r.text("name") == sector + "行业人大代表联络站" && r.is_null("community_id"),
                    "station {}: id, sector or name wrong", id);
            require(street_area.contains_with_margin(r.point, kStreetStationMargin_m),
                    "station {}: not well inside its street", id);
        }
    }
    for (std::size_t a = 0; a < m_w.stations.size(); ++a) {
        for (std::size_t b = a + 1; b < m_w.stations.size(); ++b) {
            require(distance_m(m_w.stations[a].point, m_w.stations[b].point) >= 40.0,
                    "stations {} and {}: closer than 40 m", m_w.stations[a].text("station_id"),
                    m_w.stations[b].text("station_id"));
        }
    }
    const std::set<std::string> planted_misplaced = {misplaced.at("station_id").get<std::string>()};
    require(outside_own_street == planted_misplaced, "street stations outside their street: {}, planted {}",
            show(outside_own_street), show(planted_misplaced));
}

void SampleChecker::check_deputies() {
    const std::string& bytes = m_w.deputies_bytes;
    require(bytes.rfind(std::string(kDeputyHeader) + "\n", 0) == 0,
            "{}: does not start with the exact header line", kDeputiesFile);
    require(bytes.find('\r') == std::string::npos && !bytes.empty() && bytes.back() == '\n',
            "{}: line endings must be \\n only", kDeputiesFile);
    require(m_w.deputies.size() == kDeputyRows, "{}: {} rows", kDeputiesFile, m_w.deputies.size());

    const PreparedPolygon district(m_geos, *m_w.district.front().metres);
    const PreparedPolygon statistical(m_geos, *m_projector.to_metres(m_geos, *m_raw.outline_lonlat));
    const std::set<std::string> sector_names(kSectors.begin(), kSectors.end());
    std::map<std::string, std::size_t> levels;
    std::set<std::string> names;
    std::set<std::string> bad;
    std::set<std::string> far;
    std::set<std::string> outside;
    std::set<std::string> unassigned;
    std::set<std::string> mismatched;
    std::map<std::string, int> load;      // valid rows only
    std::map<std::string, int> load_all;  // counting rejected rows too
    std::map<std::string, std::string> station_of;
    std::vector<std::pair<std::string, XY>> homes;  // valid rows

    for (std::size_t i = 0; i < m_w.deputies.size(); ++i) {
        const Record& d = m_w.deputies[i];
        const std::string id = d.text("代表编号");
        require(id == fmt::format("D{:04}", i + 1), "{}: row {} has id {}", kDeputiesFile, i + 2, id);
        require(!d.text("姓名").empty() && names.insert(d.text("姓名")).second,
                "deputy {}: empty or repeated name", id);
        ++levels[d.text("层级")];
        const std::string sector = d.text("行业");
        const std::string industry = d.text("行业联络站编号");
        require(sector.empty() || sector_names.count(sector) == 1, "deputy {}: sector {}", id, sector);
        if (sector.empty()) {
            require(industry.empty(), "deputy {}: industry station without a sector", id);
        } else {
            const auto k = static_cast<std::size_t>(std::find(kSectors.begin(), kSectors.end(), sector) -
                                                    kSectors.begin());
            if (industry != fmt::format("I{:02}", k + 1)) {
                mismatched.insert(id);
            }
        }
        const std::string station_id = d.text("联络站编号");
        if (!station_id.empty()) {
            const Record* s = station(station_id);
            require(s != nullptr && s->text("kind") == "community",
                    "deputy {}: {} is not a community station", id, station_id);
            ++load_all[station_id];
        }
        const auto lon = parse_coordinate(d.text("经度"));
        const auto lat = parse_coordinate(d.text("纬度"));
        if (!lon || !lat) {
            bad.insert(id);
            continue;
        }
        const XY home = m_projector.to_metres(LonLat{*lon, *lat});
        homes.emplace_back(id, home);
        if (station_id.empty()) {
            unassigned.insert(id);
        } else {
            ++load[station_id];
            station_of[id] = station_id;
        }
        if (!district.contains(home)) {
            outside.insert(id);
            const double outside_m = district.boundary_distance(home);
            require(outside_m >= kOutsideMin_m && outside_m <= kOutsideMax_m && statistical.contains(home) &&
                        *lon > kCutLongitude,
                    "deputy {}: {:.1f} m outside, expected 300-500 m east in the Zhengdong part", id,
                    outside_m);
        }
        double nearest_m = std::numeric_limits<double>::infinity();  // street + community
        double nearest_any_m = std::numeric_limits<double>::infinity();
        for (const Record& s : m_w.stations) {
            const double dist = distance_m(home, s.point);
            nearest_any_m = std::min(nearest_any_m, dist);
            if (s.text("kind") != "industry") {
                nearest_m = std::min(nearest_m, dist);
            }
        }
        if (nearest_m > kFarRule_m) {
            far.insert(id);
            require(nearest_any_m > kFarRule_m, "deputy {}: far, but near an industry station", id);
        } else {
            require(nearest_m <= kCoveredRule_m, "deputy {}: nearest station {:.1f} m away", id, nearest_m);
            if (const Record* s = station(station_id)) {
                const double dist = distance_m(home, s->point);
                require(dist >= kNearMin_m && dist <= kNearMax_m, "deputy {}: {:.1f} m from its station {}",
                        id, dist, station_id);
            }
        }
    }

    const Json& p = m_w.planted;
    const auto same = [this](const char* what, const std::set<std::string>& found,
                             const std::set<std::string>& planted) {
        require(found == planted, "{}: found {}, planted {}", what, show(found), show(planted));
    };
    same("bad rows", bad, json_ids(p.at("bad_rows"), "deputy_id"));
    same("far deputies", far, json_strings(p.at("far_deputies")));
    same("outside deputies", outside, {p.at("outside_district").at("deputy_id").get<std::string>()});
    same("unassigned deputies", unassigned, json_strings(p.at("unassigned_deputies")));
    same("sector mismatches", mismatched, json_ids(p.at("sector_mismatch"), "deputy_id"));
    require(bad.size() == 2 && far.size() >= 8 && far.size() <= 12 && unassigned.size() == 2 &&
                mismatched.size() == 4 && outside.size() == 1,
            "planted deputy counts: bad {}, far {}, unassigned {}, mismatch {}, outside {}", bad.size(),
            far.size(), unassigned.size(), mismatched.size(), outside.size());

    // The planted deputy sets must not overlap, and far or outside deputies
    // name a normally loaded station, so each imperfection shows on its own.
    std::map<std::string, int> roles;
    for (const auto* set : {&bad, &far, &outside, &unassigned, &mismatched}) {
        for (const std::string& id : *set) {
            ++roles[id];
        }
    }
    for (const auto& [id, count] : roles) {
        require(count == 1, "deputy {}: planted {} times", id, count);
    }
    for (const auto* set : {&far, &outside}) {
        for (const std::string& id : *set) {
            const int n = load[station_of[id]];
            require(n >= 3 && n <= 5, "deputy {}: planted, but its station has {} deputies", id, n);
        }
    }

    // Levels: 8 national, about 25 provincial and 90 municipal, rest district.
    require(levels["全国"] == 8 && levels["省"] == 25 && levels["市"] == 90 &&
                levels["区"] == kDeputyRows - 123 && levels.size() == 4,
            "deputy levels: {} 全国, {} 省, {} 市, {} 区", levels["全国"], levels["省"], levels["市"],
            levels["区"]);

    // Station loads, counting valid rows; rejected rows must not change the verdict.
    std::set<std::string> over;
    std::set<std::string> under;
    for (const Record& s : m_w.stations) {
        if (s.text("kind") != "community") {
            continue;
        }
        const std::string id = s.text("station_id");
        const int n = load[id];
        if (n > 5) {
            over.insert(id);
            require(n <= 7, "station {}: {} deputies, expected 6 or 7", id, n);
        } else if (n < 3) {
            under.insert(id);
            require(n >= 1, "station {}: no deputies", id);
        }
        require((load_all[id] > 5) == (n > 5) && (load_all[id] < 3) == (n < 3),
                "station {}: rejected rows change its load verdict", id);
    }
    same("overloaded stations", over, json_ids(p.at("overloaded_stations"), "station_id"));
    same("underloaded stations", under, json_ids(p.at("underloaded_stations"), "station_id"));
    require(over.size() == 3 && under.size() == 3, "overloaded {}, underloaded {}", over.size(),
            under.size());

    // Every community but the planted one holds a deputy's home or a station.
    std::set<std::string> empty;
    for (const Record& c : m_w.communities) {
        const PreparedPolygon area(m_geos, *c.metres);
        const bool has_home =
            std::any_of(homes.begin(), homes.end(), [&](const auto& h) { return area.contains(h.second); });
        const bool has_station = std::any_of(m_w.stations.begin(), m_w.stations.end(),
                                             [&](const Record& s) { return area.contains(s.point); });
        if (!has_home && !has_station) {
            empty.insert(c.text("community_id"));
        }
    }
    same("empty communities", empty, {p.at("empty_community").at("community_id").get<std::string>()});

    const Json& counts = p.at("counts");
    require(counts.at("deputy_rows").get<std::size_t>() == m_w.deputies.size() &&
                counts.at("valid_deputies").get<std::size_t>() == homes.size(),
            "planted.json: deputy counts disagree with the CSV");
}

void SampleChecker::check_sites() {
    const std::size_t count = m_w.sites.size();
    require(count >= 250 && count <= 350 && count == planted_count("candidate_sites"), "candidate sites: {}",
            count);
    const std::set<std::string> categories = {"community_service_centre", "school", "public_building"};
    std::set<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
        const Record& r = m_w.sites[i];
        const std::string id = r.text("site_id");
        require(id == fmt::format("P{:04}", i + 1), "candidate site {}: out of sequence", id);
        require(categories.count(r.text("category")) == 1, "candidate site {}: category {}", id,
                r.text("category"));
        require(!r.text("name").empty() && names.insert(r.text("name")).second,
                "candidate site {}: empty or repeated name", id);
        const Record* s = street(r.text("street_id"));
        require(s != nullptr && m_geos.contains(*s->metres, r.point),
                "candidate site {}: not inside street {}", id, r.text("street_id"));
    }
    const Json& counts = m_w.planted.at("counts");
    require(counts.at("streets").get<std::size_t>() == m_w.streets.size() &&
                counts.at("communities").get<std::size_t>() == m_w.communities.size() &&
                counts.at("grids").get<std::size_t>() == m_w.grids.size() &&
                counts.at("stations").at("total").get<std::size_t>() == m_w.stations.size(),
            "planted.json: counts disagree with the GeoPackage");
}

/// The synthetic roads: ids in order, known highway values, a river crossed by a
/// few bridges, lines within 50 m of the district.
void check_roads(const Geos& geos, const WrittenSample& w, Failures& failures) {
    failures.require(w.roads.size() >= 100, "roads: only {} ways", w.roads.size());
    const Geom district = geos.buffer(*w.district.front().metres, 50.0, 8);
    std::size_t bridges = 0, motorways = 0;
    for (std::size_t i = 0; i < w.roads.size(); ++i) {
        const Record& r = w.roads[i];
        const std::string id = r.text("road_id");
        failures.require(id == fmt::format("R{:04d}", i + 1), "roads: feature {} has id {}", i + 1, id);
        const std::string highway = r.text("highway");
        failures.require(highway == "primary" || highway == "residential" || highway == "motorway",
                         "road {}: unknown highway '{}'", id, highway);
        failures.require(!r.text("name").empty(), "road {}: no name", id);
        bridges += r.text("bridge") == "1" ? 1 : 0;
        motorways += highway == "motorway" ? 1 : 0;
        failures.require(geos.is_empty(*geos.difference(*r.metres, *district)), "road {}: leaves the district", id);
    }
    failures.require(bridges >= 1 && bridges <= 6, "roads: {} bridges, expected 1 to 6", bridges);
    failures.require(motorways == 1, "roads: {} expressways, expected 1", motorways);
}

}  // namespace

void verify_sample(const Geos& geos, const Projector& projector, const RawInputs& raw,
                   const std::filesystem::path& out_dir) {
    Failures failures;
    try {
        const WrittenSample written = read_written_sample(geos, projector, out_dir, failures);
        if (written.district.size() == 1) {
            SampleChecker checker(geos, projector, raw, written, failures);
            checker.check_areas();
            checker.check_stations();
            checker.check_deputies();
            checker.check_sites();
            check_roads(geos, written, failures);
        } else {
            failures.require(false, "district layer unreadable; later checks skipped");
        }
    } catch (const Json::exception& e) {
        failures.require(false, "{}: {}", kPlantedFile, e.what());
    }
    if (!failures.empty()) {
        throw std::runtime_error("verification of " + out_dir.string() + ": " + failures.report());
    }
}

}  // namespace stationplan::sample
