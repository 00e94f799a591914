// Internal to the generator: the build stages of build_sample() and the
// helpers they share. Each stage draws from its own random stream.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geos_adapter.hpp"
#include "partition.hpp"
#include "projection.hpp"
#include "sample.hpp"
#include "seeded_random.hpp"
#include "synthetic_names.hpp"

namespace stationplan::sample {

struct BuildContext {
    const Geos& geos;
    const Projector& projector;
    DensityModel density;
    std::uint64_t seed;
    SyntheticNames& people;  // shared so no two persons get the same name
    /// Synthetic road names per street (same order as Sample::streets), used
    /// in deputy addresses and school names.
    std::vector<std::vector<std::string>> street_roads;
};

/// District cut, streets, communities and grids (with liaison names).
void build_geography(BuildContext& context, const RawInputs& raw, Sample& sample);
/// Street, community and industry stations, including the misplaced one.
void build_stations(BuildContext& context, Sample& sample);
/// Deputy rows with every planted imperfection, and the planted records.
void build_deputies(BuildContext& context, Sample& sample);
/// About 300 candidate sites for new stations.
void build_candidate_sites(BuildContext& context, Sample& sample);
/// The synthetic walking network: street grid, river with few bridges, expressway.
void build_roads(BuildContext& context, Sample& sample);

/// The community's short name ("体育社区"), prefixed with its street's short
/// name when another community shares it ("南阳路丰乐社区").
std::string community_label(const Sample& sample, const Community& community);

/// Rounds to `decimals` decimal places (half away from zero).
double round_to(double value, int decimals);
LonLat rounded(LonLat p, int decimals);

/// Prepared street and community polygons for the many point-in-polygon
/// questions the stages ask.
class AreaIndex {
public:
    AreaIndex(const Geos& geos, const Sample& sample);
    const PreparedPolygon& district() const { return m_district; }
    const PreparedPolygon& street(std::size_t i) const { return m_streets[i]; }
    const PreparedPolygon& community(std::size_t i) const { return m_communities[i]; }
    /// Index of the street / community containing p, if any.
    std::optional<std::size_t> street_at(XY p) const;
    std::optional<std::size_t> community_at(XY p) const;

private:
    PreparedPolygon m_district;
    std::vector<PreparedPolygon> m_streets;
    std::vector<PreparedPolygon> m_communities;
};

/// Random point in the ring [min_m, max_m] around `centre` that passes
/// `accept`; nullopt after `attempts` misses.
template <typename Accept>
std::optional<XY> random_point_in_ring(SeededRandom& rng, XY centre, double min_m, double max_m,
                                       Accept accept, int attempts = 20000) {
    for (int i = 0; i < attempts; ++i) {
        // Uniform in the square, rejected outside the ring: no trigonometry, so
        // the result does not depend on the libm's sin/cos.
        const XY p{centre.x + rng.uniform(-max_m, max_m), centre.y + rng.uniform(-max_m, max_m)};
        const double d = distance_m(p, centre);
        if (d >= min_m && d <= max_m && accept(p)) {
            return p;
        }
    }
    return std::nullopt;
}

}  // namespace stationplan::sample
