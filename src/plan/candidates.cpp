#include "plan/candidates.hpp"

#include <cmath>

#include "measure/spatial_index.hpp"

namespace stationplan::plan {

std::vector<Site> candidate_sites(const model::District& d, const PlanSettings& settings, CandidateReport& report) {
    std::vector<Site> raw;
    if (settings.candidates_from_layer)
        for (const auto& c : d.candidates) {
            raw.push_back({c.id, c.name, "layer", c.position, c.cost});
            ++report.from_layer;
        }
    if (settings.candidates_from_communities)
        for (const auto& c : d.communities) {
            raw.push_back({"community:" + c.id, c.name, "community", c.geometry.interior_point(), 1.0});
            ++report.from_communities;
        }
    if (settings.candidates_from_grids)
        for (const auto& g : d.grids) {
            raw.push_back({"grid:" + g.id, g.name, "grid", g.geometry.interior_point(), 1.0});
            ++report.from_grids;
        }
    if (settings.lattice_spacing_m > 0) {
        const geom::Envelope e = d.outline->geometry.envelope();
        const double s = settings.lattice_spacing_m;
        // Anchored at whole multiples of the spacing: the lattice does not move when
        // the district's extent changes slightly.
        const long x0 = static_cast<long>(std::ceil(e.min_x / s)), x1 = static_cast<long>(std::floor(e.max_x / s));
        const long y0 = static_cast<long>(std::ceil(e.min_y / s)), y1 = static_cast<long>(std::floor(e.max_y / s));
        for (long iy = y0; iy <= y1; ++iy)
            for (long ix = x0; ix <= x1; ++ix) {
                raw.push_back({"lattice:" + std::to_string(ix) + ":" + std::to_string(iy), "", "lattice",
                               XY{static_cast<double>(ix) * s, static_cast<double>(iy) * s}, 1.0});
                ++report.from_lattice;
            }
    }

    const measure::AreaLocator district({&d.outline->geometry});
    std::vector<const geom::Geometry*> zones;
    for (const auto& z : d.exclusions) zones.push_back(&z.geometry);
    const measure::AreaLocator excluded(zones);
    std::vector<Site> out;
    measure::GrowingPointSet kept;
    for (auto& site : raw) {
        if (!district.locate(site.position)) {
            ++report.outside_district;
            continue;
        }
        if (!zones.empty() && excluded.locate(site.position)) {
            ++report.excluded;
            continue;
        }
        // Earlier sites win: the candidates layer before generated points.
        if (settings.dedupe_m > 0 && kept.any_within(site.position, settings.dedupe_m)) {
            ++report.duplicates;
            continue;
        }
        kept.insert(site.position);
        out.push_back(std::move(site));
    }
    return out;
}

}  // namespace stationplan::plan
