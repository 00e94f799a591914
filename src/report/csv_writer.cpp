#include "report/csv_writer.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>

#include "io/output_file.hpp"

namespace stationplan::report {

CsvWriter::CsvWriter(const std::filesystem::path& file, const std::vector<std::string>& header)
    : m_file(file), m_out(std::fopen(file.c_str(), "wb")) {
    if (!m_out) io::throw_write_error(file, errno);
    row(header);
}

CsvWriter::~CsvWriter() {
    if (m_out) std::fclose(m_out);
}

void CsvWriter::cell(std::string_view text, bool first) {
    if (!first) m_buffer += ',';
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        m_buffer += text;
        return;
    }
    m_buffer += '"';
    for (char c : text) {
        if (c == '"') m_buffer += '"';
        m_buffer += c;
    }
    m_buffer += '"';
}

void CsvWriter::row(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) cell(cells[i], i == 0);
    m_buffer += '\n';
    if (m_buffer.size() > (1u << 20)) {
        if (std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out) != m_buffer.size())
            io::throw_write_error(m_file, errno);
        m_buffer.clear();
    }
}

void CsvWriter::close() {
    if (!m_out) return;
    const bool ok = std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out) == m_buffer.size();
    const int write_errno = errno;
    const bool closed = std::fclose(m_out) == 0;
    m_out = nullptr;
    if (!ok) io::throw_write_error(m_file, write_errno);
    if (!closed) io::throw_write_error(m_file, errno);
}

std::string fixed(double value, int decimals) {
    if (std::isnan(value)) return {};
    return fmt::format("{:.{}f}", value, decimals);
}

}  // namespace stationplan::report
