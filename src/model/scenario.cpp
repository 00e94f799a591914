// Reads scenario files (TOML, via toml++). Every key is checked: an unknown key or a
// value of the wrong type is an InputError that names the key, so a typo never
// silently falls back to a default.
#include <toml++/toml.h>

#include <cctype>
#include <cstdint>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "io/text_encoding.hpp"
#include "model/district.hpp"
#include "stationplan/error.hpp"
#include "stationplan/scenario.hpp"

#ifndef STATIONPLAN_SOURCE_DIR
#define STATIONPLAN_SOURCE_DIR "."
#endif

namespace stationplan {
namespace {

// The model fields each layer may map, with what they mean.
const std::map<std::string, std::set<std::string>>& layer_fields() {
    static const std::map<std::string, std::set<std::string>> fields{
        {"district", {"id", "name"}},
        {"streets", {"id", "name"}},
        {"communities", {"id", "name", "street"}},
        {"grids", {"id", "name", "street", "liaison"}},
        {"stations", {"id", "name", "kind", "street", "community", "sector", "capacity_min", "capacity_max", "status"}},
        {"deputies", {"id", "name", "level", "sector", "station", "industry_station", "address"}},
        {"candidates", {"id", "name", "category", "cost"}},
        {"exclusions", {"id", "name"}},
        {"gazetteer", {"id", "address", "road", "number", "building"}},
        {"roads", {"id", "name", "walkable"}},
    };
    return fields;
}

class Reader {
public:
    explicit Reader(std::filesystem::path file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& what, const toml::node* node = nullptr) const {
        std::string record = key;
        if (node && node->source().begin.line > 0) record += " (line " + std::to_string(node->source().begin.line) + ")";
        throw InputError({m_file.string(), {}, record, {}}, what);
    }

    void only_keys(const toml::table& table, const std::string& prefix, const std::set<std::string>& allowed) const {
        for (const auto& [k, v] : table) {
            const std::string key(k.str());
            if (!allowed.count(key)) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                fail(prefix + key, "unknown key; expected one of: " + list, &v);
            }
        }
    }

    const toml::table* table(const toml::table& parent, const std::string& name, const std::string& key) const {
        const toml::node* n = parent.get(name);
        if (!n) return nullptr;
        if (!n->is_table()) fail(key, "expected a table ([" + key + "])", n);
        return n->as_table();
    }

    std::optional<std::string> string(const toml::table& t, const std::string& name, const std::string& key) const {
        const toml::node* n = t.get(name);
        if (!n) return std::nullopt;
        if (!n->is_string()) fail(key, "expected a string", n);
        return n->value<std::string>();
    }

    std::optional<double> number(const toml::table& t, const std::string& name, const std::string& key) const {
        const toml::node* n = t.get(name);
        if (!n) return std::nullopt;
        if (!n->is_number()) fail(key, "expected a number", n);
        return n->value<double>();
    }

    std::optional<bool> boolean(const toml::table& t, const std::string& name, const std::string& key) const {
        const toml::node* n = t.get(name);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) fail(key, "expected true or false", n);
        return n->value<bool>();
    }

    std::optional<std::vector<std::string>> strings(const toml::table& t, const std::string& name,
                                                    const std::string& key) const {
        const toml::node* n = t.get(name);
        if (!n) return std::nullopt;
        if (!n->is_array()) fail(key, "expected a list of strings", n);
        std::vector<std::string> out;
        for (const auto& item : *n->as_array()) {
            if (!item.is_string()) fail(key, "expected a list of strings", &item);
            out.push_back(*item.value<std::string>());
        }
        return out;
    }

    std::filesystem::path resolve(const std::string& path) const {
        if (path.rfind("PG:", 0) == 0) return path;
        std::filesystem::path p(path);
        if (p.is_absolute()) return p;
        return (m_file.parent_path() / p).lexically_normal();
    }

    // coords = "wgs84" | "gcj02" | "bd09" | an EPSG code ("EPSG:4490" or 4490).
    // Returns "gcj02"/"bd09", "EPSG:<n>", or "" for WGS84 / not given.
    std::string coords(const toml::table& t, const std::string& layer_key) const {
        const std::string key = layer_key + ".coords";
        const toml::node* n = t.get("coords");
        if (!n) return {};
        if (n->is_integer()) {
            const auto code = *n->value<std::int64_t>();
            if (code <= 0) fail(key, "expected an EPSG code, got " + std::to_string(code), n);
            return "EPSG:" + std::to_string(code);
        }
        if (!n->is_string()) fail(key, "expected \"wgs84\", \"gcj02\", \"bd09\" or an EPSG code", n);
        std::string v = *n->value<std::string>();
        std::string low = v;
        std::transform(low.begin(), low.end(), low.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (low == "wgs84" || low == "wgs-84") return {};
        if (low == "gcj02" || low == "gcj-02") return "gcj02";
        if (low == "bd09" || low == "bd-09") return "bd09";
        if (low.rfind("epsg:", 0) == 0 && low.size() > 5 &&
            std::all_of(low.begin() + 5, low.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
            return "EPSG:" + low.substr(5);
        fail(key, "unknown coordinates '" + v + "'; expected \"wgs84\", \"gcj02\" (Amap, Tencent), \"bd09\" (Baidu) or an EPSG code such as \"EPSG:4490\"", n);
    }

    LayerSource layer(const toml::table& layers, const std::string& name) const {
        LayerSource src;
        src.key = "layers." + name;
        const toml::table* t = table(layers, name, src.key);
        if (!t) return src;
        only_keys(*t, src.key + ".", {"file", "layer", "crs", "coords", "encoding", "x", "y", "wkt", "fields"});
        const auto file = string(*t, "file", src.key + ".file");
        if (!file || file->empty()) fail(src.key + ".file", "missing: the file (or PG: connection) that holds this layer", t);
        src.file = resolve(*file);
        src.layer = string(*t, "layer", src.key + ".layer").value_or("");
        src.crs = string(*t, "crs", src.key + ".crs").value_or("");
        src.encoding = string(*t, "encoding", src.key + ".encoding").value_or("");
        if (t->get("encoding"))
            if (const std::string why = io::encoding_problem(src.encoding); !why.empty())
                fail(src.key + ".encoding", why, t->get("encoding"));
        src.coords = coords(*t, src.key);
        if (!src.coords.empty() && src.coords.rfind("EPSG:", 0) == 0) {
            if (!src.crs.empty() && src.crs != src.coords)
                fail(src.key + ".coords", "names EPSG code " + src.coords + " while " + src.key + ".crs says '" +
                                              src.crs + "': give one of them", t);
            src.crs = src.coords;
            src.coords.clear();
        }
        src.x_field = string(*t, "x", src.key + ".x").value_or("");
        src.y_field = string(*t, "y", src.key + ".y").value_or("");
        src.wkt_field = string(*t, "wkt", src.key + ".wkt").value_or("");
        if (src.x_field.empty() != src.y_field.empty())
            fail(src.key + (src.x_field.empty() ? ".x" : ".y"), "x and y go together: give both column names", t);
        if (!src.x_field.empty() && !src.wkt_field.empty())
            fail(src.key + ".wkt", "give either x/y columns or a WKT column, not both", t);
        if (const toml::table* f = table(*t, "fields", src.key + ".fields")) {
            only_keys(*f, src.key + ".fields.", layer_fields().at(name));
            for (const auto& [k, v] : *f) {
                const std::string key = src.key + ".fields." + std::string(k.str());
                if (!v.is_string() || v.value<std::string>()->empty()) fail(key, "expected a field name (a non-empty string)", &v);
                src.fields[std::string(k.str())] = *v.value<std::string>();
            }
        }
        return src;
    }

private:
    std::filesystem::path m_file;
};

StationKind parse_kind(const Reader& r, const std::string& text, const std::string& key) {
    if (text == "street") return StationKind::Street;
    if (text == "community") return StationKind::Community;
    if (text == "industry") return StationKind::Industry;
    r.fail(key, "unknown station kind '" + text + "'; expected street, community or industry");
}

RuleId parse_rule(const Reader& r, const std::string& text, const std::string& key) {
    static const std::map<std::string, RuleId> ids{{"R1", RuleId::R1}, {"R2", RuleId::R2}, {"R3", RuleId::R3},
                                                   {"R4", RuleId::R4}, {"R5", RuleId::R5}, {"R6", RuleId::R6},
                                                   {"R7", RuleId::R7}};
    auto it = ids.find(text);
    if (it == ids.end()) r.fail(key, "unknown rule '" + text + "'; expected R1 to R7");
    return it->second;
}

StationStatus parse_status(const Reader& r, const std::string& text, const std::string& key) {
    if (text == "fixed") return StationStatus::Fixed;
    if (text == "closable") return StationStatus::Closable;
    if (text == "movable") return StationStatus::Movable;
    r.fail(key, "unknown station status '" + text + "'; expected fixed, closable or movable");
}

void read_plan(const Reader& r, const toml::table& t, PlanSettings& p) {
    r.only_keys(t, "plan.", {"candidates_from", "lattice_spacing_m", "dedupe_m", "existing", "level_weights",
                             "new_capacity_min", "new_capacity_max", "time_limit_s"});
    if (auto from = r.strings(t, "candidates_from", "plan.candidates_from")) {
        p.candidates_from_layer = p.candidates_from_communities = p.candidates_from_grids = false;
        for (const auto& f : *from) {
            if (f == "layer") p.candidates_from_layer = true;
            else if (f == "communities") p.candidates_from_communities = true;
            else if (f == "grids") p.candidates_from_grids = true;
            else if (f == "lattice") continue;  // the lattice is on while lattice_spacing_m > 0
            else r.fail("plan.candidates_from", "unknown source '" + f + "'; expected layer, communities, grids or lattice");
        }
        if (std::find(from->begin(), from->end(), "lattice") == from->end()) p.lattice_spacing_m = 0.0;
    }
    if (auto v = r.number(t, "lattice_spacing_m", "plan.lattice_spacing_m")) {
        if (*v < 0 || (*v > 0 && *v < 10)) r.fail("plan.lattice_spacing_m", "expected 0 (no lattice) or at least 10 metres");
        p.lattice_spacing_m = *v;
    }
    if (auto v = r.number(t, "dedupe_m", "plan.dedupe_m")) {
        if (*v < 0) r.fail("plan.dedupe_m", "expected a non-negative distance in metres");
        p.dedupe_m = *v;
    }
    if (auto v = r.string(t, "existing", "plan.existing")) p.existing = parse_status(r, *v, "plan.existing");
    if (const toml::table* w = r.table(t, "level_weights", "plan.level_weights")) {
        static const char* levels[] = {"national", "provincial", "municipal", "district", "township"};
        r.only_keys(*w, "plan.level_weights.", {levels[0], levels[1], levels[2], levels[3], levels[4]});
        for (int i = 0; i < 5; ++i) {
            const std::string key = std::string("plan.level_weights.") + levels[i];
            if (auto v = r.number(*w, levels[i], key)) {
                if (*v < 0) r.fail(key, "expected a non-negative weight");
                p.level_weight[i] = *v;
            }
        }
    }
    auto whole = [&](const char* name, int& out) {
        const std::string key = std::string("plan.") + name;
        if (auto v = r.number(t, name, key)) {
            if (*v < 0 || *v != std::floor(*v)) r.fail(key, "expected a whole number of deputies");
            out = static_cast<int>(*v);
        }
    };
    whole("new_capacity_min", p.new_capacity_min);
    whole("new_capacity_max", p.new_capacity_max);
    if (p.new_capacity_min > p.new_capacity_max) r.fail("plan.new_capacity_min", "above plan.new_capacity_max");
    if (auto v = r.number(t, "time_limit_s", "plan.time_limit_s")) {
        if (*v <= 0) r.fail("plan.time_limit_s", "expected a positive number of seconds");
        p.time_limit_s = *v;
    }
}

// [vocab]: level, sector and kind tables of "the data's word" = "the model's word".
void read_vocab(const Reader& r, const toml::table& t, Vocabulary& v) {
    r.only_keys(t, "vocab.", {"kind", "level", "sector"});
    auto read = [&](const char* name, std::map<std::string, std::string>& out, const std::string& expected,
                    const std::function<std::string(const std::string&)>& canonical) {
        const std::string key = std::string("vocab.") + name;
        const toml::table* words = r.table(t, name, key);
        if (!words) return;
        for (const auto& [k, val] : *words) {
            const std::string from(k.str());
            const std::string entry = key + ".\"" + from + "\"";
            if (!val.is_string()) r.fail(entry, "expected a string: the " + std::string(name) + " this value means", &val);
            const std::string to = *val.value<std::string>();
            const std::string c = canonical(to);
            if (c.empty()) r.fail(entry, "'" + to + "' is not a known " + name + "; expected " + expected, &val);
            const std::string folded = model::fold_word(from);
            if (folded.empty()) r.fail(entry, "expected a non-blank word to map", &val);
            out[folded] = c;
        }
    };
    read("level", v.level, model::level_words(), [](const std::string& to) {
        const model::DeputyLevel l = model::parse_level(to);
        return l == model::DeputyLevel::Unknown ? std::string() : std::string(model::to_string(l));
    });
    read("sector", v.sector, model::sector_words(), [](const std::string& to) {
        const std::string c = model::canonical_sector(to);
        return model::is_known_sector(c) ? c : std::string();
    });
    read("kind", v.kind, "street, community or industry (or 街道, 社区, 行业)", [](const std::string& to) {
        const auto k = model::station_kind(to);
        return k ? std::string(to_string(*k)) : std::string();
    });
}

}  // namespace

Scenario load_scenario(const std::filesystem::path& file) {
    const Reader r(file);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) throw InputError({file.string(), {}, {}, {}}, "scenario file not found");
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        throw InputError({file.string(), {}, "line " + std::to_string(e.source().begin.line), {}},
                         "not valid TOML: " + std::string(e.description()));
    }
    r.only_keys(root, "", {"name", "title", "crs", "check", "plan", "network", "layers", "address", "vocab"});

    Scenario sc;
    sc.path = file;
    sc.name = r.string(root, "name", "name").value_or(file.stem().string());
    sc.title = r.string(root, "title", "title").value_or(sc.name);
    if (sc.name.empty() || sc.name.find_first_of("/\\") != std::string::npos || sc.name == "." || sc.name == "..")
        r.fail("name", "expected a plain name usable as a folder name", root.get("name"));

    if (const toml::table* crs = r.table(root, "crs", "crs")) {
        r.only_keys(*crs, "crs.", {"working"});
        sc.working_crs = r.string(*crs, "working", "crs.working").value_or(sc.working_crs);
    }

    if (const toml::table* chk = r.table(root, "check", "check")) {
        r.only_keys(*chk, "check.", {"radius_m", "counted_kinds", "rules", "topology_tolerance_m2", "circle_segments",
                                     "repair_invalid", "distance"});
        sc.radius_m = r.number(*chk, "radius_m", "check.radius_m").value_or(sc.radius_m);
        if (!(sc.radius_m > 0.0) || sc.radius_m > 100000.0)
            r.fail("check.radius_m", "expected a radius in metres between 0 and 100000", chk->get("radius_m"));
        if (auto kinds = r.strings(*chk, "counted_kinds", "check.counted_kinds")) {
            sc.counted_kinds.clear();
            for (const auto& k : *kinds) sc.counted_kinds.insert(parse_kind(r, k, "check.counted_kinds"));
            if (sc.counted_kinds.empty()) r.fail("check.counted_kinds", "name at least one station kind");
        }
        if (auto rules = r.strings(*chk, "rules", "check.rules")) {
            sc.rules.clear();
            for (const auto& k : *rules) sc.rules.insert(parse_rule(r, k, "check.rules"));
        }
        sc.topology_tolerance_m2 =
            r.number(*chk, "topology_tolerance_m2", "check.topology_tolerance_m2").value_or(sc.topology_tolerance_m2);
        if (sc.topology_tolerance_m2 < 0.0) r.fail("check.topology_tolerance_m2", "expected a non-negative area in m2");
        const double segs = r.number(*chk, "circle_segments", "check.circle_segments").value_or(sc.circle_segments);
        if (segs < 2 || segs > 256 || segs != static_cast<int>(segs))
            r.fail("check.circle_segments", "expected a whole number from 2 to 256");
        sc.circle_segments = static_cast<int>(segs);
        sc.repair_invalid = r.boolean(*chk, "repair_invalid", "check.repair_invalid").value_or(sc.repair_invalid);
        if (auto mode = r.string(*chk, "distance", "check.distance")) {
            if (auto parsed = parse_distance_mode(*mode)) sc.distance = *parsed;
            else r.fail("check.distance", "unknown distance '" + *mode + "'; expected euclidean or network", chk->get("distance"));
        }
    }

    if (const toml::table* plan = r.table(root, "plan", "plan")) read_plan(r, *plan, sc.plan);
    if (const toml::table* vocab = r.table(root, "vocab", "vocab")) read_vocab(r, *vocab, sc.vocab);
    if (const toml::table* net = r.table(root, "network", "network")) {
        r.only_keys(*net, "network.", {"snap_tolerance_m", "skip", "cutoff_m", "service_access_m"});
        if (auto v = r.number(*net, "snap_tolerance_m", "network.snap_tolerance_m")) {
            if (*v < 0 || *v > 100) r.fail("network.snap_tolerance_m", "expected a distance in metres from 0 to 100", net->get("snap_tolerance_m"));
            sc.network.snap_tolerance_m = *v;
        }
        if (auto v = r.strings(*net, "skip", "network.skip")) sc.network.skip_values = *v;
        if (auto v = r.number(*net, "cutoff_m", "network.cutoff_m")) {
            if (*v < 0) r.fail("network.cutoff_m", "expected a non-negative distance in metres (0: three times the radius)", net->get("cutoff_m"));
            sc.network.cutoff_m = *v;
        }
        if (auto v = r.number(*net, "service_access_m", "network.service_access_m")) {
            if (!(*v > 0)) r.fail("network.service_access_m", "expected a positive distance in metres", net->get("service_access_m"));
            sc.network.service_access_m = *v;
        }
    }

    const toml::table* layers = r.table(root, "layers", "layers");
    if (!layers) r.fail("layers", "missing: the [layers.*] tables that say where the data is");
    std::set<std::string> names;
    for (const auto& [name, _] : layer_fields()) names.insert(name);
    r.only_keys(*layers, "layers.", names);
    sc.district = r.layer(*layers, "district");
    sc.streets = r.layer(*layers, "streets");
    sc.communities = r.layer(*layers, "communities");
    sc.grids = r.layer(*layers, "grids");
    sc.stations = r.layer(*layers, "stations");
    sc.deputies = r.layer(*layers, "deputies");
    sc.candidates = r.layer(*layers, "candidates");
    sc.exclusions = r.layer(*layers, "exclusions");
    sc.gazetteer = r.layer(*layers, "gazetteer");
    if (const toml::table* a = r.table(root, "address", "address")) {
        r.only_keys(*a, "address.", {"min_confidence", "ambiguity_margin"});
        if (auto v = r.number(*a, "min_confidence", "address.min_confidence")) {
            if (!(*v > 0.0 && *v <= 1.0)) r.fail("address.min_confidence", "expected a number in (0, 1]", a->get("min_confidence"));
            sc.address_min_confidence = *v;
        }
        if (auto v = r.number(*a, "ambiguity_margin", "address.ambiguity_margin")) {
            if (!(*v >= 0.0 && *v < 1.0)) r.fail("address.ambiguity_margin", "expected a number in [0, 1)", a->get("ambiguity_margin"));
            sc.address_ambiguity_margin = *v;
        }
    }
    sc.roads = r.layer(*layers, "roads");
    if (sc.distance == DistanceMode::Network && !sc.roads.configured())
        r.fail("check.distance", "network distance needs a roads layer ([layers.roads])");
    for (const LayerSource* required : {&sc.streets, &sc.communities, &sc.grids, &sc.stations, &sc.deputies})
        if (!required->configured()) r.fail(required->key, "missing: this layer is required");
    return sc;
}

std::filesystem::path default_scenario_path() {
    return std::filesystem::path(STATIONPLAN_SOURCE_DIR) / "analysis" / "jinshui-baseline.toml";
}

}  // namespace stationplan
