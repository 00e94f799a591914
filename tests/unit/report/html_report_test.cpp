// report.html's data and page, the comparison view, the PNG maps and the GeoJSON
// layers, on the hand-built small district (tests/data/small).
#include <gtest/gtest.h>

#include <cstdlib>

#include <fstream>
#include <set>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include "io/raster_map.hpp"
#include "io/web_layer.hpp"
#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "report/check_outputs.hpp"
#include "report/html_page.hpp"
#include "report/html_report.hpp"
#include "report/map_png.hpp"
#include "stationplan/check.hpp"
#include "stationplan/error.hpp"
#include "stationplan/report.hpp"
#include "support/test_support.hpp"

namespace stationplan::report {
namespace {

using json = nlohmann::ordered_json;

std::filesystem::path small_scenario() { return test::test_data() / "small" / "scenario.toml"; }

// The data block of a written page.
json page_data(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"sp-data\">";
    const auto a = html.find(open);
    const auto b = html.find("</script>", a);
    if (a == std::string::npos || b == std::string::npos) return nullptr;
    return json::parse(html.substr(a + open.size(), b - a - open.size()));
}

struct Small {
    Scenario sc = load_scenario(small_scenario());
    model::District d = model::load_district(sc);
    measure::Measurement m = measure::measure_district(d, sc);
    CheckOutcome outcome = measure::summarize(d, m, sc);
};

TEST(ReportHtml, FiguresAreSummaryJsonsNumbers) {
    test::ScratchDir dir("report-figures");
    Small s;
    write_check_outputs(s.d, s.m, s.sc, s.outcome, dir.path());
    const json summary = json::parse(test::read_text(dir.path() / "summary.json"));
    const json figures = report_figures(s.outcome, s.d);
    ASSERT_EQ(figures.size(), 13u);
    for (const auto& f : figures) {
        const std::string key = f["key"];
        json expected = summary;
        for (std::size_t a = 0, b; a <= key.size(); a = b + 1) {
            b = key.find('.', a);
            if (b == std::string::npos) b = key.size();
            expected = expected.at(key.substr(a, b - a));
        }
        EXPECT_EQ(f["value"], expected) << key;
    }
    // The hand-computed answers of the small district.
    EXPECT_EQ(figures[0]["value"], 11);   // deputies.total
    EXPECT_EQ(figures[2]["value"], 8);    // deputies.covered
    EXPECT_EQ(figures[4]["value"], 0.8);  // coverage_ratio
}

TEST(ReportHtml, PageIsSelfContainedWithTheDataAndLayers) {
    test::ScratchDir dir("report-page");
    Small s;
    write_check_outputs(s.d, s.m, s.sc, s.outcome, dir.path());
    ReportContent c{s.d, s.m, s.sc, s.outcome, std::nullopt, std::nullopt, ReportLang::En, false};
    write_report_html(c, dir.path() / "coverage.gpkg", dir.path() / "report.html");
    const std::string html = test::read_text(dir.path() / "report.html");
    EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
    // Nothing is loaded from elsewhere: outside the inline scripts' code, no reference
    // to another file or address.
    std::string markup = html;
    for (std::size_t a; (a = markup.find("<script>")) != std::string::npos;)
        markup.erase(a, markup.find("</script>", a) + 9 - a);
    EXPECT_EQ(markup.find("<script>"), std::string::npos);
    for (const char* ref : {"src=", "href=", "url(images/", "url(http", "url(//", "<link", "<img", "@import"})
        EXPECT_EQ(markup.find(ref), std::string::npos) << ref;
    const json data = page_data(html);
    ASSERT_TRUE(data.is_object());
    EXPECT_EQ(data["kind"], "report");
    EXPECT_EQ(data["layers"]["grids"]["features"].size(), 2u);
    EXPECT_EQ(data["layers"]["streets"]["features"].size(), 2u);
    EXPECT_EQ(data["layers"]["stations"]["features"].size(), 5u);
    // G1 covered share as in grids.csv, two uncovered deputies (d5, d10) with positions.
    EXPECT_EQ(data["layers"]["grids"]["features"][0]["properties"]["covered_ratio"], 0.844042);
    ASSERT_EQ(data["uncovered"].size(), 2u);
    EXPECT_EQ(data["uncovered"][0]["id"], "d5");
    EXPECT_EQ(data["uncovered"][1]["id"], "d10");
    EXPECT_TRUE(data["uncovered"][0].contains("lonlat"));
    // C1 serves d3 d4 d5 d6 d7 d9: load 6, listed with distances (d7 sits on it).
    for (const auto& f : data["layers"]["stations"]["features"]) {
        if (f["properties"]["id"] != "C1") continue;
        EXPECT_EQ(f["properties"]["load"], 6);
        ASSERT_EQ(f["properties"]["deputies"].size(), 6u);
        // [id, distance_m]; no third element: the fixture's deputies have no names.
        EXPECT_EQ(f["properties"]["deputies"][4], json::array({"d7", 0.0}));
    }
}

TEST(ReportHtml, RedactedDataHasNoNamesAddressesOrDeputyPositions) {
    test::ScratchDir dir("report-redact");
    Small s;
    s.d.deputies[0].name = "Zhang Wei";
    s.d.deputies[4].name = "Li Na";            // d5, uncovered
    s.d.deputies[4].address = "88 Huayuan Road";
    write_check_outputs(s.d, s.m, s.sc, s.outcome, dir.path());
    for (bool redact : {false, true}) {
        ReportContent c{s.d, s.m, s.sc, s.outcome, std::nullopt, std::nullopt, ReportLang::Zh, redact};
        write_report_html(c, dir.path() / "coverage.gpkg", dir.path() / "report.html");
        const std::string html = test::read_text(dir.path() / "report.html");
        const json data = page_data(html);
        for (const char* secret : {"Zhang Wei", "Li Na", "88 Huayuan Road"})
            EXPECT_EQ(html.find(secret) == std::string::npos, redact) << secret << (redact ? " redacted" : " plain");
        EXPECT_EQ(data["uncovered"][0].contains("lonlat"), !redact);
        EXPECT_EQ(data["redact"], redact);
        // Counts per grid stay: G1 (x < 472000) holds both uncovered deputies, d5 (471900, 3850100)
        // and d10 (470200, 3851900); G2 none.
        EXPECT_EQ(data["layers"]["grids"]["features"][0]["properties"]["uncovered"], 2);
        EXPECT_EQ(data["layers"]["grids"]["features"][1]["properties"]["uncovered"], 0);
    }
}

TEST(ReportHtml, ScriptEndInDataIsEscaped) {
    json data = {{"title", "</script><script>alert(1)</script>"}};
    const std::string html = html_page("en", "a < b", data);
    EXPECT_EQ(html.find("</script><script>alert"), std::string::npos);
    EXPECT_NE(html.find("<\\/script><script>alert(1)<\\/script>"), std::string::npos);
    EXPECT_NE(html.find("<title>a &lt; b</title>"), std::string::npos);
}

TEST(WebLayer, ReprojectsToLonLatAndNamesMissingFields) {
    test::ScratchDir dir("web-layer");
    Small s;
    write_check_outputs(s.d, s.m, s.sc, s.outcome, dir.path());
    const auto stations = io::read_web_layer(dir.path() / "coverage.gpkg", "stations", {"station_id", "load"}, 0.0);
    ASSERT_EQ(stations.features.size(), 5u);
    // C1 at EPSG:4547 (473000, 3850500) -> `gdaltransform -s_srs EPSG:4547 -t_srs EPSG:4326`:
    // 113.705012308, 34.782469267; GeoJSON keeps 6 decimals.
    const json c1 = json::parse(stations.features[2].geometry_json);
    EXPECT_EQ(std::get<std::string>(stations.features[2].values[0]), "C1");
    EXPECT_EQ(std::get<std::int64_t>(stations.features[2].values[1]), 6);
    EXPECT_EQ(c1["coordinates"][0].get<double>(), 113.705012);
    EXPECT_EQ(c1["coordinates"][1].get<double>(), 34.782469);
    try {
        io::read_web_layer(dir.path() / "coverage.gpkg", "stations", {"no_such_field"}, 0.0);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("layer stations: no field 'no_such_field'"), std::string::npos) << e.what();
    }
}

TEST(MapPng, OverviewAndOneMapPerStreetOfTheRightSize) {
    test::ScratchDir dir("map-png");
    Small s;
    const auto files = write_map_pngs(s.d, s.m, s.sc, nullptr, false, dir.path(), {400, 300, 200, 150});
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].filename(), "overview.png");
    EXPECT_EQ(files[1].filename(), "street-A.png");
    EXPECT_EQ(test::list_dir(dir.path()), (std::vector<std::string>{"overview.png", "street-A.png", "street-B.png"}));
    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(files[0].string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->GetRasterXSize(), 400);
    EXPECT_EQ(ds->GetRasterYSize(), 300);
    EXPECT_EQ(ds->GetRasterCount(), 3);
    std::vector<std::uint8_t> rgb(400 * 300 * 3);
    ASSERT_EQ(ds->RasterIO(GF_Read, 0, 0, 400, 300, rgb.data(), 400, 300, GDT_Byte, 3, nullptr, 3, 400 * 3, 1, nullptr), CE_None);
    GDALClose(ds);
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i < rgb.size(); i += 3) colours.insert(rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
    EXPECT_GE(colours.size(), 8u);  // white, two grid shades, lines, three station kinds, uncovered deputies
    // The centre pixel of the C1 dot (the map centre is the district centre (472000, 3851000),
    // 2000 m / 300 px * 1.03 padding per pixel).
    EXPECT_TRUE(colours.count(20u << 16 | 80u << 8 | 190u)) << "community station blue";
}

TEST(MapPng, FileNamesKeepIdsApart) {
    EXPECT_EQ(file_safe("410105001"), "410105001");
    EXPECT_EQ(file_safe("a/b"), "a_2Fb");
    EXPECT_EQ(file_safe("a_2Fb"), "a_5F2Fb");
    EXPECT_EQ(file_safe("甲"), "_E7_94_B2");
}

// Two real check outputs of the small fixture (before, after) under `out`.
void check_both_sides(const std::filesystem::path& out) {
    for (const char* side : {"before", "after"}) {
        CheckOptions o;
        o.out_dir = out / side;
        check(load_scenario(test::test_data() / "small" / (std::string(side) == "before" ? "scenario.toml" : "scenario_after.toml")), o);
    }
}

// Renders the comparison fixture (tests/data/compare/compare.json) from two real
// check outputs. In its own scratch folder, except for the ctest entry
// browser.compare_fixture, which sets STATIONPLAN_COMPARE_OUT to the folder the
// browser test browser.compare_view then opens (compare.html there): no two tests
// share an output folder under parallel ctest.
TEST(CompareHtml, RendersTheFixture) {
    test::ScratchDir scratch("compare-fixture");
    const char* given = std::getenv("STATIONPLAN_COMPARE_OUT");
    const std::filesystem::path out = given ? std::filesystem::path(given) : scratch.path();
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    check_both_sides(out);
    const auto fixture = test::test_data() / "compare" / "compare.json";
    write_compare_html(out / "before", out / "after", fixture, ReportLang::Zh, false, out / "compare.html");
    write_compare_html(out / "before", out / "after", fixture, ReportLang::En, true, out / "compare-en.html");
    const json data = page_data(test::read_text(out / "compare.html"));
    ASSERT_TRUE(data.is_object());
    EXPECT_EQ(data["kind"], "compare");
    EXPECT_EQ(data["title"], "small → small-after");
    EXPECT_EQ(data["before"]["layers"]["stations"]["features"].size(), 5u);
    EXPECT_EQ(data["after"]["layers"]["stations"]["features"].size(), 6u);
    EXPECT_EQ(data["stations"]["moved"][0]["distance_m"], 300.0);
    EXPECT_EQ(data["deputies_changing_station"][0]["new_distance_m"], 141.42);
    EXPECT_EQ(data["rules"].size(), 7u);
}

TEST(CompareHtml, MissingKeyIsNamed) {
    test::ScratchDir dir("compare-bad");
    json c = json::parse(test::read_text(test::test_data() / "compare" / "compare.json"));
    c["stations"]["moved"][0].erase("distance_m");
    test::write_text(dir.path() / "compare.json", c.dump());
    const auto out = dir.path();
    check_both_sides(out);
    try {
        write_compare_html(out / "before", out / "after", dir.path() / "compare.json", ReportLang::En, false,
                           dir.path() / "x.html");
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, "stations.moved[0]");
        EXPECT_EQ(e.where().field, "distance_m");
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "x.html"));
}

}  // namespace
}  // namespace stationplan::report
