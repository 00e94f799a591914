#include "model/address_match.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace stationplan::model {
namespace {

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

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Text between blanks and punctuation people put into addresses, removed.
bool is_noise(char32_t c) {
    // '-' is kept: "175号10-2-301" is building 10, unit 2, room 301.
    static const std::u32string noise = U" \t\r\n,.;:'\"()[]#_/\\·、，。；：（）【】—";
    return noise.find(c) != std::u32string::npos;
}

bool starts_with(const std::u32string& s, std::size_t at, std::u32string_view p) {
    return s.compare(at, p.size(), p) == 0;
}

// Drops leading administrative prefixes: 河南省, 郑州市, 金水区, 丰产路街道 ...
std::u32string drop_prefixes(std::u32string s) {
    // suffix, fewest and most characters before it
    struct Prefix {
        std::u32string_view suffix;
        std::size_t min_before, max_before;
    };
    static const Prefix prefixes[] = {{U"省", 1, 7},    {U"自治区", 1, 5}, {U"市", 1, 6},  {U"区", 1, 5},
                                      {U"县", 1, 5},    {U"街道办事处", 1, 6}, {U"街道", 1, 6}, {U"办事处", 1, 6},
                                      {U"镇", 1, 5},    {U"乡", 1, 5}};
    for (bool again = true; again;) {
        again = false;
        for (const auto& p : prefixes) {
            for (std::size_t at = p.min_before; at <= p.max_before && at + p.suffix.size() < s.size(); ++at) {
                if (!starts_with(s, at, p.suffix)) continue;
                // Never cut into a house number, and keep a road behind the prefix.
                if (std::any_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(at), is_digit)) break;
                s.erase(0, at + p.suffix.size());
                again = true;
                break;
            }
            if (again) break;
        }
    }
    return s;
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

}  // namespace

std::string to_half_width(std::string_view text) {
    std::u32string s = decode(text);
    for (char32_t& c : s) {
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        else if (c == 0x3000) c = U' ';
    }
    return encode(s);
}

std::string chinese_numerals_to_digits(std::string_view text) {
    const std::u32string s = decode(text);
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i;
        while (j < s.size() && (numeral_value(s[j]) >= 0 || numeral_unit(s[j]) > 0)) ++j;
        if (j == i) {
            out.push_back(s[i++]);
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
    return encode(out);
}

AddressParts normalize_address(std::string_view text) {
    std::string half = to_half_width(text);
    std::transform(half.begin(), half.end(), half.begin(),
                   [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
    std::u32string s;
    for (char32_t c : decode(half))
        if (!is_noise(c)) s.push_back(c);
    // Prefixes first: street names hold numerals (经八路街道) that are not house numbers.
    s = decode(chinese_numerals_to_digits(encode(drop_prefixes(std::move(s)))));

    AddressParts parts;
    // The house number: the first run of digits followed by 号 (but not 号楼).
    std::size_t num_begin = std::u32string::npos, num_end = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
        std::size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        if (j < s.size() && s[j] == U'号' && !starts_with(s, j, U"号楼")) {
            num_begin = i;
            num_end = j + 1;
            if (starts_with(s, num_end, U"院")) ++num_end;
            break;
        }
    }
    if (num_begin == std::u32string::npos) {
        // No "N号": the first digits after the road are the number.
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (is_digit(s[i])) {
                num_begin = i;
                num_end = i;
                while (num_end < s.size() && is_digit(s[num_end])) ++num_end;
                break;
            }
        }
        if (num_begin == std::u32string::npos) {
            parts.road = encode(s);
            return parts;
        }
    }
    std::u32string road = s.substr(0, num_begin);
    road.erase(std::remove(road.begin(), road.end(), U'-'), road.end());
    parts.road = encode(road);
    std::size_t k = num_begin;
    while (k < s.size() && is_digit(s[k])) parts.number.push_back(static_cast<char>(s[k++]));
    // The building: digits followed by 号楼, 栋, 幢, 座 or 楼; 单元, 室 and 户 are dropped.
    for (std::size_t i = num_end; i < s.size(); ++i) {
        if (!is_digit(s[i])) continue;
        std::size_t j = i;
        while (j < s.size() && is_digit(s[j])) ++j;
        if (j < s.size() && (starts_with(s, j, U"号楼") || s[j] == U'栋' || s[j] == U'幢' || s[j] == U'座' || s[j] == U'楼' ||
                             s[j] == U'-')) {
            parts.building = encode(s.substr(i, j - i));
        }
        break;
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

AddressMatcher::AddressMatcher(std::vector<GazetteerEntry> entries, MatchSettings settings)
    : m_entries(std::move(entries)), m_settings(settings) {
    m_parts.reserve(m_entries.size());
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        AddressParts p = normalize_address(m_entries[i].address);
        m_by_text[trim(m_entries[i].address)].push_back(i);
        m_by_key[p.key()].push_back(i);
        m_by_road_number[p.road + "|" + p.number].push_back(i);
        m_by_road[p.road].push_back(i);
        if (!p.number.empty()) m_by_number[p.number].push_back(i);
        m_road_chars.push_back(decode(p.road));
        m_parts.push_back(std::move(p));
    }
}

std::vector<Candidate> AddressMatcher::score_candidates(const AddressParts& in) const {
    // The pool: the same road (a wrong or missing number), and the same house number
    // on a road sharing a character (a misspelled road). Without a number, every
    // entry on a road sharing a character other than the suffix.
    std::vector<std::size_t> pool;
    const std::u32string road = decode(in.road);
    auto shares_char = [&](std::size_t e) {
        const std::u32string& g = m_road_chars[e];
        for (std::size_t k = 0; k + 1 < g.size() || (k < g.size() && g.size() == 1); ++k)
            if (road.find(g[k]) != std::u32string::npos) return true;
        return false;
    };
    if (auto it = m_by_road.find(in.road); it != m_by_road.end()) pool = it->second;
    if (!in.number.empty()) {
        if (auto it = m_by_number.find(in.number); it != m_by_number.end())
            for (std::size_t e : it->second)
                if (shares_char(e)) pool.push_back(e);
    } else if (!road.empty()) {
        for (std::size_t e = 0; e < m_entries.size(); ++e)
            if (shares_char(e)) pool.push_back(e);
    }
    std::sort(pool.begin(), pool.end());
    pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
    std::vector<Candidate> scored;
    scored.reserve(pool.size());
    for (std::size_t e : pool) {
        const AddressParts& g = m_parts[e];
        const double building = in.building.empty() ? 0.1 : (in.building == g.building ? 0.2 : 0.0);
        const double score = 0.5 * text_similarity(in.road, g.road) + (in.number == g.number && !in.number.empty() ? 0.3 : 0.0) +
                             building;
        scored.push_back({e, score});
    }
    std::sort(scored.begin(), scored.end(), [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score > b.score : a.entry < b.entry;
    });
    return scored;
}

Match AddressMatcher::match(std::string_view address) const {
    Match m;
    const std::string text = trim(address);
    const AddressParts in = normalize_address(text);
    // Scored only when needed: an unambiguous exact or normalised match needs no list.
    std::vector<Candidate> scored;
    bool have_scored = false;
    auto all_scored = [&]() -> const std::vector<Candidate>& {
        if (!have_scored) scored = score_candidates(in);
        have_scored = true;
        return scored;
    };
    auto top3 = [&](std::vector<Candidate> first) {
        for (const Candidate& c : all_scored()) {
            if (first.size() >= 3) break;
            if (std::none_of(first.begin(), first.end(), [&](const Candidate& f) { return f.entry == c.entry; })) first.push_back(c);
        }
        return first;
    };
    auto exact_group = [&](const std::vector<std::size_t>& group, MatchMethod method, double confidence) {
        m.method = method;
        if (group.size() == 1) {
            m.entry = group.front();
            m.confidence = confidence;
            m.candidates = {{group.front(), confidence}};
            return;
        }
        std::vector<Candidate> tied;
        for (std::size_t e : group) {
            if (tied.size() < 3) tied.push_back({e, confidence});
        }
        m.candidates = top3(tied);
        m.confidence = confidence;
        m.reason = "ambiguous: " + std::to_string(group.size()) + " gazetteer entries fit equally well";
    };

    if (text.empty()) {
        m.reason = "empty address";
        return m;
    }
    if (auto it = m_by_text.find(text); it != m_by_text.end()) {
        exact_group(it->second, MatchMethod::Exact, 1.0);
        return m;
    }
    if (auto it = m_by_key.find(in.key()); !in.number.empty() && it != m_by_key.end()) {
        exact_group(it->second, MatchMethod::Normalised, 1.0);
        return m;
    }
    if (in.building.empty() && !in.number.empty()) {
        // No building given: the house number names one point only if the gazetteer has one.
        if (auto it = m_by_road_number.find(in.road + "|" + in.number); it != m_by_road_number.end()) {
            exact_group(it->second, MatchMethod::Normalised, 0.9);
            return m;
        }
    }
    m.method = MatchMethod::Fuzzy;
    m.candidates = top3({});
    if (all_scored().empty()) {
        m.reason = "no gazetteer entry shares its road or house number";
        return m;
    }
    const Candidate& best = scored.front();
    m.confidence = best.score;
    m.entry = best.entry;
    char buf[160];
    if (best.score < m_settings.min_confidence) {
        std::snprintf(buf, sizeof buf, "best score %.3f below %.3f", best.score, m_settings.min_confidence);
        m.reason = buf;
    } else if (scored.size() > 1 && best.score - scored[1].score < m_settings.ambiguity_margin) {
        std::snprintf(buf, sizeof buf, "ambiguous: runner-up scores %.3f against %.3f", scored[1].score, best.score);
        m.reason = buf;
    }
    return m;
}

}  // namespace stationplan::model
