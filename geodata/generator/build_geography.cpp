// District cut, streets, communities and grids.
//
// Real boundaries below district level are not public, so every boundary
// here is a seeded Voronoi partition (see partition.hpp). Only the district
// outline, the names and the codes are real.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "sample_builder.hpp"

namespace stationplan::sample {

namespace {

/// Where each real street roughly lies (lon/lat), from public descriptions
/// of the district: the old core streets in the south-west, the newer ones
/// in the north and north-east. Only used to give the synthetic street cells
/// a plausible order; the cells themselves are synthetic.
struct StreetAnchor {
    const char* code;
    LonLat position;
};
constexpr std::array<StreetAnchor, 17> kStreetAnchors = {{
    {"410105001", {113.690, 34.774}},  // 经八路
    {"410105002", {113.680, 34.788}},  // 花园路
    {"410105003", {113.670, 34.760}},  // 人民路
    {"410105004", {113.688, 34.757}},  // 杜岭
    {"410105005", {113.655, 34.772}},  // 大石桥
    {"410105006", {113.646, 34.788}},  // 南阳路
    {"410105007", {113.630, 34.800}},  // 南阳新村
    {"410105008", {113.664, 34.801}},  // 文化路
    {"410105009", {113.693, 34.796}},  // 丰产路
    {"410105010", {113.680, 34.815}},  // 东风路
    {"410105011", {113.703, 34.832}},  // 北林路
    {"410105012", {113.712, 34.772}},  // 未来路
    {"410105013", {113.728, 34.795}},  // 凤凰台
    {"410105016", {113.712, 34.858}},  // 兴达路
    {"410105017", {113.680, 34.848}},  // 国基路
    {"410105018", {113.742, 34.845}},  // 杨金路
    {"410105019", {113.652, 34.828}},  // 丰庆路
}};

double squared_distance(XY a, XY b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

/// For each anchor, the cell it is given: greedy by distance, then pairwise
/// swaps while they lower the total squared distance. Deterministic.
std::vector<std::size_t> match_cells_to_anchors(const std::vector<XY>& cells,
                                                const std::vector<XY>& anchors) {
    const std::size_t n = anchors.size();
    struct Pair {
        double cost;
        std::size_t anchor;
        std::size_t cell;
    };
    std::vector<Pair> pairs;
    for (std::size_t a = 0; a < n; ++a) {
        for (std::size_t c = 0; c < n; ++c) {
            pairs.push_back({squared_distance(anchors[a], cells[c]), a, c});
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& l, const Pair& r) {
        return std::tie(l.cost, l.anchor, l.cell) < std::tie(r.cost, r.anchor, r.cell);
    });
    std::vector<std::size_t> cell_of(n, n);
    std::vector<bool> cell_taken(n, false);
    for (const Pair& p : pairs) {
        if (cell_of[p.anchor] == n && !cell_taken[p.cell]) {
            cell_of[p.anchor] = p.cell;
            cell_taken[p.cell] = true;
        }
    }
    for (bool improved = true; improved;) {
        improved = false;
        for (std::size_t a = 0; a < n; ++a) {
            for (std::size_t b = a + 1; b < n; ++b) {
                const double now = squared_distance(anchors[a], cells[cell_of[a]]) +
                                   squared_distance(anchors[b], cells[cell_of[b]]);
                const double swapped = squared_distance(anchors[a], cells[cell_of[b]]) +
                                       squared_distance(anchors[b], cells[cell_of[a]]);
                if (swapped < now - 1.0) {
                    std::swap(cell_of[a], cell_of[b]);
                    improved = true;
                }
            }
        }
    }
    return cell_of;
}

/// The district government's part: the outline west of the cut meridian.
/// Cut in lon/lat, where a meridian is a straight line, then projected.
void cut_district(BuildContext& context, const RawInputs& raw, Sample& sample) {
    const Geos& geos = context.geos;
    const Bounds outline = geos.bounds(*raw.outline_lonlat);
    const Geom west_box =
        geos.box(Bounds{outline.xmin - 1.0, outline.ymin - 1.0, kCutLongitude, outline.ymax + 1.0});
    const Geom west = geos.intersection(*raw.outline_lonlat, *west_box);
    std::vector<Geom> parts = geos.polygon_parts(*west);
    if (parts.size() != 1) {
        throw std::runtime_error(
            fmt::format("district cut: the outline west of {}E falls into {} parts, expected 1",
                        kCutLongitude, parts.size()));
    }
    sample.district.code = raw.district_code;
    sample.district.name = raw.district_name;
    sample.district.cut_longitude = kCutLongitude;
    sample.district.area = context.projector.to_metres(geos, *parts.front());
    sample.district.statistical_area = context.projector.to_metres(geos, *raw.outline_lonlat);
}

void build_streets(BuildContext& context, const RawInputs& raw, Sample& sample) {
    const Geos& geos = context.geos;
    const std::vector<RawStreet> real = raw.core_streets();
    SeededRandom rng(context.seed, RandomStream::streets);
    PartitionOptions options;
    options.cell_count = real.size();
    options.lloyd_iterations = 3;
    std::vector<Cell> cells = partition_polygon(geos, *sample.district.area, context.density, options, rng);

    std::vector<XY> centroids;
    for (const Cell& cell : cells) {
        centroids.push_back(geos.centroid(*cell.area));
    }
    std::vector<XY> anchors;
    for (const RawStreet& street : real) {
        const auto anchor = std::find_if(kStreetAnchors.begin(), kStreetAnchors.end(),
                                         [&](const StreetAnchor& a) { return street.code == a.code; });
        if (anchor == kStreetAnchors.end()) {
            throw std::runtime_error(
                fmt::format("streets: no anchor for street {} {}", street.code, street.name));
        }
        anchors.push_back(context.projector.to_metres(anchor->position));
    }
    const std::vector<std::size_t> cell_of = match_cells_to_anchors(centroids, anchors);
    for (std::size_t i = 0; i < real.size(); ++i) {
        Cell& cell = cells[cell_of[i]];
        sample.streets.push_back(Street{real[i].code, real[i].name, std::move(cell.area), cell.seed});
    }
}

/// Communities partition their street, as many as the street really has.
/// Denser cells get the urban communities (in code order), the outer cells
/// the villages: villages lie at the edge of the built-up area.
void build_communities(BuildContext& context, const RawInputs& raw, Sample& sample) {
    SeededRandom rng(context.seed, RandomStream::communities);
    for (const Street& street : sample.streets) {
        std::vector<RawCommunity> real = raw.communities_of(street.id);
        std::stable_partition(real.begin(), real.end(), [](const RawCommunity& c) { return !c.is_village; });
        PartitionOptions options;
        options.cell_count = real.size();
        std::vector<Cell> cells =
            partition_polygon(context.geos, *street.area, context.density, options, rng);
        std::stable_sort(cells.begin(), cells.end(), [&](const Cell& a, const Cell& b) {
            return context.density.at(a.seed) > context.density.at(b.seed);
        });
        for (std::size_t i = 0; i < real.size(); ++i) {
            sample.communities.push_back(Community{real[i].code, real[i].name, street.id, real[i].is_village,
                                                   std::move(cells[i].area), cells[i].seed});
        }
    }
    std::sort(sample.communities.begin(), sample.communities.end(),
              [](const Community& a, const Community& b) { return a.id < b.id; });
}

/// kGridCount grids shared out in proportion to street area (largest
/// remainder), at least 3 per street.
std::vector<std::size_t> allocate_grids(const Geos& geos, const std::vector<Street>& streets) {
    constexpr std::size_t kMinimum = 3;
    std::vector<double> areas;
    for (const Street& street : streets) {
        areas.push_back(geos.area(*street.area));
    }
    const double total = std::accumulate(areas.begin(), areas.end(), 0.0);
    const std::size_t spare = kGridCount - kMinimum * streets.size();
    std::vector<std::size_t> counts(streets.size(), kMinimum);
    std::vector<std::pair<double, std::size_t>> remainders;
    std::size_t given = 0;
    for (std::size_t i = 0; i < streets.size(); ++i) {
        const double share = static_cast<double>(spare) * areas[i] / total;
        const auto whole = static_cast<std::size_t>(std::floor(share));
        counts[i] += whole;
        given += whole;
        remainders.emplace_back(share - static_cast<double>(whole), i);
    }
    std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t k = 0; given < spare; ++k, ++given) {
        ++counts[remainders[k].second];
    }
    return counts;
}

/// Grids partition their street too (independently of the communities),
/// numbered north to south in 600 m bands, west to east within a band.
void build_grids(BuildContext& context, Sample& sample) {
    SeededRandom rng(context.seed, RandomStream::grids);
    const std::vector<std::size_t> counts = allocate_grids(context.geos, sample.streets);
    for (std::size_t s = 0; s < sample.streets.size(); ++s) {
        const Street& street = sample.streets[s];
        PartitionOptions options;
        options.cell_count = counts[s];
        std::vector<Cell> cells =
            partition_polygon(context.geos, *street.area, context.density, options, rng);
        const double top = context.geos.bounds(*street.area).ymax;
        const auto band = [top](const Cell& c) { return std::floor((top - c.seed.y) / 600.0); };
        std::stable_sort(cells.begin(), cells.end(), [&](const Cell& a, const Cell& b) {
            return band(a) != band(b) ? band(a) < band(b) : a.seed.x < b.seed.x;
        });
        for (std::size_t i = 0; i < cells.size(); ++i) {
            sample.grids.push_back(Grid{fmt::format("{}-G{:02}", street.id, i + 1),
                                        fmt::format("{}第{}网格", street.name, i + 1), street.id,
                                        context.people.person(), std::move(cells[i].area)});
        }
    }
    // Real rosters have a few grids whose liaison post is vacant.
    constexpr std::size_t kVacantLiaisons = 4;
    std::vector<std::size_t> order(sample.grids.size());
    std::iota(order.begin(), order.end(), 0);
    rng.shuffle(order);
    for (std::size_t k = 0; k < kVacantLiaisons; ++k) {
        sample.grids[order[k]].liaison.reset();
    }
    for (const Grid& grid : sample.grids) {
        if (!grid.liaison) {
            sample.planted.missing_liaison_grids.push_back(grid.id);
        }
    }
}

}  // namespace

std::string community_label(const Sample& sample, const Community& community) {
    const std::string label = community_short_name(community.name);
    const bool shared =
        std::any_of(sample.communities.begin(), sample.communities.end(), [&](const Community& other) {
            return other.id != community.id && community_short_name(other.name) == label;
        });
    if (!shared) {
        return label;
    }
    const auto street = std::find_if(sample.streets.begin(), sample.streets.end(),
                                     [&](const Street& s) { return s.id == community.street_id; });
    return street_short_name(street->name) + label;
}

double round_to(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

LonLat rounded(LonLat p, int decimals) {
    return LonLat{round_to(p.lon, decimals), round_to(p.lat, decimals)};
}

AreaIndex::AreaIndex(const Geos& geos, const Sample& sample) : m_district(geos, *sample.district.area) {
    for (const Street& street : sample.streets) {
        m_streets.emplace_back(geos, *street.area);
    }
    for (const Community& community : sample.communities) {
        m_communities.emplace_back(geos, *community.area);
    }
}

std::optional<std::size_t> AreaIndex::street_at(XY p) const {
    for (std::size_t i = 0; i < m_streets.size(); ++i) {
        if (m_streets[i].contains(p)) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> AreaIndex::community_at(XY p) const {
    for (std::size_t i = 0; i < m_communities.size(); ++i) {
        if (m_communities[i].contains(p)) {
            return i;
        }
    }
    return std::nullopt;
}

void build_geography(BuildContext& context, const RawInputs& raw, Sample& sample) {
    cut_district(context, raw, sample);
    build_streets(context, raw, sample);
    build_communities(context, raw, sample);
    build_grids(context, sample);
}

}  // namespace stationplan::sample
