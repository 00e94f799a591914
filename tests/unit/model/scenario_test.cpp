#include "stationplan/scenario.hpp"

#include <gtest/gtest.h>

#include "model/district.hpp"
#include "stationplan/error.hpp"
#include "support/test_support.hpp"

namespace stationplan {
namespace {

const char* kMinimal = R"(
name = "t"
[layers.streets]
file = "s.gpkg"
[layers.communities]
file = "s.gpkg"
[layers.grids]
file = "s.gpkg"
[layers.stations]
file = "s.gpkg"
[layers.deputies]
file = "d.csv"
x = "lon"
y = "lat"
)";

std::string error_of(const std::string& toml) {
    test::ScratchDir dir("scn");
    test::write_text(dir.path() / "s.toml", toml);
    try {
        load_scenario(dir.path() / "s.toml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Scenario, DefaultsAndRelativePaths) {
    test::ScratchDir dir("scn");
    test::write_text(dir.path() / "s.toml", kMinimal);
    const Scenario sc = load_scenario(dir.path() / "s.toml");
    EXPECT_EQ(sc.name, "t");
    EXPECT_EQ(sc.radius_m, 1000.0);
    EXPECT_EQ(sc.working_crs, "auto");
    EXPECT_EQ(sc.counted_kinds, (std::set<StationKind>{StationKind::Street, StationKind::Community}));
    EXPECT_EQ(sc.rules.size(), 7u);
    EXPECT_EQ(sc.streets.file, dir.path() / "s.gpkg");
    EXPECT_EQ(sc.deputies.x_field, "lon");
    EXPECT_FALSE(sc.district.configured());
}

TEST(Scenario, BundledBaselineLoads) {
    const Scenario sc = load_scenario(default_scenario_path());
    EXPECT_EQ(sc.name, "jinshui-baseline");
    EXPECT_EQ(sc.deputies.fields.at("id"), "代表编号");
    EXPECT_TRUE(sc.candidates.configured());
}

TEST(Scenario, UnknownKeysAreNamed) {
    EXPECT_NE(error_of(std::string(kMinimal) + "[check]\nradiuss_m = 5\n").find("check.radiuss_m"), std::string::npos);
    EXPECT_NE(error_of(std::string("colour = 1\n") + kMinimal).find("colour"), std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[layers.deputies.fields]\nheight = \"h\"\n").find("layers.deputies.fields.height"),
              std::string::npos);
}

TEST(Scenario, WrongTypesAndValuesAreNamed) {
    const std::string e1 = error_of(std::string(kMinimal) + "[check]\nradius_m = \"far\"\n");
    EXPECT_NE(e1.find("check.radius_m"), std::string::npos) << e1;
    EXPECT_NE(e1.find("expected a number"), std::string::npos) << e1;
    EXPECT_NE(error_of(std::string(kMinimal) + "[check]\nradius_m = -1\n").find("check.radius_m"), std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[check]\nrules = [\"R9\"]\n").find("R9"), std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[check]\ncounted_kinds = [\"mall\"]\n").find("mall"), std::string::npos);
    EXPECT_NE(error_of("name = \"t\"\n").find("layers"), std::string::npos);
    EXPECT_NE(error_of("name = = 3").find("not valid TOML"), std::string::npos);
}

TEST(Scenario, MissingRequiredLayerIsNamed) {
    std::string toml = kMinimal;
    toml.replace(toml.find("[layers.grids]"), std::string("[layers.grids]\nfile = \"s.gpkg\"\n").size(), "");
    EXPECT_NE(error_of(toml).find("layers.grids"), std::string::npos);
}

Scenario load_text(const std::string& toml) {
    test::ScratchDir dir("scn");
    test::write_text(dir.path() / "s.toml", toml);
    return load_scenario(dir.path() / "s.toml");
}

TEST(Scenario, CoordsKey) {
    EXPECT_EQ(load_text(std::string(kMinimal) + "coords = \"GCJ-02\"\n").deputies.coords, "gcj02");
    EXPECT_EQ(load_text(std::string(kMinimal) + "coords = \"bd09\"\n").deputies.coords, "bd09");
    const Scenario wgs = load_text(std::string(kMinimal) + "coords = \"wgs84\"\n");
    EXPECT_EQ(wgs.deputies.coords, "");
    EXPECT_EQ(wgs.deputies.crs, "");
    // An EPSG code is the layer's CRS.
    const Scenario epsg = load_text(std::string(kMinimal) + "coords = \"EPSG:4490\"\n");
    EXPECT_EQ(epsg.deputies.coords, "");
    EXPECT_EQ(epsg.deputies.crs, "EPSG:4490");
    EXPECT_EQ(load_text(std::string(kMinimal) + "coords = 4547\n").deputies.crs, "EPSG:4547");
    EXPECT_NE(error_of(std::string(kMinimal) + "coords = \"mars\"\n").find("layers.deputies.coords"), std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "crs = \"EPSG:4326\"\ncoords = \"EPSG:4490\"\n").find("give one of them"),
              std::string::npos);
}

TEST(Scenario, GazetteerAndAddressSettings) {
    const Scenario sc = load_text(std::string(kMinimal) +
                                  "[layers.gazetteer]\nfile = \"g.csv\"\nfields = { id = \"编号\", road = \"道路\", number = \"门牌\" }\n"
                                  "[address]\nmin_confidence = 0.9\nambiguity_margin = 0.1\n");
    EXPECT_TRUE(sc.gazetteer.configured());
    EXPECT_EQ(sc.gazetteer.fields.at("road"), "道路");
    EXPECT_DOUBLE_EQ(sc.address_min_confidence, 0.9);
    EXPECT_DOUBLE_EQ(sc.address_ambiguity_margin, 0.1);
    EXPECT_DOUBLE_EQ(load_text(kMinimal).address_min_confidence, 0.8);
    EXPECT_NE(error_of(std::string(kMinimal) + "[address]\nmin_confidence = 1.5\n").find("address.min_confidence"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[address]\nthreshold = 0.5\n").find("address.threshold"), std::string::npos);
}

TEST(Scenario, NetworkDistanceKeys) {
    test::ScratchDir dir("scn");
    test::write_text(dir.path() / "s.toml", std::string(kMinimal) + R"(
[layers.roads]
file = "roads.shp"
encoding = "GBK"
fields = { id = "编号", walkable = "类型" }
[check]
distance = "network"
[network]
snap_tolerance_m = 2.5
skip = ["高速", "motorway"]
cutoff_m = 4000
service_access_m = 60
)");
    const Scenario sc = load_scenario(dir.path() / "s.toml");
    EXPECT_EQ(sc.distance, DistanceMode::Network);
    EXPECT_EQ(sc.roads.file, dir.path() / "roads.shp");
    EXPECT_EQ(sc.roads.fields.at("walkable"), "类型");
    EXPECT_EQ(sc.network.snap_tolerance_m, 2.5);
    EXPECT_EQ(sc.network.skip_values, (std::vector<std::string>{"高速", "motorway"}));
    EXPECT_EQ(sc.network.cutoff_m, 4000.0);
    EXPECT_EQ(sc.network.service_access_m, 60.0);
    // Defaults: straight lines; the walkable values that mean "no".
    test::write_text(dir.path() / "d.toml", kMinimal);
    const Scenario plain = load_scenario(dir.path() / "d.toml");
    EXPECT_EQ(plain.distance, DistanceMode::Euclidean);
    EXPECT_EQ(plain.network.skip_values, (std::vector<std::string>{"no", "false", "0", "否"}));
    EXPECT_EQ(plain.network.cutoff_m, 0.0);
}

TEST(Scenario, NetworkDistanceMistakesAreNamed) {
    EXPECT_NE(error_of(std::string(kMinimal) + "[check]\ndistance = \"walking\"\n")
                  .find("check.distance (line 16): unknown distance 'walking'; expected euclidean or network"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[check]\ndistance = \"network\"\n")
                  .find("network distance needs a roads layer ([layers.roads])"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[network]\nsnap_tolerance_m = -1\n").find("network.snap_tolerance_m"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[network]\ncutof_m = 10\n").find("network.cutof_m"), std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[network]\nskip = \"motorway\"\n").find("expected a list of strings"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(kMinimal) + "[layers.roads]\nfile = \"r.shp\"\nfields = { highway = \"h\" }\n")
                  .find("layers.roads.fields.highway"),
              std::string::npos);
}

TEST(Vocabulary, SectorsAndLevelsAcceptChineseAndEnglish) {
    EXPECT_EQ(model::canonical_sector(" law "), "法律");
    EXPECT_EQ(model::canonical_sector("Health"), "医疗卫生");
    EXPECT_EQ(model::canonical_sector("新社会组织"), "新社会组织");
    EXPECT_EQ(model::canonical_sector("航天"), "航天");  // unknown: kept as given
    EXPECT_EQ(model::parse_level("全国"), model::DeputyLevel::National);
    EXPECT_EQ(model::parse_level("Municipal"), model::DeputyLevel::Municipal);
    EXPECT_EQ(model::parse_level("区"), model::DeputyLevel::District);
    EXPECT_EQ(model::parse_level("乡"), model::DeputyLevel::Township);
    EXPECT_EQ(model::parse_level("村"), model::DeputyLevel::Unknown);
}


TEST(Vocabulary, FiveLevelsWithTheirCommonChineseForms) {
    EXPECT_EQ(model::parse_level("乡镇"), model::DeputyLevel::Township);
    EXPECT_EQ(model::parse_level("镇人大代表"), model::DeputyLevel::Township);
    EXPECT_EQ(model::parse_level("Township"), model::DeputyLevel::Township);
    EXPECT_EQ(model::parse_level("县"), model::DeputyLevel::District);
    EXPECT_EQ(model::parse_level("区级"), model::DeputyLevel::District);
    EXPECT_EQ(model::parse_level("省级"), model::DeputyLevel::Provincial);
    EXPECT_EQ(model::parse_level(" 市人大代表 "), model::DeputyLevel::Municipal);
    EXPECT_STREQ(model::to_string(model::DeputyLevel::Township), "township");
    EXPECT_TRUE(model::is_known_sector("法律"));
    EXPECT_FALSE(model::is_known_sector("law"));  // canonical names only
    EXPECT_EQ(model::station_kind("社区联络站"), StationKind::Community);
    EXPECT_FALSE(model::station_kind("社区服务站"));
}

TEST(Scenario, VocabMapsTheDatasWordsOntoTheModels) {
    test::ScratchDir dir("scn");
    test::write_text(dir.path() / "s.toml", std::string(kMinimal) +
                                               "[vocab]\n"
                                               "level = { \"村\" = \"township\", \" Village \" = \"乡镇\", \"街道\" = \"区\" }\n"
                                               "sector = { \"金融\" = \"law\" }\n"
                                               "kind = { \"社区服务站\" = \"社区\" }\n");
    const Scenario sc = load_scenario(dir.path() / "s.toml");
    // Keys folded (trimmed, ASCII lower case), values canonical.
    EXPECT_EQ(sc.vocab.level, (std::map<std::string, std::string>{{"村", "township"}, {"village", "township"}, {"街道", "district"}}));
    EXPECT_EQ(sc.vocab.sector, (std::map<std::string, std::string>{{"金融", "法律"}}));
    EXPECT_EQ(sc.vocab.kind, (std::map<std::string, std::string>{{"社区服务站", "community"}}));
}

TEST(Scenario, VocabUnknownTargetsAreRefusedNamingTheKey) {
    const std::string base = std::string(kMinimal) + "[vocab]\n";
    EXPECT_NE(error_of(base + "level = { \"村\" = \"village\" }\n")
                  .find("vocab.level.\"村\" (line 16): 'village' is not a known level; expected national, provincial, "
                        "municipal, district, township (or 全国, 省, 市, 区, 乡镇)"),
              std::string::npos)
        << error_of(base + "level = { \"村\" = \"village\" }\n");
    EXPECT_NE(error_of(base + "sector = { \"金融\" = \"finance\" }\n").find("vocab.sector.\"金融\" (line 16): 'finance' is not a known sector"),
              std::string::npos);
    EXPECT_NE(error_of(base + "kind = { \"x\" = \"school\" }\n").find("vocab.kind.\"x\" (line 16): 'school' is not a known kind"),
              std::string::npos);
    EXPECT_NE(error_of(base + "level = { \"村\" = 4 }\n").find("vocab.level.\"村\" (line 16): expected a string"),
              std::string::npos);
    EXPECT_NE(error_of(base + "status = { \"x\" = \"fixed\" }\n").find("vocab.status (line 16): unknown key; expected one of: kind, level, sector"),
              std::string::npos);
}

TEST(Scenario, TownshipHasALevelWeight) {
    test::ScratchDir dir("scn");
    test::write_text(dir.path() / "s.toml", std::string(kMinimal) + "[plan]\nlevel_weights = { township = 0.5, national = 3 }\n");
    const Scenario sc = load_scenario(dir.path() / "s.toml");
    EXPECT_EQ(sc.plan.level_weight[0], 3.0);
    EXPECT_EQ(sc.plan.level_weight[3], 1.0);
    EXPECT_EQ(sc.plan.level_weight[4], 0.5);
}

TEST(Scenario, EncodingNamesAreCheckedWhenTheScenarioIsRead) {
    auto with = [](const std::string& value) {
        std::string toml = kMinimal;
        toml.replace(toml.find("x = \"lon\""), 0, "encoding = " + value + "\n");
        return error_of(toml);
    };
    EXPECT_EQ(with("\"GBK\""), "no error");
    EXPECT_EQ(with("\"gb18030\""), "no error");
    EXPECT_EQ(with("\"UTF-8\""), "no error");
    EXPECT_NE(with("\"GBKX\"").find("layers.deputies.encoding (line 13): 'GBKX' is not an encoding this system knows"),
              std::string::npos) << with("\"GBKX\"");
    EXPECT_NE(with("\"\"").find("layers.deputies.encoding (line 13): is empty"), std::string::npos);
    EXPECT_NE(with("\"UTF-16LE\"").find("does not keep ASCII as it is"), std::string::npos);
    EXPECT_NE(with("936").find("layers.deputies.encoding (line 13): expected a string"), std::string::npos);
}

}  // namespace
}  // namespace stationplan
