// Address matching: deputies given by a text address only are placed at the point
// of a gazetteer entry (address points of the district), or sent to review.
//
//   std::vector<model::GazetteerEntry> g{{"A1", "郑州市金水区丰产路街道春兆街175号10号楼", {x, y}, "line 2"}};
//   model::AddressMatcher m(std::move(g));
//   model::Match r = m.match("春兆街一百七十五号10栋2单元301室");
//   r.accepted();  // method Normalised, confidence 1.0
//
// An address is read as [province][city][district][street] road house-number[号院]
// [compound] building [unit, room]: full-width to half-width; Chinese numerals become
// digits only where a number stands (before 号, 栋, 单元, 室 ... or at the end), so
// names keep theirs (百花路, 二马路, 国棉三厂, 三官庙); Arabic digits inside a road name
// become numerals (经3路 = 经三路, 西3环路 = 西三环路); the building is N号楼, N栋/幢/座/楼,
// N#, the N号 after 号院 or after a compound, or the second part of 175-10-2-301. A compound
// (保利百合小区, 国棉三厂家属院) after the house number, or instead of road and number,
// is kept; it is found by its full name, or without 小区/家属院/生活区 (保利百合).
//
// Steps: (1) the text equals an entry's text exactly; (2) the written road is in the
// gazetteer: the normalised forms are equal (road, house number, building), or without a
// building the house number has one point only; (3) otherwise the road is resolved
// first and only then the entries on it are scored:
//   - a written road that exists is that road, never another one;
//   - a written road that does not exist goes to the roads nearest to it by edit
//     distance (one character; two for names of six or more), which also completes a
//     dropped direction (建设路 -> 建设西路). One such road is the road. Of several, the
//     one that alone best holds the written house number (and building, and compound)
//     is the road, unless a twin of it is among them (names differing only by a
//     direction or a numeral: 建设东路/建设西路, 一马路/二马路): then the text cannot tell
//     them apart, even if only one has the number, and goes to review with both; when
//     none or several hold the number, review with the best entry of each;
//   - a road not in the gazetteer, or an address without one, is tried as a compound
//     name the same way (the compound's building, or its only point).
// Entries on the resolved road are scored 0.5 * road similarity (1 - Levenshtein /
// longer length, by character) + 0.3 * house number agrees + 0.2 * building agrees
// (the same, or neither side gives one; 0.1 when only one side does); on a compound,
// 0.8 * compound similarity + the same building term. A match is accepted when its
// confidence reaches min_confidence (equal counts), no other entry comes within
// ambiguity_margin of it and it has no other building than the one written; otherwise
// the deputy goes to review with the best three candidates (with the same house number
// on a road one character away when the road lacks it: shown, never taken).
// An address naming a city or district the gazetteer does not cover (its entries name
// 郑州市中原区, the text says 二七区, or 上街区 before one of its roads) is never placed: it
// goes to review with what it would have matched. Nothing is guessed: ties always go to
// review.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stationplan/geometry.hpp"

namespace stationplan::model {

// An address taken apart. Digits are ASCII without leading zeros; empty: not given.
struct AddressParts {
    std::string city;       // "郑州市" as written
    std::string district;   // "二七区", "新郑市" as written
    std::string road;       // everything before the house number, prefixes dropped
    std::string number;     // house number
    std::string compound;   // "保利百合小区", "国棉三厂家属院": a compound's name as written
    std::string building;   // building number
    // "road|number|building": equal keys (with a road and a number) mean the same point.
    std::string key() const { return road + "|" + number + "|" + building; }
    // The key, with the compound and the district when given (for review.csv).
    std::string describe() const;
};

// Full-width to half-width, Chinese numerals to digits in number positions, blanks
// and punctuation removed, then taken apart. Pure text; deterministic.
AddressParts normalize_address(std::string_view text);
// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to half-width.
std::string to_half_width(std::string_view text);
// Chinese numerals standing as a number (followed by 号, 栋, 幢, 座, 楼, 单元, 室, 户,
// 层, #, - or the end of the text) to digits: "一百七十五号" -> "175号", "二十八栋" ->
// "28栋", "一七五号" -> "175号"; numerals inside names stay: "百花路", "国棉三厂".
std::string chinese_numerals_to_digits(std::string_view text);
// 1 - edit distance / longer length, over Unicode characters; 1 for two empty strings.
double text_similarity(std::string_view a, std::string_view b);

struct GazetteerEntry {
    std::string id;
    std::string address;   // full text as given (or composed from road, number, building)
    XY position;           // working CRS
    std::string source;    // "line 12" (for messages)
};

enum class MatchMethod { Exact, Normalised, Fuzzy, None };
const char* to_string(MatchMethod method);

struct Candidate {
    std::size_t entry = 0;   // index into the gazetteer
    double score = 0.0;      // 0..1
};

struct Match {
    MatchMethod method = MatchMethod::None;
    double confidence = 0.0;
    std::size_t entry = 0;               // valid when accepted()
    std::vector<Candidate> candidates;   // best first, at most 3 (for review); tied roads: each one's best, then the rest
    std::string reason;                  // why not accepted (empty when accepted)
    bool accepted() const { return reason.empty() && method != MatchMethod::None; }
};

struct MatchSettings {
    double min_confidence = 0.8;     // fuzzy matches below this go to review (equal passes)
    double ambiguity_margin = 0.05;  // a runner-up this close makes a match ambiguous
    // The district(s) the gazetteer covers when its entries name none (the district
    // layer's name, "金水区"; names not ending in 区/县/市/旗 are ignored); an address
    // naming another one goes to review.
    std::vector<std::string> districts;
};

class AddressMatcher {
public:
    AddressMatcher(std::vector<GazetteerEntry> entries, MatchSettings settings = {});
    Match match(std::string_view address) const;
    const std::vector<GazetteerEntry>& entries() const { return m_entries; }

private:
    // The distinct roads (or compounds) of the gazetteer with their entries; compounds
    // also by their stems (保利百合 for 保利百合小区).
    struct Names {
        std::vector<std::string> text;
        std::vector<std::u32string> chars;
        std::vector<std::vector<std::size_t>> entries;
        std::unordered_map<std::string, std::size_t> index;
        std::vector<std::u32string> stems;                                    // compounds only
        std::unordered_map<std::string, std::vector<std::size_t>> by_stem;   // compounds only
        // Every name (and stem) of three or more characters and each of its one-character
        // deletions: two texts one edit apart share a key (symmetric deletion).
        std::unordered_map<std::u32string, std::vector<std::size_t>> deletions;
        void add(const std::string& name, std::size_t entry, const std::string* stem = nullptr);
    };
    struct Resolved {
        std::vector<std::size_t> names;  // indexes into Names: one (exact or corrected), several (tied), none
        bool exact = false;
    };
    Resolved resolve(const Names& names, const std::string& written, const AddressParts& in) const;
    Resolved narrow(const Names& names, const Resolved& tied, const AddressParts& in, bool compounds) const;
    bool compatible(const AddressParts& in, std::size_t entry) const;
    Match match_parts(const AddressParts& in) const;
    Match match_on_road(const AddressParts& in, std::size_t road, bool exact) const;
    Match match_compound(const AddressParts& in, const std::string& written, const std::string* road) const;
    std::vector<Candidate> nearby(const AddressParts& in) const;
    void decide(Match& m, std::vector<Candidate> scored, MatchMethod method) const;
    Match tied_names(const Names& names, const Resolved& r, const std::string& written, const AddressParts& in,
                     bool compounds) const;
    double score(const AddressParts& in, std::size_t entry, double name_similarity, bool compound) const;

    std::vector<GazetteerEntry> m_entries;
    std::vector<AddressParts> m_parts;
    MatchSettings m_settings;
    struct Place {
        std::u32string stem;   // the name without 区/县/市 (compared)
        std::string name;      // as first written (for messages)
    };
    std::vector<Place> m_districts;   // districts the entries name, else those of the settings
    std::vector<Place> m_cities;      // cities the entries name
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_text;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_key;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_road_number;  // "road|number"
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_number;

    Names m_roads;
    Names m_compounds;
};

}  // namespace stationplan::model
