// --redact: every output meant for publication (CSV, JSON, GeoPackage) holds no
// deputy name and no address of the input, and the GeoPackage shows deputies only as
// counts per grid. Every file is scanned byte for byte, the GeoPackage included.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_support.hpp"

namespace stationplan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Every name and address in the sample's deputies spreadsheet and in those of the
// example reorganisations.
std::set<std::string> personal_data() {
    std::set<std::string> out;
    for (const auto& file : {source_dir() / "geodata" / "jinshui_deputies.csv",
                             source_dir() / "analysis" / "data" / "jinshui-reorganise.deputies.csv"})
        for (const auto& r : read_csv(file).rows)
            for (const char* column : {"姓名", "地址"})
                if (!r.at(column).empty()) out.insert(r.at(column));
    return out;
}

// Files under dir holding any of the strings, with the first string found.
std::vector<std::string> files_holding(const fs::path& dir, const std::set<std::string>& strings) {
    std::vector<std::string> hits;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const std::string bytes = read_text(entry.path());
        for (const auto& s : strings)
            if (bytes.find(s) != std::string::npos) {
                hits.push_back(fs::relative(entry.path(), dir).string() + ": " + s);
                break;
            }
    }
    return hits;
}

std::vector<std::string> layer_names(const fs::path& gpkg) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
    std::vector<std::string> out;
    if (!ds) return out;
    for (auto* layer : ds->GetLayers()) out.push_back(layer->GetName());
    return out;
}

// Deputies per grid in the deputy_counts layer, summed.
long long counted_deputies(const fs::path& gpkg) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR));
    OGRLayer* layer = ds ? ds->GetLayerByName("deputy_counts") : nullptr;
    if (!layer) return -1;
    long long total = 0;
    for (auto& f : *layer) {
        EXPECT_EQ(f->GetFieldAsInteger64("deputies"), f->GetFieldAsInteger64("covered") + f->GetFieldAsInteger64("uncovered"));
        total += f->GetFieldAsInteger64("deputies");
    }
    return total;
}

std::string baseline() { return (source_dir() / "analysis" / "jinshui-baseline.toml").string(); }

TEST(Redact, UnredactedOutputsDoHoldNames) {
    // The scan below can fail: without --redact deputies.csv has the names.
    ScratchDir dir("redact-control");
    const auto out = dir.path() / "check";
    ASSERT_EQ(run_stationplan({"check", baseline(), "--out", out.string()}).exit_code, 1);
    EXPECT_FALSE(files_holding(out, personal_data()).empty());
    const auto layers = layer_names(out / "coverage.gpkg");
    EXPECT_NE(std::find(layers.begin(), layers.end(), "deputies"), layers.end());
    EXPECT_EQ(json::parse(read_text(out / "summary.json"))["redacted"], false);
}

TEST(Redact, NoNameOrAddressInAnyOutput) {
    ScratchDir dir("redact");
    const std::set<std::string> personal = personal_data();
    ASSERT_GT(personal.size(), 790u);  // 400 names (some repeat) and 400 addresses
    const std::vector<std::pair<std::string, std::vector<std::string>>> runs{
        {"check", {"check", baseline()}},
        {"suggest", {"suggest", baseline()}},
        {"rebalance", {"rebalance", baseline(), "--allow-close"}},
        {"compare",
         {"compare", baseline(), (source_dir() / "analysis" / "jinshui-reorganise.toml").string()}},
        {"report", {"report", baseline(), "--no-pdf"}},
    };
    for (const auto& [name, args] : runs) {
        const auto out = dir.path() / name;
        auto full = args;
        full.insert(full.end(), {"--redact", "--out", out.string()});
        const RunResult r = run_stationplan(full);
        ASSERT_LE(r.exit_code, 1) << name << ": " << r.err;
        EXPECT_EQ(files_holding(out, personal), std::vector<std::string>{}) << name;
        // Published maps: no deputies point layer, counts per grid instead; no
        // coordinates or names in deputies.csv.
        std::vector<fs::path> folders{out};
        if (name == "compare") folders = {out / "before", out / "after"};
        for (const auto& folder : folders) {
            const auto layers = layer_names(folder / "coverage.gpkg");
            EXPECT_EQ(std::find(layers.begin(), layers.end(), "deputies"), layers.end()) << folder;
            EXPECT_NE(std::find(layers.begin(), layers.end(), "deputy_counts"), layers.end()) << folder;
            const auto deputies = read_csv(folder / "deputies.csv");
            long long in_grids = 0;
            for (const auto& row : deputies.rows) {
                EXPECT_EQ(row.at("name"), "") << row.at("deputy_id");
                EXPECT_EQ(row.at("x_m"), "") << row.at("deputy_id");
                EXPECT_EQ(row.at("y_m"), "") << row.at("deputy_id");
                in_grids += row.at("grid_id").empty() ? 0 : 1;
            }
            EXPECT_EQ(counted_deputies(folder / "coverage.gpkg"), in_grids) << folder;
            EXPECT_EQ(json::parse(read_text(folder / "summary.json"))["redacted"], true) << folder;
        }
    }
}

// A spreadsheet whose coordinate column holds an address and a name by mistake: the
// reject's reason quotes it unless redacted.
TEST(Redact, RejectReasonsDoNotQuoteTheRecord) {
    ScratchDir dir("redact-rejects");
    std::string deputies = read_text(test_data() / "small" / "deputies_xy.csv");
    deputies += "d13,区,,C1,,郑州市金水区某路1号 王小明,3851000\n";
    write_text(dir.path() / "deputies.csv", deputies);
    std::string text = read_text(test_data() / "small" / "scenario.toml");
    const auto replace = [&](const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    };
    replace("file = \"", "file = \"" + (test_data() / "small").string() + "/");
    replace("file = \"" + (test_data() / "small").string() + "/deputies.csv\"\ncrs = \"EPSG:4547\"\nwkt = \"WKT\"",
            "file = \"" + (dir.path() / "deputies.csv").string() + "\"\ncrs = \"EPSG:4547\"\nx = \"lon\"\ny = \"lat\"");
    write_text(dir.path() / "s.toml", text);
    for (const bool redact : {false, true}) {
        const auto out = dir.path() / (redact ? "public" : "internal");
        std::vector<std::string> args{"check", (dir.path() / "s.toml").string(), "--out", out.string()};
        if (redact) args.push_back("--redact");
        const RunResult r = run_stationplan(args);
        ASSERT_EQ(r.exit_code, 1) << r.err;
        const auto rejects = read_csv(out / "rejects.csv");
        const auto& reason = rejects.row_where("record", "line 14").at("reason");
        if (redact) {
            EXPECT_EQ(reason, "deputy 'd13': 'lon' '…' is not a number");
            EXPECT_EQ(files_holding(out, {"王小明", "某路1号"}), std::vector<std::string>{});
        } else {
            EXPECT_NE(reason.find("王小明"), std::string::npos) << reason;
        }
    }
}

TEST(Redact, CompareRefusesAnUnredactedOutputFolder) {
    ScratchDir dir("redact-compare");
    const auto check_out = dir.path() / "check";
    ASSERT_EQ(run_stationplan({"check", baseline(), "--out", check_out.string()}).exit_code, 1);
    const auto out = dir.path() / "cmp";
    const RunResult r = run_stationplan({"compare", check_out.string(), baseline(), "--redact", "--out", out.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--redact"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace stationplan::test
