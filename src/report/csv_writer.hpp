// RFC 4180 CSV output (UTF-8, "\n" line ends, quotes only where needed). Numbers are
// formatted by the caller so that every run writes identical bytes.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace stationplan::report {

class CsvWriter {
public:
    CsvWriter(const std::filesystem::path& file, const std::vector<std::string>& header);
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    void row(const std::vector<std::string>& cells);
    void close();  // throws when anything failed to reach the disk

private:
    void cell(std::string_view text, bool first);
    std::filesystem::path m_file;
    std::FILE* m_out = nullptr;
    std::string m_buffer;
};

// Fixed-point text for a number; empty for NaN (a missing value).
std::string fixed(double value, int decimals);

}  // namespace stationplan::report
