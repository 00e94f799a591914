// The deputy roster (jinshui_deputies.csv) with its planted imperfections.
//
// Order of placement, each step only using station capacity left by the
// steps before it:
//   1. station loads: 3 overloaded (6-7), 3 underloaded (1-2), the rest 3-5;
//   2. one community left empty on purpose;
//   3. the deputy outside the district (first, as few stations are near
//      enough to the cut line);
//   4. one deputy inside every other community that has no station, so
//      "voters find a deputy without leaving their community" holds there;
//   5. the far deputies (> 1000 m from every station), first in any
//      community step 4 could not reach;
//   6. the rest, 120-880 m around their station, up to each station's load;
//   7. two unassigned deputies and the two rows a loader must reject.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>

#include "sample_builder.hpp"

namespace stationplan::sample {

namespace {

// Normal deputies live 120-880 m from their station: inside the 100-900 m
// the sample promises, with room for coordinate rounding.
constexpr double kNearMin_m = 120.0;
constexpr double kNearMax_m = 880.0;
// Far deputies are at least this far from every station (the rule is 1000 m).
constexpr double kFarMin_m = 1150.0;
constexpr double kFarSpacing_m = 300.0;
// Deputies stay this far inside the district (its outline is only good to
// about 100 m, but the check is against the polygon as written).
constexpr double kDistrictMargin_m = 30.0;
// The outside deputy is this far east of the district, in the Zhengdong part.
constexpr double kOutsideMin_m = 350.0;
constexpr double kOutsideMax_m = 450.0;

constexpr std::size_t kFarDeputies = 10;
constexpr std::size_t kUnassignedDeputies = 2;
constexpr std::size_t kOverloadedStations = 3;
constexpr std::size_t kUnderloadedStations = 3;
constexpr std::size_t kSectorShare_percent = 35;
constexpr std::size_t kSectorMismatches = 4;

struct LevelCount {
    const char* level;
    std::size_t count;
};
// National, provincial and municipal deputies stationed in the district; the
// rest of the rows are district deputies.
constexpr std::array<LevelCount, 3> kUpperLevels = {{{"全国", 8}, {"省", 25}, {"市", 90}}};

constexpr std::size_t kNoStation = std::numeric_limits<std::size_t>::max();

struct Placement {
    XY position;
    std::size_t station = kNoStation;  // index into Sample::stations
    DeputyRole role = DeputyRole::normal;
};

class DeputyPlanner {
public:
    DeputyPlanner(BuildContext& context, Sample& sample, const AreaIndex& index, SeededRandom& rng)
        : m_context(context),
          m_sample(sample),
          m_index(index),
          m_rng(rng),
          m_statistical(context.geos, *sample.district.statistical_area) {
        for (std::size_t s = 0; s < sample.stations.size(); ++s) {
            m_station_xy.push_back(context.projector.to_metres(sample.stations[s].position));
            if (sample.stations[s].kind == StationKind::community) {
                m_community_stations.push_back(s);
            }
        }
        m_target.assign(sample.stations.size(), 0);
        m_assigned.assign(sample.stations.size(), 0);
    }

    void set_station_loads();
    void choose_empty_community();
    std::vector<std::size_t> place_coverage_deputies();
    void place_far_deputies(const std::vector<std::size_t>& uncovered);
    void place_outside_deputy();
    void fill_stations();
    void place_unassigned_and_bad_rows();
    void write_rows();

private:
    double nearest_station_m(XY p) const {
        double best = std::numeric_limits<double>::infinity();
        for (const XY& s : m_station_xy) {
            best = std::min(best, distance_m(s, p));
        }
        return best;
    }
    bool is_normal(std::size_t s) const { return m_target[s] >= 3 && m_target[s] <= 5; }
    /// The first `count` stations of `pool` that lie in different streets, so
    /// planted loads are spread over the district.
    std::vector<std::size_t> one_per_street(const std::vector<std::size_t>& pool, std::size_t count) const {
        std::vector<std::size_t> picked;
        std::set<std::string> streets;
        for (const std::size_t s : pool) {
            if (picked.size() < count && streets.insert(m_sample.stations[s].street_id).second) {
                picked.push_back(s);
            }
        }
        if (picked.size() < count) {
            throw std::runtime_error("deputies: too few streets to spread the planted station loads");
        }
        return picked;
    }
    bool has_room(std::size_t s) const { return m_assigned[s] < m_target[s]; }
    /// Inside the district, clear of its edge, and not in the empty community.
    bool livable(XY p) const {
        if (!m_index.district().contains_with_margin(p, kDistrictMargin_m)) {
            return false;
        }
        const PreparedPolygon& empty = m_index.community(m_empty_community);
        return !empty.contains(p) && empty.boundary_distance(p) >= 5.0;
    }
    /// Nearest community station with room, `kNearMin_m`..`kNearMax_m` away.
    std::size_t nearby_station_with_room(XY p) const;
    void add(XY p, std::size_t station, DeputyRole role) {
        m_placements.push_back(Placement{p, station, role});
        const bool is_valid_row =
            role != DeputyRole::bad_empty_coordinates && role != DeputyRole::bad_longitude;
        if (station != kNoStation && is_valid_row) {
            ++m_assigned[station];
        }
    }
    XY ring_point(std::size_t station) {
        const auto p = random_point_in_ring(m_rng, m_station_xy[station], kNearMin_m, kNearMax_m,
                                            [this](XY q) { return livable(q); });
        if (!p) {
            throw std::runtime_error(
                fmt::format("deputies: no place to live near station {}", m_sample.stations[station].id));
        }
        return *p;
    }
    std::string address_of(const Placement& placement);

    BuildContext& m_context;
    Sample& m_sample;
    const AreaIndex& m_index;
    SeededRandom& m_rng;
    PreparedPolygon m_statistical;
    std::vector<XY> m_station_xy;
    std::vector<std::size_t> m_community_stations;
    std::vector<int> m_target;
    std::vector<int> m_assigned;
    std::size_t m_empty_community = 0;
    std::vector<Placement> m_placements;
};

std::size_t DeputyPlanner::nearby_station_with_room(XY p) const {
    std::size_t best = kNoStation;
    double best_m = std::numeric_limits<double>::infinity();
    for (const std::size_t s : m_community_stations) {
        const double d = distance_m(p, m_station_xy[s]);
        if (has_room(s) && d >= kNearMin_m && d <= kNearMax_m && d < best_m) {
            best_m = d;
            best = s;
        }
    }
    return best;
}

/// Overloaded stations are drawn from the densest third (where deputies
/// cluster), underloaded ones from the sparsest third; the others share the
/// remaining deputies as evenly as possible (4 or 5 each).
void DeputyPlanner::set_station_loads() {
    std::vector<std::size_t> by_density = m_community_stations;
    std::stable_sort(by_density.begin(), by_density.end(), [this](std::size_t a, std::size_t b) {
        return m_context.density.at(m_station_xy[a]) > m_context.density.at(m_station_xy[b]);
    });
    // The station nearest the cut line serves the outside deputy and must
    // stay normally loaded, so it is kept out of both pools.
    const auto gateway = std::max_element(
        m_community_stations.begin(), m_community_stations.end(), [this](std::size_t a, std::size_t b) {
            return m_sample.stations[a].position.lon < m_sample.stations[b].position.lon;
        });
    by_density.erase(std::find(by_density.begin(), by_density.end(), *gateway));
    const std::size_t third = by_density.size() / 3;
    std::vector<std::size_t> dense(by_density.begin(), by_density.begin() + static_cast<long>(third));
    std::vector<std::size_t> sparse(by_density.end() - static_cast<long>(third), by_density.end());
    m_rng.shuffle(dense);
    m_rng.shuffle(sparse);
    int planted_total = 0;
    for (const std::size_t s : one_per_street(dense, kOverloadedStations)) {
        m_target[s] = m_rng.integer(6, 7);
        planted_total += m_target[s];
    }
    for (const std::size_t s : one_per_street(sparse, kUnderloadedStations)) {
        m_target[s] = m_rng.integer(1, 2);
        planted_total += m_target[s];
    }
    std::vector<std::size_t> normal;
    for (const std::size_t s : m_community_stations) {
        if (m_target[s] == 0) {
            normal.push_back(s);
        }
    }
    const auto assigned_rows = static_cast<int>(kDeputyRows - 2 - kUnassignedDeputies);
    const int remaining = assigned_rows - planted_total;
    const auto normal_count = static_cast<int>(normal.size());
    const int base = remaining / normal_count;
    const int extra = remaining % normal_count;
    if (base < 3 || base > 5 || (base == 5 && extra > 0)) {
        throw std::runtime_error(fmt::format("deputies: {} deputies cannot load {} stations with 3-5 each",
                                             remaining, normal_count));
    }
    m_rng.shuffle(normal);
    for (std::size_t k = 0; k < normal.size(); ++k) {
        m_target[normal[k]] = base + (static_cast<int>(k) < extra ? 1 : 0);
    }
}

/// The planted empty community: one without any station, chosen among those
/// a station reaches easily, so it is empty by omission, not by remoteness.
void DeputyPlanner::choose_empty_community() {
    std::vector<bool> holds_station(m_sample.communities.size(), false);
    for (const XY& s : m_station_xy) {
        if (const auto c = m_index.community_at(s)) {
            holds_station[*c] = true;
        }
    }
    std::vector<std::size_t> candidates;
    for (std::size_t c = 0; c < m_sample.communities.size(); ++c) {
        if (holds_station[c]) {
            continue;
        }
        const PreparedPolygon& area = m_index.community(c);
        const bool near_station =
            std::any_of(m_community_stations.begin(), m_community_stations.end(),
                        [&](std::size_t s) { return area.boundary_distance(m_station_xy[s]) <= 400.0; });
        if (near_station) {
            candidates.push_back(c);
        }
    }
    if (candidates.empty()) {
        throw std::runtime_error("deputies: no community can be left empty");
    }
    m_empty_community = m_rng.pick(candidates);
    const Community& empty = m_sample.communities[m_empty_community];
    m_sample.planted.empty_community = {empty.id, empty.name, empty.street_id};
}

/// One deputy inside each community that holds no station (except the empty
/// one); returns the communities no station with room could serve.
std::vector<std::size_t> DeputyPlanner::place_coverage_deputies() {
    const Geos& geos = m_context.geos;
    std::vector<std::size_t> needing;
    for (std::size_t c = 0; c < m_sample.communities.size(); ++c) {
        const bool holds_station = std::any_of(m_station_xy.begin(), m_station_xy.end(),
                                               [&](XY s) { return m_index.community(c).contains(s); });
        if (c != m_empty_community && !holds_station) {
            needing.push_back(c);
        }
    }
    m_rng.shuffle(needing);
    std::vector<std::size_t> uncovered;
    for (const std::size_t c : needing) {
        const GEOSGeometry& area = *m_sample.communities[c].area;
        const double spacing_m = std::max(10.0, std::sqrt(geos.area(area) / 300.0));
        std::vector<XY> homes;
        for (const XY& p : interior_grid(geos, area, spacing_m)) {
            if (m_index.community(c).boundary_distance(p) >= 10.0 && livable(p)) {
                homes.push_back(p);
            }
        }
        m_rng.shuffle(homes);
        bool placed = false;
        for (const XY& p : homes) {
            if (const std::size_t s = nearby_station_with_room(p); s != kNoStation) {
                add(p, s, DeputyRole::normal);
                placed = true;
                break;
            }
        }
        if (!placed) {
            uncovered.push_back(c);
        }
    }
    std::sort(uncovered.begin(), uncovered.end());
    return uncovered;
}

/// Far deputies go where no station is within 1150 m, which the density
/// model puts at the northern and eastern edges. Any community step 4 could
/// not reach gets one first; the rest are spread by farthest-point choice.
/// Each is assigned to its nearest normally loaded station with room.
void DeputyPlanner::place_far_deputies(const std::vector<std::size_t>& uncovered) {
    std::vector<XY> candidates;
    for (const XY& p : interior_grid(m_context.geos, *m_sample.district.area, 100.0)) {
        if (livable(p) && nearest_station_m(p) >= kFarMin_m) {
            candidates.push_back(p);
        }
    }
    if (uncovered.size() > kFarDeputies) {
        throw std::runtime_error(
            fmt::format("deputies: {} communities are out of every station's reach", uncovered.size()));
    }
    std::vector<XY> chosen;
    for (const std::size_t c : uncovered) {
        std::vector<XY> inside;
        for (const XY& p : candidates) {
            if (m_index.community(c).contains_with_margin(p, 10.0)) {
                inside.push_back(p);
            }
        }
        if (inside.empty()) {
            throw std::runtime_error(
                fmt::format("deputies: community {} is neither reached by a station nor far from all of them",
                            m_sample.communities[c].id));
        }
        chosen.push_back(m_rng.pick(inside));
    }
    if (chosen.empty() && !candidates.empty()) {
        chosen.push_back(m_rng.pick(candidates));
    }
    while (chosen.size() < kFarDeputies) {
        double best_m = 0.0;
        XY best{};
        for (const XY& p : candidates) {
            double spacing = std::numeric_limits<double>::infinity();
            for (const XY& q : chosen) {
                spacing = std::min(spacing, distance_m(p, q));
            }
            if (spacing > best_m) {
                best_m = spacing;
                best = p;
            }
        }
        if (best_m < kFarSpacing_m) {
            throw std::runtime_error(
                fmt::format("deputies: room for only {} far deputies ({} candidate spots)", chosen.size(),
                            candidates.size()));
        }
        chosen.push_back(best);
    }
    for (const XY& p : chosen) {
        std::size_t station = kNoStation;
        double best_m = std::numeric_limits<double>::infinity();
        for (const std::size_t s : m_community_stations) {
            if (is_normal(s) && has_room(s) && distance_m(p, m_station_xy[s]) < best_m) {
                best_m = distance_m(p, m_station_xy[s]);
                station = s;
            }
        }
        if (station == kNoStation) {
            throw std::runtime_error("deputies: no normally loaded station has room for a far deputy");
        }
        add(p, station, DeputyRole::far);
    }
}

/// 350-450 m east of the district, inside the statistical outline (the
/// Zhengdong part), near the community station closest to the cut line.
void DeputyPlanner::place_outside_deputy() {
    std::vector<std::size_t> by_east = m_community_stations;
    std::stable_sort(by_east.begin(), by_east.end(), [this](std::size_t a, std::size_t b) {
        return m_sample.stations[a].position.lon > m_sample.stations[b].position.lon;
    });
    const PreparedPolygon& district = m_index.district();
    for (const std::size_t s : by_east) {
        if (!is_normal(s) || !has_room(s)) {
            continue;
        }
        const auto p = random_point_in_ring(m_rng, m_station_xy[s], kNearMin_m, kNearMax_m, [&](XY q) {
            const double outside_m = district.boundary_distance(q);
            return !district.contains(q) && outside_m >= kOutsideMin_m && outside_m <= kOutsideMax_m &&
                   m_statistical.contains_with_margin(q, 50.0) &&
                   m_context.projector.to_lonlat(q).lon > kCutLongitude;
        });
        if (p) {
            add(*p, s, DeputyRole::outside_district);
            return;
        }
    }
    throw std::runtime_error("deputies: no station near enough to the cut line for the outside deputy");
}

void DeputyPlanner::fill_stations() {
    for (const std::size_t s : m_community_stations) {
        while (has_room(s)) {
            add(ring_point(s), s, DeputyRole::normal);
        }
    }
}

/// Unassigned deputies live near a station but name none. The two rows a
/// loader must reject name a station loaded with 4, so that counting them by
/// mistake still leaves it within 3-5.
void DeputyPlanner::place_unassigned_and_bad_rows() {
    for (std::size_t k = 0; k < kUnassignedDeputies; ++k) {
        const std::size_t near = m_rng.pick(m_community_stations);
        add(ring_point(near), kNoStation, DeputyRole::unassigned);
    }
    std::vector<std::size_t> loaded_four;
    for (const std::size_t s : m_community_stations) {
        if (m_target[s] == 4) {
            loaded_four.push_back(s);
        }
    }
    if (loaded_four.size() < 2) {
        throw std::runtime_error("deputies: fewer than two stations loaded with 4");
    }
    m_rng.shuffle(loaded_four);
    add(ring_point(loaded_four[0]), loaded_four[0], DeputyRole::bad_empty_coordinates);
    add(ring_point(loaded_four[1]), loaded_four[1], DeputyRole::bad_longitude);
}

std::string DeputyPlanner::address_of(const Placement& placement) {
    // The outside deputy's address names the street of its station: the roster
    // says 金水区 while the coordinates say otherwise, as real rosters do.
    std::size_t street = 0;
    if (const auto s = m_index.street_at(placement.position)) {
        street = *s;
    } else {
        const std::string& id = m_sample.stations[placement.station].street_id;
        while (m_sample.streets[street].id != id) {
            ++street;
        }
    }
    const std::string& road = m_rng.pick(m_context.street_roads[street]);
    return fmt::format("郑州市金水区{}{}{}号{}号楼", m_sample.streets[street].name, road,
                       m_rng.integer(1, 199), m_rng.integer(1, 28));
}

/// Shuffles the rows so planted ones are not bunched, numbers them, and
/// fills names, levels, sectors, addresses and the CSV coordinate text.
void DeputyPlanner::write_rows() {
    if (m_placements.size() != kDeputyRows) {
        throw std::runtime_error(
            fmt::format("deputies: planned {} rows, expected {}", m_placements.size(), kDeputyRows));
    }
    m_rng.shuffle(m_placements);

    std::vector<std::string> levels;
    for (const LevelCount& upper : kUpperLevels) {
        levels.insert(levels.end(), upper.count, upper.level);
    }
    levels.resize(kDeputyRows, "区");
    m_rng.shuffle(levels);

    std::vector<std::size_t> order(kDeputyRows);
    std::iota(order.begin(), order.end(), 0);
    m_rng.shuffle(order);
    // 35% of the rows carry a sector, dealt round-robin so every industry
    // station has 15 or 16 deputies.
    constexpr std::size_t kNoSector = kSectors.size();
    std::vector<std::size_t> sector_of(kDeputyRows, kNoSector);
    for (std::size_t k = 0; k < kDeputyRows * kSectorShare_percent / 100; ++k) {
        sector_of[order[k]] = k % kSectors.size();
    }

    for (std::size_t i = 0; i < kDeputyRows; ++i) {
        const Placement& placement = m_placements[i];
        Deputy deputy;
        deputy.id = fmt::format("D{:04}", i + 1);
        deputy.name = m_context.people.person();
        deputy.level = levels[i];
        deputy.role = placement.role;
        if (const std::size_t sector = sector_of[i]; sector != kNoSector) {
            deputy.sector = std::string(kSectors[sector]);
            deputy.industry_station_id = fmt::format("I{:02}", sector + 1);
        }
        if (placement.station != kNoStation) {
            deputy.station_id = m_sample.stations[placement.station].id;
        }
        deputy.address = address_of(placement);
        deputy.position = rounded(m_context.projector.to_lonlat(placement.position), kDeputyDecimals);
        deputy.longitude_text = fmt::format("{:.6f}", deputy.position.lon);
        deputy.latitude_text = fmt::format("{:.6f}", deputy.position.lat);
        Planted& planted = m_sample.planted;
        switch (placement.role) {
            case DeputyRole::normal:
                break;
            case DeputyRole::far:
                planted.far_deputies.push_back(deputy.id);
                break;
            case DeputyRole::outside_district:
                planted.outside_district = {deputy.id, m_index.district().boundary_distance(
                                                           m_context.projector.to_metres(deputy.position))};
                break;
            case DeputyRole::unassigned:
                planted.unassigned_deputies.push_back(deputy.id);
                break;
            case DeputyRole::bad_empty_coordinates:
                deputy.longitude_text.clear();
                deputy.latitude_text.clear();
                planted.bad_rows.push_back({deputy.id, "empty longitude and latitude"});
                break;
            case DeputyRole::bad_longitude:
                // "113.702153" -> "113.7O2153": a letter O typed for a digit.
                deputy.longitude_text[5] = 'O';
                planted.bad_rows.push_back(
                    {deputy.id, fmt::format("non-numeric longitude '{}'", deputy.longitude_text)});
                break;
        }
        m_sample.deputies.push_back(std::move(deputy));
    }

    // Sector mismatches: among ordinary assigned deputies with a sector, two
    // name another sector's station and two name none.
    std::vector<std::size_t> eligible;
    for (std::size_t i = 0; i < kDeputyRows; ++i) {
        const Deputy& d = m_sample.deputies[i];
        if (d.role == DeputyRole::normal && !d.sector.empty()) {
            eligible.push_back(i);
        }
    }
    m_rng.shuffle(eligible);
    eligible.resize(kSectorMismatches);
    std::sort(eligible.begin(), eligible.end());
    for (std::size_t k = 0; k < eligible.size(); ++k) {
        Deputy& d = m_sample.deputies[eligible[k]];
        const std::string expected = d.industry_station_id;
        if (k % 2 == 0) {
            const auto sector = static_cast<std::size_t>(
                std::find(kSectors.begin(), kSectors.end(), d.sector) - kSectors.begin());
            d.industry_station_id = fmt::format("I{:02}", (sector + 1 + m_rng.index(8)) % 9 + 1);
        } else {
            d.industry_station_id.clear();
        }
        d.sector_mismatch = true;
        m_sample.planted.sector_mismatch.push_back({d.id, d.sector, d.industry_station_id, expected});
    }

    for (const std::size_t s : m_community_stations) {
        if (m_target[s] > 5) {
            m_sample.planted.overloaded_stations.push_back({m_sample.stations[s].id, m_target[s]});
        } else if (m_target[s] < 3) {
            m_sample.planted.underloaded_stations.push_back({m_sample.stations[s].id, m_target[s]});
        }
    }
}

}  // namespace

void build_deputies(BuildContext& context, Sample& sample) {
    SeededRandom rng(context.seed, RandomStream::deputies);
    const AreaIndex index(context.geos, sample);
    DeputyPlanner planner(context, sample, index, rng);
    planner.set_station_loads();
    planner.choose_empty_community();
    planner.place_outside_deputy();
    const std::vector<std::size_t> uncovered = planner.place_coverage_deputies();
    planner.place_far_deputies(uncovered);
    planner.fill_stations();
    planner.place_unassigned_and_bad_rows();
    planner.write_rows();
}

}  // namespace stationplan::sample
