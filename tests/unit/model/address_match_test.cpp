#include "model/address_match.hpp"

#include <gtest/gtest.h>

#include <algorithm>

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
    EXPECT_EQ(normalize_address("纬五路12号").key(), "纬五路|12|");
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
    const AddressMatcher strict(small_gazetteer(), {0.9, 0.05, {}});
    EXPECT_FALSE(strict.match("郑州市金水区杜岭街道宏芳路16号24号楼").accepted());
    const AddressMatcher lax(small_gazetteer(), {0.6, 0.05, {}});
    const Match weak = lax.match("宏坊路99号24号楼");
    EXPECT_TRUE(weak.accepted());
    EXPECT_EQ(weak.method, MatchMethod::Fuzzy);
}


// ---------------------------------------------------------------------------------
// The defects an unseen test of another district found (issue 10, item 12). Each test
// below failed on the matcher before the fix; the comment says what it did.

// A small 中原区: directional twins and one-character neighbours kilometres apart,
// names with numerals, compounds with buildings.
std::vector<GazetteerEntry> zhongyuan() {
    return {
        {"W0", "郑州市中原区林山寨街道建设西路100号3号楼", {-300.0, 0.0}, "line 1"},
        {"W1", "郑州市中原区林山寨街道建设西路187号3号楼", {0.0, 0.0}, "line 2"},
        {"W2", "郑州市中原区林山寨街道建设西路187号4号楼", {20.0, 0.0}, "line 3"},
        {"E1", "郑州市中原区建设路街道建设东路12号1号楼", {6000.0, 0.0}, "line 4"},
        {"H1", "郑州市中原区航海西路街道航海西路56号2号楼", {0.0, -4000.0}, "line 5"},
        {"L1", "郑州市中原区秦岭路街道陇海西路8号1号楼", {0.0, -2500.0}, "line 6"},
        {"Y1", "郑州市中原区汝河路街道颍河路20号5号楼", {3000.0, -3000.0}, "line 7"},
        {"R1", "郑州市中原区汝河路街道汝河路3号1号楼", {3500.0, -1000.0}, "line 8"},
        {"S1", "郑州市中原区桐柏路街道嵩山南路30号2号楼", {1000.0, -5000.0}, "line 9"},
        {"S2", "郑州市中原区桐柏路街道嵩山北路30号2号楼", {1000.0, 3000.0}, "line 10"},
        {"B1", "郑州市中原区棉纺路街道百花路12号3号楼", {2000.0, 500.0}, "line 11"},
        {"M1", "郑州市中原区棉纺路街道二马路12号3号楼", {2500.0, 800.0}, "line 12"},
        {"G5", "郑州市中原区棉纺路街道棉纺路23号院国棉三厂家属院5号楼", {4000.0, 200.0}, "line 13"},
        {"G6", "郑州市中原区棉纺路街道棉纺路23号院国棉三厂家属院6号楼", {4040.0, 200.0}, "line 14"},
        {"P3", "郑州市中原区林山寨街道建设西路200号院保利百合小区3号楼", {-800.0, 0.0}, "line 15"},
        {"P4", "郑州市中原区林山寨街道建设西路200号院保利百合小区4号楼", {-760.0, 0.0}, "line 16"},
        {"C1", "郑州市中原区须水街道长江西路5号2号楼", {-3000.0, 2000.0}, "line 17"},
        {"X1", "郑州市中原区须水街道须水河西路88号2号楼", {-5000.0, 1000.0}, "line 18"},
    };
}

std::string placed(const AddressMatcher& m, std::string_view address) {
    const Match r = m.match(address);
    return r.accepted() ? m.entries()[r.entry].id : "review: " + r.reason;
}

bool has_candidate(const AddressMatcher& m, const Match& r, const std::string& id) {
    return std::any_of(r.candidates.begin(), r.candidates.end(), [&](const Candidate& c) { return m.entries()[c.entry].id == id; });
}

TEST(AddressDefects, AWrittenRoadThatExistsIsNeverAnother) {
    // Before: each was placed on the other road, 0.833-0.875, kilometres away.
    const AddressMatcher m(zhongyuan());
    for (const auto& [written, other] : std::vector<std::pair<std::string, std::string>>{
             {"建设东路187号3号楼", "W1"},   // 6 km from 建设东路
             {"陇海西路56号2号楼", "H1"},    // 航海西路
             {"汝河路20号5号楼", "Y1"},      // 颍河路
             {"嵩山北路12号1号楼", "E1"}}) { // nothing near: 嵩山北路 has no 12号
        SCOPED_TRACE(written);
        const Match r = m.match(written);
        EXPECT_FALSE(r.accepted());
        EXPECT_NE(r.reason.find("is not on"), std::string::npos) << r.reason;
        EXPECT_NE(m.entries()[r.entry].id, other);
    }
    // The other road's entry is shown to the person, never taken.
    const Match twin = m.match("建设东路187号3号楼");
    EXPECT_TRUE(has_candidate(m, twin, "W1"));
    EXPECT_EQ(twin.reason, "house number 187 is not on 建设东路; best score 0.500 below 0.800");
}

TEST(AddressDefects, DirectionalTwinsAreDistinctUnlessTheTextIsAmbiguous) {
    const AddressMatcher m(zhongyuan());
    // Written exactly: each twin is its own road.
    EXPECT_EQ(placed(m, "嵩山南路30号2号楼"), "S1");
    EXPECT_EQ(placed(m, "嵩山北路30号2号楼"), "S2");
    // The direction dropped or garbled while both twins exist: review with both, even
    // though only 建设西路 has 187号 (before: placed on 建设西路 at 0.875).
    for (const char* written : {"建设路187号3号楼", "建设四路187号3号楼", "建设中路187号3号楼"}) {
        SCOPED_TRACE(written);
        const Match r = m.match(written);
        EXPECT_FALSE(r.accepted());
        EXPECT_EQ(r.reason.rfind("ambiguous: ", 0), 0u) << r.reason;
        EXPECT_TRUE(has_candidate(m, r, "W1"));
        EXPECT_TRUE(has_candidate(m, r, "E1"));
    }
    EXPECT_EQ(m.match("建设路187号3号楼").reason, "ambiguous: 建设路 is as near to 建设西路 as to 建设东路");
    // Both twins fit: review with both.
    const Match both = m.match("嵩山中路30号2号楼");
    EXPECT_FALSE(both.accepted());
    EXPECT_TRUE(has_candidate(m, both, "S1"));
    EXPECT_TRUE(has_candidate(m, both, "S2"));
    // A road with no twin: a dropped direction or a typo still finds it.
    const Match dropped = m.match("长江路5号2号楼");
    ASSERT_TRUE(dropped.accepted()) << dropped.reason;
    EXPECT_EQ(m.entries()[dropped.entry].id, "C1");
    EXPECT_EQ(dropped.method, MatchMethod::Fuzzy);
    EXPECT_NEAR(dropped.confidence, 0.5 * 0.75 + 0.5, 1e-12);
    EXPECT_EQ(placed(m, "建没西路187号4号楼"), "W2");  // 建设西路 one character away, 建设东路 two
}

TEST(AddressDefects, NumeralsInsideNamesStay) {
    // Before: 100花路, 国棉3厂, 保利100合, 3官庙街.
    EXPECT_EQ(normalize_address("郑州市中原区百花路12号3号楼").key(), "百花路|12|3");
    EXPECT_EQ(normalize_address("百花路一百二十号三号楼").key(), "百花路|120|3");
    EXPECT_EQ(normalize_address("三官庙街八号").key(), "三官庙街|8|");
    EXPECT_EQ(chinese_numerals_to_digits("保利百合小区三号楼"), "保利百合小区3号楼");
    EXPECT_EQ(chinese_numerals_to_digits("国棉三厂家属院五栋三单元"), "国棉三厂家属院5栋3单元");
    const AddressParts mill = normalize_address("棉纺路23号院国棉三厂家属院5号楼");
    EXPECT_EQ(mill.key(), "棉纺路|23|5");
    EXPECT_EQ(mill.compound, "国棉三厂家属院");
    // Arabic digits in a road's name are its numerals: 2马路 is 二马路.
    EXPECT_EQ(normalize_address("2马路12号3号楼").key(), "二马路|12|3");
    EXPECT_EQ(normalize_address("经3路5号").key(), "经三路|5|");

    const AddressMatcher m(zhongyuan());
    // The compound's buildings are told apart (before: both read 棉纺路|23|, ambiguous).
    EXPECT_EQ(placed(m, "棉纺路23号院国棉三厂5栋"), "G5");
    EXPECT_EQ(placed(m, "建设西路200号院保利百合4栋"), "P4");
    // A typo of 百花路 is one character from it (before: 白花路 against 100花路, 0.4).
    EXPECT_EQ(placed(m, "白花路12号3号楼"), "B1");
    // Without 号 the number after 二马路 is the house number (before: house number 2).
    EXPECT_EQ(placed(m, "二马路12-3-2-301"), "M1");
}

TEST(AddressDefects, AnotherDistrictIsNeverPlacedHere) {
    const AddressMatcher m(zhongyuan());
    // Before: placed on this district's 建设西路 at 1.000.
    for (const char* written : {"郑州市二七区建设西路187号3号楼", "二七区建设西路187号3号楼", "郑州市金水区建设西路187号3号楼",
                                "河南省郑州市管城回族区建设西路187号3号楼"}) {
        SCOPED_TRACE(written);
        const Match r = m.match(written);
        EXPECT_FALSE(r.accepted());
        EXPECT_EQ(r.reason.rfind("the address is in ", 0), 0u) << r.reason;
        ASSERT_FALSE(r.candidates.empty());
        EXPECT_EQ(m.entries()[r.candidates.front().entry].id, "W1");  // what it would have matched
    }
    EXPECT_EQ(m.match("郑州市二七区建设西路187号3号楼").reason, "the address is in 二七区, the gazetteer covers 中原区");
    EXPECT_EQ(m.match("开封市建设西路187号3号楼").reason, "the address is in 开封市, the gazetteer covers 郑州市");
    // The district written in other ways is this one.
    EXPECT_EQ(placed(m, "郑州中原区建设西路187号3号楼"), "W1");
    EXPECT_EQ(placed(m, "中原区建设西路187号3号楼"), "W1");

    // A gazetteer naming no district learns it from the settings (the district layer).
    std::vector<GazetteerEntry> bare{{"W1", "建设西路187号3号楼", {0.0, 0.0}, "line 2"}};
    const AddressMatcher named(bare, {0.8, 0.05, {"中原区"}});
    EXPECT_FALSE(named.match("郑州市二七区建设西路187号3号楼").accepted());
    EXPECT_TRUE(named.match("郑州市中原区建设西路187号3号楼").accepted());
    const AddressMatcher unnamed(bare, {0.8, 0.05, {"Zhongyuan"}});  // not a district's name: not used
    EXPECT_TRUE(unnamed.match("郑州市二七区建设西路187号3号楼").accepted());

    // A gazetteer of two districts with the same road: the district written decides, none is a tie.
    std::vector<GazetteerEntry> city{{"Z1", "郑州市中原区建设西路187号3号楼", {0.0, 0.0}, "line 2"},
                                     {"E1", "郑州市二七区建设西路187号3号楼", {9000.0, 0.0}, "line 3"}};
    const AddressMatcher both(city);
    EXPECT_EQ(placed(both, "二七区建设西路187号3号楼"), "E1");
    EXPECT_EQ(placed(both, "郑州市中原区建设西路187号院3号"), "Z1");
    EXPECT_EQ(placed(both, "建设西路187号3号楼"), "review: ambiguous: 2 gazetteer entries fit equally well");
    EXPECT_EQ(placed(both, "郑州市金水区建设西路187号3号楼").rfind("review: the address is in 金水区, the gazetteer covers 中原区/二七区", 0), 0u);
}

TEST(AddressDefects, HashAndHaoYuanNumbersAreBuildings) {
    // Before: 3# lost its '#' and 号院2号 its building; both went to review as ambiguous.
    EXPECT_EQ(normalize_address("建设西路187号3#").key(), "建设西路|187|3");
    EXPECT_EQ(normalize_address("建设西路187号3#楼2单元").key(), "建设西路|187|3");
    EXPECT_EQ(normalize_address("建设西路187号院3号").key(), "建设西路|187|3");
    EXPECT_EQ(normalize_address("建设西路187号院4号2单元301").key(), "建设西路|187|4");
    const AddressMatcher m(zhongyuan());
    EXPECT_EQ(placed(m, "建设西路187号3#"), "W1");
    EXPECT_EQ(placed(m, "郑州市中原区建设西路187号院4号"), "W2");
}

TEST(AddressDefects, ACompoundAloneFindsItsBuilding) {
    // Before: 保利百合小区 was read as a district (…小区) or the numerals broke it: review.
    EXPECT_EQ(normalize_address("保利百合小区3号楼").describe(), "||3 保利百合小区");
    EXPECT_TRUE(normalize_address("保利百合小区3号楼").district.empty());
    const AddressMatcher m(zhongyuan());
    EXPECT_EQ(placed(m, "保利百合小区3号楼"), "P3");
    EXPECT_EQ(placed(m, "中原区保利百合4栋2单元"), "P4");
    EXPECT_EQ(placed(m, "国棉三厂家属院6号楼"), "G6");
    EXPECT_EQ(placed(m, "国棉三厂5号"), "G5");
    EXPECT_EQ(placed(m, "建设西路保利百合小区3号楼"), "P3");
    const Match r = m.match("保利百合小区3号楼");
    EXPECT_EQ(r.method, MatchMethod::Normalised);
    EXPECT_DOUBLE_EQ(r.confidence, 1.0);
    // The compound without a building: two points, a person decides.
    const Match whole = m.match("保利百合小区");
    EXPECT_FALSE(whole.accepted());
    EXPECT_TRUE(has_candidate(m, whole, "P3"));
    EXPECT_TRUE(has_candidate(m, whole, "P4"));
}

TEST(AddressDefects, AScoreEqualToTheThresholdPasses) {
    // 须水和西路: one character of five wrong, number and building agree: 0.5 * 0.8 + 0.5 =
    // 0.9 exactly, which in doubles is 0.8999999999999999; before it was "below 0.900".
    const AddressMatcher m(zhongyuan(), {0.9, 0.05, {}});
    const Match r = m.match("须水和西路88号2号楼");
    ASSERT_TRUE(r.accepted()) << r.reason;
    EXPECT_EQ(m.entries()[r.entry].id, "X1");
    const AddressMatcher stricter(zhongyuan(), {0.91, 0.05, {}});
    EXPECT_FALSE(stricter.match("须水和西路88号2号楼").accepted());
}

TEST(AddressNormalise, PrefixesAreAdministrativeOnly) {
    const AddressParts full = normalize_address("河南省郑州市中原区林山寨街道建设西路187号3号楼");
    EXPECT_EQ(full.city, "郑州市");
    EXPECT_EQ(full.district, "中原区");
    EXPECT_EQ(full.key(), "建设西路|187|3");
    EXPECT_EQ(normalize_address("郑州市上街区济源路1号").district, "上街区");
    EXPECT_EQ(normalize_address("郑州金水区春兆街175号").district, "郑州金水区");
    EXPECT_EQ(normalize_address("新郑市人民路1号").district, "");  // a city-level 市 needs its city first
    EXPECT_EQ(normalize_address("郑州市新郑市人民路1号").district, "新郑市");
    for (const char* compound : {"碧沙岗东区5号楼", "西流湖小区3号楼", "华山小区1栋", "城市花园2号楼"}) {
        const AddressParts p = normalize_address(compound);
        EXPECT_TRUE(p.district.empty() && p.city.empty()) << compound;
        EXPECT_FALSE(p.compound.empty()) << compound;
    }
    // Blanks between numbers separate them.
    EXPECT_EQ(normalize_address("建设西路187 3号楼").key(), "建设西路|187|3");
}

TEST(AddressMatcher, AMissingBuildingOrNumberIsSaidAndTheNearestAreShown) {
    const AddressMatcher m(zhongyuan());
    // 187号 has buildings 3 and 4, not 9: neither is taken (before: "ambiguous: runner-up ...").
    const Match building = m.match("建设西路187号9号楼");
    EXPECT_FALSE(building.accepted());
    EXPECT_EQ(building.reason, "building 9 is not at 建设西路 187号");
    ASSERT_GE(building.candidates.size(), 2u);
    EXPECT_EQ(m.entries()[building.candidates[0].entry].id, "W1");
    EXPECT_EQ(m.entries()[building.candidates[1].entry].id, "W2");
    // A house number the road lacks: the road's numbers nearest the written one come first.
    const Match number = m.match("建设西路188号3号楼");
    EXPECT_FALSE(number.accepted());
    EXPECT_EQ(number.reason.rfind("house number 188 is not on 建设西路", 0), 0u) << number.reason;
    ASSERT_EQ(number.candidates.size(), 3u);
    EXPECT_EQ(m.entries()[number.candidates[0].entry].id, "W1");  // 187, then 100 and 200, all 0.700
    EXPECT_EQ(m.entries()[number.candidates[1].entry].id, "W0");
    EXPECT_EQ(m.entries()[number.candidates[2].entry].id, "P3");
    // Review without candidates only when nothing resembles the road.
    const Match nothing = m.match("郑州市中原区未来路3号1号楼");
    EXPECT_TRUE(nothing.candidates.empty());
    EXPECT_EQ(nothing.reason, "road 未来路 is not in the gazetteer (no road there shares a character with it)");
}

}  // namespace
}  // namespace stationplan::model
