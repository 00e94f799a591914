// The adversarial address set (see address_set.hpp).
#include "address_set.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace stationplan::test {
namespace {

// ---- text by character ---------------------------------------------------------

std::u32string chars(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string utf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// 187 -> 一百八十七, 105 -> 一百零五, 10 -> 十, 1000+ digit by digit.
std::string chinese_number(int n) {
    static const char* const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n >= 1000) {
        std::string out;
        for (char c : std::to_string(n)) out += digit[c - '0'];
        return out;
    }
    std::string out;
    const int h = n / 100, t = n / 10 % 10, u = n % 10;
    if (h) out += std::string(digit[h]) + "百";
    if (t) out += (t == 1 && !h ? std::string() : std::string(digit[t])) + "十";
    else if (h && u) out += "零";
    if (u || n == 0) out += digit[u];
    return out;
}

std::string full_width_digits(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            out += "\xEF\xBC";
            out += static_cast<char>(0x90 + (c - '0'));
        } else {
            out += c;
        }
    }
    return out;
}

// ---- seeded choices (the same on every platform) --------------------------------

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_engine(seed) {}
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(m_engine() % n); }
    int integer(int lo, int hi) { return lo + static_cast<int>(index(static_cast<std::size_t>(hi - lo + 1))); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform(0.0, 1.0) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[index(v.size())]; }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[index(i)]);
    }

private:
    std::mt19937_64 m_engine;
};

// ---- the district -----------------------------------------------------------------

const std::vector<std::string> kStreets = {"林山寨街道", "建设路街道", "棉纺路街道", "秦岭路街道", "桐柏路街道", "三官庙街道",
                                           "绿东村街道", "汝河路街道", "航海西路街道", "中原西路街道", "须水街道", "莲湖街道"};
constexpr const char* kCity = "郑州市";
constexpr const char* kDistrict = "中原区";

// Roads of the district: twins by direction, neighbours by one character, numerals in names.
const std::vector<std::string> kRoads = {
    "建设西路", "建设东路", "中原西路", "中原中路", "中原东路", "陇海西路", "陇海中路", "航海西路", "航海中路", "嵩山南路",
    "嵩山北路", "桐柏南路", "桐柏北路", "伏牛南路", "伏牛北路", "工人路",   "工人南路", "淮河西路", "淮河东路", "秦岭路",
    "冉屯路",   "冉屯北路", "华山路",   "汝河路",   "颍河路",   "伊河路",   "百花路",   "一马路",   "二马路",   "三马路",
    "棉纺路",   "棉纺西路", "互助路",   "友爱路",   "协作路",   "电厂路",   "须水河路", "须水河西路", "西站路", "化工路",
    "文化宫路", "绿东村路", "秀水路",   "莲湖路",   "科学大道", "西三环路", "西四环路", "五龙口路", "十里铺街", "七里河路",
    "三官庙街", "长江西路", "桃源南路", "锦绣北路"};
// Names with numerals in them: the habits "numeral_name" and "arabic_in_name" use them.
const std::vector<std::string> kNumeralRoads = {"百花路", "一马路", "二马路", "三马路", "西三环路", "西四环路",
                                                "五龙口路", "十里铺街", "七里河路", "三官庙街"};
// Written with an Arabic digit by some: 2马路, 西3环路.
const std::vector<std::pair<std::string, std::string>> kArabicNames = {
    {"一马路", "1马路"}, {"二马路", "2马路"}, {"三马路", "3马路"}, {"西三环路", "西3环路"}, {"西四环路", "西4环路"}};

const std::vector<std::string> kCompounds = {
    "保利百合小区", "国棉一厂家属院", "国棉三厂家属院", "国棉四厂家属院", "国棉五厂家属院", "国棉六厂家属院", "三官庙小区",
    "百花园小区",   "碧沙岗小区",     "绿城百合公寓",   "建业五月花",     "正商城",         "锦艺城",         "万科城",
    "二砂家属院",   "电缆厂家属院",   "桐柏花园",       "帝湖花园",       "升龙城",         "中原新城",       "秀水花园",
    "西流湖小区",   "五龙新城",       "汇港新城",       "常青藤小区",     "华山小区",       "文化宫小区",     "棉纺新村",
    "三毛家属院",   "煤机厂家属院"};
const std::vector<std::string> kNumeralCompounds = {"保利百合小区", "国棉一厂家属院", "国棉三厂家属院", "国棉四厂家属院",
                                                    "国棉五厂家属院", "国棉六厂家属院", "三官庙小区", "百花园小区",
                                                    "绿城百合公寓", "建业五月花", "二砂家属院", "五龙新城", "三毛家属院"};
const std::vector<std::string> kGeneric = {"家属院", "小区"};

// Characters for generated road and compound names, and for typos.
const std::vector<std::string> kNameChars = {"红", "松", "石", "楠", "雪", "银", "杏", "梧", "桐", "桃", "柳", "林",
                                             "椿", "锦", "绣", "祥", "云", "新", "华", "光", "明", "幸", "福", "和",
                                             "平", "友", "谊", "团", "结", "利", "民", "安", "居", "康", "宁", "富",
                                             "丰", "瑞", "泰", "兴", "盛", "昌", "荣", "鑫", "旺", "茂", "清", "文"};
const std::vector<std::string> kTypoChars = {"东", "西", "南", "北", "中", "新", "华", "兴", "安", "和", "平", "康",
                                             "宁", "文", "明", "光", "福", "瑞", "祥", "春", "没", "航", "陇", "颖",
                                             "如", "白", "佰", "合", "河", "和", "纺", "访", "山", "三", "岭", "领"};

const std::vector<std::string> kOtherDistricts = {"二七区", "金水区", "管城回族区", "惠济区", "郑东新区", "高新区", "上街区"};
// Roads of other districts (none is in this one).
const std::vector<std::string> kOtherRoads = {"花园路", "经三路", "文化路", "农业路", "纬五路", "黄河路", "金水路", "大学路",
                                              "京广路", "解放路", "德化街", "二七路", "兴华街", "东明路", "商城路", "紫荆山路",
                                              "未来路", "东风路", "丰产路", "政七街", "南阳路", "红专路", "顺河路", "英协路"};

struct Road {
    std::string name;
    std::size_t street = 0;
    double x0 = 0, y0 = 0, dx = 1, dy = 0, length = 2000;  // metres from the district's centre
    int max_number = 200;
    std::set<int> numbers;
};

constexpr double kLon0 = 113.61, kLat0 = 34.75;

std::string fixed6(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

// The roads: the listed ones, then generated ones until there are enough.
std::vector<Road> make_roads(Rng& rng, std::size_t count) {
    std::vector<std::string> names = kRoads;
    std::set<std::string> taken(names.begin(), names.end());
    for (const std::string& o : kOtherRoads) taken.insert(o);
    while (names.size() < count) {
        const std::string stem = rng.pick(kNameChars) + rng.pick(kNameChars);
        const double r = rng.uniform(0.0, 1.0);
        std::vector<std::string> made;
        if (r < 0.5) made = {stem + "路"};
        else if (r < 0.75) made = {stem + "街"};
        else if (r < 0.8) made = {stem + "巷"};
        else if (r < 0.9) made = {stem + "东路", stem + "西路"};
        else if (r < 0.95) made = {stem + "南路", stem + "北路"};
        else made = {stem + (rng.chance(0.5) ? "东路" : "北路")};
        if (std::any_of(made.begin(), made.end(), [&](const std::string& n) { return taken.count(n) > 0; }) ||
            taken.count(stem + "路"))
            continue;
        for (const std::string& n : made) {
            taken.insert(n);
            names.push_back(n);
        }
    }
    std::vector<Road> roads;
    std::unordered_map<std::string, std::pair<double, double>> stems;  // twins share a line
    for (const std::string& name : names) {
        Road r;
        r.name = name;
        const std::u32string c = chars(name);
        const bool directional = c.size() >= 3 && std::u32string(U"东西南北中").find(c[c.size() - 2]) != std::u32string::npos &&
                                 c.back() == U'路';
        double cx = rng.uniform(-4000.0, 4000.0), cy = rng.uniform(-3000.0, 3000.0);
        double angle = rng.uniform(0.0, 3.14159265358979);
        if (directional) {
            const std::string stem = utf8(c.substr(0, c.size() - 2));
            auto [it, fresh] = stems.emplace(stem, std::make_pair(cx, cy));
            cx = it->second.first;
            cy = it->second.second;
            const char32_t d = c[c.size() - 2];
            // 西 and 东 parts of one east-west line, 南 and 北 of a north-south one, 3 km apart.
            angle = d == U'南' || d == U'北' ? 3.14159265358979 / 2 : 0.0;
            if (d == U'西') cx -= 1500.0;
            if (d == U'东') cx += 1500.0;
            if (d == U'南') cy -= 1500.0;
            if (d == U'北') cy += 1500.0;
        }
        r.length = rng.uniform(1200.0, 2800.0);
        r.dx = std::cos(angle);
        r.dy = std::sin(angle);
        r.x0 = cx - r.dx * r.length / 2;
        r.y0 = cy - r.dy * r.length / 2;
        // Streets in a 4 x 3 grid over the district.
        const int col = std::clamp(static_cast<int>((cx + 4500.0) / 2250.0), 0, 3);
        const int row = std::clamp(static_cast<int>((cy + 3500.0) / 2334.0), 0, 2);
        r.street = static_cast<std::size_t>(row * 4 + col);
        roads.push_back(std::move(r));
    }
    return roads;
}

// ---- the gazetteer, indexed for the habits --------------------------------------

struct District {
    std::vector<AddressPoint> points;
    std::vector<Road> roads;
    std::vector<std::size_t> road_of;                       // per point
    std::map<std::string, std::size_t> road_index;          // name -> roads
    std::map<std::string, std::vector<std::size_t>> at;     // "road|number" -> points
    std::set<std::string> compound_names;
    std::map<std::string, std::vector<std::size_t>> in_compound;
    std::vector<std::u32string> road_chars;

    bool has_road(const std::string& name) const { return road_index.count(name) > 0; }
    const std::vector<std::size_t>* points_at(const std::string& road, const std::string& number) const {
        auto it = at.find(road + "|" + number);
        return it == at.end() ? nullptr : &it->second;
    }
    // Roads within one edit of `name` (other than itself).
    std::vector<std::string> near(const std::string& name) const {
        const std::u32string w = chars(name);
        std::vector<std::string> out;
        for (std::size_t k = 0; k < roads.size(); ++k)
            if (roads[k].name != name && edit_distance(w, road_chars[k]) <= 1) out.push_back(roads[k].name);
        return out;
    }
};

District make_district(Rng& rng, std::size_t points) {
    District d;
    const std::size_t road_count = std::max(kRoads.size(), points / 40);
    d.roads = make_roads(rng, road_count);
    std::vector<std::string> compounds = kCompounds;
    std::set<std::string> used_compounds(compounds.begin(), compounds.end());
    std::size_t next_compound = 0;
    auto new_compound = [&]() {
        if (next_compound < compounds.size()) return compounds[next_compound++];
        static const std::vector<std::string> ends = {"花园", "家园", "小区", "公寓", "新村", "苑", "家属院"};
        for (;;) {
            std::string name = rng.pick(kNameChars) + rng.pick(kNameChars) + rng.pick(ends);
            if (used_compounds.insert(name).second) return name;
        }
    };
    for (Road& r : d.roads) r.max_number = static_cast<int>(std::max<std::size_t>(60, 3 * points / d.roads.size()));
    // House numbers road by road in turn, until the points are there.
    for (std::size_t turn = 0; d.points.size() < points; ++turn) {
        const std::size_t k = turn % d.roads.size();
        Road& r = d.roads[k];
        int number = 0;
        for (int tries = 0; tries < 20 && (number == 0 || r.numbers.count(number)); ++tries) number = rng.integer(1, r.max_number);
        if (r.numbers.count(number)) continue;
        r.numbers.insert(number);
        const double t = std::min(1.0, static_cast<double>(number) / r.max_number) * r.length;
        const double side = number % 2 ? 15.0 : -15.0;
        const double x = r.x0 + r.dx * t - r.dy * side, y = r.y0 + r.dy * t + r.dx * side;
        const double kind = rng.uniform(0.0, 1.0);
        std::string compound;
        int buildings = 0;
        // Gazetteers write compounds as 187号院保利百合小区 or 187号保利百合小区, buildings as 3号楼 or 3栋.
        const bool yard_word = rng.chance(0.7), dong = rng.chance(0.15);
        if (kind < 0.2) {
            buildings = 0;  // one point for the house number
        } else if (kind < 0.82) {
            static const std::vector<int> counts = {1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10};
            buildings = rng.pick(counts);
        } else {
            compound = new_compound();
            buildings = rng.integer(2, 16);
        }
        for (int b = buildings ? 1 : 0; b <= buildings; ++b) {
            AddressPoint p;
            p.street = kStreets[r.street];
            p.road = r.name;
            p.number = std::to_string(number);
            p.compound = compound;
            p.building = b ? std::to_string(b) : std::string();
            p.address = std::string(kCity) + kDistrict + p.street + p.road + p.number + "号" +
                        (compound.empty() ? "" : (yard_word ? "院" : "") + compound) + (b ? p.building + (dong ? "栋" : "号楼") : "");
            const double bx = x + (b ? rng.uniform(-50.0, 50.0) : 0.0), by = y + (b ? rng.uniform(-50.0, 50.0) : 0.0);
            p.lon = std::stod(fixed6(kLon0 + bx / (111320.0 * std::cos(kLat0 * 3.14159265358979 / 180.0))));
            p.lat = std::stod(fixed6(kLat0 + by / 110574.0));
            d.road_of.push_back(k);
            d.points.push_back(std::move(p));
        }
    }
    for (std::size_t i = 0; i < d.points.size(); ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "G%05zu", i + 1);
        d.points[i].id = id;
        d.at[d.points[i].road + "|" + d.points[i].number].push_back(i);
        if (!d.points[i].compound.empty()) {
            d.compound_names.insert(d.points[i].compound);
            d.in_compound[d.points[i].compound].push_back(i);
        }
    }
    for (std::size_t k = 0; k < d.roads.size(); ++k) {
        d.road_index[d.roads[k].name] = k;
        d.road_chars.push_back(chars(d.roads[k].name));
    }
    return d;
}

// ---- the habits -------------------------------------------------------------------

const std::vector<AddressHabit> kHabits = {
    {"exact", true, "the gazetteer's text"},
    {"no_prefix", true, "road and number only: 建设西路187号3号楼"},
    {"city_district", true, "郑州市中原区 without the street"},
    {"province_full", true, "河南省郑州市中原区 and the street"},
    {"city_without_shi", true, "郑州中原区 (no 市)"},
    {"wrong_street", true, "another street office of the district"},
    {"full_width_digits", true, "１８７号３号楼"},
    {"chinese_house_number", true, "一百八十七号"},
    {"chinese_building", true, "三号楼, 十二栋"},
    {"dong_zhuang_zuo", true, "3栋, 3幢, 3座"},
    {"hao_yuan", true, "187号院3号楼"},
    {"hao_yuan_hao", true, "187号院3号 (the building as N号)"},
    {"hash_building", true, "187号3#, 3#楼, 3＃"},
    {"unit_room", true, "3号楼2单元301室, 3栋2单元301"},
    {"dash_form", true, "187号3-2-301, 187-3-2-301"},
    {"spaces_punctuation", true, "blanks (also inside the road's name), commas, brackets, ideographic spaces"},
    {"direction_dropped", true, "建设路 for 建设西路 (review when a twin exists)"},
    {"road_typo", true, "one character of the road replaced, left out or added, giving no existing road"},
    {"number_typo", true, "one digit of the house number wrong, giving none the road has"},
    {"compound_only", true, "保利百合小区3号楼, no road or number"},
    {"compound_short", true, "保利百合3栋 (小区/家属院 dropped)"},
    {"compound_with_road", true, "建设西路保利百合小区3号楼, no number"},
    {"compound_typo", true, "one character of the compound's name wrong: 保利白合小区3号楼"},
    {"combined", true, "a road typo, a Chinese house number, 栋, unit and room together"},
    {"no_building", true, "the building left out (review when the number has several)"},
    {"unit_room_no_building", true, "a one-point house number with unit and room"},
    {"arabic_in_name", true, "2马路, 西3环路 for 二马路, 西三环路"},
    {"numeral_name", true, "百花路一百二十号三号楼: numerals in the name and in the numbers"},
    {"other_district", false, "郑州市二七区 + a road, number and building this district has"},
    {"other_district_road", false, "another district with one of its own roads"},
    {"twin_missing", false, "the twin or neighbour road (建设东路), which lacks that number"},
    {"number_missing", false, "a house number the road does not have"},
    {"building_missing", false, "a building the house number does not have"},
    {"road_missing", false, "a road the gazetteer does not have, this district's prefix"},
};

std::string pick_prefix(Rng& rng, const AddressPoint& p) {
    switch (rng.index(4)) {
        case 0: return std::string(kCity) + kDistrict + p.street;
        case 1: return std::string(kCity) + kDistrict;
        case 2: return p.street;
        default: return "";
    }
}

std::string building_text(const AddressPoint& p) { return p.building.empty() ? "" : p.building + "号楼"; }
std::string yard(const AddressPoint& p) { return p.compound.empty() ? "" : "院" + p.compound; }
std::string body(const AddressPoint& p) { return p.road + p.number + "号" + yard(p) + building_text(p); }

class Writer {
public:
    Writer(const District& d, Rng& rng) : m_d(d), m_rng(rng) {}

    // One address of the habit, or nothing when the drawn point does not suit it.
    std::optional<WrittenAddress> make(const std::string& habit) {
        const std::size_t i = m_rng.index(m_d.points.size());
        const AddressPoint& p = m_d.points[i];
        WrittenAddress w;
        w.habit = habit;
        w.target = p.id;
        const bool has_b = !p.building.empty(), has_c = !p.compound.empty();
        const std::string pre = pick_prefix(m_rng, p);
        auto unique_here = [&]() { return m_d.points_at(p.road, p.number)->size() == 1 || has_b; };
        auto match_if = [&](bool ok) { w.expected = ok ? "match" : "review"; };
        match_if(true);
        if (habit == "exact") {
            w.written = p.address;
        } else if (habit == "no_prefix") {
            w.written = body(p);
        } else if (habit == "city_district") {
            w.written = std::string(kCity) + kDistrict + body(p);
        } else if (habit == "province_full") {
            w.written = "河南省" + std::string(kCity) + kDistrict + p.street + body(p);
        } else if (habit == "city_without_shi") {
            w.written = "郑州" + std::string(kDistrict) + body(p);
        } else if (habit == "wrong_street") {
            std::string other;
            do other = m_rng.pick(kStreets);
            while (other == p.street);
            w.written = std::string(kCity) + kDistrict + other + body(p);
        } else if (habit == "full_width_digits") {
            w.written = pre + full_width_digits(body(p));
        } else if (habit == "chinese_house_number") {
            w.written = pre + p.road + chinese_number(std::stoi(p.number)) + "号" + yard(p) + building_text(p);
        } else if (habit == "chinese_building") {
            if (!has_b) return std::nullopt;
            w.written = pre + p.road + p.number + "号" + yard(p) + chinese_number(std::stoi(p.building)) +
                        (m_rng.chance(0.5) ? "号楼" : "栋");
        } else if (habit == "dong_zhuang_zuo") {
            if (!has_b) return std::nullopt;
            static const std::vector<std::string> words = {"栋", "幢", "座"};
            w.written = pre + p.road + p.number + "号" + yard(p) + p.building + m_rng.pick(words);
        } else if (habit == "hao_yuan") {
            if (!has_b || has_c) return std::nullopt;
            w.written = pre + p.road + p.number + "号院" + p.building + "号楼";
        } else if (habit == "hao_yuan_hao") {
            if (!has_b) return std::nullopt;
            w.written = pre + p.road + p.number + "号院" + p.compound + p.building + "号";
        } else if (habit == "hash_building") {
            if (!has_b) return std::nullopt;
            static const std::vector<std::string> marks = {"#", "#楼", "\xEF\xBC\x83"};  // also the full-width ＃
            w.written = pre + p.road + p.number + "号" + yard(p) + p.building + m_rng.pick(marks);
        } else if (habit == "unit_room") {
            if (!has_b) return std::nullopt;
            w.written = pre + p.road + p.number + "号" + yard(p) + p.building + (m_rng.chance(0.5) ? "号楼" : "栋") + unit_room();
        } else if (habit == "dash_form") {
            if (!has_b) return std::nullopt;
            const std::string tail = p.building + "-" + std::to_string(m_rng.integer(1, 4)) + "-" + room();
            w.written = pre + p.road + p.number + (has_c || m_rng.chance(0.5) ? "号" + yard(p) + tail : "-" + tail);
        } else if (habit == "spaces_punctuation") {
            switch (m_rng.index(4)) {
                case 3: {
                    const std::u32string c = chars(p.road);  // a blank inside the name: 建设 西路
                    w.written = utf8(c.substr(0, c.size() / 2)) + " " + utf8(c.substr(c.size() / 2)) + " " + p.number + " 号" + yard(p) +
                                (has_b ? " " + building_text(p) : "");
                    break;
                }
                case 0: w.written = "郑州市 中原区 " + p.road + " " + p.number + "号" + yard(p) + (has_b ? "，" + building_text(p) : ""); break;
                case 1: w.written = p.street + "\xE3\x80\x80" + p.road + p.number + "号" + yard(p) + (has_b ? "（" + building_text(p) + "）" : ""); break;
                default: w.written = " " + p.road + p.number + "号" + yard(p) + (has_b ? ", " + p.building + " 号楼" : "") + "。"; break;
            }
        } else if (habit == "direction_dropped") {
            const std::u32string c = chars(p.road);
            if (c.size() < 4 || std::u32string(U"东西南北中").find(c[c.size() - 2]) == std::u32string::npos) return std::nullopt;
            const std::string base = utf8(c.substr(0, c.size() - 2) + c.substr(c.size() - 1));
            if (m_d.has_road(base)) return std::nullopt;  // 工人路 is a road of its own
            w.written = pre + base + p.number + "号" + yard(p) + building_text(p);
            match_if(m_d.near(base).size() == 1 && unique_here());
        } else if (habit == "road_typo") {
            const std::string typo = road_typo(p.road);
            if (typo.empty()) return std::nullopt;
            w.written = pre + typo + p.number + "号" + yard(p) + building_text(p);
            match_if(m_d.near(typo).size() == 1 && unique_here());
        } else if (habit == "combined") {
            if (!has_b) return std::nullopt;
            const std::string typo = road_typo(p.road);
            if (typo.empty()) return std::nullopt;
            w.written = pre + typo + chinese_number(std::stoi(p.number)) + "号" + yard(p) + p.building + "栋" + unit_room();
            match_if(m_d.near(typo).size() == 1);
        } else if (habit == "compound_typo") {
            if (!has_c) return std::nullopt;
            std::u32string c = chars(p.compound);
            std::string typo;
            for (int tries = 0; tries < 20 && (typo.empty() || m_d.compound_names.count(typo)); ++tries) {
                std::u32string t = c;
                t[m_rng.index(std::min<std::size_t>(c.size() - 1, 3))] = chars(m_rng.pick(kTypoChars))[0];
                typo = t == c ? std::string() : utf8(t);
            }
            if (typo.empty() || m_d.compound_names.count(typo)) return std::nullopt;
            w.written = (m_rng.chance(0.5) ? std::string(kDistrict) : std::string()) + typo + p.building + "号楼";
            std::size_t near = 0;
            for (const std::string& other : m_d.compound_names) near += edit_distance(chars(typo), chars(other)) <= 1;
            match_if(near == 1);
        } else if (habit == "number_typo") {
            std::string n = p.number;
            const std::size_t at = m_rng.index(n.size());
            switch (m_rng.index(3)) {
                case 0: n[at] = static_cast<char>('0' + (n[at] - '0' + m_rng.integer(1, 9)) % 10); break;
                case 1: n.insert(at, 1, n[at]); break;  // a digit typed twice
                default: if (n.size() > 1) n.erase(at, 1); else n += n; break;
            }
            if (n[0] == '0' || n == p.number || m_d.points_at(p.road, n)) return std::nullopt;
            w.written = pre + p.road + n + "号" + yard(p) + building_text(p);
            match_if(false);
        } else if (habit == "compound_only") {
            if (!has_c) return std::nullopt;
            static const std::vector<std::string> lead = {"", "中原区", "郑州市中原区"};
            static const std::vector<std::string> words = {"号楼", "栋", "#"};
            w.written = m_rng.pick(lead) + p.compound + p.building + m_rng.pick(words);
        } else if (habit == "compound_short") {
            if (!has_c) return std::nullopt;
            std::string name = p.compound;
            for (const std::string& g : kGeneric)
                if (name.size() > g.size() && name.compare(name.size() - g.size(), g.size(), g) == 0) name.erase(name.size() - g.size());
            static const std::vector<std::string> words = {"号楼", "栋", "#"};
            w.written = name + p.building + m_rng.pick(words) + (m_rng.chance(0.5) ? unit_room() : "");
        } else if (habit == "compound_with_road") {
            if (!has_c) return std::nullopt;
            w.written = pre + p.road + p.compound + p.building + "号楼";
        } else if (habit == "no_building") {
            if (!has_b) return std::nullopt;
            w.written = pre + p.road + p.number + "号" + yard(p);
            match_if(m_d.points_at(p.road, p.number)->size() == 1);
        } else if (habit == "unit_room_no_building") {
            if (has_b) return std::nullopt;
            w.written = pre + p.road + p.number + "号" + unit_room();
        } else if (habit == "arabic_in_name") {
            const auto it = std::find_if(kArabicNames.begin(), kArabicNames.end(), [&](const auto& a) { return a.first == p.road; });
            if (it == kArabicNames.end()) return retarget(habit, [&](const AddressPoint& q) {
                                              return std::any_of(kArabicNames.begin(), kArabicNames.end(),
                                                                 [&](const auto& a) { return a.first == q.road; });
                                          });
            w.written = pre + it->second + p.number + "号" + yard(p) + building_text(p);
        } else if (habit == "numeral_name") {
            auto numeral = [&](const AddressPoint& q) {
                return std::find(kNumeralRoads.begin(), kNumeralRoads.end(), q.road) != kNumeralRoads.end() ||
                       std::find(kNumeralCompounds.begin(), kNumeralCompounds.end(), q.compound) != kNumeralCompounds.end();
            };
            if (!numeral(p)) return retarget(habit, numeral);
            w.written = pre + p.road + chinese_number(std::stoi(p.number)) + "号" + yard(p) +
                        (has_b ? chinese_number(std::stoi(p.building)) + "号楼" : "");
        } else if (habit == "other_district") {
            if (!has_b) return std::nullopt;
            w.written = (m_rng.chance(0.7) ? std::string(kCity) : std::string()) + m_rng.pick(kOtherDistricts) + body(p);
            w.target.clear();
            match_if(false);
        } else if (habit == "other_district_road") {
            w.written = std::string(kCity) + m_rng.pick(kOtherDistricts) + m_rng.pick(kOtherRoads) +
                        std::to_string(m_rng.integer(1, 300)) + "号" + std::to_string(m_rng.integer(1, 12)) + "号楼";
            w.target.clear();
            match_if(false);
        } else if (habit == "twin_missing") {
            const std::vector<std::string> twins = m_d.near(p.road);
            std::vector<std::string> lacking;
            for (const std::string& t : twins)
                if (!m_d.points_at(t, p.number)) lacking.push_back(t);
            if (lacking.empty()) return std::nullopt;
            w.written = pre + m_rng.pick(lacking) + p.number + "号" + yard(p) + building_text(p);
            w.target.clear();
            match_if(false);
        } else if (habit == "number_missing") {
            const int n = m_rng.integer(1, 999);
            if (m_d.points_at(p.road, std::to_string(n))) return std::nullopt;
            w.written = pre + p.road + std::to_string(n) + "号" + building_text(p);
            w.target.clear();
            match_if(false);
        } else if (habit == "building_missing") {
            if (!has_b) return std::nullopt;
            const int b = static_cast<int>(m_d.points_at(p.road, p.number)->size()) + m_rng.integer(1, 6);
            w.written = pre + p.road + p.number + "号" + yard(p) + std::to_string(b) + "号楼";
            w.target.clear();
            match_if(false);
        } else if (habit == "road_missing") {
            const std::string road = m_rng.pick(kOtherRoads);
            if (!m_d.near(road).empty()) return std::nullopt;  // one character from a road here: another habit
            w.written = std::string(kCity) + kDistrict + road + p.number + "号" + building_text(p);
            w.target.clear();
            match_if(false);
        } else {
            throw std::logic_error("unknown habit " + habit);
        }
        return w;
    }

private:
    // One character of the road replaced, left out or added, giving no road of the district.
    std::string road_typo(const std::string& road) {
        const std::u32string c = chars(road);
        if (c.size() < 3) return {};
        for (int tries = 0; tries < 20; ++tries) {
            std::u32string t = c;
            const std::size_t at = m_rng.index(c.size() - 1);  // never the suffix 路, 街
            const char32_t typo = chars(m_rng.pick(kTypoChars))[0];
            const double kind = m_rng.uniform(0.0, 1.0);
            if (kind < 0.6) t[at] = typo;
            else if (kind < 0.8 && c.size() > 3) t.erase(at, 1);
            else t.insert(at, 1, typo);
            if (t != c && !m_d.has_road(utf8(t))) return utf8(t);
        }
        return {};
    }
    std::string room() { return std::to_string(m_rng.integer(1, 18)) + "0" + std::to_string(m_rng.integer(1, 4)); }
    std::string unit_room() { return std::to_string(m_rng.integer(1, 4)) + "单元" + room() + "室"; }
    // A habit that needs particular points draws among those.
    std::optional<WrittenAddress> retarget(const std::string& habit, const std::function<bool(const AddressPoint&)>& suits) {
        if (!m_suited.count(habit)) {
            std::vector<std::size_t>& s = m_suited[habit];
            for (std::size_t i = 0; i < m_d.points.size(); ++i)
                if (suits(m_d.points[i])) s.push_back(i);
        }
        const std::vector<std::size_t>& s = m_suited[habit];
        if (s.empty()) return std::nullopt;
        const AddressPoint& p = m_d.points[m_rng.pick(s)];
        WrittenAddress w;
        w.habit = habit;
        w.target = p.id;
        w.expected = "match";
        const std::string pre = pick_prefix(m_rng, p);
        if (habit == "arabic_in_name") {
            const auto it = std::find_if(kArabicNames.begin(), kArabicNames.end(), [&](const auto& a) { return a.first == p.road; });
            w.written = pre + it->second + p.number + "号" + yard(p) + building_text(p);
        } else {
            w.written = pre + p.road + chinese_number(std::stoi(p.number)) + "号" + yard(p) +
                        (p.building.empty() ? "" : chinese_number(std::stoi(p.building)) + "号楼");
        }
        return w;
    }

    const District& m_d;
    Rng& m_rng;
    std::map<std::string, std::vector<std::size_t>> m_suited;
};

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (const char c : value) {
        quoted += c;
        if (c == '"') quoted += '"';
    }
    return quoted + "\"";
}

}  // namespace

const std::vector<AddressHabit>& address_habits() { return kHabits; }

AddressSet make_address_set(const AddressSetOptions& options) {
    Rng rng(options.seed);
    District d = make_district(rng, options.points);
    AddressSet set;
    set.gazetteer = d.points;
    std::vector<std::string> order;
    for (std::size_t k = 0; k < options.addresses; ++k) order.push_back(kHabits[k % kHabits.size()].id);
    rng.shuffle(order);
    Writer writer(d, rng);
    std::set<std::string> written;
    for (const std::string& habit : order) {
        std::optional<WrittenAddress> w;
        for (int tries = 0; tries < 500 && !w; ++tries) {
            w = writer.make(habit);
            if (w && !written.insert(w->written).second) w.reset();  // every text once
        }
        if (!w) throw std::runtime_error("address set: no point suits the habit " + habit);
        char id[32];
        std::snprintf(id, sizeof id, "D%05zu", set.addresses.size() + 1);
        w->id = id;
        set.addresses.push_back(std::move(*w));
    }
    return set;
}

void write_address_set(const AddressSet& set, const std::filesystem::path& dir) {
    auto open = [&](const char* name) {
        std::ofstream out(dir / name, std::ios::binary);
        if (!out) throw std::runtime_error((dir / name).string() + ": cannot create");
        return out;
    };
    {
        std::ofstream out = open("gazetteer.csv");
        out << "地址编号,地址,经度,纬度\n";
        for (const AddressPoint& p : set.gazetteer)
            out << p.id << ',' << csv_field(p.address) << ',' << fixed6(p.lon) << ',' << fixed6(p.lat) << '\n';
    }
    {
        std::ofstream out = open("deputies.csv");
        out << "代表编号,姓名,地址,经度,纬度\n";
        for (const WrittenAddress& a : set.addresses) out << a.id << ",代表" << a.id.substr(1) << ',' << csv_field(a.written) << ",,\n";
    }
    {
        std::ofstream out = open("truth.csv");
        out << "deputy_id,habit,written_address,true_address_id,expected\n";
        for (const WrittenAddress& a : set.addresses)
            out << a.id << ',' << a.habit << ',' << csv_field(a.written) << ',' << a.target << ',' << a.expected << '\n';
    }
}

AddressScore score_address_set(const AddressSet& set, const std::vector<std::string>& placed_at) {
    if (placed_at.size() != set.addresses.size()) throw std::invalid_argument("score_address_set: one placement per address");
    AddressScore s;
    for (std::size_t k = 0; k < set.addresses.size(); ++k) {
        const WrittenAddress& a = set.addresses[k];
        for (AddressScore::Counts* c : {&s.all, &s.by_habit[a.habit]}) {
            ++c->addresses;
            if (!a.target.empty()) ++c->in_gazetteer;
            if (placed_at[k].empty()) {
                ++c->reviewed;
            } else {
                ++c->placed;
                if (placed_at[k] == a.target) ++c->correct;
            }
        }
        if (!placed_at[k].empty() && placed_at[k] != a.target) s.wrong.push_back(k);
    }
    return s;
}

}  // namespace stationplan::test
