// The matcher on the seeded adversarial address set (tests/support/address_set.hpp): a
// synthetic 郑州市中原区 of 3,000 address points with directional twins, one-character
// neighbours, numerals inside names and compounds, and 300 written addresses with 32
// habits of real rosters (prefixes of other districts, compound-only, typos on roads
// and numbers ...). Correct = placed at the deputy's own gazetteer entry.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "model/address_match.hpp"
#include "support/address_set.hpp"

namespace stationplan::model {
namespace {

using test::AddressSet;

std::vector<GazetteerEntry> entries_of(const AddressSet& set) {
    std::vector<GazetteerEntry> out;
    for (const auto& p : set.gazetteer) out.push_back({p.id, p.address, {p.lon, p.lat}, p.id});
    return out;
}

TEST(AddressAdversarial, GeneratorIsSeeded) {
    const AddressSet a = test::make_address_set({7, 500, 64});
    const AddressSet b = test::make_address_set({7, 500, 64});
    const AddressSet c = test::make_address_set({8, 500, 64});
    ASSERT_EQ(a.addresses.size(), 64u);
    EXPECT_GE(a.gazetteer.size(), 500u);
    for (std::size_t k = 0; k < a.addresses.size(); ++k) EXPECT_EQ(a.addresses[k].written, b.addresses[k].written);
    EXPECT_EQ(a.gazetteer.back().address, b.gazetteer.back().address);
    std::size_t same = 0;
    for (std::size_t k = 0; k < a.addresses.size(); ++k) same += a.addresses[k].written == c.addresses[k].written;
    EXPECT_LT(same, 8u);
    // Every habit drawn, the gazetteer's texts unique, every target in it.
    std::set<std::string> habits, texts, ids;
    for (const auto& p : a.gazetteer) {
        EXPECT_TRUE(texts.insert(p.address).second) << p.address;
        ids.insert(p.id);
    }
    for (const auto& w : a.addresses) {
        habits.insert(w.habit);
        if (!w.target.empty()) {
            EXPECT_TRUE(ids.count(w.target)) << w.written;
        }
    }
    EXPECT_EQ(habits.size(), test::address_habits().size());
    EXPECT_GE(test::address_habits().size(), 22u);
}

TEST(AddressAdversarial, PlacesWherePeopleLiveOrNotAtAll) {
    const AddressSet set = test::make_address_set({20240611, 3000, 300});
    const AddressMatcher matcher(entries_of(set));
    std::vector<std::string> placed;
    std::size_t review_without_candidates = 0, not_in_gazetteer = 0;
    for (const auto& a : set.addresses) {
        const Match m = matcher.match(a.written);
        placed.push_back(m.accepted() ? matcher.entries()[m.entry].id : std::string());
        // Every review comes with candidates, unless nothing in the gazetteer resembles the road.
        if (!m.accepted() && m.candidates.empty()) {
            const bool nothing_alike = m.reason.find("(no road there shares a character with it)") != std::string::npos;
            EXPECT_TRUE(nothing_alike) << a.written << ": " << m.reason;
            ++review_without_candidates;
        }
        if (a.target.empty()) {
            ++not_in_gazetteer;
            EXPECT_FALSE(m.accepted()) << a.habit << ": " << a.written << " placed at " << matcher.entries()[m.entry].address;
        }
    }
    const test::AddressScore s = test::score_address_set(set, placed);
    for (std::size_t k : s.wrong) {
        const auto& a = set.addresses[k];
        ADD_FAILURE() << "wrong placement (" << a.habit << "): " << a.written << " -> " << placed[k] << ", truth "
                      << (a.target.empty() ? "not in the gazetteer" : a.target);
    }
    for (const auto& [habit, c] : s.by_habit)
        std::printf("%-24s %3zu addresses, %3zu placed, %3zu correct, %3zu to review\n", habit.c_str(), c.addresses, c.placed,
                    c.correct, c.reviewed);
    std::printf("precision %.4f (%zu of %zu placements), recall %.4f (%zu of %zu in the gazetteer), %zu to review\n",
                s.precision(), s.all.correct, s.all.placed, s.recall(), s.all.correct, s.all.in_gazetteer, s.all.reviewed);
    EXPECT_GE(s.precision(), 0.995);
    EXPECT_GE(s.recall(), 0.85);
    EXPECT_EQ(review_without_candidates, 5u);  // 未来路 (twice), 解放路 (twice), 农业路: no road here shares a character
    // The fixed seed's figures exactly (a change of the matcher or the generator shows here).
    EXPECT_EQ(s.all.addresses, 300u);
    EXPECT_EQ(s.all.in_gazetteer, 252u);
    EXPECT_EQ(s.all.placed, 222u);
    EXPECT_EQ(s.all.correct, 222u);
    EXPECT_EQ(s.all.reviewed, 78u);
    EXPECT_EQ(not_in_gazetteer, 48u);
}

}  // namespace
}  // namespace stationplan::model
