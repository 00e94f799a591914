// End to end: `stationplan check` on the files users really hand over, made from
// copies of tests/data/small: GBK text with and without a declaration (CSV with ASCII
// or Chinese headers, Shapefiles with and without .cpg), spreadsheets (all-text cells,
// a header row only, blank rows), numbers that are not decimal (0x71) or not
// plausible (1e300, swapped longitude and latitude, a zone-prefixed easting) and
// values outside the vocabularies (levels, sectors) with the scenario's [vocab].
//
// Fixtures are written by the test through GDAL (CPLRecode for GBK, ogr2ogr's library
// form for Shapefiles and XLSX, GDAL's zip writer for sheets with blank rows).
#include <gtest/gtest.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_utils.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/crs.hpp"
#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;

const char* const kDeputiesLayer =
    "[layers.deputies]\n"
    "file = \"deputies.csv\"\n"
    "crs = \"EPSG:4547\"\n"
    "wkt = \"WKT\"\n";

const char* const kDeputiesXy =
    "[layers.deputies]\n"
    "file = \"deputies_xy.csv\"\n"
    "crs = \"EPSG:4547\"\n"
    "x = \"lon\"\n"
    "y = \"lat\"\n";

void replace_once(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_text(file);
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error(file.string() + " does not contain: " + from);
    if (text.find(from, at + 1) != std::string::npos) throw std::runtime_error(file.string() + " contains twice: " + from);
    text.replace(at, from.size(), to);
    write_text(file, text);
}

// The 1-based line of `needle` in a file (what a message about it cites).
int line_of(const fs::path& file, const std::string& needle) {
    const std::string text = read_text(file);
    const auto at = text.find(needle);
    if (at == std::string::npos) throw std::runtime_error(file.string() + " does not contain: " + needle);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string recode(const std::string& utf8, const char* to) {
    char* out = CPLRecode(utf8.c_str(), CPL_ENC_UTF8, to);
    std::string s = out;
    CPLFree(out);
    return s;
}

// ogr2ogr, in its library form: src -> dst with the given options.
void translate(const fs::path& src, const fs::path& dst, const std::vector<std::string>& args) {
    GDALAllRegister();
    CPLStringList argv;
    for (const auto& a : args) argv.AddString(a.c_str());
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.List(), nullptr);
    GDALDatasetH in = GDALOpenEx(src.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!in || !options) throw std::runtime_error("cannot translate " + src.string());
    int error = 0;
    GDALDatasetH out = GDALVectorTranslate(dst.c_str(), nullptr, 1, &in, options, &error);
    GDALVectorTranslateOptionsFree(options);
    GDALClose(in);
    if (!out || error) throw std::runtime_error("cannot write " + dst.string());
    GDALClose(out);
}

// A one-sheet XLSX whose cells are all text (inline strings), rows at the given row
// numbers: what spreadsheet programs write, blank rows left out of the XML as they do.
void write_xlsx(const fs::path& file, const std::map<int, std::vector<std::string>>& rows) {
    auto xml_escape = [](const std::string& s) {
        std::string out;
        for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : std::string(1, c);
        return out;
    };
    std::string sheet =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    for (const auto& [r, cells] : rows) {
        sheet += "<row r=\"" + std::to_string(r) + "\">";
        for (std::size_t c = 0; c < cells.size(); ++c)
            if (!cells[c].empty())
                sheet += "<c r=\"" + std::string(1, static_cast<char>('A' + c)) + std::to_string(r) +
                         "\" t=\"inlineStr\"><is><t>" + xml_escape(cells[c]) + "</t></is></c>";
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    const std::vector<std::pair<std::string, std::string>> parts{
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
         "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
         "PartName=\"/xl/worksheets/sheet1.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
         "Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook "
         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet "
         "name=\"代表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
         "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml", sheet},
    };
    void* zip = CPLCreateZip(file.c_str(), nullptr);
    if (!zip) throw std::runtime_error("cannot create " + file.string());
    for (const auto& [name, text] : parts) {
        CPLCreateFileInZip(zip, name.c_str(), nullptr);
        CPLWriteFileInZip(zip, text.data(), static_cast<int>(text.size()));
        CPLCloseFileInZip(zip);
    }
    CPLCloseZip(zip);
}

// The small fixture's deputies_xy.csv as rows of cells (header first).
std::vector<std::vector<std::string>> xy_rows() {
    std::vector<std::vector<std::string>> rows;
    const CsvTable t = read_csv(test_data() / "small" / "deputies_xy.csv");
    rows.push_back(t.header);
    for (const auto& r : t.rows) {
        std::vector<std::string> cells;
        for (const auto& h : t.header) cells.push_back(r.at(h));
        rows.push_back(cells);
    }
    return rows;
}

nlohmann::json summary(const fs::path& out) { return nlohmann::json::parse(read_text(out / "summary.json")); }

class MessyInput : public ::testing::Test {
protected:
    void SetUp() override { fs::copy(test_data() / "small", data(), fs::copy_options::recursive); }

    fs::path data() const { return m_scratch.path() / "small"; }
    fs::path file(const std::string& name) const { return data() / name; }
    fs::path scenario() const { return file("scenario.toml"); }
    fs::path out() const { return m_scratch.path() / "out"; }

    RunResult run(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{"check", scenario().string(), "--out", out().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_stationplan(args);
    }

    // The outputs of the untouched fixture (in its own folder), to compare against.
    fs::path baseline(const char* deputies_layer = nullptr) {
        const fs::path dir = m_scratch.path() / "baseline";
        fs::create_directories(dir);
        fs::copy(test_data() / "small", dir / "small", fs::copy_options::recursive);
        if (deputies_layer) replace_once(dir / "small" / "scenario.toml", kDeputiesLayer, deputies_layer);
        const RunResult b = run_stationplan({"check", (dir / "small" / "scenario.toml").string(), "--out", (dir / "out").string()});
        EXPECT_EQ(b.exit_code, 1) << b.err;
        return dir / "out";
    }

    void expect_rejected(const RunResult& r, const std::vector<std::string>& parts) const {
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.rfind("stationplan: error: ", 0), 0u) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "expected one line:\n" << r.err;
        for (const auto& part : parts) EXPECT_NE(r.err.find(part), std::string::npos) << "missing '" << part << "' in:\n" << r.err;
        EXPECT_FALSE(fs::exists(out()));
    }

    ScratchDir m_scratch{"messy-input"};
};

// ---- Encodings -------------------------------------------------------------------

const std::string kDetectedLevel =
    ": the text is not UTF-8 but reads as GB18030 (GBK); the layer is read as GB18030. Set encoding = \"GBK\" in "
    "[layers.deputies] to say so";

// A GBK CSV with ASCII headers and no encoding key: detected, read, said (was exit 3,
// "[json.exception.type_error.316] invalid UTF-8 byte").
TEST_F(MessyInput, GbkCsvWithAsciiHeadersIsDetectedWithAWarning) {
    write_text(file("deputies.csv"), recode(read_text(file("deputies.csv")), "GBK"));
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string warning = file("deputies.csv").string() + ", layer deputies, line 2, field level" + kDetectedLevel;
    EXPECT_EQ(r.err, "warning: " + warning + "\n");
    EXPECT_EQ(summary(out())["warnings"], nlohmann::json::array({warning}));
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(baseline() / "deputies.csv"));
}

// GBK Chinese headers (was exit 2 listing the fields as \xB4\xFA...).
TEST_F(MessyInput, GbkCsvWithChineseHeadersIsDetected) {
    replace_once(file("deputies.csv"), "id,level,sector,station,industry_station,WKT", "代表编号,层级,行业,联络站编号,行业站,WKT");
    write_text(file("deputies.csv"), recode(read_text(file("deputies.csv")), "GBK"));
    replace_once(scenario(), kDeputiesLayer,
                 std::string(kDeputiesLayer) +
                     "fields = { id = \"代表编号\", level = \"层级\", sector = \"行业\", station = \"联络站编号\", "
                     "industry_station = \"行业站\" }\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "warning: " + file("deputies.csv").string() +
                         ", layer deputies, line 1 (header), field 1: the text is not UTF-8 but reads as GB18030 (GBK): "
                         "'代表编号'; the layer is read as GB18030. Set encoding = \"GBK\" in [layers.deputies] to say so\n");
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(baseline() / "deputies.csv"));
}

// A mapped field missing from a GBK file: the layer's fields are listed decoded.
TEST_F(MessyInput, FieldNamesAreShownDecoded) {
    replace_once(file("deputies.csv"), "id,level,sector,station,industry_station,WKT", "代表编号,层级,行业,联络站编号,行业站,WKT");
    write_text(file("deputies.csv"), recode(read_text(file("deputies.csv")), "GBK"));
    replace_once(scenario(), kDeputiesLayer, std::string(kDeputiesLayer) + "encoding = \"GBK\"\nfields = { id = \"编号\" }\n");
    expect_rejected(run(), {file("deputies.csv").string(), "layer deputies", "field 编号", "layers.deputies.fields.id",
                            "the deputies layer has: 代表编号, 层级, 行业, 联络站编号, 行业站, WKT"});
}

// encoding = "UTF-8" on GBK data (was exit 3 at the write stage).
TEST_F(MessyInput, Utf8DeclaredOnGbkDataIsAnInputErrorWithAHint) {
    write_text(file("deputies.csv"), recode(read_text(file("deputies.csv")), "GBK"));
    replace_once(scenario(), kDeputiesLayer, std::string(kDeputiesLayer) + "encoding = \"UTF-8\"\n");
    expect_rejected(run(), {file("deputies.csv").string() + ", layer deputies, line 2, field level: the text is not valid "
                            "UTF-8 (layers.deputies.encoding = \"UTF-8\"): '\\xC7\\xF8'; it reads as GBK: '区'; set "
                            "encoding = \"GBK\" in [layers.deputies]"});
}

// encoding = "GBK" on UTF-8 data: the hint says to drop the key.
TEST_F(MessyInput, GbkDeclaredOnUtf8DataNamesUtf8) {
    replace_once(scenario(), kDeputiesLayer, std::string(kDeputiesLayer) + "encoding = \"GBK\"\n");
    expect_rejected(run(), {file("deputies.csv").string() + ", layer deputies, line 2, field level: the text is not valid "
                            "GBK (layers.deputies.encoding = \"GBK\"): '区'; it reads as UTF-8: '区'; remove encoding from "
                            "[layers.deputies]"});
}

// Unknown and empty encoding names are refused when the scenario is read.
TEST_F(MessyInput, UnknownEncodingNameIsRefused) {
    replace_once(scenario(), kDeputiesLayer, std::string(kDeputiesLayer) + "encoding = \"GBKX\"\n");
    const int line = line_of(scenario(), "encoding = \"GBKX\"");
    expect_rejected(run(), {scenario().string() + ", layers.deputies.encoding (line " + std::to_string(line) +
                            "): 'GBKX' is not an encoding this system knows"});
}

TEST_F(MessyInput, EmptyEncodingNameIsRefused) {
    replace_once(scenario(), kDeputiesLayer, std::string(kDeputiesLayer) + "encoding = \"\"\n");
    const int line = line_of(scenario(), "encoding = \"\"");
    expect_rejected(run(), {scenario().string() + ", layers.deputies.encoding (line " + std::to_string(line) +
                            "): is empty; name an encoding such as \"GBK\""});
}

// GB18030's four-byte sequences (U+20000 here) are not GBK: detected as GB18030 when
// undeclared, and a declared GBK gets the GB18030 hint.
TEST_F(MessyInput, Gb18030FourByteTextIsReadAndNamed) {
    replace_once(file("stations.csv"), "C1,C1站,", "C1,C1\xF0\xA0\x80\x80站,");
    write_text(file("stations.csv"), recode(read_text(file("stations.csv")), "GB18030"));
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    // The first text that is not UTF-8 is C1's name: "SA站" in GB18030 (53 41 D5 BE) is valid UTF-8 too.
    EXPECT_EQ(r.err, "warning: " + file("stations.csv").string() +
                         ", layer stations, line 4, field name: the text is not UTF-8 but reads as GB18030 (GBK); "
                         "the layer is read as GB18030. Set encoding = \"GB18030\" in [layers.stations] to say so\n");
    EXPECT_EQ(read_csv(out() / "stations.csv").row_where("station_id", "SA").at("name"), "SA站");
    EXPECT_EQ(read_csv(out() / "stations.csv").row_where("station_id", "C1").at("name"), "C1\xF0\xA0\x80\x80站");

    fs::remove_all(out());
    replace_once(scenario(), "[layers.stations]\n", "[layers.stations]\nencoding = \"GBK\"\n");
    expect_rejected(run(), {file("stations.csv").string() + ", layer stations, line 4, field name: the text is not valid "
                            "GBK (layers.stations.encoding = \"GBK\"): '",
                            "it reads as GB18030: 'C1\xF0\xA0\x80\x80站'; set encoding = \"GB18030\" in [layers.stations]"});
}

// A GBK Shapefile without .cpg (and LDID 0): detected (was exit 3).
TEST_F(MessyInput, GbkShapefileWithoutCpgIsDetected) {
    translate(file("deputies.csv"), file("deputies.shp"),
              {"-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "-a_srs", "EPSG:4547", "-oo", "GEOM_POSSIBLE_NAMES=WKT",
               "-oo", "KEEP_GEOM_COLUMNS=NO"});
    ASSERT_TRUE(fs::remove(file("deputies.cpg")));
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies.shp\"\nfields = { industry_station = \"industry_s\" }\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "warning: " + file("deputies.shp").string() + ", layer deputies, feature 0, field level" +
                         kDetectedLevel + "\n");
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(baseline() / "deputies.csv"));
}

// A .cpg that says one thing while the data is another.
TEST_F(MessyInput, ShapefileWhoseCpgSaysUtf8ButHoldsGbk) {
    translate(file("deputies.csv"), file("deputies.shp"),
              {"-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "-a_srs", "EPSG:4547", "-oo", "GEOM_POSSIBLE_NAMES=WKT",
               "-oo", "KEEP_GEOM_COLUMNS=NO"});
    write_text(file("deputies.cpg"), "UTF-8");
    replace_once(scenario(), kDeputiesLayer, "[layers.deputies]\nfile = \"deputies.shp\"\n");
    expect_rejected(run(), {file("deputies.shp").string() + ", layer deputies, feature 0, field level: the text is not "
                            "valid UTF-8 (as its .cpg file says: 'UTF-8'): '\\xC7\\xF8'; it reads as GBK: '区'; set "
                            "encoding = \"GBK\" in [layers.deputies]"});
}

// A UTF-8 byte-order mark (Excel's "CSV UTF-8") is not part of the first field's name.
TEST_F(MessyInput, CsvWithByteOrderMarkReadsItsFirstField) {
    write_text(file("deputies.csv"), "\xEF\xBB\xBF" + read_text(file("deputies.csv")));
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(baseline() / "deputies.csv"));
}

// ---- Spreadsheets ------------------------------------------------------------------

// Every cell stored as text, as exported government sheets are: row 1 is still the
// header (GDAL's guess named the fields Field1..Field7), and records are named by
// the rows a user sees (d11 is in row 12, d12 in row 13).
TEST_F(MessyInput, AllTextSpreadsheetReadsItsHeaderAndNamesRows) {
    translate(file("deputies_xy.csv"), file("deputies.xlsx"), {"-f", "XLSX", "-nln", "代表"});
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies.xlsx\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 2u);
    EXPECT_EQ(rejects.rows[0].at("record"), "row 12");
    EXPECT_EQ(rejects.rows[0].at("reason"), "deputy 'd11': no 'lon' value");
    EXPECT_EQ(rejects.rows[1].at("record"), "row 13");
    EXPECT_EQ(rejects.rows[1].at("reason"), "deputy 'd12': 'lat' '3851OOO' is not a number");
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(baseline(kDeputiesXy) / "deputies.csv"));
}

// Blank rows between records: GDAL keeps them (as empty features) and numbers every
// record by its sheet row; blank rows are no records. Row numbers in rejects.csv and
// in messages are the sheet's.
TEST_F(MessyInput, SpreadsheetRowNumbersAreTheSheetsWithBlankRows) {
    const auto rows = xy_rows();
    std::map<int, std::vector<std::string>> sheet;
    // Header in row 1, then each record two rows further down: d1 in row 3 ... d12 in row 25.
    sheet[1] = rows[0];
    for (std::size_t i = 1; i < rows.size(); ++i) sheet[static_cast<int>(1 + 2 * i)] = rows[i];
    write_xlsx(file("deputies.xlsx"), sheet);
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies.xlsx\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"\n");
    RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 2u);
    EXPECT_EQ(rejects.rows[0].at("layer"), "代表");
    EXPECT_EQ(rejects.rows[0].at("record"), "row 23");  // d11
    EXPECT_EQ(rejects.rows[1].at("record"), "row 25");  // d12
    const auto j = summary(out());
    EXPECT_EQ(j["deputies"]["total"], 12);  // the eleven blank rows are not records
    EXPECT_EQ(j["deputies"]["used"], 10);
    EXPECT_EQ(read_text(out() / "deputies.csv"), read_text(baseline(kDeputiesXy) / "deputies.csv"));

    // A message cites the rows too: d4's id repeated in row 9 (d4 is in row 9, d3 in row 7).
    fs::remove_all(out());
    sheet[9][0] = "d3";
    write_xlsx(file("deputies.xlsx"), sheet);
    expect_rejected(run(), {file("deputies.xlsx").string() + ", layer 代表, row 9, field id: duplicate deputy id 'd3' (also at row 7)"});
}

// A sheet with its header row and nothing else has no records (GDAL 3.6 names the
// columns Field1.. and takes the header for a record).
TEST_F(MessyInput, HeaderOnlySpreadsheetHasNoRecords) {
    write_xlsx(file("deputies.xlsx"), {{1, xy_rows()[0]}});
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies.xlsx\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"\n");
    expect_rejected(run(), {file("deputies.xlsx").string() + ", layer 代表: the deputies layer has no records"});
}

// Blank rows above the header: GDAL takes the blank row 1 for the header.
TEST_F(MessyInput, SpreadsheetWithBlankRowsAboveTheHeaderSaysSo) {
    const auto rows = xy_rows();
    std::map<int, std::vector<std::string>> sheet;
    for (std::size_t i = 0; i < rows.size(); ++i) sheet[static_cast<int>(3 + i)] = rows[i];
    write_xlsx(file("deputies.xlsx"), sheet);
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies.xlsx\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"\n");
    expect_rejected(run(), {file("deputies.xlsx").string(), "layer 代表", "no field 'lon'",
                            "the deputies layer has: Field1, Field2, Field3, Field4, Field5, Field6, Field7 (the sheet's "
                            "row 1 is empty or not a header: the column names must be in row 1); row 3 holds 'lon': the "
                            "column names must be in row 1, delete the rows above them"});
}

// A title row above the header, as exported government sheets often have.
TEST_F(MessyInput, SpreadsheetWithATitleAboveTheHeaderNamesTheHeaderRow) {
    const auto rows = xy_rows();
    std::map<int, std::vector<std::string>> sheet;
    sheet[1] = {"金水区人大代表名单"};
    for (std::size_t i = 0; i < rows.size(); ++i) sheet[static_cast<int>(2 + i)] = rows[i];
    write_xlsx(file("deputies.xlsx"), sheet);
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies.xlsx\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"\n");
    expect_rejected(run(), {file("deputies.xlsx").string() + ", layer 代表, field lon: no field 'lon' (set by "
                            "layers.deputies.x); the deputies layer has: 金水区人大代表名单, Field2, Field3, Field4, Field5, "
                            "Field6, Field7; row 2 holds 'lon': the column names must be in row 1, delete the rows above them"});
}

// Easting and northing swapped in a projected table.
TEST_F(MessyInput, SwappedEastingAndNorthingAreNamed) {
    replace_once(scenario(), kDeputiesLayer, kDeputiesXy);
    replace_once(file("deputies_xy.csv"), "d5,区,,C1,,471900,3850100", "d5,区,,C1,,3850100,471900");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 3u);
    EXPECT_EQ(rejects.rows[0].at("record"), "line 6");
    const std::string& reason = rejects.rows[0].at("reason");
    EXPECT_EQ(reason.rfind("deputy 'd5': coordinates (3850100, 471900) lie outside the area of use of EPSG:4547", 0), 0u) << reason;
    const std::string hint = ": x and y (easting and northing) swapped?";
    EXPECT_EQ(reason.rfind(hint), reason.size() - hint.size()) << reason;
}

// ---- Numbers and coordinates -------------------------------------------------------

// 0x73A00 is 473600 to strtod: d4 would have been placed there without a word.
TEST_F(MessyInput, HexadecimalCoordinateIsRejected) {
    replace_once(scenario(), kDeputiesLayer, kDeputiesXy);
    replace_once(file("deputies_xy.csv"), "d4,区,,C1,, 473600 ,3850100", "d4,区,,C1,,0x73A00,3850100");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 3u);
    EXPECT_EQ(rejects.rows[0].at("record"), "line 5");
    EXPECT_EQ(rejects.rows[0].at("reason"), "deputy 'd4': 'lon' '0x73A00' is not a number (hexadecimal is not read)");
    EXPECT_EQ(summary(out())["deputies"]["rejected"], 3);

    // Published outputs name the field, not the cell.
    fs::remove_all(out());
    const RunResult redacted = run({"--redact"});
    EXPECT_EQ(redacted.exit_code, 1) << redacted.err;
    EXPECT_EQ(read_csv(out() / "rejects.csv").rows[0].at("reason"),
              "deputy 'd4': 'lon' '…' is not a number (hexadecimal is not read)");
}

// 1e300 is a number but no easting: rejected, printed with at most 12 digits.
TEST_F(MessyInput, HugeCoordinateIsRejectedAndPrintedShort) {
    replace_once(scenario(), kDeputiesLayer, kDeputiesXy);
    replace_once(file("deputies_xy.csv"), "d8,区,,C2,,471000.0,3852000", "d8,区,,C2,,1e300,3852000");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 3u);
    EXPECT_EQ(rejects.rows[0].at("record"), "line 9");
    EXPECT_EQ(rejects.rows[0].at("reason"),
              "deputy 'd8': coordinates (1e+300, 3852000) lie outside the area of use of EPSG:4547 (China - onshore "
              "between 112°30'E and 115°30'E: longitude 112.5..115.5, latitude 21.52..45.45, with 2 degrees to spare)");
}

// An easting with its Gauss-Krueger zone number in front (38 473000) in a CRS without it.
TEST_F(MessyInput, ZonePrefixedEastingIsRejected) {
    replace_once(scenario(), kDeputiesLayer, kDeputiesXy);
    replace_once(file("deputies_xy.csv"), "d7,区,,C1,,473000,3850500", "d7,区,,C1,,38473000,3850500");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 3u);
    EXPECT_EQ(rejects.rows[0].at("record"), "line 8");
    EXPECT_EQ(rejects.rows[0].at("reason").rfind("deputy 'd7': coordinates (38473000, 3850500) lie outside the area of use "
                                                 "of EPSG:4547",
                                                 0),
              0u)
        << rejects.rows[0].at("reason");
}

// A 1e300 vertex in a grid is a broken file, named down to the feature (was accepted:
// an area of 1.7e305 m2).
TEST_F(MessyInput, HugeVertexInAGridIsAnInputError) {
    replace_once(file("grids.csv"), "474000 3852000,472000 3852000,472000 3850000", "474000 3852000,1e300 3852000,472000 3850000");
    expect_rejected(run(), {file("grids.csv").string() + ", layer grids, line 3: a vertex at (1e+300, 3852000) lies outside "
                            "the area of use of EPSG:4547"});
}

// Longitude and latitude swapped in a lon/lat table: the reason says so (was only
// "cannot be transformed from EPSG:4326").
TEST_F(MessyInput, SwappedLatitudeAndLongitudeAreNamed) {
    // The fixture's deputies in lon/lat, d3 with its two columns swapped.
    const io::Transform to_lonlat(io::Crs::from_user_input("EPSG:4547"), io::Crs::from_user_input("EPSG:4326"));
    std::string csv = "id,station,lon,lat\n";
    for (const auto& row : read_csv(test_data() / "small" / "deputies_xy.csv").rows) {
        if (row.at("lon").empty() || row.at("lat") == "3851OOO") continue;
        double x = std::stod(row.at("lon")), y = std::stod(row.at("lat"));
        if (!to_lonlat.apply(x, y)) throw std::runtime_error("cannot transform");
        if (row.at("id") == "d3") std::swap(x, y);
        char line[128];
        std::snprintf(line, sizeof line, "%s,%s,%.9f,%.9f\n", row.at("id").c_str(), row.at("station").c_str(), x, y);
        csv += line;
    }
    write_text(file("deputies_ll.csv"), csv);
    replace_once(scenario(), kDeputiesLayer,
                 "[layers.deputies]\nfile = \"deputies_ll.csv\"\ncrs = \"EPSG:4326\"\nx = \"lon\"\ny = \"lat\"\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const CsvTable rejects = read_csv(out() / "rejects.csv");
    ASSERT_EQ(rejects.rows.size(), 1u);
    EXPECT_EQ(rejects.rows[0].at("record"), "line 4");
    const std::string& reason = rejects.rows[0].at("reason");
    EXPECT_EQ(reason.rfind("deputy 'd3': coordinates (34.", 0), 0u) << reason;
    EXPECT_NE(reason.find(", 113.") , std::string::npos) << reason;
    EXPECT_NE(reason.find(") lie outside the area of use of EPSG:4326 (World: longitude -180..180, latitude -90..90): "
                          "latitude and longitude swapped?"),
              std::string::npos)
        << reason;
    EXPECT_EQ(summary(out())["deputies"]["used"], 9);
}

// Capacities and costs go through the same parser.
TEST_F(MessyInput, HugeCapacityIsAnInputError) {
    replace_once(file("stations.csv"), "C1,C1站,community,B,B1,,3,5,", "C1,C1站,community,B,B1,,3,1e300,");
    expect_rejected(run(), {file("stations.csv").string() + ", layer stations, line 4, field capacity_max: expected a whole "
                            "number from 0 to 1000000, got '1e300'"});
}

TEST_F(MessyInput, HexadecimalCostIsAnInputError) {
    write_text(file("candidates.csv"), "id,cost,WKT\nK1,2.5,\"POINT (471000 3851000)\"\nK2,0x10,\"POINT (473000 3851000)\"\n");
    write_text(scenario(), read_text(scenario()) + "\n[layers.candidates]\nfile = \"candidates.csv\"\ncrs = \"EPSG:4547\"\nwkt = \"WKT\"\n");
    expect_rejected(run(), {file("candidates.csv").string() + ", layer candidates, line 3, field cost: expected a "
                            "non-negative cost, got '0x10'"});
}

// ---- Vocabularies -----------------------------------------------------------------

// Levels and sectors outside the vocabulary: one warning per distinct value with its
// count, on stderr and in summary.json (was silent: 村 became level unknown).
TEST_F(MessyInput, UnknownLevelsAndSectorsAreCountedInWarnings) {
    replace_once(file("deputies.csv"), "d1,区,法律,", "d1,村,法律,");
    replace_once(file("deputies.csv"), "d2,区,教育,", "d2,村,金融,");
    replace_once(file("deputies.csv"), "d5,区,,", "d5,村,,");
    replace_once(file("deputies.csv"), "d6,区,,", "d6,乡镇,,");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string layer = file("deputies.csv").string() + ", layer deputies: ";
    const std::vector<std::string> expected{
        layer + "level '村' is not a known level (national, provincial, municipal, district, township (or 全国, 省, 市, 区, "
                "乡镇)): 3 deputies (first at line 2) count as level unknown, which weighs 1 in MCLP; map it with [vocab] "
                "level = { \"村\" = \"<level>\" }",
        layer + "sector '金融' is not one of the nine sectors (科技创新, 教育, 文化传媒, 医疗卫生, 法律, 城市管理, 社会工作, "
                "新经济组织, 新社会组织): 1 deputy (first at line 3) keeps it as written, and R6 looks for an industry "
                "station of that same sector; map it with [vocab] sector = { \"金融\" = \"<sector>\" }"};
    EXPECT_EQ(r.err, "warning: " + expected[0] + "\nwarning: " + expected[1] + "\n");
    EXPECT_EQ(summary(out())["warnings"], nlohmann::json(expected));
    const CsvTable t = read_csv(out() / "deputies.csv");
    EXPECT_EQ(t.row_where("deputy_id", "d1").at("level"), "unknown");
    EXPECT_EQ(t.row_where("deputy_id", "d6").at("level"), "township");  // 乡镇 is a level of its own

    // -q keeps stderr quiet; summary.json keeps the warnings.
    fs::remove_all(out());
    const RunResult quiet = run({"-q"});
    EXPECT_EQ(quiet.exit_code, 1);
    EXPECT_EQ(quiet.err, "");
    EXPECT_EQ(summary(out())["warnings"].size(), 2u);
}

// [vocab] maps the data's words onto the model's: no warning, the mapped values used.
TEST_F(MessyInput, VocabMapsSynonyms) {
    replace_once(file("deputies.csv"), "d1,区,法律,", "d1,村,金融,");
    replace_once(file("stations.csv"), "C2,C2站,community,", "C2,C2站,社区服务站,");
    write_text(scenario(), read_text(scenario()) +
                               "\n[vocab]\nlevel = { \"村\" = \"township\" }\nsector = { \"金融\" = \"law\" }\n"
                               "kind = { \"社区服务站\" = \"community\" }\n");
    const RunResult r = run();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(summary(out())["warnings"], nlohmann::json::array());
    const CsvTable t = read_csv(out() / "deputies.csv");
    EXPECT_EQ(t.row_where("deputy_id", "d1").at("level"), "township");
    EXPECT_EQ(t.row_where("deputy_id", "d1").at("sector"), "法律");
    EXPECT_EQ(read_csv(out() / "stations.csv").row_where("station_id", "C2").at("kind"), "community");
}

TEST_F(MessyInput, VocabUnknownTargetIsRefused) {
    write_text(scenario(), read_text(scenario()) + "\n[vocab]\nlevel = { \"村\" = \"village\" }\n");
    const int line = line_of(scenario(), "level = { \"村\"");
    expect_rejected(run(), {scenario().string() + ", vocab.level.\"村\" (line " + std::to_string(line) +
                            "): 'village' is not a known level"});
}

TEST_F(MessyInput, UnknownStationKindSuggestsVocab) {
    replace_once(file("stations.csv"), "C2,C2站,community,", "C2,C2站,社区服务站,");
    expect_rejected(run(), {file("stations.csv").string() + ", layer stations, line 5, field kind: unknown station kind "
                            "'社区服务站'; expected street, community or industry (or 街道, 社区, 行业), or map it with "
                            "[vocab] kind = { \"社区服务站\" = \"community\" }"});
}

}  // namespace
}  // namespace stationplan::test
