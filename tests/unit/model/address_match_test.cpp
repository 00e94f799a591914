#include "model/address_match.hpp"

#include <gtest/gtest.h>

namespace stationplan::model {
namespace {

TEST(AddressNormalise, FullWidthToHalfWidth) {
    EXPECT_EQ(to_half_width("１７５号Ａ座　"), "175号A座 ");
}

TEST(AddressNormalise, ChineseNumerals) {
    EXPECT_EQ(chinese_numerals_to_digits("一百七十五号"), "175号");
    EXPECT_EQ(chinese_numerals_to_digits("一百零五"), "105");
    EXPECT_EQ(chinese_numerals_to_digits("十号楼"), "10号楼");
    EXPECT_EQ(chinese_numerals_to_digits("二十八栋"), "28栋");
    EXPECT_EQ(chinese_numerals_to_digits("一七五号"), "175号");
    EXPECT_EQ(chinese_numerals_to_digits("两千零一十"), "2010");
    EXPECT_EQ(chinese_numerals_to_digits("春兆街"), "春兆街");
}

TEST(AddressNormalise, TakesAddressesApart) {
    const AddressParts full = normalize_address("郑州市金水区丰产路街道春兆街175号10号楼");
    EXPECT_EQ(full.road, "春兆街");
    EXPECT_EQ(full.number, "175");
    EXPECT_EQ(full.building, "10");
    // Province, full-width digits, 号院, 栋, unit and room: the same point.
    for (const char* same : {"河南省郑州市金水区春兆街１７５号院10栋2单元301室", "春兆街一百七十五号十号楼",
                             "丰产路街道 春兆街175号10幢", "金水区春兆街175号（10号楼）"}) {
        EXPECT_EQ(normalize_address(same).key(), full.key()) << same;
    }
    // Building-unit-room written with dashes (full-width too).
    EXPECT_EQ(normalize_address("春兆街175号10-2-301").key(), full.key());
    EXPECT_EQ(normalize_address("春兆街175-10-2-301").key(), full.key());
    EXPECT_EQ(normalize_address("春兆街１７５号１０－２－３０１").key(), full.key());
    // Street names with numerals are prefixes, not house numbers.
    EXPECT_EQ(normalize_address("郑州市金水区经八路街道安通巷178号19号楼").key(), "安通巷|178|19");
    // No building given.
    EXPECT_EQ(normalize_address("纬五路12号").key(), "纬5路|12|");
}

TEST(AddressNormalise, TextSimilarityCountsCharacters) {
    EXPECT_DOUBLE_EQ(text_similarity("春兆街", "春兆街"), 1.0);
    EXPECT_DOUBLE_EQ(text_similarity("春兆街", "春照街"), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(text_similarity("春兆街", "福田路"), 0.0);
    EXPECT_DOUBLE_EQ(text_similarity("", ""), 1.0);
}

std::vector<GazetteerEntry> small_gazetteer() {
    return {
        {"A1", "郑州市金水区丰产路街道春兆街175号10号楼", {100.0, 200.0}, "line 2"},
        {"A2", "郑州市金水区丰产路街道春兆街175号11号楼", {130.0, 200.0}, "line 3"},
        {"A3", "郑州市金水区丰产路街道福田路12号3号楼", {500.0, 600.0}, "line 4"},
        {"A4", "郑州市金水区丰产路街道福田路12号3号楼", {900.0, 900.0}, "line 5"},  // the same text twice
        {"A5", "郑州市金水区杜岭街道宏坊路16号24号楼", {700.0, 100.0}, "line 6"},
    };
}

TEST(AddressMatcher, ExactNormalisedAndFuzzy) {
    const AddressMatcher m(small_gazetteer());
    const Match exact = m.match(" 郑州市金水区丰产路街道春兆街175号10号楼 ");
    ASSERT_TRUE(exact.accepted()) << exact.reason;
    EXPECT_EQ(exact.method, MatchMethod::Exact);
    EXPECT_EQ(m.entries()[exact.entry].id, "A1");
    EXPECT_DOUBLE_EQ(exact.confidence, 1.0);

    const Match norm = m.match("春兆街一百七十五号11栋3单元402室");
    ASSERT_TRUE(norm.accepted()) << norm.reason;
    EXPECT_EQ(norm.method, MatchMethod::Normalised);
    EXPECT_EQ(m.entries()[norm.entry].id, "A2");

    // One character of the road wrong: 0.5 * 2/3 + 0.3 + 0.2.
    const Match fuzzy = m.match("郑州市金水区杜岭街道宏芳路16号24号楼");
    ASSERT_TRUE(fuzzy.accepted()) << fuzzy.reason;
    EXPECT_EQ(fuzzy.method, MatchMethod::Fuzzy);
    EXPECT_EQ(m.entries()[fuzzy.entry].id, "A5");
    EXPECT_NEAR(fuzzy.confidence, 0.5 * 2.0 / 3.0 + 0.5, 1e-12);
}

TEST(AddressMatcher, AmbiguousAndWeakGoToReviewWithCandidates) {
    const AddressMatcher m(small_gazetteer());
    // No building, two buildings at the number.
    const Match no_building = m.match("春兆街175号");
    EXPECT_FALSE(no_building.accepted());
    EXPECT_NE(no_building.reason.find("ambiguous"), std::string::npos);
    ASSERT_GE(no_building.candidates.size(), 2u);
    EXPECT_EQ(m.entries()[no_building.candidates[0].entry].id, "A1");
    EXPECT_EQ(m.entries()[no_building.candidates[1].entry].id, "A2");

    // The same text at two places in the gazetteer.
    const Match twice = m.match("郑州市金水区丰产路街道福田路12号3号楼");
    EXPECT_FALSE(twice.accepted());
    ASSERT_EQ(twice.candidates.size(), 2u);  // only these two share its road or number
    EXPECT_EQ(m.entries()[twice.candidates[0].entry].id, "A3");
    EXPECT_EQ(m.entries()[twice.candidates[1].entry].id, "A4");

    // A house number the road does not have: 0.5 + 0 + 0.2 = 0.7 < 0.8.
    const Match unknown = m.match("宏坊路99号24号楼");
    EXPECT_FALSE(unknown.accepted());
    EXPECT_NEAR(unknown.confidence, 0.7, 1e-12);
    EXPECT_EQ(m.entries()[unknown.candidates[0].entry].id, "A5");

    const Match nothing = m.match("人民路");
    EXPECT_FALSE(nothing.accepted());
    EXPECT_TRUE(nothing.candidates.empty());
    EXPECT_FALSE(m.match("").accepted());
}

TEST(AddressMatcher, ThresholdAndMarginAreSettings) {
    const AddressMatcher strict(small_gazetteer(), {0.9, 0.05});
    EXPECT_FALSE(strict.match("郑州市金水区杜岭街道宏芳路16号24号楼").accepted());
    const AddressMatcher lax(small_gazetteer(), {0.6, 0.05});
    const Match weak = lax.match("宏坊路99号24号楼");
    EXPECT_TRUE(weak.accepted());
    EXPECT_EQ(weak.method, MatchMethod::Fuzzy);
}

}  // namespace
}  // namespace stationplan::model
