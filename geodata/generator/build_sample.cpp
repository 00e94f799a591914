// build_sample(): the stages in order. Each stage draws from its own random
// stream (seeded_random.hpp); person names come from one shared generator so
// that nobody appears twice, grid liaisons included.
#include <stdexcept>

#include "sample_builder.hpp"

namespace stationplan::sample {

namespace {

constexpr std::size_t kRoadsPerStreet = 8;

}  // namespace

std::string_view to_string(StationKind kind) {
    switch (kind) {
        case StationKind::street:
            return "street";
        case StationKind::community:
            return "community";
        case StationKind::industry:
            return "industry";
    }
    throw std::logic_error("unknown StationKind");
}

std::string_view to_string(SiteCategory category) {
    switch (category) {
        case SiteCategory::community_service_centre:
            return "community_service_centre";
        case SiteCategory::school:
            return "school";
        case SiteCategory::public_building:
            return "public_building";
    }
    throw std::logic_error("unknown SiteCategory");
}

Sample build_sample(const Geos& geos, const Projector& projector, const RawInputs& raw, std::uint64_t seed) {
    Sample sample;
    sample.seed = seed;
    SeededRandom people_rng(seed, RandomStream::people_names);
    SyntheticNames people(people_rng);
    BuildContext context{geos, projector, DensityModel::jinshui(projector), seed, people, {}};

    build_geography(context, raw, sample);

    SeededRandom road_rng(seed, RandomStream::road_names);
    SyntheticNames roads(road_rng);
    for (std::size_t s = 0; s < sample.streets.size(); ++s) {
        std::vector<std::string>& names = context.street_roads.emplace_back();
        for (std::size_t k = 0; k < kRoadsPerStreet; ++k) {
            names.push_back(roads.road());
        }
    }

    build_stations(context, sample);
    build_deputies(context, sample);
    build_candidate_sites(context, sample);
    build_roads(context, sample);
    return sample;
}

}  // namespace stationplan::sample
