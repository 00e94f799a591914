// Street, community and industry liaison stations (17 + 84 + 9).
//
// Where the 84 community stations go matters for the rest of the sample:
// deputies must live 100-900 m from a station, and every community but one
// must hold a station or a deputy. So the stations are spread greedily to
// reach as many communities as possible, street by street.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

#include "sample_builder.hpp"

namespace stationplan::sample {

namespace {

/// A community is "reached" by a station point if part of it lies within
/// this distance: deputies living there can then be 100-900 m from it.
constexpr double kReach_m = 780.0;
/// Street stations sit well inside their street (the rule is >= 50 m).
constexpr double kStreetStationMargin_m = 150.0;
/// The misplaced street station lies this far outside its street.
constexpr double kMisplacedMin_m = 200.0;
constexpr double kMisplacedMax_m = 250.0;
/// No two stations closer than this, so map symbols do not collide.
constexpr double kStationSpacing_m = 40.0;

/// Host street of each industry station (synthetic: real addresses of
/// industry stations are not public), in kSectors order.
constexpr std::array<const char*, 9> kIndustryHostStreets = {
    "410105010",  // 科技创新: 东风路 (the technology market)
    "410105008",  // 教育: 文化路 (university campuses)
    "410105011",  // 文化传媒: 北林路 (broadcasting compounds)
    "410105003",  // 医疗卫生: 人民路
    "410105001",  // 法律: 经八路 (provincial offices)
    "410105004",  // 城市管理: 杜岭
    "410105007",  // 社会工作: 南阳新村
    "410105012",  // 新经济组织: 未来路
    "410105002",  // 新社会组织: 花园路
};

struct StationPlacer {
    BuildContext& context;
    Sample& sample;
    const AreaIndex& index;
    SeededRandom& rng;
    std::vector<XY> placed;  // metres, every station so far

    bool clear_of_stations(XY p) const {
        return std::all_of(placed.begin(), placed.end(),
                           [&](const XY& s) { return distance_m(s, p) >= kStationSpacing_m; });
    }

    /// Rounds the position as it will be written and remembers it.
    LonLat add(XY p) {
        const LonLat position = rounded(context.projector.to_lonlat(p), kPointDecimals);
        placed.push_back(context.projector.to_metres(position));
        return position;
    }
};

std::size_t street_index(const Sample& sample, const std::string& street_id) {
    for (std::size_t i = 0; i < sample.streets.size(); ++i) {
        if (sample.streets[i].id == street_id) {
            return i;
        }
    }
    throw std::runtime_error(fmt::format("stations: unknown street {}", street_id));
}

/// A point near the street's seed (its weighted centre), well inside it.
XY street_office_point(StationPlacer& placer, std::size_t s) {
    const Street& street = placer.sample.streets[s];
    const PreparedPolygon& area = placer.index.street(s);
    for (const double margin_m : {kStreetStationMargin_m, 80.0, 60.0}) {
        const auto p = random_point_in_ring(placer.rng, street.seed, 0.0, 600.0, [&](XY q) {
            return area.contains_with_margin(q, margin_m) && placer.clear_of_stations(q);
        });
        if (p) {
            return *p;
        }
    }
    throw std::runtime_error(fmt::format("stations: no room for the station of {}", street.name));
}

/// Length of `a`'s boundary running along `b`.
double shared_boundary_m(const Geos& geos, const GEOSGeometry& a, const GEOSGeometry& b) {
    const Geom edge = geos.boundary(a);
    const Geom zone = geos.buffer(b, 0.01, 2);
    return geos.length(*geos.intersection(*edge, *zone));
}

/// The planted misplaced street station: put across the boundary into the
/// neighbouring street it shares the longest boundary with, 200-250 m out,
/// near the middle of that shared boundary.
XY misplaced_point(StationPlacer& placer, std::size_t s, std::size_t& host) {
    const Geos& geos = placer.context.geos;
    const Street& street = placer.sample.streets[s];
    double best = 0.0;
    host = s;
    for (std::size_t n = 0; n < placer.sample.streets.size(); ++n) {
        if (n == s) {
            continue;
        }
        const double shared = shared_boundary_m(geos, *street.area, *placer.sample.streets[n].area);
        if (shared > best) {
            best = shared;
            host = n;
        }
    }
    if (host == s) {
        throw std::runtime_error(fmt::format("stations: {} has no neighbouring street", street.name));
    }
    const Geom edge = geos.boundary(*street.area);
    const Geom zone = geos.buffer(*placer.sample.streets[host].area, 0.01, 2);
    const XY middle = geos.centroid(*geos.intersection(*edge, *zone));
    const PreparedPolygon& own = placer.index.street(s);
    const PreparedPolygon& neighbour = placer.index.street(host);
    std::optional<XY> best_point;
    double best_distance = std::numeric_limits<double>::infinity();
    for (const XY& p : interior_grid(geos, *placer.sample.streets[host].area, 20.0)) {
        const double outside_m = own.boundary_distance(p);
        if (outside_m < kMisplacedMin_m || outside_m > kMisplacedMax_m ||
            !neighbour.contains_with_margin(p, 50.0) ||
            !placer.index.district().contains_with_margin(p, 100.0) || !placer.clear_of_stations(p)) {
            continue;
        }
        if (distance_m(p, middle) < best_distance) {
            best_distance = distance_m(p, middle);
            best_point = p;
        }
    }
    if (!best_point) {
        throw std::runtime_error(
            fmt::format("stations: no place to misplace the station of {}", street.name));
    }
    return *best_point;
}

void place_street_stations(StationPlacer& placer) {
    Sample& sample = placer.sample;
    // Any street can be the misplaced one; the draw decides.
    const std::size_t misplaced = placer.rng.index(sample.streets.size());
    for (std::size_t s = 0; s < sample.streets.size(); ++s) {
        const Street& street = sample.streets[s];
        std::size_t host = s;
        const XY p = s == misplaced ? misplaced_point(placer, s, host) : street_office_point(placer, s);
        Station station;
        station.id = "S" + street.id;
        station.name = street.name + "人大代表联络站";
        station.kind = StationKind::street;
        station.street_id = street.id;
        station.position = placer.add(p);
        if (s == misplaced) {
            const XY written = placer.context.projector.to_metres(station.position);
            sample.planted.misplaced_street_station = {station.id, street.id, sample.streets[host].id,
                                                       placer.index.street(s).boundary_distance(written)};
        }
        sample.stations.push_back(std::move(station));
    }
}

/// Where a community's station would go: a random point in the central half
/// of the community (at least half the greatest boundary distance inside).
XY community_station_point(StationPlacer& placer, std::size_t c) {
    const Geos& geos = placer.context.geos;
    const GEOSGeometry& area = *placer.sample.communities[c].area;
    const PreparedPolygon& prepared = placer.index.community(c);
    const double spacing_m = std::max(10.0, std::sqrt(geos.area(area) / 400.0));
    std::vector<std::pair<XY, double>> points;
    double deepest = 0.0;
    for (const XY& p : interior_grid(geos, area, spacing_m)) {
        const double depth = prepared.boundary_distance(p);
        points.emplace_back(p, depth);
        deepest = std::max(deepest, depth);
    }
    std::vector<XY> central;
    for (const auto& [p, depth] : points) {
        if (depth >= 0.5 * deepest && depth >= 15.0 && placer.clear_of_stations(p)) {
            central.push_back(p);
        }
    }
    if (central.empty()) {
        throw std::runtime_error(
            fmt::format("stations: no room for a station in community {}", placer.sample.communities[c].id));
    }
    return placer.rng.pick(central);
}

/// 84 stations shared among streets in proportion to their communities
/// (largest remainder, at least one each).
std::map<std::string, std::size_t> community_station_quotas(const Sample& sample) {
    std::map<std::string, std::size_t> counts;
    for (const Community& c : sample.communities) {
        ++counts[c.street_id];
    }
    const auto total = static_cast<double>(sample.communities.size());
    std::map<std::string, std::size_t> quotas;
    std::vector<std::pair<double, std::string>> remainders;
    std::size_t given = 0;
    for (const auto& [street, count] : counts) {
        const double share = static_cast<double>(kCommunityStationCount) * static_cast<double>(count) / total;
        const auto whole = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(share)));
        quotas[street] = whole;
        given += whole;
        remainders.emplace_back(share - std::floor(share), street);
    }
    std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t k = 0; given < kCommunityStationCount; ++k, ++given) {
        ++quotas[remainders[k % remainders.size()].second];
    }
    return quotas;
}

/// The "gateway" station: one community station 150-250 m west of the cut
/// line, so the planted outside deputy (350-450 m east of the line) can still
/// live within 900 m of a station. Picks a random such spot in any community
/// along the line and makes it that community's station point.
std::size_t place_gateway_station(StationPlacer& placer, std::vector<XY>& candidates) {
    const Sample& sample = placer.sample;
    const Projector& projector = placer.context.projector;
    std::vector<std::pair<std::size_t, XY>> spots;
    for (std::size_t c = 0; c < sample.communities.size(); ++c) {
        const GEOSGeometry& area = *sample.communities[c].area;
        const Bounds b = placer.context.geos.bounds(area);
        const LonLat east = projector.to_lonlat(XY{b.xmax, 0.5 * (b.ymin + b.ymax)});
        if (east.lon < kCutLongitude - 0.005) {  // clearly away from the line
            continue;
        }
        for (const XY& p : interior_grid(placer.context.geos, area, 20.0)) {
            const XY on_line = projector.to_metres(LonLat{kCutLongitude, projector.to_lonlat(p).lat});
            const double to_line_m = distance_m(p, on_line);
            if (to_line_m >= 150.0 && to_line_m <= 250.0 &&
                placer.index.community(c).boundary_distance(p) >= 40.0 && placer.clear_of_stations(p)) {
                spots.emplace_back(c, p);
            }
        }
    }
    if (spots.empty()) {
        throw std::runtime_error("stations: no community along the cut line has room for a station");
    }
    const auto& [community, point] = placer.rng.pick(spots);
    candidates[community] = point;
    return community;
}

/// Greedy choice of the station communities: each step takes the community
/// (in a street with quota left) whose station would reach the most
/// communities not yet reached; ties go to the one farthest from the
/// stations chosen so far, then to a random key. `preselected` (the gateway)
/// is taken first.
std::vector<std::size_t> choose_station_communities(StationPlacer& placer, const std::vector<XY>& candidates,
                                                    std::size_t preselected) {
    const Sample& sample = placer.sample;
    const std::size_t n = sample.communities.size();
    std::vector<std::vector<std::size_t>> reaches(n);
    for (std::size_t k = 0; k < n; ++k) {
        for (std::size_t c = 0; c < n; ++c) {
            const PreparedPolygon& area = placer.index.community(c);
            if (area.contains(candidates[k]) || area.boundary_distance(candidates[k]) <= kReach_m) {
                reaches[k].push_back(c);
            }
        }
    }
    std::map<std::string, std::size_t> quota = community_station_quotas(sample);
    std::vector<double> tie_break(n);
    for (double& key : tie_break) {
        key = placer.rng.uniform();
    }
    std::vector<bool> reached(n, false);
    std::vector<bool> chosen(n, false);
    std::vector<std::size_t> result;
    const auto choose = [&](std::size_t k) {
        chosen[k] = true;
        --quota[sample.communities[k].street_id];
        for (const std::size_t c : reaches[k]) {
            reached[c] = true;
        }
        result.push_back(k);
    };
    choose(preselected);
    while (result.size() < kCommunityStationCount) {
        std::tuple<std::size_t, double, double> best_score{0, -1.0, -1.0};
        std::size_t best = n;
        for (std::size_t k = 0; k < n; ++k) {
            if (chosen[k] || quota[sample.communities[k].street_id] == 0) {
                continue;
            }
            const auto gain = static_cast<std::size_t>(std::count_if(
                reaches[k].begin(), reaches[k].end(), [&](std::size_t c) { return !reached[c]; }));
            double spread = 1e9;
            for (const std::size_t j : result) {
                spread = std::min(spread, distance_m(candidates[k], candidates[j]));
            }
            if (spread < kStationSpacing_m) {
                continue;
            }
            const std::tuple<std::size_t, double, double> score{gain, std::floor(spread / 100.0),
                                                                tie_break[k]};
            if (best == n || score > best_score) {
                best_score = score;
                best = k;
            }
        }
        if (best == n) {
            throw std::runtime_error("stations: ran out of communities for stations");
        }
        choose(best);
    }
    std::sort(result.begin(), result.end());
    return result;
}

void place_community_stations(StationPlacer& placer) {
    Sample& sample = placer.sample;
    std::vector<XY> candidates;
    for (std::size_t c = 0; c < sample.communities.size(); ++c) {
        candidates.push_back(community_station_point(placer, c));
    }
    const std::size_t gateway = place_gateway_station(placer, candidates);
    for (const std::size_t c : choose_station_communities(placer, candidates, gateway)) {
        const Community& community = sample.communities[c];
        Station station;
        station.id = "C" + community.id;
        station.name = community_label(sample, community) + "人大代表联络站";
        station.kind = StationKind::community;
        station.street_id = community.street_id;
        station.community_id = community.id;
        station.position = placer.add(candidates[c]);
        sample.stations.push_back(std::move(station));
    }
}

void place_industry_stations(StationPlacer& placer) {
    Sample& sample = placer.sample;
    for (std::size_t i = 0; i < kSectors.size(); ++i) {
        const std::size_t s = street_index(sample, kIndustryHostStreets[i]);
        const XY p = street_office_point(placer, s);
        Station station;
        station.id = fmt::format("I{:02}", i + 1);
        station.name = std::string(kSectors[i]) + "行业人大代表联络站";
        station.kind = StationKind::industry;
        station.street_id = sample.streets[s].id;
        station.sector = std::string(kSectors[i]);
        station.position = placer.add(p);
        sample.stations.push_back(std::move(station));
    }
}

}  // namespace

void build_stations(BuildContext& context, Sample& sample) {
    SeededRandom rng(context.seed, RandomStream::stations);
    const AreaIndex index(context.geos, sample);
    StationPlacer placer{context, sample, index, rng, {}};
    place_street_stations(placer);
    place_community_stations(placer);
    place_industry_stations(placer);
}

}  // namespace stationplan::sample
