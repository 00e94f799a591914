// Gazetteer, text-only deputies and their truth (see geocode_sample.hpp).
#include "geocode_sample.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include "seeded_random.hpp"

namespace stationplan::sample {

namespace {

constexpr std::size_t kExact = 14;
constexpr std::size_t kRewritten = 10;
constexpr std::size_t kMisspelled = 8;
constexpr std::size_t kAmbiguous = 5;
constexpr std::size_t kUnknown = 3;
/// Share of the other address points that get a neighbour at the same house
/// number (another building), as compounds have.
constexpr double kSiblingShare = 0.25;
constexpr const char* kCity = "郑州市金水区";

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') quoted += '"';
    }
    return quoted + "\"";
}

std::string csv_line(std::initializer_list<std::string> fields) {
    std::string line;
    for (const std::string& f : fields) line += (line.empty() ? "" : ",") + csv_field(f);
    return line + "\n";
}

/// "175" -> "１７５" (full-width digits, as typed with a Chinese input method).
std::string full_width(const std::string& digits) {
    std::string out;
    for (const char c : digits) {
        out += "\xEF\xBC";
        out += static_cast<char>(0x90 + (c - '0'));
    }
    return out;
}

/// 175 -> 一百七十五, 105 -> 一百零五, 10 -> 十, 28 -> 二十八 (1..999).
std::string chinese_number(int n) {
    static const char* const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    std::string out;
    const int h = n / 100, t = n / 10 % 10, u = n % 10;
    if (h) out += std::string(digit[h]) + "百";
    if (t) out += (t == 1 && !h ? std::string() : std::string(digit[t])) + "十";
    else if (h && u) out += "零";
    if (u) out += digit[u];
    return out;
}

struct Parsed {
    std::string street, road, number, building;
};

Parsed parse(const std::string& address) {
    static const std::regex pattern("^郑州市金水区(.+?街道)(.+?)([0-9]+)号([0-9]+)号楼$");
    std::smatch m;
    if (!std::regex_match(address, m, pattern)) throw std::runtime_error("geocoding: unexpected address '" + address + "'");
    return {m[1], m[2], m[3], m[4]};
}

std::string compose(const Parsed& p) {
    return fmt::format("{}{}{}{}号{}号楼", kCity, p.street, p.road, p.number, p.building);
}

}  // namespace

std::string_view to_string(AddressCase c) {
    switch (c) {
        case AddressCase::exact: return "exact";
        case AddressCase::rewritten: return "rewritten";
        case AddressCase::misspelled: return "misspelled";
        case AddressCase::ambiguous: return "ambiguous";
        case AddressCase::unknown: return "unknown";
    }
    throw std::logic_error("unknown AddressCase");
}

GeocodeSample build_geocode_sample(const Sample& sample) {
    SeededRandom rng(sample.seed, RandomStream::geocoding);
    GeocodeSample g;

    // One address point per deputy address (its intended location), in roster order.
    struct Point {
        Parsed parts;
        LonLat position;
    };
    std::vector<Point> points;
    std::map<std::string, std::size_t> by_address;
    std::vector<std::size_t> point_of(sample.deputies.size());
    std::set<std::string> roads;
    for (std::size_t i = 0; i < sample.deputies.size(); ++i) {
        const Deputy& d = sample.deputies[i];
        auto [it, fresh] = by_address.emplace(d.address, points.size());
        if (fresh) points.push_back({parse(d.address), d.position});
        point_of[i] = it->second;
        roads.insert(points[it->second].parts.road);
    }
    const std::size_t own_points = points.size();

    // The text-only deputies: rows that satisfy every rule and own their address.
    std::vector<std::size_t> pool;
    for (std::size_t i = 0; i < sample.deputies.size(); ++i) {
        if (sample.deputies[i].role == DeputyRole::normal && by_address.at(sample.deputies[i].address) == point_of[i] &&
            std::count(point_of.begin(), point_of.end(), point_of[i]) == 1)
            pool.push_back(i);
    }
    rng.shuffle(pool);
    const std::size_t total = kExact + kRewritten + kMisspelled + kAmbiguous + kUnknown;
    if (pool.size() < total) throw std::runtime_error("geocoding: too few deputies to choose from");
    pool.resize(total);

    std::set<std::size_t> forced_sibling;
    auto add_sibling = [&](std::size_t p) {
        Parsed s = points[p].parts;
        std::string building;
        do {
            building = std::to_string(rng.integer(1, 28));
        } while (building == s.building || by_address.count(compose({s.street, s.road, s.number, building})));
        s.building = building;
        const LonLat at{points[p].position.lon + rng.uniform(-0.0004, 0.0004),
                        points[p].position.lat + rng.uniform(-0.0004, 0.0004)};
        by_address.emplace(compose(s), points.size());
        points.push_back({s, at});
    };

    static const std::vector<std::string> typo_chars = {"东", "西", "南", "北", "中", "新", "华", "兴", "安", "和",
                                                        "平", "康", "宁", "文", "明", "光", "福", "瑞", "祥", "春"};
    for (std::size_t k = 0; k < pool.size(); ++k) {
        TextOnlyDeputy t;
        t.deputy = pool[k];
        const std::size_t p = point_of[t.deputy];
        const Parsed& a = points[p].parts;
        if (k < kExact) {
            t.kind = AddressCase::exact;
            t.written = sample.deputies[t.deputy].address;
        } else if (k < kExact + kRewritten) {
            t.kind = AddressCase::rewritten;
            switch ((k - kExact) % 4) {
                case 0:  // no city, full-width digits
                    t.written = a.street + a.road + full_width(a.number) + "号" + full_width(a.building) + "号楼";
                    break;
                case 1:  // Chinese numerals, 栋, unit and room
                    t.written = kCity + a.road + chinese_number(std::stoi(a.number)) + "号" + a.building + "栋" +
                                std::to_string(rng.integer(1, 4)) + "单元" + std::to_string(rng.integer(1, 18) * 100 + rng.integer(1, 4)) + "室";
                    break;
                case 2:  // province, 号院, an ideographic space
                    t.written = "河南省" + std::string(kCity) + a.street + "\xE3\x80\x80" + a.road + a.number + "号院" + a.building + "号楼";
                    break;
                default:  // the road alone, 幢
                    t.written = a.road + a.number + "号" + a.building + "幢";
                    break;
            }
        } else if (k < kExact + kRewritten + kMisspelled) {
            t.kind = AddressCase::misspelled;
            // One character of the road name replaced, giving a road that does not exist.
            std::string road;
            do {
                const std::size_t at = rng.index(2) * 3;  // the road's first or second character (3 UTF-8 bytes each)
                road = a.road;
                road.replace(at, 3, rng.pick(typo_chars));
            } while (roads.count(road));
            t.written = compose({a.street, road, a.number, a.building});
        } else if (k < kExact + kRewritten + kMisspelled + kAmbiguous) {
            t.kind = AddressCase::ambiguous;
            // No building given, and the house number has two buildings.
            forced_sibling.insert(p);
            t.written = fmt::format("{}{}{}{}号", kCity, a.street, a.road, a.number);
            t.should_match = false;
        } else {
            t.kind = AddressCase::unknown;
            // A house number the road does not have.
            t.written = compose({a.street, a.road, std::to_string(rng.integer(900, 999)), a.building});
            t.should_match = false;
        }
        g.text_only.push_back(std::move(t));
    }
    for (std::size_t p = 0; p < own_points; ++p) {
        const bool chosen = rng.chance(kSiblingShare);
        if (forced_sibling.count(p) || chosen) add_sibling(p);
    }
    // The planted row without coordinates has its address: a gazetteer finds it.
    for (std::size_t i = 0; i < sample.deputies.size(); ++i) {
        if (sample.deputies[i].role == DeputyRole::bad_empty_coordinates)
            g.text_only.push_back({i, AddressCase::exact, sample.deputies[i].address, {}, true});
    }
    std::sort(g.text_only.begin(), g.text_only.end(),
              [](const TextOnlyDeputy& a, const TextOnlyDeputy& b) { return a.deputy < b.deputy; });

    for (std::size_t p = 0; p < points.size(); ++p) {
        AddressPoint a;
        a.id = fmt::format("A{:04}", p + 1);
        a.address = compose(points[p].parts);
        a.road = points[p].parts.road;
        a.number = points[p].parts.number;
        a.building = points[p].parts.building;
        a.longitude_text = fmt::format("{:.{}f}", points[p].position.lon, kDeputyDecimals);
        a.latitude_text = fmt::format("{:.{}f}", points[p].position.lat, kDeputyDecimals);
        g.gazetteer.push_back(std::move(a));
    }
    for (TextOnlyDeputy& t : g.text_only) t.true_id = g.gazetteer[point_of[t.deputy]].id;
    return g;
}

void remove_geocode_outputs(const std::filesystem::path& out_dir) {
    for (const char* name : {kGazetteerFile, kGeocodeRosterFile, kGeocodeTruthFile}) std::filesystem::remove(out_dir / name);
}

void write_geocode_sample(const Sample& sample, const GeocodeSample& g, const std::filesystem::path& out_dir) {
    auto open = [&](const char* name) {
        std::ofstream out(out_dir / name, std::ios::binary);
        if (!out) throw std::runtime_error(fmt::format("{}: cannot create", (out_dir / name).string()));
        return out;
    };
    {
        std::ofstream out = open(kGazetteerFile);
        out << "地址编号,地址,道路,门牌号,楼号,经度,纬度\n";
        for (const AddressPoint& a : g.gazetteer)
            out << csv_line({a.id, a.address, a.road, a.number, a.building, a.longitude_text, a.latitude_text});
        if (!out.flush()) throw std::runtime_error("gazetteer: write failed");
    }
    {
        std::map<std::size_t, const TextOnlyDeputy*> text_only;
        for (const TextOnlyDeputy& t : g.text_only) text_only[t.deputy] = &t;
        std::ofstream out = open(kGeocodeRosterFile);
        out << "代表编号,姓名,层级,行业,联络站编号,行业联络站编号,地址,经度,纬度\n";
        for (std::size_t i = 0; i < sample.deputies.size(); ++i) {
            const Deputy& d = sample.deputies[i];
            const auto it = text_only.find(i);
            const bool text = it != text_only.end();
            out << csv_line({d.id, d.name, d.level, d.sector, d.station_id, d.industry_station_id,
                             text ? it->second->written : d.address, text ? std::string() : d.longitude_text,
                             text ? std::string() : d.latitude_text});
        }
        if (!out.flush()) throw std::runtime_error("geocoding roster: write failed");
    }
    {
        std::ofstream out = open(kGeocodeTruthFile);
        out << "deputy_id,case,written_address,true_address_id,expected\n";
        for (const TextOnlyDeputy& t : g.text_only)
            out << csv_line({sample.deputies[t.deputy].id, std::string(to_string(t.kind)), t.written, t.true_id,
                             t.should_match ? "match" : "review"});
        if (!out.flush()) throw std::runtime_error("geocoding truth: write failed");
    }
}

namespace {

/// Rows of a generated CSV; its fields never hold commas or quotes (checked).
std::vector<std::vector<std::string>> read_rows(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(fmt::format("{}: cannot read", file.string()));
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.find('"') != std::string::npos) throw std::runtime_error(fmt::format("{}: unexpected quote", file.string()));
        std::vector<std::string> cells(1);
        for (const char c : line) {
            if (c == ',') cells.emplace_back();
            else cells.back() += c;
        }
        rows.push_back(std::move(cells));
    }
    return rows;
}

}  // namespace

void verify_geocode_sample(const std::filesystem::path& out_dir) {
    std::vector<std::string> failures;
    const auto gazetteer = read_rows(out_dir / kGazetteerFile);
    const auto roster = read_rows(out_dir / kGeocodeRosterFile);
    const auto original = read_rows(out_dir / kDeputiesFile);
    const auto truth = read_rows(out_dir / kGeocodeTruthFile);
    std::set<std::string> ids, addresses;
    for (std::size_t i = 1; i < gazetteer.size(); ++i) {
        if (gazetteer[i].size() != 7) failures.push_back(fmt::format("gazetteer line {}: {} fields", i + 1, gazetteer[i].size()));
        else if (!ids.insert(gazetteer[i][0]).second || !addresses.insert(gazetteer[i][1]).second)
            failures.push_back(fmt::format("gazetteer line {}: id or address repeated", i + 1));
    }
    std::map<std::string, std::size_t> row_of;
    for (std::size_t i = 1; i < roster.size(); ++i) row_of[roster[i][0]] = i;
    std::size_t match = 0, review = 0;
    std::set<std::string> text_only;
    for (std::size_t i = 1; i < truth.size(); ++i) {
        const auto& t = truth[i];
        if (t.size() != 5 || !row_of.count(t[0]) || !ids.count(t[3])) {
            failures.push_back(fmt::format("truth line {}: unknown deputy or address point", i + 1));
            continue;
        }
        text_only.insert(t[0]);
        (t[4] == "match" ? match : review) += 1;
        const auto& row = roster[row_of[t[0]]];
        if (row[6] != t[2] || !row[7].empty() || !row[8].empty())
            failures.push_back(fmt::format("roster row of {}: not the text-only address of the truth", t[0]));
    }
    if (match != kExact + kRewritten + kMisspelled + 1 || review != kAmbiguous + kUnknown)
        failures.push_back(fmt::format("truth: {} to match and {} to review", match, review));
    if (roster.size() != original.size()) failures.push_back("the geocoding roster and the roster differ in length");
    for (std::size_t i = 1; i < std::min(roster.size(), original.size()); ++i) {
        if (!text_only.count(roster[i][0]) && roster[i] != original[i])
            failures.push_back(fmt::format("geocoding roster line {}: differs from the roster", i + 1));
    }
    if (!failures.empty()) {
        std::string all;
        for (const auto& f : failures) all += "\n  " + f;
        throw std::runtime_error("geocoding sample:" + all);
    }
}

}  // namespace stationplan::sample
