#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace stationplan::test {
namespace fs = std::filesystem;

bool skips_forbidden() {
    const char* v = std::getenv("STATIONPLAN_NO_SKIP");
    return v != nullptr && std::string(v) == "1";
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

RunResult run_stationplan(const std::vector<std::string>& args) {
    static int counter = 0;
    const fs::path base = fs::temp_directory_path() / ("sp-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::vector<std::string> argv_store{STATIONPLAN_BIN};
    argv_store.insert(argv_store.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string out = base.string() + ".out", err = base.string() + ".err";
        if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen(err.c_str(), "w", stderr)) _exit(127);
        std::vector<char*> argv;
        for (auto& a : argv_store) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(base.string() + ".out");
    r.err = read_text(base.string() + ".err");
    fs::remove(base.string() + ".out");
    fs::remove(base.string() + ".err");
    return r;
}

CsvTable read_csv(const fs::path& file) {
    const std::string text = read_text(file);
    std::vector<std::vector<std::string>> records(1);
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
            records.back().push_back(cell), cell.clear();
        } else if (c == '\n') {
            records.back().push_back(cell), cell.clear();
            records.emplace_back();
        } else if (c != '\r') {
            cell += c;
        }
    }
    if (!cell.empty() || !records.back().empty()) records.back().push_back(cell);
    if (records.back().empty()) records.pop_back();
    CsvTable t;
    if (records.empty()) return t;
    t.header = records.front();
    for (std::size_t r = 1; r < records.size(); ++r) {
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < t.header.size() && c < records[r].size(); ++c) row[t.header[c]] = records[r][c];
        t.rows.push_back(std::move(row));
    }
    return t;
}

const std::map<std::string, std::string>& CsvTable::row_where(const std::string& column, const std::string& value) const {
    for (const auto& r : rows) {
        auto it = r.find(column);
        if (it != r.end() && it->second == value) return r;
    }
    throw std::runtime_error("no row with " + column + " = " + value);
}

ScratchDir::ScratchDir(const std::string& tag) {
    std::random_device rd;
    m_path = fs::temp_directory_path() / ("sp-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::vector<std::string> list_dir(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

fs::path source_dir() { return STATIONPLAN_SOURCE_DIR; }
fs::path test_data() { return STATIONPLAN_TEST_DATA; }

}  // namespace stationplan::test
