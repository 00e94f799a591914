// Candidate sites for new or moved stations: places a planner could use.
//
//   - a 党群服务中心 in every community that has no station (129);
//   - 110 schools, placed with the density model (more in the old core);
//   - 61 public buildings: the 17 street offices and 44 others.
// All names and positions are synthetic.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "sample_builder.hpp"

namespace stationplan::sample {

namespace {

constexpr std::size_t kSchools = 110;
constexpr std::size_t kOtherPublicBuildings = 44;
constexpr double kSiteSpacing_m = 120.0;

constexpr std::array<const char*, 4> kSchoolKinds = {"小学", "实验小学", "中学", "初级中学"};
constexpr std::array<const char*, 9> kPublicBuildingKinds = {
    "文化活动中心", "综合文化站",   "社区卫生服务中心", "便民服务中心",    "老年活动中心",
    "图书分馆",     "全民健身中心", "退役军人服务站",   "新时代文明实践站"};

class SitePlacer {
public:
    SitePlacer(BuildContext& context, Sample& sample, const AreaIndex& index, SeededRandom& rng)
        : m_context(context), m_sample(sample), m_index(index), m_rng(rng) {
        for (const Station& station : sample.stations) {
            m_taken.push_back(context.projector.to_metres(station.position));
        }
    }

    void add_service_centres();
    void add_schools();
    void add_public_buildings();
    void number_sites();

private:
    bool clear(XY p, double spacing_m) const {
        return std::all_of(m_taken.begin(), m_taken.end(),
                           [&](XY q) { return distance_m(p, q) >= spacing_m; });
    }
    /// Density-weighted random point in the district, clear of other sites.
    XY dense_point() {
        const Bounds b = m_context.geos.bounds(*m_sample.district.area);
        for (int attempt = 0; attempt < 200000; ++attempt) {
            const XY p{m_rng.uniform(b.xmin, b.xmax), m_rng.uniform(b.ymin, b.ymax)};
            if (m_rng.uniform() < m_context.density.at(p) &&
                m_index.district().contains_with_margin(p, 50.0) && m_index.street_at(p) &&
                clear(p, kSiteSpacing_m)) {
                return p;
            }
        }
        throw std::runtime_error("candidate sites: no room left in the district");
    }
    /// Site names are unique across the sample (and distinct from people's).
    bool claim(const std::string& name) { return m_context.people.reserve(name); }
    void add(XY p, std::string name, SiteCategory category, const std::string& street_id) {
        CandidateSite site;
        site.name = std::move(name);
        site.category = category;
        site.street_id = street_id;
        site.position = rounded(m_context.projector.to_lonlat(p), kPointDecimals);
        m_taken.push_back(m_context.projector.to_metres(site.position));
        m_sample.sites.push_back(std::move(site));
    }

    BuildContext& m_context;
    Sample& m_sample;
    const AreaIndex& m_index;
    SeededRandom& m_rng;
    std::vector<XY> m_taken;  // stations and sites so far, metres
};

void SitePlacer::add_service_centres() {
    std::vector<bool> has_station(m_sample.communities.size(), false);
    for (const Station& station : m_sample.stations) {
        if (station.kind == StationKind::community) {
            for (std::size_t c = 0; c < m_sample.communities.size(); ++c) {
                has_station[c] = has_station[c] || m_sample.communities[c].id == station.community_id;
            }
        }
    }
    for (std::size_t c = 0; c < m_sample.communities.size(); ++c) {
        if (has_station[c]) {
            continue;
        }
        const Community& community = m_sample.communities[c];
        const double spacing_m = std::max(10.0, std::sqrt(m_context.geos.area(*community.area) / 300.0));
        std::vector<XY> spots;
        for (const XY& p : interior_grid(m_context.geos, *community.area, spacing_m)) {
            if (m_index.community(c).boundary_distance(p) >= 20.0 && clear(p, 40.0)) {
                spots.push_back(p);
            }
        }
        if (spots.empty()) {
            throw std::runtime_error(fmt::format("candidate sites: no room in community {}", community.id));
        }
        std::string name = community_label(m_sample, community) + "党群服务中心";
        if (!claim(name)) {
            throw std::runtime_error(fmt::format("candidate sites: name '{}' used twice", name));
        }
        add(m_rng.pick(spots), std::move(name), SiteCategory::community_service_centre, community.street_id);
    }
}

void SitePlacer::add_schools() {
    for (std::size_t k = 0; k < kSchools; ++k) {
        const XY p = dense_point();
        const std::size_t street = *m_index.street_at(p);
        const auto& roads = m_context.street_roads[street];
        std::string name;
        for (int attempt = 0; attempt < 100 && name.empty(); ++attempt) {
            std::string candidate = m_rng.pick(roads) + kSchoolKinds[m_rng.index(kSchoolKinds.size())];
            if (claim(candidate)) {
                name = std::move(candidate);
            }
        }
        if (name.empty()) {
            throw std::runtime_error("candidate sites: ran out of school names");
        }
        add(p, std::move(name), SiteCategory::school, m_sample.streets[street].id);
    }
}

void SitePlacer::add_public_buildings() {
    for (std::size_t s = 0; s < m_sample.streets.size(); ++s) {
        const Street& street = m_sample.streets[s];
        const auto p = random_point_in_ring(m_rng, street.seed, 0.0, 1500.0, [&](XY q) {
            return m_index.street(s).contains_with_margin(q, 80.0) && clear(q, kSiteSpacing_m);
        });
        if (!p) {
            throw std::runtime_error(fmt::format("candidate sites: no room for the {} office", street.name));
        }
        std::string name = street.name + "办事处";
        if (!claim(name)) {
            throw std::runtime_error(fmt::format("candidate sites: name '{}' used twice", name));
        }
        add(*p, std::move(name), SiteCategory::public_building, street.id);
    }
    for (std::size_t k = 0; k < kOtherPublicBuildings; ++k) {
        const XY p = dense_point();
        const std::size_t street = *m_index.street_at(p);
        const std::string prefix = street_short_name(m_sample.streets[street].name);
        // The first kind of building, from a random start, this street lacks.
        const std::size_t first = m_rng.index(kPublicBuildingKinds.size());
        std::string name;
        for (std::size_t tried = 0; tried < kPublicBuildingKinds.size() && name.empty(); ++tried) {
            std::string candidate =
                prefix + kPublicBuildingKinds[(first + tried) % kPublicBuildingKinds.size()];
            if (claim(candidate)) {
                name = std::move(candidate);
            }
        }
        if (name.empty()) {
            --k;  // this street has every kind already; draw another place
            continue;
        }
        add(p, std::move(name), SiteCategory::public_building, m_sample.streets[street].id);
    }
}

void SitePlacer::number_sites() {
    for (std::size_t i = 0; i < m_sample.sites.size(); ++i) {
        m_sample.sites[i].id = fmt::format("P{:04}", i + 1);
    }
}

}  // namespace

void build_candidate_sites(BuildContext& context, Sample& sample) {
    SeededRandom rng(context.seed, RandomStream::candidate_sites);
    const AreaIndex index(context.geos, sample);
    SitePlacer placer(context, sample, index, rng);
    placer.add_service_centres();
    placer.add_schools();
    placer.add_public_buildings();
    placer.number_sites();
}

}  // namespace stationplan::sample
