#include "synthetic_city.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <utility>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace stationplan::bench {
namespace {

// One independent stream per stage, so that (say) a change in how deputies are
// placed does not move a single station.
enum class Stream : std::uint64_t { Clusters = 1, Stations = 2, Deputies = 3, Attributes = 4, Assignment = 5 };

class Random {
public:
    Random(std::uint64_t seed, Stream stream) : m_engine(mix(seed, static_cast<std::uint64_t>(stream))) {}

    // Uniform in [0, 1): the top 53 bits of one engine output.
    double uniform() { return static_cast<double>(m_engine() >> 11U) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    std::size_t index(std::size_t n) {
        const auto i = static_cast<std::size_t>(uniform() * static_cast<double>(n));
        return i < n ? i : n - 1;
    }
    // Standard normal by Box-Muller (both values of a pair are used).
    double gaussian() {
        if (m_has_spare) {
            m_has_spare = false;
            return m_spare;
        }
        const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * std::numbers::pi * u2;
        m_spare = r * std::sin(a);
        m_has_spare = true;
        return r * std::cos(a);
    }

private:
    // splitmix64 finaliser: decorrelates the per-stream engine seeds.
    static std::uint64_t mix(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t z = seed + stream * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }
    std::mt19937_64 m_engine;
    double m_spare = 0.0;
    bool m_has_spare = false;
};

// A mixture of Gaussian clusters around random centres with heavy-tailed weights,
// clipped to the square by redrawing: dense cores, sparse outskirts.
class ClusterModel {
public:
    explicit ClusterModel(const CityOptions& o) : m_o(o) {
        Random rng(o.seed, Stream::Clusters);
        double total = 0.0;
        for (std::size_t k = 0; k < o.clusters; ++k) {
            Cluster c;
            c.centre = {o.origin.x_m + o.side_m * rng.uniform(), o.origin.y_m + o.side_m * rng.uniform()};
            c.sigma_m = rng.uniform(300.0, 2000.0);
            total += std::exp(3.0 * rng.uniform());  // weights 1 .. 20
            m_clusters.push_back(c);
            m_cumulative.push_back(total);
        }
    }

    XY clustered(Random& rng) const {
        const double pick = rng.uniform() * m_cumulative.back();
        const auto k = static_cast<std::size_t>(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), pick) -
                                                m_cumulative.begin());
        const Cluster& c = m_clusters[std::min(k, m_clusters.size() - 1)];
        for (;;) {
            const XY p{c.centre.x_m + c.sigma_m * rng.gaussian(), c.centre.y_m + c.sigma_m * rng.gaussian()};
            if (inside(p)) return p;
        }
    }

    XY uniform(Random& rng) const {
        for (;;) {
            const XY p{m_o.origin.x_m + m_o.side_m * rng.uniform(), m_o.origin.y_m + m_o.side_m * rng.uniform()};
            if (inside(p)) return p;
        }
    }

private:
    struct Cluster {
        XY centre;
        double sigma_m = 0.0;
    };
    // Strictly inside: no point on the district's outline.
    bool inside(const XY& p) const {
        return p.x_m > m_o.origin.x_m && p.x_m < m_o.origin.x_m + m_o.side_m && p.y_m > m_o.origin.y_m &&
               p.y_m < m_o.origin.y_m + m_o.side_m;
    }
    const CityOptions& m_o;
    std::vector<Cluster> m_clusters;
    std::vector<double> m_cumulative;
};

constexpr double kClusteredStations = 0.75;  // the rest of the community stations are uniform
constexpr double kClusteredDeputies = 0.90;

double street_side(const CityOptions& o) { return o.side_m / o.streets_per_side; }

XY street_centre(const CityOptions& o, std::size_t street) {
    const auto n = static_cast<std::size_t>(o.streets_per_side);
    const double s = street_side(o);
    return {o.origin.x_m + (static_cast<double>(street % n) + 0.5) * s,
            o.origin.y_m + (static_cast<double>(street / n) + 0.5) * s};
}

// Which street industry station j sits in (spread over the district), and its offset
// from the street centre so that it does not coincide with the street station.
std::size_t industry_street(const CityOptions& o, std::size_t j) { return (j * 7 + 3) % o.street_count(); }

struct Placed {
    Kind kind;
    XY position;
};

std::vector<Placed> place_stations(const CityOptions& o) {
    o.validate();
    std::vector<Placed> out;
    out.reserve(o.stations);
    for (std::size_t s = 0; s < o.street_count(); ++s) out.push_back({Kind::Street, street_centre(o, s)});
    const ClusterModel clusters(o);
    Random rng(o.seed, Stream::Stations);
    const std::size_t community = o.stations - o.street_count() - o.industry_count();
    for (std::size_t i = 0; i < community; ++i)
        out.push_back({Kind::Community, rng.uniform() < kClusteredStations ? clusters.clustered(rng) : clusters.uniform(rng)});
    for (std::size_t j = 0; j < o.industry_count(); ++j) {
        const XY c = street_centre(o, industry_street(o, j));
        const double offset = street_side(o) / 10.0;
        out.push_back({Kind::Industry, {c.x_m + offset, c.y_m + offset}});
    }
    return out;
}

std::string padded(std::size_t n, int width) {
    std::string s = std::to_string(n);
    if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
    return s;
}

// Index of the cell of a regular n x n partition of [lo, lo + side) holding v.
std::size_t cell(double v, double lo, double side, int n) {
    const double f = std::floor((v - lo) / side * n);
    return static_cast<std::size_t>(std::clamp(f, 0.0, static_cast<double>(n - 1)));
}

std::size_t street_of(const CityOptions& o, const XY& p) {
    const auto n = static_cast<std::size_t>(o.streets_per_side);
    return cell(p.y_m, o.origin.y_m, o.side_m, o.streets_per_side) * n + cell(p.x_m, o.origin.x_m, o.side_m, o.streets_per_side);
}

std::size_t community_of(const CityOptions& o, const XY& p) {
    const std::size_t street = street_of(o, p);
    const XY c = street_centre(o, street);
    const double s = street_side(o);
    const int m = o.communities_per_street_side;
    const std::size_t local = cell(p.y_m, c.y_m - s / 2, s, m) * static_cast<std::size_t>(m) + cell(p.x_m, c.x_m - s / 2, s, m);
    return street * static_cast<std::size_t>(m * m) + local;
}

// Splits each street into k x k squares, numbered row by row from the south-west.
std::vector<SquareArea> split_streets(const CityOptions& o, const std::vector<SquareArea>& streets, int k,
                                      const char* id_tag, const char* name_word) {
    std::vector<SquareArea> out;
    out.reserve(streets.size() * static_cast<std::size_t>(k * k));
    const double side = street_side(o) / k;
    for (const auto& st : streets) {
        for (int r = 0; r < k; ++r) {
            for (int c = 0; c < k; ++c) {
                const auto local = static_cast<std::size_t>(r * k + c + 1);
                SquareArea a;
                a.id = st.id + id_tag + padded(local, 2);
                a.name = st.name + "第" + padded(local, 2) + name_word;
                a.street_id = st.id;
                // Corners from integer multiples, so neighbours share exactly the same coordinates.
                a.min_x = st.min_x + side * c;
                a.max_x = c + 1 == k ? st.max_x : st.min_x + side * (c + 1);
                a.min_y = st.min_y + side * r;
                a.max_y = r + 1 == k ? st.max_y : st.min_y + side * (r + 1);
                out.push_back(std::move(a));
            }
        }
    }
    return out;
}

}  // namespace

void CityOptions::validate() const {
    if (streets_per_side < 1 || communities_per_street_side < 1 || grids_per_street_side < 1)
        throw std::invalid_argument("every partition needs at least one cell per side");
    if (!(side_m > 0.0)) throw std::invalid_argument("the district side must be positive");
    if (clusters < 1) throw std::invalid_argument("at least one cluster");
    if (stations < street_count() + industry_count() + 1)
        throw std::invalid_argument("--stations must be at least " + std::to_string(street_count() + industry_count() + 1) +
                                    " (" + std::to_string(street_count()) + " street, " + std::to_string(industry_count()) +
                                    " industry and one community station)");
    if (deputies < 1) throw std::invalid_argument("--deputies must be at least 1");
    if (deputies > 100'000'000) throw std::invalid_argument("--deputies must be at most 100,000,000");
}

std::vector<XY> station_positions(const CityOptions& o) {
    std::vector<XY> out;
    for (const auto& p : place_stations(o)) out.push_back(p.position);
    return out;
}

std::vector<XY> deputy_positions(const CityOptions& o) {
    o.validate();
    const ClusterModel clusters(o);
    Random rng(o.seed, Stream::Deputies);
    std::vector<XY> out;
    out.reserve(o.deputies);
    for (std::size_t i = 0; i < o.deputies; ++i)
        out.push_back(rng.uniform() < kClusteredDeputies ? clusters.clustered(rng) : clusters.uniform(rng));
    return out;
}

City make_city(const CityOptions& o) {
    City city;
    city.options = o;
    const std::vector<Placed> placed = place_stations(o);  // validates

    city.district = {"BENCH", "基准测试区", {}, {}, o.origin.x_m, o.origin.y_m, o.origin.x_m + o.side_m, o.origin.y_m + o.side_m};
    const double s = street_side(o);
    for (std::size_t i = 0; i < o.street_count(); ++i) {
        const XY c = street_centre(o, i);
        city.streets.push_back({"S" + padded(i + 1, 2), "第" + padded(i + 1, 2) + "街道", {}, {}, c.x_m - s / 2, c.y_m - s / 2,
                                c.x_m + s / 2, c.y_m + s / 2});
    }
    city.communities = split_streets(o, city.streets, o.communities_per_street_side, "-C", "社区");
    city.grids = split_streets(o, city.streets, o.grids_per_street_side, "-G", "网格");
    for (std::size_t g = 0; g < city.grids.size(); ++g) city.grids[g].liaison = "网格员" + padded(g + 1, 4);

    std::size_t community_number = 0, industry_number = 0;
    city.stations.reserve(placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
        CityStation st;
        st.kind = placed[i].kind;
        st.position = placed[i].position;
        st.street = street_of(o, st.position);
        st.community = community_of(o, st.position);
        switch (st.kind) {
            case Kind::Street:
                st.id = "ST" + padded(i + 1, 2);
                st.name = city.streets[st.street].name + "人大代表联络站";
                break;
            case Kind::Community:
                st.id = "CS" + padded(++community_number, 6);
                st.name = city.communities[st.community].name + "联络站" + padded(community_number, 6);
                st.capacity_min = 3;
                st.capacity_max = 5;
                break;
            case Kind::Industry:
                st.sector = static_cast<int>(industry_number);
                st.id = "IS" + padded(++industry_number, 1);
                st.name = std::string(kSectors[static_cast<std::size_t>(st.sector)]) + "行业代表联络站";
                break;
        }
        city.stations.push_back(std::move(st));
    }

    // Each deputy goes to one of the three nearest community stations (70/20/10 %).
    using Point = bg::model::point<double, 2, bg::cs::cartesian>;
    using Value = std::pair<Point, std::uint32_t>;
    std::vector<Value> values;
    for (std::size_t i = 0; i < city.stations.size(); ++i)
        if (city.stations[i].kind == Kind::Community)
            values.emplace_back(Point(city.stations[i].position.x_m, city.stations[i].position.y_m), static_cast<std::uint32_t>(i));
    const bgi::rtree<Value, bgi::rstar<16>> tree(values);  // packing constructor

    const std::vector<XY> positions = deputy_positions(o);
    Random attributes(o.seed, Stream::Attributes);
    Random assignment(o.seed, Stream::Assignment);
    city.deputies.resize(positions.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
        CityDeputy& d = city.deputies[i];
        d.position = positions[i];
        const double lv = attributes.uniform();
        d.level = static_cast<std::uint8_t>(lv < 0.75 ? 0 : lv < 0.93 ? 1 : lv < 0.99 ? 2 : 3);
        d.sector = attributes.uniform() < 0.3 ? static_cast<std::int8_t>(attributes.index(kSectors.size())) : std::int8_t{-1};

        const Point q(d.position.x_m, d.position.y_m);
        std::array<Value, 3> found;
        const std::size_t n = tree.query(bgi::nearest(q, 3), found.begin());
        std::array<std::pair<double, std::uint32_t>, 3> ranked;
        for (std::size_t k = 0; k < n; ++k) ranked[k] = {distance_m(d.position, city.stations[found[k].second].position), found[k].second};
        std::sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n));  // the tree's order is unspecified
        const double u = assignment.uniform();
        const std::size_t rank = std::min<std::size_t>(u < 0.7 ? 0 : u < 0.9 ? 1 : 2, n - 1);
        d.station = ranked[rank].second;
    }
    return city;
}

}  // namespace stationplan::bench
