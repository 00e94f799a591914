// The benchmark formats are whitespace-separated numbers that may wrap freely across
// lines, so they are read as one token stream that remembers the line each token
// came from (for the error messages), not line by line.
#include "plan/orlib.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "stationplan/error.hpp"

namespace stationplan::plan {
namespace {

namespace fs = std::filesystem;

class NumberStream {
public:
    explicit NumberStream(const fs::path& path) : m_file(path.string()) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw InputError({m_file, {}, {}, {}}, "cannot open the file");
        std::ostringstream ss;
        ss << in.rdbuf();
        m_text = ss.str();
    }

    // A non-negative integer; `what` says what it is for the error message.
    std::int64_t next_count(const std::string& what) {
        const std::string_view t = next_token(what);
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size() || v < 0)
            fail(m_token_line, "expected " + what + " (a non-negative integer), got '" + std::string(t) + "'");
        return v;
    }

    // An integer in [1, n]: a 1-based index.
    std::size_t next_index(const std::string& what, std::int64_t n) {
        const std::string_view t = next_token(what);
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size())
            fail(m_token_line, "expected " + what + " (an integer), got '" + std::string(t) + "'");
        if (v < 1 || v > n)
            fail(m_token_line, what + " " + std::string(t) + " is out of range 1.." + std::to_string(n));
        return static_cast<std::size_t>(v - 1);
    }

    // A finite real number; with non_negative, also >= 0.
    double next_real(const std::string& what, bool non_negative) {
        const std::string_view t = next_token(what);
        double v = 0.0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v))
            fail(m_token_line, "expected " + what + " (a number), got '" + std::string(t) + "'");
        if (non_negative && v < 0.0) fail(m_token_line, "expected " + what + " >= 0, got '" + std::string(t) + "'");
        return v;
    }

    // Only whitespace may follow.
    void expect_end() {
        skip_space();
        if (m_pos < m_text.size()) {
            const std::string_view t = next_token("");
            fail(m_token_line, "unexpected data after the end of the instance: '" + std::string(t) + "'");
        }
    }

    // At most `count` items of `per` numbers each, as many as the rest of the file can
    // hold (each number needs a character and a separator): what to reserve for a
    // header's count, so that a short file never allocates much. A file that ends
    // early still fails where it ends.
    std::size_t room_for(std::size_t count, std::size_t per) const {
        return std::min(count, (m_text.size() - m_pos + 1) / 2 / per);
    }

    std::size_t token_line() const { return m_token_line; }
    [[noreturn]] void fail(std::size_t line, const std::string& what) const {
        throw InputError({m_file, {}, "line " + std::to_string(line), {}}, what);
    }

private:
    void skip_space() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
            if (m_text[m_pos] == '\n') ++m_line;
            ++m_pos;
        }
    }

    std::string_view next_token(const std::string& what) {
        skip_space();
        if (m_pos >= m_text.size()) fail(m_token_line, "the file ends early (after this line): expected " + what);
        const std::size_t begin = m_pos;
        while (m_pos < m_text.size() && !std::isspace(static_cast<unsigned char>(m_text[m_pos]))) ++m_pos;
        m_token_line = m_line;
        return std::string_view(m_text).substr(begin, m_pos - begin);
    }

    std::string m_file;
    std::string m_text;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    std::size_t m_token_line = 1;
};

// A header count that must fit an index (and an allocation) sensibly.
std::size_t positive_count(NumberStream& in, const std::string& what, std::int64_t max) {
    const std::int64_t v = in.next_count(what);
    if (v < 1 || v > max)
        in.fail(in.token_line(), what + " " + std::to_string(v) + " is out of range 1.." + std::to_string(max));
    return static_cast<std::size_t>(v);
}

// Floyd-Warshall over a dense row-major n x n matrix. Row k never changes while k is
// the intermediate vertex (d(k,k) = 0), so rows i != k can be relaxed from it with
// no aliasing, and rows whose d(i,k) is infinite are skipped (early passes on a
// sparse graph). n = 900: about 0.4 s.
void all_pairs_shortest_paths(std::vector<double>& d, std::size_t n) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < n; ++k) {
        const double* __restrict rk = d.data() + k * n;
        for (std::size_t i = 0; i < n; ++i) {
            const double dik = d[i * n + k];
            if (i == k || dik == inf) continue;
            double* __restrict ri = d.data() + i * n;
            for (std::size_t j = 0; j < n; ++j) {
                const double via = dik + rk[j];
                ri[j] = via < ri[j] ? via : ri[j];
            }
        }
    }
}

// Every node is a demand (size = its demand, objective weight 1) and a site;
// distance by `metric`.
template <class Metric>
CapacitatedInstance complete_instance(const std::vector<double>& x, const std::vector<double>& y,
                                      std::vector<double> size, std::vector<double> capacity, Metric metric) {
    const auto n = static_cast<Eigen::Index>(x.size());
    CapacitatedInstance inst;
    inst.base.distance.resize(n, n);
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i)
            inst.base.distance(i, j) = metric(x[static_cast<std::size_t>(i)] - x[static_cast<std::size_t>(j)],
                                              y[static_cast<std::size_t>(i)] - y[static_cast<std::size_t>(j)]);
    inst.base.weight = Eigen::VectorXd::Ones(n);  // the objective: plain sum of distances
    inst.size = std::move(size);
    inst.capacity = std::move(capacity);
    return inst;
}

constexpr std::int64_t kMaxNodes = 20'000;           // the dense n x n matrices must fit in memory (3.2 GB)
constexpr std::int64_t kMaxEntries = 100'000'000;    // set cover: rows x columns read

}  // namespace

PMedianFile read_orlib_pmed(const fs::path& path) {
    NumberStream in(path);
    const std::size_t n = positive_count(in, "the number of vertices", kMaxNodes);
    const std::int64_t edges = in.next_count("the number of edges");
    const std::size_t p = positive_count(in, "p (the number of medians)", static_cast<std::int64_t>(n));
    // The edges first, then connectivity (union-find): the n x n matrix is allocated
    // only for a connected graph, whose file holds at least n - 1 edges, so a header
    // alone cannot ask for gigabytes.
    struct Edge {
        std::size_t i, j;
        double cost;
    };
    std::vector<Edge> list;
    const auto nn = static_cast<std::int64_t>(n);
    for (std::int64_t e = 1; e <= edges; ++e) {
        const std::string edge = "edge " + std::to_string(e) + " of " + std::to_string(edges);
        const std::size_t i = in.next_index("the first vertex of " + edge, nn);
        const std::size_t j = in.next_index("the second vertex of " + edge, nn);
        if (i == j) in.fail(in.token_line(), edge + " joins vertex " + std::to_string(i + 1) + " to itself");
        list.push_back({i, j, in.next_real("the cost of " + edge, true)});
    }
    in.expect_end();
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t{0});
    auto root = [&](std::size_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    };
    for (const Edge& e : list) parent[root(e.i)] = root(e.j);
    for (std::size_t j = 1; j < n; ++j)
        if (root(j) != root(0))
            throw InputError({path.string(), {}, {}, {}},
                             "the graph is not connected: no path from vertex 1 to vertex " + std::to_string(j + 1));
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> d(n * n, inf);
    for (std::size_t i = 0; i < n; ++i) d[i * n + i] = 0.0;
    for (const Edge& e : list) {
        d[e.i * n + e.j] = e.cost;  // in file order: a repeated pair keeps its LAST cost
        d[e.j * n + e.i] = e.cost;
    }
    all_pairs_shortest_paths(d, n);
    PMedianFile out;
    // d is symmetric, so its row-major layout reads the same column-major.
    out.instance.distance = Eigen::Map<const Eigen::MatrixXd>(d.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    out.p = p;
    return out;
}

CoverInstance read_orlib_scp(const fs::path& path) {
    NumberStream in(path);
    const std::size_t m = positive_count(in, "the number of rows", kMaxEntries);
    const std::size_t n = positive_count(in, "the number of columns", kMaxEntries);
    CoverInstance inst;
    inst.site_count = n;
    inst.cost.reserve(in.room_for(n, 1));
    for (std::size_t j = 0; j < n; ++j) inst.cost.push_back(in.next_real("the cost of column " + std::to_string(j + 1), true));
    inst.covers.reserve(in.room_for(m, 1));
    std::int64_t entries = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const std::string row = "row " + std::to_string(i + 1) + " of " + std::to_string(m);
        const std::int64_t k = in.next_count("the number of columns covering " + row);
        if (k > static_cast<std::int64_t>(n))
            in.fail(in.token_line(), row + " lists " + std::to_string(k) + " columns, more than the " + std::to_string(n) +
                                         " there are");
        entries += k;
        if (entries > kMaxEntries) in.fail(in.token_line(), "more than " + std::to_string(kMaxEntries) + " row entries");
        auto& cover = inst.covers.emplace_back();
        cover.reserve(static_cast<std::size_t>(k));
        for (std::int64_t c = 0; c < k; ++c)
            cover.push_back(static_cast<std::uint32_t>(in.next_index("a column of " + row, static_cast<std::int64_t>(n))));
        std::sort(cover.begin(), cover.end());
        cover.erase(std::unique(cover.begin(), cover.end()), cover.end());
    }
    in.expect_end();
    return inst;
}

CapacitatedFile read_orlib_capmed(const fs::path& path, int instance_number) {
    NumberStream in(path);
    const std::int64_t count = in.next_count("the number of instances");
    if (instance_number < 1 || instance_number > count)
        in.fail(in.token_line(), "the file has " + std::to_string(count) + " instance(s); instance " +
                                     std::to_string(instance_number) + " does not exist");
    for (std::int64_t k = 1;; ++k) {
        const std::string which = "instance " + std::to_string(k);
        CapacitatedFile out;
        out.id = static_cast<int>(in.next_count("the number of " + which));
        out.known_value = in.next_real("the published value of " + which, false);
        const std::size_t n = positive_count(in, "the number of nodes of " + which, kMaxNodes);
        out.p = positive_count(in, "p (the number of medians) of " + which, static_cast<std::int64_t>(n));
        const double q = in.next_real("the capacity Q of " + which, true);
        std::vector<double> x, y, demand;
        x.reserve(in.room_for(n, 4));
        y.reserve(x.capacity());
        demand.reserve(x.capacity());
        for (std::size_t i = 0; i < n; ++i) {
            const std::string node = "node " + std::to_string(i + 1) + " of " + which;
            in.next_count("the number of " + node);
            x.push_back(in.next_real("the x of " + node, false));
            y.push_back(in.next_real("the y of " + node, false));
            demand.push_back(in.next_real("the demand of " + node, true));
        }
        if (k < instance_number) continue;
        // Truncated per pair: only this rule reproduces the published optima.
        out.instance = complete_instance(x, y, std::move(demand), std::vector<double>(n, q),
                                         [](double dx, double dy) { return std::floor(std::sqrt(dx * dx + dy * dy)); });
        if (k == count) in.expect_end();
        return out;
    }
}

CapacitatedFile read_sjc(const fs::path& path) {
    NumberStream in(path);
    const std::size_t n = positive_count(in, "the number of nodes", kMaxNodes);
    CapacitatedFile out;
    out.p = positive_count(in, "p (the number of medians)", static_cast<std::int64_t>(n));
    std::vector<double> x, y, capacity, demand;
    for (auto* v : {&x, &y, &capacity, &demand}) v->reserve(in.room_for(n, 4));
    for (std::size_t i = 0; i < n; ++i) {
        const std::string node = "node " + std::to_string(i + 1);
        x.push_back(in.next_real("the x of " + node, false));
        y.push_back(in.next_real("the y of " + node, false));
        capacity.push_back(in.next_real("the capacity of " + node, true));
        demand.push_back(in.next_real("the demand of " + node, true));
    }
    in.expect_end();
    out.instance = complete_instance(x, y, std::move(demand), std::move(capacity),
                                     [](double dx, double dy) { return std::sqrt(dx * dx + dy * dy); });
    return out;
}

}  // namespace stationplan::plan
