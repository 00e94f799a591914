// Reads the CSV tables stationplan writes (RFC 4180, UTF-8, header row), e.g. an
// earlier check's stations.csv for `compare`. Errors are InputErrors naming the
// file, line and column.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace stationplan::report {

class CsvTable {
public:
    // Throws InputError when the file cannot be read, a row has the wrong number of
    // cells, or one of `required` columns is missing.
    static CsvTable read(const std::filesystem::path& file, const std::vector<std::string>& required);

    std::size_t size() const { return m_rows.size(); }
    // The cell of row i in column `name` (a required column).
    const std::string& at(std::size_t row, const std::string& column) const;
    // The cell as a number; NaN when empty. Throws InputError when not a number.
    double number(std::size_t row, const std::string& column) const;
    bool has_column(const std::string& column) const { return m_columns.count(column) != 0; }

private:
    std::filesystem::path m_file;
    std::map<std::string, std::size_t> m_columns;
    std::vector<std::vector<std::string>> m_rows;
};

}  // namespace stationplan::report
