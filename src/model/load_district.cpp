#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <optional>
#include <map>
#include <set>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "io/numbers.hpp"
#include "io/vector_source.hpp"
#include "model/address_match.hpp"
#include "model/district.hpp"
#include "stationplan/error.hpp"

namespace stationplan::model {
namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string value(const io::SourceRecord& r, std::size_t i) { return r.values[i] ? trim(*r.values[i]) : std::string{}; }

// Reads a whole-number field (capacities). Accepts "5" and "5.0" (spreadsheets
// store integers as reals); anything else is an InputError naming the record.
std::optional<int> parse_int(const std::string& text, const InputLocation& where) {
    if (text.empty()) return std::nullopt;
    constexpr double kMax = 1000000;  // far above any station's capacity; keeps the cast defined
    const io::Number n = io::parse_decimal(text);
    if (!n.value || *n.value < 0 || *n.value > kMax || *n.value != std::floor(*n.value))
        throw InputError(where, "expected a whole number from 0 to 1000000, got '" + text + "'");
    return static_cast<int>(*n.value);
}

// The vocabulary mapping of the scenario ([vocab]) applied to one value.
const std::string& mapped(const std::map<std::string, std::string>& vocab, const std::string& text) {
    if (vocab.empty()) return text;
    auto it = vocab.find(fold_word(text));
    return it == vocab.end() ? text : it->second;
}

StationKind parse_kind(const std::string& text, const Vocabulary& vocab, const InputLocation& where) {
    if (auto k = station_kind(mapped(vocab.kind, text))) return *k;
    throw InputError(where, "unknown station kind '" + text +
                                "'; expected street, community or industry (or 街道, 社区, 行业), or map it with "
                                "[vocab] kind = { \"" + text + "\" = \"community\" }");
}

// Values outside a vocabulary, counted per distinct value: one warning each.
class UnknownWords {
public:
    struct Item {
        std::string value;
        std::string first;   // record where it first occurs
        std::size_t count = 0;
    };
    void add(const std::string& value, const std::string& record) {
        auto [it, fresh] = m_index.emplace(value, m_items.size());
        if (fresh) m_items.push_back({value, record, 0});
        ++m_items[it->second].count;
    }
    // Appends one warning per value in order of first occurrence; past kMaxValues,
    // one more warning sums up the rest.
    void warn(std::vector<std::string>& out, const std::string& prefix, const std::string& what_plural,
              const std::function<std::string(const Item&)>& say) const {
        constexpr std::size_t kMaxValues = 20;
        std::size_t rest_values = 0, rest_records = 0;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            if (i < kMaxValues) {
                out.push_back(prefix + say(m_items[i]));
            } else {
                ++rest_values;
                rest_records += m_items[i].count;
            }
        }
        if (rest_values)
            out.push_back(prefix + std::to_string(rest_values) + " more unknown values in " + std::to_string(rest_records) +
                          " " + what_plural);
    }

private:
    std::map<std::string, std::size_t> m_index;
    std::vector<Item> m_items;
};

std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string layer_prefix(const io::VectorSource& layer) {
    return layer.file_label() + ", layer " + layer.layer_name() + ": ";
}

void take_warnings(District& d, const io::VectorSource& layer) {
    d.warnings.insert(d.warnings.end(), layer.warnings().begin(), layer.warnings().end());
}

void warn_unknown_sectors(District& d, const io::VectorSource& layer, const UnknownWords& words, const char* one,
                          const char* many) {
    words.warn(d.warnings, layer_prefix(layer), many, [&](const UnknownWords::Item& w) {
        return "sector '" + w.value + "' is not one of the nine sectors (" + sector_words() + "): " +
               count_of(w.count, one, many) + " (first at " + w.first + ") " + (w.count == 1 ? "keeps" : "keep") +
               " it as written, and R6 looks for an industry station of that same sector; map it with "
               "[vocab] sector = { \"" + w.value + "\" = \"<sector>\" }";
    });
}

StationStatus parse_status(const std::string& text, StationStatus fallback, const InputLocation& where) {
    static const std::map<std::string, StationStatus> statuses{
        {"fixed", StationStatus::Fixed},       {"保留", StationStatus::Fixed},
        {"closable", StationStatus::Closable}, {"可撤", StationStatus::Closable}, {"可撤并", StationStatus::Closable},
        {"movable", StationStatus::Movable},   {"可迁", StationStatus::Movable},  {"可迁移", StationStatus::Movable},
    };
    if (text.empty()) return fallback;
    std::string key = text;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = statuses.find(key);
    if (it == statuses.end())
        throw InputError(where, "unknown station status '" + text + "'; expected fixed, closable or movable");
    return it->second;
}

// Shared reading of polygon layers (district, streets, communities, grids).
class AreaReader {
public:
    AreaReader(const Scenario& sc, District& d) : m_sc(sc), m_d(d) {}

    // street_ids: when given, every area's street must be one of them.
    std::vector<Area> read(const LayerSource& src, const std::string& what, bool needs_street, bool has_liaison,
                           const std::map<std::string, std::size_t>* street_ids = nullptr) {
        io::VectorSource layer(src, what);
        layer.set_target_crs(m_d.crs);
        std::vector<io::FieldRequest> fields{{"id", true}, {"name", false}};
        if (needs_street) fields.push_back({"street", true});
        if (has_liaison) fields.push_back({"liaison", false});
        std::vector<Area> out;
        std::unordered_map<std::string, std::string> seen;
        layer.for_each(fields, [&](const io::SourceRecord& r) {
            const InputLocation where{layer.file_label(), layer.layer_name(), r.label, {}};
            Area a;
            a.id = value(r, 0);
            a.name = value(r, 1);
            a.source = r.label;
            if (a.id.empty()) throw InputError({where.file, where.layer, where.record, field_name(src, "id")}, "empty id");
            if (auto [it, fresh] = seen.emplace(a.id, r.label); !fresh)
                throw InputError({where.file, where.layer, where.record, field_name(src, "id")},
                                 "duplicate id '" + a.id + "' (also at " + it->second + ")");
            if (needs_street) {
                a.street_id = value(r, 2);
                if (a.street_id.empty())
                    throw InputError({where.file, where.layer, where.record, field_name(src, "street")}, "empty street id");
                if (street_ids && !street_ids->count(a.street_id))
                    throw InputError({where.file, where.layer, where.record, field_name(src, "street")},
                                     "'" + a.id + "' names street '" + a.street_id +
                                         "', which is not in the streets layer");
            }
            if (has_liaison) a.liaison = value(r, fields.size() - 1);
            if (!r.problem.empty()) throw InputError(where, r.problem);
            if (r.kind != io::GeometryKind::Other) throw InputError(where, "expected a polygon, got a point");
            a.geometry = geom::Geometry::from_wkb(r.wkb);
            if (!a.geometry.is_polygonal())
                throw InputError(where, "expected a polygon, got a " + a.geometry.type_name());
            if (const std::string why = a.geometry.invalid_reason(); !why.empty()) {
                if (!m_sc.repair_invalid)
                    throw InputError(where, "invalid polygon: " + why + " (set check.repair_invalid = true to repair it)");
                a.geometry = geom::make_valid_polygonal(a.geometry);
                m_d.warnings.push_back(describe(where) + " (" + what + " '" + a.id + "'): invalid polygon (" + why +
                                       ") repaired with make-valid");
            }
            if (a.geometry.area_m2() <= 0.0) throw InputError(where, "the polygon has no area");
            out.push_back(std::move(a));
        });
        if (out.empty()) throw InputError({layer.file_label(), layer.layer_name(), {}, {}}, "the " + what + " layer has no features");
        take_warnings(m_d, layer);
        return out;
    }

    static std::string field_name(const LayerSource& src, const std::string& model_field) {
        auto it = src.fields.find(model_field);
        return it == src.fields.end() ? model_field : it->second;
    }

private:
    const Scenario& m_sc;
    District& m_d;
};

io::Crs working_crs(const Scenario& sc) {
    std::string text = sc.working_crs;
    if (text.empty() || text == "auto") {
        const LayerSource& ref = sc.district.configured() ? sc.district : sc.streets;
        io::VectorSource layer(ref, "reference");
        text = io::auto_working_crs(layer.center_lonlat());
    }
    io::Crs crs;
    try {
        crs = io::Crs::from_user_input(text);
    } catch (const std::invalid_argument& e) {
        throw InputError({sc.path.string(), {}, "crs.working", {}}, e.what());
    }
    if (!crs.is_projected())
        throw InputError({sc.path.string(), {}, "crs.working", {}},
                         crs.label() + " is not a projected CRS; distances need metres (e.g. \"EPSG:4547\")");
    return crs;
}

void load_stations(const Scenario& sc, District& d) {
    io::VectorSource layer(sc.stations, "stations");
    layer.set_target_crs(d.crs);
    const std::vector<io::FieldRequest> fields{{"id", true},     {"name", false},   {"kind", true},
                                               {"street", false}, {"community", false}, {"sector", false},
                                               {"capacity_min", false}, {"capacity_max", false}, {"status", false}};
    std::unordered_map<std::string, std::string> seen;
    bool defaulted_capacity = false;
    UnknownWords unknown_sectors;
    layer.for_each(fields, [&](const io::SourceRecord& r) {
        const InputLocation where{layer.file_label(), layer.layer_name(), r.label, {}};
        auto at = [&](const std::string& f) {
            return InputLocation{where.file, where.layer, where.record, AreaReader::field_name(sc.stations, f)};
        };
        Station s;
        s.id = value(r, 0);
        s.name = value(r, 1);
        s.source = r.label;
        if (s.id.empty()) throw InputError(at("id"), "empty id");
        if (auto [it, fresh] = seen.emplace(s.id, r.label); !fresh)
            throw InputError(at("id"), "duplicate id '" + s.id + "' (also at " + it->second + ")");
        s.kind = parse_kind(value(r, 2), sc.vocab, at("kind"));
        s.street_id = value(r, 3);
        s.community_id = value(r, 4);
        s.sector = canonical_sector(mapped(sc.vocab.sector, value(r, 5)));
        if (!s.sector.empty() && !is_known_sector(s.sector)) unknown_sectors.add(s.sector, r.label);
        s.capacity_min = parse_int(value(r, 6), at("capacity_min"));
        s.capacity_max = parse_int(value(r, 7), at("capacity_max"));
        s.status = parse_status(value(r, 8), sc.plan.existing, at("status"));
        if (s.kind == StationKind::Community) {
            // The domain's rule: one community station per 3 to 5 deputies.
            if (!s.capacity_min || !s.capacity_max) defaulted_capacity = true;
            if (!s.capacity_min) s.capacity_min = 3;
            if (!s.capacity_max) s.capacity_max = 5;
            if (*s.capacity_min > *s.capacity_max)
                throw InputError(at("capacity_min"), "capacity_min " + std::to_string(*s.capacity_min) +
                                                         " is above capacity_max " + std::to_string(*s.capacity_max));
        }
        if (s.kind == StationKind::Industry && s.sector.empty()) throw InputError(at("sector"), "an industry station needs a sector");
        if (!r.problem.empty()) throw InputError(where, r.problem);
        if (r.kind != io::GeometryKind::Point) throw InputError(where, "expected a point");
        s.position = r.point;
        d.stations.push_back(std::move(s));
    });
    if (d.stations.empty()) throw InputError({layer.file_label(), layer.layer_name(), {}, {}}, "the stations layer has no features");
    take_warnings(d, layer);
    warn_unknown_sectors(d, layer, unknown_sectors, "station", "stations");
    if (defaulted_capacity)
        d.warnings.push_back(layer.file_label() + ", layer " + layer.layer_name() +
                             ": some community stations have no capacity; 3 to 5 deputies assumed");
}

// The gazetteer's address points; an entry without a usable point or address is a reject.
std::optional<AddressMatcher> load_gazetteer(const Scenario& sc, District& d) {
    if (!sc.gazetteer.configured()) return std::nullopt;
    io::VectorSource layer(sc.gazetteer, "gazetteer");
    layer.set_target_crs(d.crs);
    const bool has_full = sc.gazetteer.fields.count("address") > 0 || !sc.gazetteer.fields.count("road");
    std::vector<GazetteerEntry> entries;
    std::unordered_map<std::string, std::string> seen;
    layer.for_each({{"id", true}, {"address", has_full}, {"road", !has_full}, {"number", !has_full}, {"building", false}},
                   [&](const io::SourceRecord& r) {
        auto reject = [&](const std::string& why) { d.rejects.push_back({layer.file_label(), layer.layer_name(), r.label, why}); };
        GazetteerEntry e;
        e.id = value(r, 0);
        e.source = r.label;
        if (e.id.empty()) return reject("empty gazetteer id");
        if (auto [it, fresh] = seen.emplace(e.id, r.label); !fresh)
            throw InputError({layer.file_label(), layer.layer_name(), r.label, AreaReader::field_name(sc.gazetteer, "id")},
                             "duplicate gazetteer id '" + e.id + "' (also at " + it->second + ")");
        e.address = value(r, 1);
        if (e.address.empty() && !value(r, 2).empty()) {
            // Road and house-number fields: "春兆街" + "175" -> "春兆街175号" (+ "10号楼").
            std::string number = value(r, 3), building = value(r, 4);
            if (!number.empty() && std::isdigit(static_cast<unsigned char>(number.back()))) number += "号";
            if (!building.empty() && std::isdigit(static_cast<unsigned char>(building.back()))) building += "号楼";
            e.address = value(r, 2) + number + building;
        }
        if (e.address.empty()) return reject("gazetteer entry '" + e.id + "': no address");
        if (!r.problem.empty()) return reject("gazetteer entry '" + e.id + "': " + r.problem);
        if (r.kind != io::GeometryKind::Point) return reject("gazetteer entry '" + e.id + "': expected a point");
        e.position = r.point;
        entries.push_back(std::move(e));
    });
    d.gazetteer_entries = entries.size();
    take_warnings(d, layer);
    if (entries.empty()) throw InputError({layer.file_label(), layer.layer_name(), {}, {}}, "the gazetteer has no usable entries");
    // The district layer's name (金水区) tells which district the gazetteer covers when its entries name none.
    std::vector<std::string> districts;
    if (d.outline && !d.outline->name.empty()) districts.push_back(d.outline->name);
    return AddressMatcher(std::move(entries), {sc.address_min_confidence, sc.address_ambiguity_margin, std::move(districts)});
}

void load_deputies(const Scenario& sc, District& d, const std::function<void(double)>& progress) {
    const std::optional<AddressMatcher> gazetteer = load_gazetteer(sc, d);
    io::VectorSource layer(sc.deputies, "deputies");
    layer.set_target_crs(d.crs);
    const std::vector<io::FieldRequest> fields{{"id", true},      {"name", false},             {"level", false},
                                               {"sector", false}, {"station", false}, {"industry_station", false},
                                               {"address", false}};
    const auto expected = layer.feature_count_if_cheap();
    if (expected) d.deputies.reserve(*expected);
    UnknownWords unknown_levels, unknown_sectors;
    const std::size_t step = expected && progress ? std::max<std::size_t>(*expected / 100, 1) : 0;
    layer.for_each(fields, [&](const io::SourceRecord& r) {
        ++d.deputy_records;
        if (step && d.deputy_records % step == 0)
            progress(std::min(1.0, static_cast<double>(d.deputy_records) / static_cast<double>(*expected)));
        auto reject = [&](const std::string& why) {
            d.rejects.push_back({layer.file_label(), layer.layer_name(), r.label, why});
        };
        Deputy p;
        p.id = value(r, 0);
        p.source = r.label;
        if (p.id.empty()) return reject("empty deputy id");
        p.address = value(r, 6);
        std::optional<XY> matched;
        if (r.no_location && gazetteer) {
            if (p.address.empty()) return reject("deputy '" + p.id + "': neither coordinates nor an address");
            const Match m = gazetteer->match(p.address);
            if (!m.accepted()) {
                ReviewItem item{p.id, value(r, 1), p.address, normalize_address(p.address).describe(), r.label, m.reason, {}};
                for (const Candidate& c : m.candidates)
                    item.candidates.push_back({gazetteer->entries()[c.entry].id, gazetteer->entries()[c.entry].address, c.score});
                d.review.push_back(std::move(item));
                return;
            }
            p.match_method = to_string(m.method);
            p.match_confidence = m.confidence;
            p.gazetteer_id = gazetteer->entries()[m.entry].id;
            matched = gazetteer->entries()[m.entry].position;
        } else {
            if (!r.problem.empty()) return reject("deputy '" + p.id + "': " + r.problem);
            if (r.kind != io::GeometryKind::Point) return reject("deputy '" + p.id + "': expected a point location");
        }
        p.name = value(r, 1);
        p.level_text = value(r, 2);
        p.level = parse_level(mapped(sc.vocab.level, p.level_text));
        if (p.level == DeputyLevel::Unknown && !p.level_text.empty()) unknown_levels.add(p.level_text, r.label);
        p.sector = canonical_sector(mapped(sc.vocab.sector, value(r, 3)));
        if (!p.sector.empty() && !is_known_sector(p.sector)) unknown_sectors.add(p.sector, r.label);
        p.station_id = value(r, 4);
        p.industry_station_id = value(r, 5);
        p.position = matched ? *matched : r.point;
        d.deputies.push_back(std::move(p));
    });
    if (d.deputy_records == 0) throw InputError({layer.file_label(), layer.layer_name(), {}, {}}, "the deputies layer has no records");
    take_warnings(d, layer);
    unknown_levels.warn(d.warnings, layer_prefix(layer), "deputies", [&](const UnknownWords::Item& w) {
        return "level '" + w.value + "' is not a known level (" + level_words() + "): " +
               count_of(w.count, "deputy", "deputies") + " (first at " + w.first + ") " +
               (w.count == 1 ? "counts" : "count") + " as level unknown, which weighs 1 in MCLP; map it with [vocab] level = { \"" + w.value +
               "\" = \"<level>\" }";
    });
    warn_unknown_sectors(d, layer, unknown_sectors, "deputy", "deputies");
    // Duplicate ids, found by sorting (a hash map of a million strings costs more).
    std::vector<std::size_t> order(d.deputies.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(d.deputies[a].id, a) < std::tie(d.deputies[b].id, b);
    });
    for (std::size_t k = 1; k < order.size(); ++k) {
        const Deputy& first = d.deputies[order[k - 1]];
        const Deputy& again = d.deputies[order[k]];
        if (first.id == again.id)
            throw InputError({layer.file_label(), layer.layer_name(), again.source, AreaReader::field_name(sc.deputies, "id")},
                             "duplicate deputy id '" + again.id + "' (also at " + first.source + ")");
    }
}

void load_candidates(const Scenario& sc, District& d) {
    io::VectorSource layer(sc.candidates, "candidates");
    layer.set_target_crs(d.crs);
    std::unordered_map<std::string, std::string> seen;
    layer.for_each({{"id", true}, {"name", false}, {"category", false}, {"cost", false}}, [&](const io::SourceRecord& r) {
        auto reject = [&](const std::string& why) { d.rejects.push_back({layer.file_label(), layer.layer_name(), r.label, why}); };
        CandidateSite c;
        c.id = value(r, 0);
        c.name = value(r, 1);
        c.category = value(r, 2);
        c.source = r.label;
        if (c.id.empty()) return reject("empty candidate site id");
        if (auto [it, fresh] = seen.emplace(c.id, r.label); !fresh)
            throw InputError({layer.file_label(), layer.layer_name(), r.label, AreaReader::field_name(sc.candidates, "id")},
                             "duplicate candidate site id '" + c.id + "' (also at " + it->second + ")");
        if (const std::string cost = value(r, 3); !cost.empty()) {
            const io::Number n = io::parse_decimal(cost);
            c.cost = n.value.value_or(-1.0);
            if (!(c.cost >= 0))
                throw InputError({layer.file_label(), layer.layer_name(), r.label, AreaReader::field_name(sc.candidates, "cost")},
                                 "expected a non-negative cost, got '" + cost + "'");
        }
        if (!r.problem.empty()) return reject("candidate site '" + c.id + "': " + r.problem);
        if (r.kind != io::GeometryKind::Point) return reject("candidate site '" + c.id + "': expected a point");
        c.position = r.point;
        d.candidates.push_back(std::move(c));
    });
    take_warnings(d, layer);
}

// Roads for walking distance: lines only; a way whose `walkable` value is one of
// network.skip_values (e.g. motorway) is listed in rejects as not walkable.
void load_roads(const Scenario& sc, District& d) {
    io::VectorSource layer(sc.roads, "roads");
    layer.set_target_crs(d.crs);
    std::set<std::string> skip;
    auto fold = [](std::string t) {
        t = trim(t);
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return t;
    };
    for (const auto& v : sc.network.skip_values) skip.insert(fold(v));
    const std::string walkable_field = AreaReader::field_name(sc.roads, "walkable");
    layer.for_each({{"id", false}, {"name", false}, {"walkable", false}}, [&](const io::SourceRecord& r) {
        ++d.road_records;
        auto reject = [&](const std::string& why) { d.rejects.push_back({layer.file_label(), layer.layer_name(), r.label, why}); };
        Road road;
        road.id = value(r, 0).empty() ? r.label : value(r, 0);
        road.name = value(r, 1);
        road.source = r.label;
        if (const std::string w = value(r, 2); !w.empty() && skip.count(fold(w)))
            return reject("road '" + road.id + "': not walkable (" + walkable_field + " = " + w + ")");
        if (!r.problem.empty()) return reject("road '" + road.id + "': " + r.problem);
        if (r.kind != io::GeometryKind::Other) return reject("road '" + road.id + "': expected a line");
        road.lines = geom::line_parts(geom::Geometry::from_wkb(r.wkb));
        if (road.lines.empty()) return reject("road '" + road.id + "': expected a line, got no line geometry");
        d.roads.push_back(std::move(road));
    });
    take_warnings(d, layer);
    if (d.roads.empty())
        throw InputError({layer.file_label(), layer.layer_name(), {}, {}}, "no walkable road: network distance needs at least one line");
}

}  // namespace

District load_district(const Scenario& sc, const std::function<void(double)>& progress) {
    District d;
    d.crs = working_crs(sc);
    AreaReader areas(sc, d);
    if (sc.district.configured()) {
        auto parts = areas.read(sc.district, "district", false, false);
        std::vector<geom::Geometry> geoms;
        for (auto& p : parts) geoms.push_back(std::move(p.geometry));
        Area outline;
        outline.id = parts.front().id;
        outline.name = parts.front().name;
        outline.source = "district layer";
        outline.geometry = geom::unary_union(std::move(geoms));
        d.outline = std::move(outline);
        d.outline_from_layer = true;
    }
    d.streets = areas.read(sc.streets, "streets", false, false);
    std::map<std::string, std::size_t> street_index;
    for (std::size_t i = 0; i < d.streets.size(); ++i) street_index[d.streets[i].id] = i;
    d.communities = areas.read(sc.communities, "communities", true, false, &street_index);
    d.grids = areas.read(sc.grids, "grids", true, true, &street_index);
    if (!d.outline) {
        std::vector<geom::Geometry> geoms;
        for (const auto& s : d.streets) geoms.push_back(s.geometry.clone());
        Area outline;
        outline.id = "district";
        outline.source = "union of the streets";
        outline.geometry = geom::unary_union(std::move(geoms));
        d.outline = std::move(outline);
    }
    load_stations(sc, d);
    load_deputies(sc, d, progress);
    if (sc.candidates.configured()) load_candidates(sc, d);
    if (sc.exclusions.configured()) d.exclusions = areas.read(sc.exclusions, "exclusions", false, false);
    if (sc.distance == DistanceMode::Network) {
        if (!sc.roads.configured())
            throw InputError({sc.path.string(), {}, "check.distance", {}}, "network distance needs a roads layer ([layers.roads])");
        load_roads(sc, d);
    }
    return d;
}

std::string fold_word(const std::string& raw) {
    std::string key = trim(raw);
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return key;
}

namespace {

const std::vector<std::string>& nine_sectors() {
    static const std::vector<std::string> sectors{"科技创新", "教育",     "文化传媒",   "医疗卫生",  "法律",
                                                  "城市管理", "社会工作", "新经济组织", "新社会组织"};
    return sectors;
}

}  // namespace

std::string canonical_sector(const std::string& raw) {
    static const std::map<std::string, std::string> aliases{
        {"科技创新", "科技创新"}, {"tech", "科技创新"}, {"tech_innovation", "科技创新"}, {"technology", "科技创新"},
        {"教育", "教育"}, {"education", "教育"},
        {"文化传媒", "文化传媒"}, {"culture_media", "文化传媒"}, {"culture and media", "文化传媒"}, {"culture", "文化传媒"},
        {"医疗卫生", "医疗卫生"}, {"health", "医疗卫生"},
        {"法律", "法律"}, {"law", "法律"},
        {"城市管理", "城市管理"}, {"urban_management", "城市管理"}, {"urban management", "城市管理"},
        {"社会工作", "社会工作"}, {"social_work", "社会工作"}, {"social work", "社会工作"},
        {"新经济组织", "新经济组织"}, {"new_economic", "新经济组织"}, {"new economic organisations", "新经济组织"},
        {"新社会组织", "新社会组织"}, {"new_social", "新社会组织"}, {"new social organisations", "新社会组织"},
    };
    auto it = aliases.find(fold_word(raw));
    return it == aliases.end() ? trim(raw) : it->second;
}

bool is_known_sector(const std::string& canonical) {
    const auto& all = nine_sectors();
    return std::find(all.begin(), all.end(), canonical) != all.end();
}

std::string sector_words() {
    std::string out;
    for (const auto& s : nine_sectors()) out += (out.empty() ? "" : ", ") + s;
    return out;
}

DeputyLevel parse_level(const std::string& raw) {
    static const std::map<std::string, DeputyLevel> levels{
        {"national", DeputyLevel::National},     {"全国", DeputyLevel::National},   {"全国人大", DeputyLevel::National},
        {"全国人大代表", DeputyLevel::National}, {"国家级", DeputyLevel::National},
        {"provincial", DeputyLevel::Provincial}, {"省", DeputyLevel::Provincial},   {"省级", DeputyLevel::Provincial},
        {"省人大", DeputyLevel::Provincial},     {"省人大代表", DeputyLevel::Provincial},
        {"municipal", DeputyLevel::Municipal},   {"市", DeputyLevel::Municipal},    {"市级", DeputyLevel::Municipal},
        {"市人大", DeputyLevel::Municipal},      {"市人大代表", DeputyLevel::Municipal},
        // The fourth level: districts and counties (区, 县, 县级).
        {"district", DeputyLevel::District},     {"区", DeputyLevel::District},     {"区级", DeputyLevel::District},
        {"区人大", DeputyLevel::District},       {"区人大代表", DeputyLevel::District},
        {"县", DeputyLevel::District},           {"县级", DeputyLevel::District},   {"县人大", DeputyLevel::District},
        {"县人大代表", DeputyLevel::District},
        {"township", DeputyLevel::Township},     {"乡镇", DeputyLevel::Township},   {"乡", DeputyLevel::Township},
        {"镇", DeputyLevel::Township},           {"乡级", DeputyLevel::Township},   {"镇级", DeputyLevel::Township},
        {"乡镇级", DeputyLevel::Township},       {"乡镇人大", DeputyLevel::Township},
        {"乡镇人大代表", DeputyLevel::Township}, {"乡人大代表", DeputyLevel::Township},
        {"镇人大代表", DeputyLevel::Township},
    };
    auto it = levels.find(fold_word(raw));
    return it == levels.end() ? DeputyLevel::Unknown : it->second;
}

std::string level_words() {
    return "national, provincial, municipal, district, township (or 全国, 省, 市, 区, 乡镇)";
}

const char* to_string(DeputyLevel level) {
    switch (level) {
        case DeputyLevel::National: return "national";
        case DeputyLevel::Provincial: return "provincial";
        case DeputyLevel::Municipal: return "municipal";
        case DeputyLevel::District: return "district";
        case DeputyLevel::Township: return "township";
        case DeputyLevel::Unknown: return "unknown";
    }
    return "unknown";
}

std::optional<StationKind> station_kind(const std::string& text) {
    static const std::map<std::string, StationKind> kinds{
        {"street", StationKind::Street},       {"街道", StationKind::Street},
        {"街道站", StationKind::Street},        {"街道代表联络站", StationKind::Street},
        {"community", StationKind::Community}, {"社区", StationKind::Community},
        {"社区站", StationKind::Community},     {"社区联络站", StationKind::Community},
        {"industry", StationKind::Industry},   {"行业", StationKind::Industry},
        {"行业站", StationKind::Industry},      {"行业联络站", StationKind::Industry},
    };
    auto it = kinds.find(fold_word(text));
    if (it == kinds.end()) return std::nullopt;
    return it->second;
}

}  // namespace stationplan::model
