// `stationplan report` end to end on the bundled sample: the files it writes (PDF,
// PNG maps of the right size that are not blank), redaction scanned against every
// name and address in the input, determinism, and usage errors. The HTML itself is
// tested in a browser (tests/browser, ctest -R browser).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <set>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

std::filesystem::path sample() { return source_dir() / "analysis" / "jinshui-baseline.toml"; }

std::string run_capture(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string out;
    if (!pipe) return out;
    std::array<char, 65536> buf;
    for (std::size_t n; (n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0;) out.append(buf.data(), n);
    return out;
}

struct Image {
    int width = 0, height = 0;
    std::size_t colours = 0;
};

Image read_png(const std::filesystem::path& file) {
    GDALAllRegister();
    Image img;
    GDALDataset* ds = GDALDataset::Open(file.string().c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    if (!ds) return img;
    img.width = ds->GetRasterXSize();
    img.height = ds->GetRasterYSize();
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(img.width) * img.height * 3);
    if (ds->GetRasterCount() == 3 &&
        ds->RasterIO(GF_Read, 0, 0, img.width, img.height, rgb.data(), img.width, img.height, GDT_Byte, 3, nullptr, 3,
                     img.width * 3, 1, nullptr) == CE_None) {
        std::set<std::uint32_t> colours;
        for (std::size_t i = 0; i < rgb.size(); i += 3) colours.insert(rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
        img.colours = colours.size();
    }
    GDALClose(ds);
    return img;
}

// One redacted run with the PDF and one plain run without (about 20 s each on the
// sample), checked together: every file, the PNG maps, the PDF, the redaction scan
// and determinism.
class ReportSample : public ::testing::Test {
protected:
    ScratchDir m_dir{"report-sample"};
    std::filesystem::path redacted() const { return m_dir.path() / "redacted"; }
    std::filesystem::path plain() const { return m_dir.path() / "plain"; }

    void exits_with_the_rules_outcome_and_names_the_report(const RunResult& r, const RunResult& p);
    void png_maps_have_their_size_and_are_not_blank();
    void pdf_is_the_report_in_chinese();
    void redacted_outputs_hold_no_name_or_address();
    void same_input_same_files();
};

void ReportSample::exits_with_the_rules_outcome_and_names_the_report(const RunResult& r, const RunResult& p) {
    // Some rules fail on the sample (planted problems): exit 1, every file written.
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(p.exit_code, 1) << p.err;
    const auto summary = nlohmann::json::parse(read_text(redacted() / "summary.json"));
    EXPECT_NE(r.out.find("report: " + (redacted() / "report.html").string() + "\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pdf: " + (redacted() / "report.pdf").string() + "\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("maps: " + std::to_string(summary["streets"].get<int>() + 1) + " PNG files"), std::string::npos) << r.out;
    for (const char* f : {"summary.json", "deputies.csv", "coverage.gpkg", "suggestions.csv", "assignment.csv", "report.html",
                          "report.pdf", "maps"})
        EXPECT_TRUE(std::filesystem::exists(redacted() / f)) << f;
    EXPECT_FALSE(std::filesystem::exists(plain() / "report.pdf"));
}

void ReportSample::png_maps_have_their_size_and_are_not_blank() {
    const auto summary = nlohmann::json::parse(read_text(redacted() / "summary.json"));
    const auto streets = read_csv(redacted() / "streets.csv");
    EXPECT_EQ(streets.rows.size(), summary["streets"].get<std::size_t>());
    std::vector<std::string> expected{"overview.png"};
    for (const auto& s : streets.rows) expected.push_back("street-" + s.at("street_id") + ".png");
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(list_dir(redacted() / "maps"), expected);
    const Image overview = read_png(redacted() / "maps" / "overview.png");
    EXPECT_EQ(overview.width, 1600);
    EXPECT_EQ(overview.height, 1200);
    EXPECT_GE(overview.colours, 20u);
    for (const auto& s : streets.rows) {
        const Image street = read_png(redacted() / "maps" / ("street-" + s.at("street_id") + ".png"));
        EXPECT_EQ(street.width, 1200) << s.at("street_id");
        EXPECT_EQ(street.height, 900) << s.at("street_id");
        EXPECT_GE(street.colours, 6u) << s.at("street_id");
    }
}

void ReportSample::pdf_is_the_report_in_chinese() {
    const auto pdf = redacted() / "report.pdf";
    EXPECT_EQ(read_text(pdf).substr(0, 5), "%PDF-");
    EXPECT_GT(std::filesystem::file_size(pdf), 100000u);
    const std::string text = run_capture("pdftotext -layout '" + pdf.string() + "' -");
    EXPECT_NE(text.find("关键数据"), std::string::npos);
    EXPECT_NE(text.find("规则检查"), std::string::npos);
    EXPECT_NE(text.find("各街道情况"), std::string::npos);
    // On paper every violation is listed, the last of each rule too (the page unfolds them
    // before printing): its ids appear in the PDF's text.
    const auto summary = nlohmann::json::parse(read_text(redacted() / "summary.json"));
    const std::string plain_text = run_capture("pdftotext '" + pdf.string() + "' -");
    for (const auto& rule : summary["rules"]) {
        if (rule["violations"].empty()) continue;
        const std::string last = rule["violations"].back();
        const std::string id = last.substr(0, last.find(':'));  // "deputy D0059", "station C4101...", "grid 名称 (id)"
        const std::string token = id.substr(id.rfind(' ') + 1);
        EXPECT_NE(plain_text.find(token), std::string::npos) << rule["id"] << ": " << token;
    }
}

// Every deputy name and address of the input is absent from every redacted output
// meant for publication; the same scan finds them in the plain report (so the scan
// can fail).
void ReportSample::redacted_outputs_hold_no_name_or_address() {
    const auto input = read_csv(source_dir() / "geodata" / "jinshui_deputies.csv");
    std::set<std::string> secrets;
    for (const auto& r : input.rows)
        for (const char* field : {"姓名", "地址"})
            if (!r.at(field).empty()) secrets.insert(r.at(field));
    EXPECT_GE(secrets.size(), 700u);  // 400 deputies, each with a name and an address (a few blank)

    std::vector<std::pair<std::string, std::string>> outputs;  // name, text
    outputs.emplace_back("report.html", read_text(redacted() / "report.html"));
    outputs.emplace_back("report.pdf (text)", run_capture("pdftotext '" + (redacted() / "report.pdf").string() + "' -"));
    outputs.emplace_back("report.pdf (bytes)", read_text(redacted() / "report.pdf"));
    for (const auto& png : list_dir(redacted() / "maps")) outputs.emplace_back(png, read_text(redacted() / "maps" / png));
    EXPECT_GT(outputs[1].second.size(), 1000u);  // pdftotext read the PDF
    for (const auto& [name, text] : outputs) {
        std::size_t found = 0;
        for (const auto& s : secrets) found += text.find(s) != std::string::npos ? 1 : 0;
        EXPECT_EQ(found, 0u) << name;
    }

    const std::string plain_html = read_text(plain() / "report.html");
    std::size_t names_in_plain = 0;
    for (const auto& s : secrets) names_in_plain += plain_html.find(s) != std::string::npos ? 1 : 0;
    EXPECT_GT(names_in_plain, 300u);
}

void ReportSample::same_input_same_files() {
    ScratchDir again("report-again");
    const auto r = run_stationplan({"report", sample().string(), "--lang", "en", "--no-pdf", "--out", again.path().string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    for (const char* f : {"report.html", "maps/overview.png", "maps/street-410105001.png", "summary.json"})
        EXPECT_EQ(read_text(again.path() / f), read_text(plain() / f)) << f;
}

TEST_F(ReportSample, RedactedAndPlainReports) {
    // report.pdf needs Chromium, which the report finds at /usr/bin/chromium by default.
    if (!std::filesystem::exists("/usr/bin/chromium")) STATIONPLAN_SKIP("needs Chromium at /usr/bin/chromium (package chromium)");
    const RunResult r = run_stationplan({"report", sample().string(), "--redact", "--out", redacted().string()});
    const RunResult p = run_stationplan({"report", sample().string(), "--lang", "en", "--no-pdf", "--out", plain().string()});
    ASSERT_TRUE(std::filesystem::exists(redacted() / "report.html")) << r.err;
    ASSERT_TRUE(std::filesystem::exists(plain() / "report.html")) << p.err;
    exits_with_the_rules_outcome_and_names_the_report(r, p);
    png_maps_have_their_size_and_are_not_blank();
    pdf_is_the_report_in_chinese();
    redacted_outputs_hold_no_name_or_address();
    same_input_same_files();
}

// The data block of report.html (the JSON the page renders).
nlohmann::json report_data(const std::filesystem::path& html) {
    const std::string text = read_text(html);
    const std::string open = "id=\"sp-data\">";
    const auto begin = text.find(open);
    const auto end = text.find("</script>", begin);
    if (begin == std::string::npos || end == std::string::npos) return {};
    return nlohmann::json::parse(text.substr(begin + open.size(), end - begin - open.size()));
}

// With walking distance the report lists exactly the deputies whose two measures
// disagree about the radius, as deputies.csv flags them.
TEST(ReportNetwork, ShowsWhereWalkingAndTheStraightLineDisagree) {
    ScratchDir dir("report-network");
    const auto out = dir.path() / "walk";
    const RunResult r = run_stationplan(
        {"report", sample().string(), "--distance", "network", "--no-pdf", "--no-rebalance", "--out", out.string()});
    ASSERT_LE(r.exit_code, 1) << r.err;
    std::set<std::string> flagged;
    for (const auto& row : read_csv(out / "deputies.csv").rows)
        if (row.at("measures_disagree") == "true") flagged.insert(row.at("deputy_id"));
    ASSERT_FALSE(flagged.empty());  // the sample's river and blocks make some disagree
    const nlohmann::json data = report_data(out / "report.html");
    ASSERT_TRUE(data.contains("walking_disagree"));
    std::set<std::string> shown;
    for (const auto& e : data["walking_disagree"]) {
        shown.insert(e["id"].get<std::string>());
        EXPECT_NE(e["covered_straight"].get<bool>(), e["covered_walking"].get<bool>()) << e["id"];
        if (e["nearest_walk_m"].is_number()) {
            EXPECT_GE(e["nearest_walk_m"].get<double>(), e["nearest_distance_m"].get<double>() - 1e-6) << e["id"];
        }
    }
    EXPECT_EQ(shown, flagged);
    // A straight-line report has no such table.
    const auto plain = dir.path() / "plain";
    ASSERT_LE(run_stationplan({"report", sample().string(), "--no-pdf", "--no-rebalance", "--out", plain.string()}).exit_code, 1);
    EXPECT_FALSE(report_data(plain / "report.html").contains("walking_disagree"));
}

TEST(ReportUsage, BadLanguageIsAUsageErrorAndWritesNothing) {
    ScratchDir dir("report-usage");
    const auto r = run_stationplan({"report", sample().string(), "--lang", "fr", "--out", (dir.path() / "o").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--lang fr: expected zh or en"), std::string::npos) << r.err;
    EXPECT_TRUE(list_dir(dir.path()).empty());
}

TEST(ReportUsage, MissingChromiumIsNamedBeforeAnyWork) {
    ScratchDir dir("report-chromium");
    const auto r = run_stationplan(
        {"report", sample().string(), "--chromium", "/nonexistent/chromium", "--out", (dir.path() / "o").string()});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("no Chromium at /nonexistent/chromium"), std::string::npos) << r.err;
    EXPECT_TRUE(list_dir(dir.path()).empty());
}

TEST(ReportUsage, HelpShowsOptionsAndExamples) {
    const auto r = run_stationplan({"report", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* s : {"--lang", "--redact", "--no-pdf", "--out", "Examples:", "stationplan report --lang en"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

}  // namespace
}  // namespace stationplan::test
