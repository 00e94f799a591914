// Address normalisation and matching (model/address_match.hpp). The input's first
// line is the address; the following lines (at most 16) are gazetteer entries of a
// second matcher besides a fixed one.
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "model/address_match.hpp"

namespace {

using stationplan::model::AddressMatcher;
using stationplan::model::GazetteerEntry;
using stationplan::model::Match;

const AddressMatcher& fixed_matcher() {
    static const AddressMatcher m = [] {
        const char* texts[] = {"郑州市金水区丰产路街道春兆街175号10号楼", "郑州市金水区春兆街175号11号楼",
                               "金水区建设东路12号", "金水区建设西路12号", "经三路8号院3号楼", "一马路5号",
                               "二马路5号", "保利百合小区2栋", "国棉三厂家属院6号楼", "百花路100-2"};
        std::vector<GazetteerEntry> g;
        double x = 0;
        for (const char* t : texts) g.push_back({"G" + std::to_string(g.size()), t, {x += 10, 0}, "line " + std::to_string(g.size() + 2)});
        return AddressMatcher(std::move(g), {0.8, 0.05, {"金水区"}});
    }();
    return m;
}

// The promises of a match: at most three distinct candidates, indexes in range, the
// best first (the rest are not always by score: with tied roads the best entry of
// each road comes before the others, see fuzz/regressions/address).
void check(const AddressMatcher& m, const Match& r) {
    if (r.candidates.size() > 3) std::abort();
    if (r.accepted() && r.entry >= m.entries().size()) std::abort();
    if (!(r.confidence >= 0.0 && r.confidence <= 1.0 + 1e-9)) std::abort();
    for (std::size_t k = 0; k < r.candidates.size(); ++k) {
        if (r.candidates[k].entry >= m.entries().size()) std::abort();
        if (!(r.candidates[k].score >= 0.0 && r.candidates[k].score <= 1.0 + 1e-9)) std::abort();
        if (k && r.candidates[0].score < r.candidates[k].score) std::abort();
        for (std::size_t j = 0; j < k; ++j)
            if (r.candidates[j].entry == r.candidates[k].entry) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    const std::string_view text = fuzz::as_text(data, size);
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at <= text.size() && lines.size() < 17;) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    const std::string_view address = lines.front();
    fuzz::expect_input_errors([&] {
        (void)model::to_half_width(text);
        (void)model::chinese_numerals_to_digits(text);
        const model::AddressParts parts = model::normalize_address(address);
        (void)parts.describe();
        if (model::normalize_address(address).key() != parts.key()) std::abort();  // deterministic
        const std::string_view other = lines.size() > 1 ? lines[1] : std::string_view("春兆街175号");
        const double s = model::text_similarity(address, other);
        if (!(s >= 0.0 && s <= 1.0) || s != model::text_similarity(other, address)) std::abort();

        check(fixed_matcher(), fixed_matcher().match(address));
        if (lines.size() > 1) {
            std::vector<model::GazetteerEntry> g;
            for (std::size_t k = 1; k < lines.size(); ++k)
                g.push_back({"E" + std::to_string(k), std::string(lines[k]), {static_cast<double>(k) * 10.0, 0.0},
                             "line " + std::to_string(k + 1)});
            const model::AddressMatcher m(std::move(g));
            check(m, m.match(address));
        }
    });
    return 0;
}
