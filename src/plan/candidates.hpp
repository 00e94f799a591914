// Candidate sites for new stations: the scenario's candidates layer, interior
// points of communities and grids, and a lattice clipped to the district;
// deduplicated and outside exclusion zones.
#pragma once

#include <string>
#include <vector>

#include "model/district.hpp"

namespace stationplan::plan {

struct Site {
    std::string id;        // candidate id, or a generated one ("community:410105001003", "lattice:12:7")
    std::string name;
    std::string origin;    // "layer", "community", "grid" or "lattice"
    XY position;
    double cost = 1.0;
};

struct CandidateReport {
    std::size_t from_layer = 0, from_communities = 0, from_grids = 0, from_lattice = 0;
    std::size_t outside_district = 0, excluded = 0, duplicates = 0;
};

// Sites in a fixed order (layer, communities, grids, lattice) so that ties in the
// solvers break the same way on every run.
std::vector<Site> candidate_sites(const model::District& d, const PlanSettings& settings, CandidateReport& report);

}  // namespace stationplan::plan
