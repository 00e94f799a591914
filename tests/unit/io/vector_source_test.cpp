// io::VectorSource, the one reader of every input layer: CSV with WKT and line
// labels, GDAL's virtual files, missing fields named, text decoding (GBK recoded,
// detected after the sample, mixed encodings refused), the layer's CRS and its area
// of use at a zone's edge.
#include "io/vector_source.hpp"

#include <gtest/gtest.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <map>

#include "io/crs.hpp"
#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan::io {
namespace {

LayerSource small_layer(const std::string& name) {
    LayerSource s;
    s.file = test::test_data() / "small" / (name + ".csv");
    s.crs = "EPSG:4547";
    s.wkt_field = "WKT";
    s.key = "layers." + name;
    return s;
}

TEST(VectorSource, ReadsCsvWithWktAndLabelsLines) {
    VectorSource src(small_layer("stations"), "stations");
    std::vector<std::string> ids, labels;
    src.for_each({{"id", true}, {"kind", true}}, [&](const SourceRecord& r) {
        ids.push_back(*r.values[0]);
        labels.push_back(r.label);
        EXPECT_EQ(r.kind, GeometryKind::Point);
    });
    EXPECT_EQ(ids, (std::vector<std::string>{"SA", "SB", "C1", "C2", "I1"}));
    EXPECT_EQ(labels.front(), "line 2");  // the header is line 1
}

// GDAL's virtual file systems: the fuzz harnesses hand layers over as /vsimem/ files.
TEST(VectorSource, ReadsGdalVirtualFiles) {
    const std::string csv = "id,WKT\nv1,POINT (471000 3851600)\n\nv2,POINT (471800 3851000)\n";
    const char* path = "/vsimem/stationplan-test/virtual.csv";
    VSIFCloseL(VSIFileFromMemBuffer(path, reinterpret_cast<GByte*>(const_cast<char*>(csv.data())), csv.size(), FALSE));
    LayerSource s = small_layer("stations");
    s.file = path;
    VectorSource src(s, "stations");
    const auto count = src.feature_count_if_cheap();
    ASSERT_TRUE(count);
    EXPECT_GE(*count, 2u);  // CSV: the records, or the line count (an upper bound)
    std::vector<std::string> ids;
    src.for_each({{"id", true}}, [&](const SourceRecord& r) { ids.push_back(*r.values[0]); });
    EXPECT_EQ(ids, (std::vector<std::string>{"v1", "v2"}));
    VSIUnlink(path);
    s.file = "/vsimem/stationplan-test/absent.csv";
    try {
        VectorSource absent(s, "stations");
        ADD_FAILURE() << "no error for a missing virtual file";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("file not found"), std::string::npos) << e.what();
    }
}

TEST(VectorSource, MissingFieldNamesTheFieldAndListsTheLayersFields) {
    LayerSource s = small_layer("stations");
    s.fields["capacity_max"] = "max_load";
    VectorSource src(s, "stations");
    try {
        src.for_each({{"capacity_max", false}}, [](const SourceRecord&) {});
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("stations.csv"), std::string::npos) << what;
        EXPECT_NE(what.find("max_load"), std::string::npos) << what;
        EXPECT_NE(what.find("capacity_min"), std::string::npos) << what;  // listed as available
    }
}

TEST(VectorSource, RecodesGbkTextToUtf8) {
    test::ScratchDir dir("gbk");
    // "id,name,x,y" then a row whose name is 张 in GBK (0xD5 0xC5).
    test::write_text(dir.path() / "gbk.csv", "id,name,x,y\nA,\xD5\xC5,470000,3850000\nB,,oops,3850000\n");
    LayerSource s;
    s.file = dir.path() / "gbk.csv";
    s.crs = "EPSG:4547";
    s.encoding = "GBK";
    s.x_field = "x";
    s.y_field = "y";
    s.key = "layers.deputies";
    VectorSource src(s, "deputies");
    std::vector<SourceRecord> got;
    src.for_each({{"id", true}, {"name", false}}, [&](const SourceRecord& r) { got.push_back(r); });
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(*got[0].values[1], "张");
    EXPECT_EQ(got[0].kind, GeometryKind::Point);
    EXPECT_DOUBLE_EQ(got[0].point.x_m, 470000.0);
    EXPECT_FALSE(got[1].values[1].has_value());  // empty cell: null
    EXPECT_EQ(got[1].kind, GeometryKind::None);
    EXPECT_EQ(got[1].problem, "'x' 'oops' is not a number");
    EXPECT_EQ(got[1].label, "line 3");
}

TEST(VectorSource, LayerWithoutCrsIsAnErrorUnlessStated) {
    LayerSource s = small_layer("stations");
    s.crs.clear();
    VectorSource src(s, "stations");
    EXPECT_THROW(src.source_crs(), InputError);
}

// Coordinates near the edge of a Gauss-Krueger zone still load; far beyond it they do not.
TEST(VectorSource, ZoneEdgeToleranceOfTheAreaOfUse) {
    test::ScratchDir dir("edge");
    const Transform to_gk(Crs::from_user_input("EPSG:4326"), Crs::from_user_input("EPSG:4547"));
    std::string csv = "id,x,y\n";
    for (const auto& [id, lon] : std::vector<std::pair<std::string, double>>{{"inside", 114.0}, {"edge", 115.6}, {"near", 117.4}, {"far", 119.0}}) {
        double x = lon, y = 34.8;
        ASSERT_TRUE(to_gk.apply(x, y));
        csv += id + "," + std::to_string(x) + "," + std::to_string(y) + "\n";
    }
    test::write_text(dir.path() / "edge.csv", csv);
    LayerSource s;
    s.file = dir.path() / "edge.csv";
    s.crs = "EPSG:4547";
    s.x_field = "x";
    s.y_field = "y";
    s.key = "layers.deputies";
    VectorSource src(s, "deputies");
    std::map<std::string, std::string> problem;
    src.for_each({{"id", true}}, [&](const SourceRecord& r) { problem[*r.values[0]] = r.problem; });
    EXPECT_EQ(problem.at("inside"), "");
    EXPECT_EQ(problem.at("edge"), "");
    EXPECT_EQ(problem.at("near"), "");   // 1.9 degrees beyond the zone's edge
    // The widened area is a box in the CRS's own coordinates, as wide as the zone is at
    // its southern end: at 34.8N it reaches about 118E.
    EXPECT_EQ(problem.at("far").rfind("coordinates (", 0), 0u) << problem.at("far");
    EXPECT_NE(problem.at("far").find("lie outside the area of use of EPSG:4547"), std::string::npos);
}

// GBK text only after the first 1000 records (the sample looked at when the layer is
// opened): the layer switches to GB18030 there, as nothing before was other than ASCII.
TEST(VectorSource, GbkAfterTheSampleSwitchesWhenAllBeforeWasAscii) {
    test::ScratchDir dir("late-gbk");
    std::string csv = "id,name,x,y\n";
    for (int i = 0; i < 1200; ++i) csv += "d" + std::to_string(i) + ",ascii,470000,3850000\n";
    csv += "z,\xD5\xC5\xC8\xFD,470000,3850000\n";  // 张三 in GBK, line 1202
    test::write_text(dir.path() / "late.csv", csv);
    LayerSource s;
    s.file = dir.path() / "late.csv";
    s.crs = "EPSG:4547";
    s.x_field = "x";
    s.y_field = "y";
    s.key = "layers.deputies";
    VectorSource src(s, "deputies");
    std::string last;
    src.for_each({{"id", true}, {"name", false}}, [&](const SourceRecord& r) { last = *r.values[1]; });
    EXPECT_EQ(last, "张三");
    ASSERT_EQ(src.warnings().size(), 1u);
    EXPECT_EQ(src.warnings()[0], (dir.path() / "late.csv").string() +
                                     ", layer late, line 1202, field name: the text is not UTF-8 but reads as GB18030 (GBK); "
                                     "the layer is read as GB18030. Set encoding = \"GBK\" in [layers.deputies] to say so");
}

// UTF-8 Chinese first, GBK later: a mixed file is an error, and says where the UTF-8 was.
TEST(VectorSource, MixedUtf8AndGbkIsAnError) {
    test::ScratchDir dir("mixed");
    std::string csv = "id,name,x,y\nd1,张三,470000,3850000\n";
    for (int i = 0; i < 1200; ++i) csv += "d" + std::to_string(i + 2) + ",ascii,470000,3850000\n";
    csv += "z,\xC0\xEE\xCB\xC4,470000,3850000\n";  // 李四 in GBK, line 1203
    test::write_text(dir.path() / "mixed.csv", csv);
    LayerSource s;
    s.file = dir.path() / "mixed.csv";
    s.crs = "EPSG:4547";
    s.x_field = "x";
    s.y_field = "y";
    s.key = "layers.deputies";
    VectorSource src(s, "deputies");
    try {
        src.for_each({{"id", true}, {"name", false}}, [](const SourceRecord&) {});
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), (dir.path() / "mixed.csv").string() +
                                             ", layer mixed, line 1203, field name: the text is not valid UTF-8 (the "
                                             "default): '\\xC0\\xEE\\xCB\\xC4'; it reads as GBK: '李四'; set encoding = "
                                             "\"GBK\" in [layers.deputies] (but earlier text of this layer is UTF-8, at "
                                             "line 2, field name)");
    }
}

}  // namespace
}  // namespace stationplan::io
