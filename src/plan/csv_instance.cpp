#include "plan/csv_instance.hpp"

#include "stationplan/coverage_rule.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "measure/spatial_index.hpp"
#include "stationplan/error.hpp"

namespace stationplan::plan {
namespace {

namespace fs = std::filesystem;

// Where a bad value sits: the file, its line (0: the whole file) and column.
InputLocation at(const fs::path& path, std::size_t line = 0, const std::string& field = {}) {
    return {path.string(), {}, line ? "line " + std::to_string(line) : std::string(), field};
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct CsvRow {
    std::size_t line = 0;  // 1-based line in the file
    std::vector<std::string> cells;
};

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// optimize's instance tables (x,y[,weight] in metres, or a cost matrix) are read
// here rather than through GDAL's CSV driver: they carry no CRS, and GDAL numbers
// records, not lines, so its errors would point at the wrong line when a file has
// blank lines. Every non-blank line split into trimmed cells; "" inside quotes is a quote.
std::vector<CsvRow> read_rows(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(at(path), "cannot open the file");
    std::vector<CsvRow> rows;
    std::string text;
    for (std::size_t line = 1; std::getline(in, text); ++line) {
        if (line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
        if (!text.empty() && text.back() == '\r') text.pop_back();
        if (trim(text).empty()) continue;
        CsvRow row{line, {}};
        std::string cell;
        bool quoted = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
                else if (c == '"') quoted = false;
                else cell += c;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.cells.push_back(trim(cell));
                cell.clear();
            } else {
                cell += c;
            }
        }
        if (quoted)
            throw InputError(at(path, line), "a quoted cell is not closed");
        row.cells.push_back(trim(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::optional<double> parse_number(const std::string& s) {
    double v = 0.0;
    const char* begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
    const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

double number_at(const fs::path& path, const CsvRow& row, std::size_t column, const std::string& field,
                 const std::string& expected) {
    const InputLocation where = at(path, row.line, field);
    if (column >= row.cells.size())
        throw InputError(where, "the row has " + std::to_string(row.cells.size()) + " cell(s); expected " + expected);
    const auto v = parse_number(row.cells[column]);
    if (!v) throw InputError(where, "expected " + expected + ", got '" + row.cells[column] + "'");
    return *v;
}

}  // namespace

PointsCsv read_points_csv(const fs::path& path) {
    const std::vector<CsvRow> rows = read_rows(path);
    if (rows.empty()) throw InputError(at(path), "the file is empty; expected a header row x,y[,weight] and data rows");
    const CsvRow& header = rows.front();
    std::optional<std::size_t> col_x, col_y, col_w;
    for (std::size_t c = 0; c < header.cells.size(); ++c) {
        const std::string name = lower(header.cells[c]);
        auto set = [&](std::optional<std::size_t>& slot) {
            if (slot)
                throw InputError(at(path, header.line),
                                 "the header names the column '" + name + "' twice");
            slot = c;
        };
        if (name == "x") set(col_x);
        else if (name == "y") set(col_y);
        else if (name == "weight") set(col_w);
    }
    if (!col_x || !col_y)
        throw InputError(at(path, header.line),
                         "expected a header row naming the columns x and y (metres) and optionally weight");
    if (rows.size() == 1) throw InputError(at(path), "no data rows after the header");
    PointsCsv out;
    out.has_weight = col_w.has_value();
    out.points.reserve(rows.size() - 1);
    out.weight.reserve(rows.size() - 1);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        const double x = number_at(path, row, *col_x, "x", "a number (metres)");
        const double y = number_at(path, row, *col_y, "y", "a number (metres)");
        double w = 1.0;
        if (col_w) {
            w = number_at(path, row, *col_w, "weight", "a number >= 0");
            if (w < 0.0)
                throw InputError(at(path, row.line, "weight"),
                                 "expected a number >= 0, got '" + row.cells[*col_w] + "'");
        }
        out.points.push_back({x, y});
        out.weight.push_back(w);
    }
    return out;
}

CoverInstance cover_instance(const PointsCsv& demand, const PointsCsv& sites, double radius_m) {
    CoverInstance inst;
    inst.site_count = sites.points.size();
    inst.weight = demand.weight;
    inst.cost.assign(sites.points.size(), 1.0);
    inst.covers.resize(demand.points.size());
    const measure::PointIndex index(sites.points);
    const double reach = CoverageRule{radius_m}.reach_m();
    for (std::size_t i = 0; i < demand.points.size(); ++i)
        for (std::size_t j : index.within(demand.points[i], reach)) inst.covers[i].push_back(static_cast<std::uint32_t>(j));
    return inst;
}

DistanceInstance distance_instance(const PointsCsv& demand, const PointsCsv& sites) {
    DistanceInstance inst;
    const auto n = static_cast<Eigen::Index>(demand.points.size()), m = static_cast<Eigen::Index>(sites.points.size());
    inst.distance.resize(n, m);
    for (Eigen::Index j = 0; j < m; ++j)
        for (Eigen::Index i = 0; i < n; ++i)
            inst.distance(i, j) = distance_m(demand.points[static_cast<std::size_t>(i)], sites.points[static_cast<std::size_t>(j)]);
    inst.weight = Eigen::Map<const Eigen::VectorXd>(demand.weight.data(), n);
    return inst;
}

DistanceInstance read_cost_matrix_csv(const fs::path& path) {
    std::vector<CsvRow> rows = read_rows(path);
    if (rows.empty()) throw InputError(at(path), "the file is empty; expected one row of costs per demand");
    const auto& first = rows.front().cells;
    const bool header = std::none_of(first.begin(), first.end(), [](const std::string& c) { return parse_number(c).has_value(); });
    const std::size_t begin = header ? 1 : 0;
    if (rows.size() == begin) throw InputError(at(path), "no data rows after the header");
    const std::size_t sites = rows.front().cells.size();
    DistanceInstance inst;
    inst.distance.resize(static_cast<Eigen::Index>(rows.size() - begin), static_cast<Eigen::Index>(sites));
    for (std::size_t r = begin; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (row.cells.size() != sites)
            throw InputError(at(path, row.line),
                             "the row has " + std::to_string(row.cells.size()) + " cell(s); expected " + std::to_string(sites) +
                                 " (one per site, as in line " + std::to_string(rows.front().line) + ")");
        for (std::size_t c = 0; c < sites; ++c) {
            const std::string field = "column " + std::to_string(c + 1);
            const double v = number_at(path, row, c, field, "a cost >= 0");
            if (v < 0.0)
                throw InputError(at(path, row.line, field),
                                 "expected a cost >= 0, got '" + row.cells[c] + "'");
            inst.distance(static_cast<Eigen::Index>(r - begin), static_cast<Eigen::Index>(c)) = v;
        }
    }
    return inst;
}

CoverInstance cover_instance(const DistanceInstance& costs, double radius) {
    const CoverageRule rule{radius};
    CoverInstance inst;
    inst.site_count = costs.site_count();
    inst.cost.assign(inst.site_count, 1.0);
    inst.covers.resize(costs.demand_count());
    for (std::size_t i = 0; i < costs.demand_count(); ++i) {
        inst.weight.push_back(costs.w(i));
        for (std::size_t j = 0; j < costs.site_count(); ++j)
            if (rule.covers(costs.distance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))))
                inst.covers[i].push_back(static_cast<std::uint32_t>(j));
    }
    return inst;
}

}  // namespace stationplan::plan
