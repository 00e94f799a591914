#include "report/csv_reader.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "stationplan/error.hpp"

namespace stationplan::report {
namespace {

// Splits RFC 4180 text into records; quoted cells may hold commas, quotes and line ends.
std::vector<std::vector<std::string>> parse(const std::string& text, const std::string& file) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !cell.empty()) {
                row.push_back(std::move(cell));
                rows.push_back(std::move(row));
            }
            row.clear();
            cell.clear();
            any = false;
            ++line;
        } else {
            cell += c;
            any = true;
        }
    }
    if (quoted) throw InputError({file, "", "line " + std::to_string(line), ""}, "unterminated quoted cell");
    if (any || !cell.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& file, const std::vector<std::string>& required) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError({file.string(), "", "", ""}, "cannot read the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 byte order mark (Excel)
    auto rows = parse(text, file.string());
    if (rows.empty()) throw InputError({file.string(), "", "line 1", ""}, "no header row");
    CsvTable t;
    t.m_file = file;
    for (std::size_t i = 0; i < rows[0].size(); ++i) t.m_columns.emplace(rows[0][i], i);
    for (const auto& name : required)
        if (!t.m_columns.count(name)) throw InputError({file.string(), "", "line 1", name}, "missing column");
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != rows[0].size())
            throw InputError({file.string(), "", "record " + std::to_string(r), ""},
                             "expected " + std::to_string(rows[0].size()) + " cells, found " +
                                 std::to_string(rows[r].size()));
        t.m_rows.push_back(std::move(rows[r]));
    }
    return t;
}

const std::string& CsvTable::at(std::size_t row, const std::string& column) const {
    const auto it = m_columns.find(column);
    if (it == m_columns.end()) throw InputError({m_file.string(), "", "line 1", column}, "missing column");
    return m_rows.at(row)[it->second];
}

double CsvTable::number(std::size_t row, const std::string& column) const {
    const std::string& s = at(row, column);
    if (s.empty()) return std::nan("");
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        throw InputError({m_file.string(), "", "record " + std::to_string(row + 1), column}, "'" + s + "' is not a number");
    return v;
}

}  // namespace stationplan::report
