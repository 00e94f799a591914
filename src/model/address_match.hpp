// Address matching: deputies given by a text address only are placed at the point
// of a gazetteer entry (address points of the district).
//
//   model::Gazetteer g;
//   g.add({"A1", "郑州市金水区丰产路街道春兆街175号10号楼", {x, y}});
//   model::AddressMatcher m(std::move(g));
//   model::Match r = m.match("春兆街一百七十五号10栋2单元301室");
//   r.accepted();  // method Normalised, confidence 1.0
//
// Steps: (1) the text equals an entry's text exactly; (2) the normalised forms are
// equal (full-width to half-width, Chinese numerals to digits, 号院/号楼/栋/幢/座,
// 单元/室/户 dropped, province, city, district and street prefixes dropped);
// (3) fuzzy: every entry on the same road, or with the same house number on a road
//     sharing a character (or, without a house number, any entry sharing one), is scored
//     0.5 * road similarity (1 - Levenshtein / longer length, by character)
//   + 0.3 * house number agrees + 0.2 * building agrees (0.1 when the text gives none).
// A match is accepted when its confidence reaches min_confidence and no other
// entry comes within ambiguity_margin of it (or, for normalised matches, when the
// normalised form is unique); otherwise the deputy goes to review with the best
// three candidates. Nothing is guessed: ties always go to review.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stationplan/geometry.hpp"

namespace stationplan::model {

// An address taken apart: road (everything before the house number, prefixes
// dropped), house number and building number (digits, empty when not given).
struct AddressParts {
    std::string road;
    std::string number;
    std::string building;
    // "road|number|building": equal keys mean the same address point.
    std::string key() const { return road + "|" + number + "|" + building; }
};

// Full-width to half-width, Chinese numerals to digits, blanks and punctuation
// removed, then taken apart. Pure text; deterministic.
AddressParts normalize_address(std::string_view text);
// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to half-width.
std::string to_half_width(std::string_view text);
// "一百七十五" -> "175", "二十八" -> "28", "一七五" -> "175"; other text unchanged.
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
    std::vector<Candidate> candidates;   // best first, at most 3 (for review)
    std::string reason;                  // why not accepted (empty when accepted)
    bool accepted() const { return reason.empty() && method != MatchMethod::None; }
};

struct MatchSettings {
    double min_confidence = 0.8;     // fuzzy matches below this go to review
    double ambiguity_margin = 0.05;  // a runner-up this close makes a match ambiguous
};

class AddressMatcher {
public:
    AddressMatcher(std::vector<GazetteerEntry> entries, MatchSettings settings = {});
    Match match(std::string_view address) const;
    const std::vector<GazetteerEntry>& entries() const { return m_entries; }

private:
    std::vector<GazetteerEntry> m_entries;
    std::vector<AddressParts> m_parts;
    MatchSettings m_settings;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_text;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_key;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_road_number;  // "road|number"
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_road;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_number;
    std::vector<std::u32string> m_road_chars;   // per entry, the road's characters
    std::vector<Candidate> score_candidates(const AddressParts& in) const;
};

}  // namespace stationplan::model
