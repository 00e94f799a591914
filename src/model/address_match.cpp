#include "model/address_match.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace stationplan::model {
namespace {

constexpr std::size_t kNone = std::u32string::npos;
// Scores are sums of tenths; a threshold or margin met up to rounding is met.
constexpr double kEps = 1e-9;

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > s.size()) n = 1;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string encode(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

int numeral_value(char32_t c) {
    switch (c) {
        case U'零': case U'〇': return 0;
        case U'一': return 1;
        case U'二': case U'两': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}
int numeral_unit(char32_t c) { return c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0; }
bool is_numeral(char32_t c) { return numeral_value(c) >= 0 || numeral_unit(c) > 0; }

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

// Blanks and punctuation people put into addresses, removed. '-' is kept ("175号10-2-301"
// is building 10, unit 2, room 301) and so is '#' ("3#" is building 3).
bool is_noise(char32_t c) {
    static constexpr std::u32string_view noise = U" \t\r\n,.;:'\"()[]{}_/\\|!?~·、，。；：（）【】—…“”‘’《》〈〉！？";
    return one_of(c, noise);
}

bool starts_with(const std::u32string& s, std::size_t at, std::u32string_view p) {
    return at <= s.size() && s.compare(at, p.size(), p) == 0;
}
bool ends_with(const std::u32string& s, std::u32string_view p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// What a road name ends with.
constexpr std::u32string_view kRoadEnds = U"路街巷道环线";
// What a compound's name ends with: after such a name, "N号" is a building, not a house number.
constexpr std::u32string_view kCompoundEnds[] = {U"区", U"院", U"苑", U"园", U"城", U"村", U"公寓", U"大厦", U"广场",
                                                 U"厂", U"宿舍", U"府", U"庭", U"邸", U"居", U"湾", U"郡", U"墅"};
// Generic words dropped from a compound's name: 保利百合小区 = 保利百合.
constexpr std::u32string_view kCompoundGeneric[] = {U"家属院", U"家属区", U"家属楼", U"生活区", U"住宅区",
                                                    U"宿舍区", U"小区", U"宿舍"};

bool ends_compound(const std::u32string& s) {
    return std::any_of(std::begin(kCompoundEnds), std::end(kCompoundEnds), [&](std::u32string_view e) { return ends_with(s, e); });
}

std::u32string strip_generic(std::u32string s, std::size_t keep) {
    for (std::u32string_view g : kCompoundGeneric) {
        if (ends_with(s, g) && s.size() - g.size() >= keep) {
            s.erase(s.size() - g.size());
            break;
        }
    }
    return s;
}

std::u32string without_dashes(std::u32string s) {
    s.erase(std::remove(s.begin(), s.end(), U'-'), s.end());
    return s;
}

// "01" -> "1"; "0" stays.
std::string strip_zeros(std::u32string_view digits) {
    std::size_t k = 0;
    while (k + 1 < digits.size() && digits[k] == U'0') ++k;
    return encode(digits.substr(k));
}

// 1..99 as Chinese numerals (经3路 -> 经三路).
std::u32string small_numeral(int n) {
    static constexpr char32_t digit[] = U"零一二三四五六七八九";
    std::u32string out;
    if (n >= 10) {
        if (n >= 20) out.push_back(digit[n / 10]);
        out.push_back(U'十');
    }
    if (n % 10) out.push_back(digit[n % 10]);
    return out;
}

// Administrative prefixes, in their order: province, city, district (or county, or a
// county-level city), street office (or town). Each is recorded or dropped only when
// its name has no digits and text follows it; names that end like compounds (小区, 社区,
// 园区 ...) or roads are not districts.
std::u32string drop_prefixes(const std::u32string& s, AddressParts& parts) {
    std::size_t pos = 0;
    // The end of "name + suffix" at pos (the shortest name of min..max characters), or kNone.
    auto find = [&](std::initializer_list<std::u32string_view> suffixes, std::size_t min_name, std::size_t max_name,
                    auto&& fits) -> std::size_t {
        for (std::size_t len = 1; len <= max_name && pos + len < s.size(); ++len) {
            if (is_digit(s[pos + len - 1])) return kNone;  // never cut into a number
            if (len < min_name) continue;
            for (std::u32string_view suffix : suffixes) {
                const std::size_t end = pos + len + suffix.size();
                if (end < s.size() && starts_with(s, pos + len, suffix) && fits(s.substr(pos, len), suffix, s[end])) return end;
            }
        }
        return kNone;
    };
    auto always = [](const std::u32string&, std::u32string_view, char32_t) { return true; };
    bool above = false;  // a province or city was written
    if (std::size_t e = find({U"自治区", U"省"}, 2, 7, always); e != kNone) {
        pos = e;
        above = true;
    }
    if (std::size_t e = find({U"市"}, 2, 6, [](const std::u32string&, std::u32string_view, char32_t next) { return next != U'场'; });
        e != kNone) {
        parts.city = encode(s.substr(pos, e - pos));
        pos = e;
        above = true;
    }
    auto district_fits = [&](const std::u32string& name, std::u32string_view suffix, char32_t next) {
        if (suffix == U"市" && parts.city.empty()) return false;
        // 小区, 社区, 园区, 校区, 生活区 ... end compounds' names; 街区 too, unless a city came first (上街区).
        if (one_of(name.back(), U"小社园景校厂活宅属营矿院楼城") || (!above && name.back() == U'街') || one_of(next, kRoadEnds))
            return false;
        if (std::any_of(name.begin(), name.end(), [](char32_t c) { return one_of(c, U"路巷号"); })) return false;
        // Without a city before it, a short name only, not a compound's part (碧沙岗东区).
        return above || (name.size() <= 4 && !one_of(name.back(), U"东西南北中"));
    };
    if (std::size_t e = find({U"区", U"县", U"市"}, 2, 9, district_fits); e != kNone) {
        parts.district = encode(s.substr(pos, e - pos));
        pos = e;
    }
    auto street_fits = [](const std::u32string&, std::u32string_view suffix, char32_t next) {
        return !((suffix == U"镇" || suffix == U"乡") && (one_of(next, kRoadEnds) || next == U'村'));
    };
    if (std::size_t e = find({U"街道办事处", U"街道", U"办事处", U"镇", U"乡"}, 2, 8, street_fits); e != kNone) pos = e;
    return s.substr(pos);
}

// Chinese numerals standing before a number's marker (or at the end) to digits.
std::u32string numerals_to_digits(const std::u32string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i;
        while (j < s.size() && is_numeral(s[j])) ++j;
        if (j == i) {
            out.push_back(s[i++]);
            continue;
        }
        const bool number_position =
            j == s.size() || one_of(s[j], U"号栋幢座楼室户层#-") || starts_with(s, j, U"单元") || is_digit(s[j]);
        if (!number_position) {
            out.append(s, i, j - i);
            i = j;
            continue;
        }
        const std::u32string run = s.substr(i, j - i);
        const bool positional = std::any_of(run.begin(), run.end(), [](char32_t c) { return numeral_unit(c) > 0; });
        std::string digits;
        if (!positional) {
            for (char32_t c : run) digits += static_cast<char>('0' + numeral_value(c));
        } else {
            long total = 0, digit = 0;
            bool have_digit = false;
            for (char32_t c : run) {
                if (const int u = numeral_unit(c)) {
                    total += (have_digit ? digit : 1) * u;  // 十五: a leading 十 means 10
                    digit = 0;
                    have_digit = false;
                } else {
                    digit = numeral_value(c);
                    have_digit = true;
                }
            }
            total += digit;
            digits = std::to_string(total);
        }
        for (char c : digits) out.push_back(static_cast<char32_t>(c));
        i = j;
    }
    return out;
}

// Arabic digits inside a road's name to numerals: 经3路 -> 经三路, 2马路 -> 二马路, 西3环路 -> 西三环路.
std::u32string digits_in_names(const std::u32string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        if (!is_digit(s[i])) {
            out.push_back(s[i++]);
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        const bool in_name = (i == 0 || s[i - 1] != U'-') && j - i <= 2 && j < s.size() &&
                             (one_of(s[j], U"路街巷道环") || starts_with(s, j, U"马路"));
        const int value = in_name ? std::atoi(encode(s.substr(i, j - i)).c_str()) : 0;  // two digits at most
        if (value >= 1) out += small_numeral(value);
        else out.append(s, i, j - i);
        i = j;
    }
    return out;
}

// Road, house number, compound and building of the text after the prefixes.
void take_apart(const std::u32string& s, AddressParts& parts) {
    std::u32string number, building;
    std::size_t number_begin = kNone, number_end = kNone, first = kNone;
    for (std::size_t i = 0; i < s.size();) {
        if (!is_digit(s[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        const std::u32string digits = s.substr(i, j - i);
        const char32_t next = j < s.size() ? s[j] : U'\0';
        // After a compound's name, "N号" is its building: 国棉三厂家属院5号.
        const bool may_be_number = number.empty() && building.empty() && !ends_compound(without_dashes(s.substr(0, i)));
        bool used = true;
        if (starts_with(s, j, U"号楼") || one_of(next, U"栋幢座楼#")) {
            if (building.empty()) building = digits;
            else used = false;
        } else if (starts_with(s, j, U"单元") || one_of(next, U"室户层")) {
            used = false;  // unit, room, floor: not part of the point
        } else if (next == U'号' || next == U'-' || next == U'\0' || !number.empty() || !building.empty()) {
            if (may_be_number) {
                number = digits;
                number_begin = i;
                number_end = next == U'号' ? j + 1 : j;
                if (next == U'号' && starts_with(s, number_end, U"院")) ++number_end;
            } else if (building.empty() && (next == U'号' || next == U'-')) {
                building = digits;
            } else {
                used = false;
            }
        } else if (may_be_number) {
            // No marker: the first digits are the house number (春兆街175).
            number = digits;
            number_begin = i;
            number_end = j;
        } else {
            used = false;
        }
        if (used && first == kNone) first = i;
        i = j;
    }
    std::u32string road, compound;
    if (number_begin != kNone) {
        road = without_dashes(s.substr(0, number_begin));
        std::size_t k = number_end;
        while (k < s.size() && !is_digit(s[k])) ++k;
        compound = without_dashes(s.substr(number_end, k - number_end));
    } else {
        std::u32string lead = without_dashes(s.substr(0, first == kNone ? s.size() : first));
        if (ends_compound(lead)) {
            // 建设西路保利百合小区 = road 建设西路, compound 保利百合小区; 建设路小区 is a compound.
            compound = lead;
            for (std::size_t k = lead.size() - 1; k-- > 0;) {
                if (!one_of(lead[k], U"路街巷道")) continue;
                if (strip_generic(lead.substr(k + 1), 0).size() >= 2) {
                    road = lead.substr(0, k + 1);
                    compound = lead.substr(k + 1);
                }
                break;
            }
        } else {
            road = lead;
        }
    }
    parts.road = encode(road);
    parts.compound = encode(compound);
    parts.number = number.empty() ? std::string() : strip_zeros(number);
    parts.building = building.empty() ? std::string() : strip_zeros(building);
}

std::size_t levenshtein(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// "中原区" -> "中原", "管城回族区" -> "管城", "郑州市" -> "郑州": names compared without their level.
std::u32string place_stem(std::string_view name) {
    std::u32string s = decode(name);
    if (!s.empty() && one_of(s.back(), U"区县市旗")) s.pop_back();
    if (ends_with(s, U"回族")) s.erase(s.size() - 2);
    return s;
}

// "郑州中原" (郑州中原区 written without 市) is 中原: one name ends with the other.
bool same_place(const std::u32string& a, const std::u32string& b) {
    const std::u32string& shorter = a.size() <= b.size() ? a : b;
    const std::u32string& longer = a.size() <= b.size() ? b : a;
    return shorter.size() >= 2 && ends_with(longer, shorter);
}

// 保利百合小区 -> 保利百合: compounds are also found without 小区, 家属院 ...
std::string compound_stem(const std::string& name) { return encode(strip_generic(decode(name), 2)); }

std::string join(const std::vector<std::string>& names, const char* sep) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : sep) + n;
    return out;
}

void sort_candidates(std::vector<Candidate>& c) {
    std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score > b.score : a.entry < b.entry;
    });
}

// The best three distinct entries of `more`, after those of `first`; equal scores keep
// their order in `more`.
std::vector<Candidate> top3(std::vector<Candidate> first, std::vector<Candidate> more) {
    std::stable_sort(more.begin(), more.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    for (const Candidate& c : more) {
        if (first.size() >= 3) break;
        if (std::none_of(first.begin(), first.end(), [&](const Candidate& f) { return f.entry == c.entry; })) first.push_back(c);
    }
    if (first.size() > 3) first.resize(3);
    return first;
}

}  // namespace

std::string AddressParts::describe() const {
    return (district.empty() ? std::string() : district + " ") + key() + (compound.empty() ? std::string() : " " + compound);
}

std::string to_half_width(std::string_view text) {
    std::u32string s = decode(text);
    for (char32_t& c : s) {
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        else if (c == 0x3000) c = U' ';
    }
    return encode(s);
}

std::string chinese_numerals_to_digits(std::string_view text) { return encode(numerals_to_digits(decode(text))); }

AddressParts normalize_address(std::string_view text) {
    std::string half = to_half_width(text);
    std::transform(half.begin(), half.end(), half.begin(),
                   [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
    std::u32string s;
    bool gap = false;  // noise after a digit: "187 3号楼" is 187, then 3 (not 1873)
    for (char32_t c : decode(half)) {
        if (is_noise(c)) {
            gap = gap || (!s.empty() && is_digit(s.back()));
            continue;
        }
        if (gap && is_digit(c) && is_digit(s.back())) s.push_back(U'-');
        gap = false;
        s.push_back(c);
    }
    AddressParts parts;
    // Prefixes first: street names hold numerals (经八路街道) that are not house numbers.
    const std::u32string rest = drop_prefixes(s, parts);
    take_apart(digits_in_names(numerals_to_digits(rest)), parts);
    if (parts.road.empty() && parts.compound.empty() && !parts.district.empty() && parts.city.empty()) {
        // Nothing left but numbers: the "district" was a compound's name (和杏康区8号楼).
        parts = AddressParts{};
        take_apart(digits_in_names(numerals_to_digits(s)), parts);
    }
    return parts;
}

double text_similarity(std::string_view a, std::string_view b) {
    const std::u32string x = decode(a), y = decode(b);
    const std::size_t longer = std::max(x.size(), y.size());
    if (longer == 0) return 1.0;
    return 1.0 - static_cast<double>(levenshtein(x, y)) / static_cast<double>(longer);
}

const char* to_string(MatchMethod method) {
    switch (method) {
        case MatchMethod::Exact: return "exact";
        case MatchMethod::Normalised: return "normalised";
        case MatchMethod::Fuzzy: return "fuzzy";
        case MatchMethod::None: return "none";
    }
    return "none";
}

void AddressMatcher::Names::add(const std::string& name, std::size_t entry, const std::string* stem) {
    auto [it, fresh] = index.emplace(name, text.size());
    if (fresh) {
        const std::size_t k = it->second;
        auto index_deletions = [&](const std::u32string& c) {
            if (c.size() < 3) return;
            deletions[c].push_back(k);
            for (std::size_t i = 0; i < c.size(); ++i) deletions[c.substr(0, i) + c.substr(i + 1)].push_back(k);
        };
        text.push_back(name);
        chars.push_back(decode(name));
        entries.emplace_back();
        index_deletions(chars.back());
        if (stem) {
            stems.push_back(decode(*stem));
            by_stem[*stem].push_back(k);
            index_deletions(stems.back());
        }
    }
    entries[it->second].push_back(entry);
}

AddressMatcher::AddressMatcher(std::vector<GazetteerEntry> entries, MatchSettings settings)
    : m_entries(std::move(entries)), m_settings(std::move(settings)) {
    m_parts.reserve(m_entries.size());
    auto add_place = [](std::vector<Place>& places, const std::string& name) {
        Place p{place_stem(name), name};
        if (p.stem.size() < 2) return;
        if (std::none_of(places.begin(), places.end(), [&](const Place& q) { return q.stem == p.stem; })) places.push_back(std::move(p));
    };
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        AddressParts p = normalize_address(m_entries[i].address);
        m_by_text[trim(m_entries[i].address)].push_back(i);
        if (!p.road.empty() && !p.number.empty()) {
            m_by_key[p.key()].push_back(i);
            m_by_road_number[p.road + "|" + p.number].push_back(i);
        }
        if (!p.road.empty()) m_roads.add(p.road, i);
        if (!p.compound.empty()) {
            const std::string stem = compound_stem(p.compound);
            m_compounds.add(p.compound, i, &stem);
        }
        if (!p.number.empty()) m_by_number[p.number].push_back(i);
        if (!p.district.empty()) add_place(m_districts, p.district);
        if (!p.city.empty()) add_place(m_cities, p.city);
        m_parts.push_back(std::move(p));
    }
    // Districts named by the caller count when the entries name none, and when they read
    // as one (金水区, not "Jinshui").
    if (m_districts.empty()) for (const std::string& d : m_settings.districts) {
        const std::u32string s = decode(d);
        if (!s.empty() && one_of(s.back(), U"区县市旗")) add_place(m_districts, d);
    }
}

bool AddressMatcher::compatible(const AddressParts& in, std::size_t entry) const {
    if (in.district.empty() || m_parts[entry].district.empty()) return true;
    return same_place(place_stem(in.district), place_stem(m_parts[entry].district));
}

double AddressMatcher::score(const AddressParts& in, std::size_t entry, double name_similarity, bool compound) const {
    const AddressParts& g = m_parts[entry];
    // The same building, or none on either side (the whole house number): 0.2; given on one side only: 0.1.
    const double building = in.building == g.building ? 0.2 : in.building.empty() || g.building.empty() ? 0.1 : 0.0;
    if (compound) return 0.8 * name_similarity + building;
    return 0.5 * name_similarity + (!in.number.empty() && in.number == g.number ? 0.3 : 0.0) + building;
}

AddressMatcher::Resolved AddressMatcher::resolve(const Names& names, const std::string& written, const AddressParts& in) const {
    auto usable = [&](std::size_t k) {
        return std::any_of(names.entries[k].begin(), names.entries[k].end(), [&](std::size_t e) { return compatible(in, e); });
    };
    Resolved r;
    if (auto it = names.index.find(written); it != names.index.end() && usable(it->second)) {
        r.names = {it->second};
        r.exact = true;
        return r;
    }
    // A compound written without 小区, 家属院 ... is found by its stem, and compared with
    // stems too; one written with them only by its full name (杏平家属院 is not 杏平小区).
    const bool by_stem = !names.stems.empty() && compound_stem(written) == written;
    if (by_stem) {
        if (auto it = names.by_stem.find(written); it != names.by_stem.end()) {
            for (std::size_t k : it->second)
                if (usable(k)) r.names.push_back(k);
            if (!r.names.empty()) {
                r.exact = true;
                return r;
            }
        }
    }
    // One character of a name of three or more is a typo (or a dropped direction); a
    // two-character name has nothing left to be sure of.
    const std::u32string w = decode(written);
    if (w.size() < 3) return r;
    const std::size_t limit = w.size() >= 6 ? 2 : 1;
    // One edit: only names sharing a deletion key; two: all of them.
    std::vector<std::size_t> pool;
    if (limit == 1) {
        auto take = [&](const std::u32string& key) {
            if (auto it = names.deletions.find(key); it != names.deletions.end()) pool.insert(pool.end(), it->second.begin(), it->second.end());
        };
        take(w);
        for (std::size_t i = 0; i < w.size(); ++i) take(w.substr(0, i) + w.substr(i + 1));
        std::sort(pool.begin(), pool.end());
        pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
    } else {
        pool.resize(names.text.size());
        for (std::size_t k = 0; k < pool.size(); ++k) pool[k] = k;
    }
    std::size_t best = limit;
    for (std::size_t k : pool) {
        const std::u32string& g = names.chars[k];
        std::size_t d = limit + 1;
        if (g.size() >= 3 && g.size() <= w.size() + best && w.size() <= g.size() + best) d = levenshtein(w, g);
        if (by_stem) {
            const std::u32string& t = names.stems[k];
            if (t.size() >= 3 && t.size() <= w.size() + best && w.size() <= t.size() + best) d = std::min(d, levenshtein(w, t));
        }
        if (d > best || !usable(k)) continue;
        if (d < best) r.names.clear();
        best = d;
        r.names.push_back(k);
    }
    return r;
}

// Candidates for a person when nothing could be resolved: the same house number on a
// road sharing a character, and the best entries of the most similar names.
std::vector<Candidate> AddressMatcher::nearby(const AddressParts& in) const {
    std::vector<Candidate> out;
    const bool by_road = !in.road.empty();
    const Names& names = by_road ? m_roads : m_compounds;
    const std::string& written = by_road ? in.road : in.compound;
    if (written.empty()) return out;
    const std::u32string w = decode(written);
    // A character in common other than the suffix (路, 街): 人民路 and 福田路 have none.
    auto shares = [&](const std::u32string& g) {
        return std::any_of(g.begin(), g.end() - (g.size() > 1 ? 1 : 0), [&](char32_t c) { return w.find(c) != std::u32string::npos; });
    };
    if (by_road && !in.number.empty()) {
        if (auto it = m_by_number.find(in.number); it != m_by_number.end()) {
            for (std::size_t e : it->second) {
                if (shares(decode(m_parts[e].road)) && compatible(in, e))
                    out.push_back({e, score(in, e, text_similarity(written, m_parts[e].road), false)});
            }
        }
    }
    std::vector<std::pair<double, std::size_t>> similar;
    for (std::size_t k = 0; k < names.text.size(); ++k) {
        if (!shares(names.chars[k])) continue;
        const double s = 1.0 - static_cast<double>(levenshtein(w, names.chars[k])) /
                                   static_cast<double>(std::max(w.size(), names.chars[k].size()));
        if (s > 0.0) similar.emplace_back(-s, k);
    }
    std::sort(similar.begin(), similar.end());
    for (std::size_t n = 0; n < std::min<std::size_t>(3, similar.size()); ++n) {
        std::vector<Candidate> on;
        for (std::size_t e : names.entries[similar[n].second])
            if (compatible(in, e)) on.push_back({e, score(in, e, -similar[n].first, !by_road)});
        sort_candidates(on);
        if (!on.empty()) out.push_back(on.front());
    }
    sort_candidates(out);
    return top3({}, out);
}

void AddressMatcher::decide(Match& m, std::vector<Candidate> scored, MatchMethod method) const {
    // Equal scores keep the caller's order (entries in gazetteer order, or nearest numbers first).
    std::stable_sort(scored.begin(), scored.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    m.method = method;
    m.candidates = top3({}, scored);
    if (scored.empty()) {
        m.reason = "no gazetteer entry shares its road or house number";
        return;
    }
    const Candidate& best = scored.front();
    m.confidence = best.score;
    m.entry = best.entry;
    char buf[160];
    if (best.score + kEps < m_settings.min_confidence) {
        std::snprintf(buf, sizeof buf, "best score %.3f below %.3f", best.score, m_settings.min_confidence);
        m.reason = buf;
    } else if (scored.size() > 1 &&
               (best.score - scored[1].score <= kEps || best.score - scored[1].score + kEps < m_settings.ambiguity_margin)) {
        std::snprintf(buf, sizeof buf, "ambiguous: runner-up scores %.3f against %.3f", scored[1].score, best.score);
        m.reason = buf;
    }
}

namespace {

// Entries that fit equally (the same text, or the same key): one is a match, several
// are for a person to choose from.
void take_group(Match& m, const std::vector<std::size_t>& group, MatchMethod method, double confidence,
                std::vector<Candidate> others) {
    m.method = method;
    m.confidence = confidence;
    if (group.size() == 1) {
        m.entry = group.front();
        m.candidates = {{group.front(), confidence}};
        return;
    }
    std::vector<Candidate> tied;
    for (std::size_t e : group)
        if (tied.size() < 3) tied.push_back({e, confidence});
    m.candidates = top3(tied, std::move(others));
    m.reason = "ambiguous: " + std::to_string(group.size()) + " gazetteer entries fit equally well";
}

}  // namespace

AddressMatcher::Resolved AddressMatcher::narrow(const Names& names, const Resolved& r, const AddressParts& in,
                                                bool compounds) const {
    // The names holding the written house number, building and compound: when one fits
    // best, it is the road meant. A fit: the number agrees (on a compound, the building);
    // a building both give or both leave out counts 2, one given by only one side 1, two
    // different ones rule the entry out; so does another compound.
    auto fit = [&](std::size_t e) {
        const AddressParts& g = m_parts[e];
        if (!compatible(in, e)) return -1;
        if (compounds) return !in.building.empty() && g.building == in.building ? 2 : -1;
        if (in.number.empty() || g.number != in.number) return -1;
        if (!in.compound.empty() && !g.compound.empty() && compound_stem(in.compound) != compound_stem(g.compound)) return -1;
        if (in.building.empty() != g.building.empty()) return 1;
        return in.building == g.building ? 2 : -1;
    };
    Resolved fitting;
    int best = 0;
    for (std::size_t k : r.names) {
        int level = -1;
        for (std::size_t e : names.entries[k]) level = std::max(level, fit(e));
        if (level < 0 || level < best) continue;
        if (level > best) fitting.names.clear();
        best = level;
        fitting.names.push_back(k);
    }
    // Twins, names that differ only by a direction or a numeral (建设东路/建设西路,
    // 国棉一厂/国棉三厂): a text as near to both cannot tell them apart, even when only one
    // has the number (the gazetteer may lack the other's).
    constexpr std::u32string_view kTwinChars = U"东西南北中一二三四五六七八九十";
    auto twins = [&](std::size_t a, std::size_t b) {
        const std::u32string& x = names.chars[a];
        const std::u32string& y = names.chars[b];
        if (x.size() != y.size()) return false;
        std::size_t differ = 0, at = 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i] != y[i]) ++differ, at = i;
        return differ == 1 && one_of(x[at], kTwinChars) && one_of(y[at], kTwinChars);
    };
    const std::vector<std::size_t>& chosen = fitting.names.empty() ? r.names : fitting.names;
    Resolved with_twins;
    for (std::size_t a : chosen) {
        for (std::size_t b : r.names) {
            if (a == b || !twins(a, b)) continue;
            for (std::size_t k : {a, b})
                if (std::find(with_twins.names.begin(), with_twins.names.end(), k) == with_twins.names.end()) with_twins.names.push_back(k);
        }
    }
    if (!with_twins.names.empty()) return with_twins;
    return fitting.names.empty() ? r : fitting;
}

Match AddressMatcher::tied_names(const Names& names, const Resolved& r, const std::string& written, const AddressParts& in,
                                 bool compounds) const {
    Match m;
    m.method = MatchMethod::Fuzzy;
    std::vector<Candidate> best_of_each, rest;
    std::vector<std::string> listed;
    for (std::size_t k : r.names) {
        std::vector<Candidate> on;
        const double sim = text_similarity(written, names.text[k]);
        for (std::size_t e : names.entries[k])
            if (compatible(in, e)) on.push_back({e, score(in, e, sim, compounds)});
        sort_candidates(on);
        if (on.empty()) continue;
        best_of_each.push_back(on.front());
        rest.insert(rest.end(), on.begin() + 1, on.end());
        if (listed.size() < 3) listed.push_back(names.text[k]);
    }
    sort_candidates(best_of_each);
    m.candidates = top3(best_of_each, rest);
    if (!m.candidates.empty()) m.confidence = m.candidates.front().score;
    if (r.names.size() == 2) m.reason = "ambiguous: " + written + " is as near to " + listed[0] + " as to " + listed[1];
    else if (r.names.size() == 3) m.reason = "ambiguous: " + written + " is equally near to " + join(listed, ", ");
    else m.reason = "ambiguous: " + written + " is equally near to " + std::to_string(r.names.size()) + " names (" + join(listed, ", ") + ", ...)";
    return m;
}

Match AddressMatcher::match_on_road(const AddressParts& in, std::size_t road, bool exact) const {
    Match m;
    const std::string& name = m_roads.text[road];
    auto on_road = [&](double sim) {
        std::vector<Candidate> scored;
        for (std::size_t e : m_roads.entries[road])
            if (compatible(in, e)) scored.push_back({e, score(in, e, sim, false)});
        return scored;
    };
    auto filtered = [&](const std::vector<std::size_t>& group) {
        std::vector<std::size_t> out;
        for (std::size_t e : group)
            if (compatible(in, e)) out.push_back(e);
        return out;
    };
    if (exact && !in.number.empty()) {
        if (auto it = m_by_key.find(in.key()); it != m_by_key.end()) {
            if (const auto group = filtered(it->second); !group.empty()) {
                take_group(m, group, MatchMethod::Normalised, 1.0, on_road(1.0));
                return m;
            }
        }
        if (in.building.empty()) {
            // No building given: the house number names one point only if the gazetteer has one.
            if (auto it = m_by_road_number.find(name + "|" + in.number); it != m_by_road_number.end()) {
                if (const auto group = filtered(it->second); !group.empty()) {
                    take_group(m, group, MatchMethod::Normalised, 0.9, on_road(1.0));
                    return m;
                }
            }
        }
    }
    std::vector<Candidate> scored = on_road(exact ? 1.0 : text_similarity(in.road, name));
    if (!in.number.empty()) {
        // For the person: of equal scores, the house numbers nearest the written one first (36 for 86).
        const std::u32string w = decode(in.number);
        auto value = [](const std::string& n) { return n.size() <= 9 ? std::atol(n.c_str()) : 0L; };
        std::vector<std::tuple<std::size_t, long, std::size_t>> apart;  // edits, difference, position
        for (std::size_t k = 0; k < scored.size(); ++k) {
            const std::string& n = m_parts[scored[k].entry].number;
            apart.emplace_back(levenshtein(w, decode(n)), std::labs(value(n) - value(in.number)), k);
        }
        std::sort(apart.begin(), apart.end());
        std::vector<Candidate> ordered;
        for (const auto& a : apart) ordered.push_back(scored[std::get<2>(a)]);
        scored = std::move(ordered);
    }
    decide(m, std::move(scored), MatchMethod::Fuzzy);
    const bool building_there = std::any_of(m_roads.entries[road].begin(), m_roads.entries[road].end(), [&](std::size_t e) {
        const AddressParts& g = m_parts[e];
        return g.number == in.number && (g.building.empty() || g.building == in.building);
    });
    if (!in.building.empty() && !in.number.empty() && !building_there &&
        std::any_of(m_roads.entries[road].begin(), m_roads.entries[road].end(), [&](std::size_t e) { return m_parts[e].number == in.number; }))
        m.reason = "building " + in.building + " is not at " + name + " " + in.number + "号";
    if (!m.accepted() && !in.number.empty()) {
        // A house number this road lacks: the same number on a road one character away
        // (建设东路 for 建设西路) is shown to the person, never taken.
        const bool has_number = std::any_of(m_roads.entries[road].begin(), m_roads.entries[road].end(),
                                            [&](std::size_t e) { return m_parts[e].number == in.number; });
        if (!has_number) {
            std::vector<Candidate> all = m.candidates;
            for (const Candidate& c : nearby(in)) all.push_back(c);
            m.candidates = top3({}, all);
            if (m.reason.rfind("best score", 0) == 0) m.reason = "house number " + in.number + " is not on " + name + "; " + m.reason;
        }
    }
    return m;
}

// A compound's building (or its only point), the compound resolved like a road; on
// `road` only when one was written.
Match AddressMatcher::match_compound(const AddressParts& in, const std::string& written, const std::string* road) const {
    const Names& names = m_compounds;
    const std::string& name = written;
    Resolved r = resolve(names, name, in);
    if (r.names.size() > 1) r = narrow(names, r, in, true);
    if (r.names.size() > 1) return tied_names(names, r, name, in, true);
    Match m;
    if (r.names.empty()) {
        m.candidates = nearby(in);
        m.reason = (road ? "compound " : "road or compound ") + name + " is not in the gazetteer";
        return m;
    }
    const std::size_t k = r.names.front();
    std::vector<std::size_t> pool;
    for (std::size_t e : names.entries[k])
        if (compatible(in, e) && (!road || m_parts[e].road == *road)) pool.push_back(e);
    if (pool.empty()) {
        m.reason = "compound " + names.text[k] + " is not on " + *road;
        for (std::size_t e : names.entries[k]) m.candidates.push_back({e, score(in, e, 1.0, true)});
        m.candidates = top3({}, m.candidates);
        return m;
    }
    const double sim = r.exact ? 1.0 : text_similarity(name, names.text[k]);
    std::vector<Candidate> scored;
    for (std::size_t e : pool) scored.push_back({e, score(in, e, sim, true)});
    if (r.exact) {
        std::vector<std::size_t> group;
        for (std::size_t e : pool)
            if (in.building.empty() || m_parts[e].building == in.building) group.push_back(e);
        if (!group.empty()) {
            take_group(m, group, MatchMethod::Normalised, in.building.empty() ? 0.9 : 1.0, scored);
            return m;
        }
    }
    decide(m, scored, MatchMethod::Fuzzy);
    if (m.accepted()) {
        const AddressParts& g = m_parts[m.entry];
        if (!in.building.empty() && !g.building.empty() && g.building != in.building)
            m.reason = "building " + in.building + " is not in " + names.text[k];
    }
    return m;
}

Match AddressMatcher::match_parts(const AddressParts& in) const {
    if (!in.road.empty()) {
        Resolved r = resolve(m_roads, in.road, in);
        if (r.names.size() > 1) r = narrow(m_roads, r, in, false);
        if (r.names.size() > 1) return tied_names(m_roads, r, in.road, in, false);
        if (r.names.size() == 1) {
            if (in.number.empty() && !in.compound.empty()) return match_compound(in, in.compound, &m_roads.text[r.names.front()]);
            return match_on_road(in, r.names.front(), r.exact);
        }
        // Not a road of the gazetteer: perhaps a compound written without 小区 (保利百合3栋),
        // or the road is beyond recognition but its compound is not (and has that number).
        if (!in.compound.empty() || in.number.empty()) {
            AddressParts as_compound = in;
            if (as_compound.compound.empty()) as_compound.compound = in.road;
            as_compound.road.clear();
            Match c = match_compound(as_compound, as_compound.compound, nullptr);
            if (c.accepted() && !in.number.empty() && m_parts[c.entry].number != in.number)
                c.reason = "road " + in.road + " is not in the gazetteer; compound " + m_parts[c.entry].compound + " is at " +
                           m_parts[c.entry].road + " " + m_parts[c.entry].number + "号";
            if (c.accepted() || c.reason.rfind("ambiguous", 0) == 0) return c;
        }
        Match m;
        m.candidates = nearby(in);
        m.reason = "road " + in.road + " is not in the gazetteer" +
                   (m.candidates.empty() ? " (no road there shares a character with it)" : "");
        return m;
    }
    if (!in.compound.empty()) return match_compound(in, in.compound, nullptr);
    Match m;
    m.reason = "no road or compound name in the address";
    return m;
}

Match AddressMatcher::match(std::string_view address) const {
    Match m;
    const std::string text = trim(address);
    if (text.empty()) {
        m.reason = "empty address";
        return m;
    }
    if (auto it = m_by_text.find(text); it != m_by_text.end()) {
        take_group(m, it->second, MatchMethod::Exact, 1.0, {});
        return m;
    }
    AddressParts in = normalize_address(text);
    if (in.district.empty()) {
        // A district the text alone does not show (上街区, written without 郑州市): the rest
        // after it is one of the gazetteer's roads or compounds.
        auto split = [&](std::string& name, const Names& names) {
            if (name.empty() || names.index.count(name)) return false;
            const std::u32string c = decode(name);
            for (std::size_t len = 2; len + 2 < c.size() && len <= 9; ++len) {
                if (!one_of(c[len], U"区县")) continue;
                const std::string rest = encode(std::u32string_view(c).substr(len + 1));
                if (!names.index.count(rest) && !names.by_stem.count(compound_stem(rest))) continue;
                in.district = encode(std::u32string_view(c).substr(0, len + 1));
                name = rest;
                return true;
            }
            return false;
        };
        if (!split(in.road, m_roads) && in.road.empty()) split(in.compound, m_compounds);
    }
    // A city or district the gazetteer does not cover: what it would match is shown, never taken.
    std::string elsewhere;
    auto covered = [](const std::vector<Place>& places, const std::string& name) {
        const std::u32string stem = place_stem(name);
        return places.empty() ||
               std::any_of(places.begin(), places.end(), [&](const Place& p) { return same_place(p.stem, stem); });
    };
    const std::vector<Place>* places = nullptr;
    if (!in.district.empty() && !covered(m_districts, in.district)) {
        elsewhere = in.district;
        places = &m_districts;
    } else if (!in.city.empty() && !covered(m_cities, in.city)) {
        elsewhere = in.city;
        places = &m_cities;
    }
    if (elsewhere.empty()) return match_parts(in);
    in.district.clear();
    in.city.clear();
    m = match_parts(in);
    std::vector<std::string> names;
    for (const Place& p : *places) names.push_back(p.name);
    std::string reason = "the address is in " + elsewhere + ", the gazetteer covers " + join(names, "/");
    if (!m.reason.empty()) reason += "; " + m.reason;
    m.reason = reason;
    return m;
}

}  // namespace stationplan::model
