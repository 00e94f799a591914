#include "support/faux_district.hpp"

#include <stdexcept>

namespace stationplan::test {
namespace {

model::Area area(const std::string& id, const std::string& parent, const std::string& name, const std::string& wkt,
                 std::size_t k) {
    model::Area a;
    a.id = id;
    a.name = name;
    a.street_id = parent;
    a.source = "feature " + std::to_string(k + 1);
    a.geometry = geom::Geometry::from_wkt(wkt);
    if (!a.geometry.is_polygonal()) throw std::invalid_argument("faux district: " + id + " is not a polygon");
    return a;
}

}  // namespace

FauxDistrict& FauxDistrict::street(std::string id, const std::string& wkt, std::string name) {
    m_streets.push_back({std::move(id), "", std::move(name), wkt});
    return *this;
}

FauxDistrict& FauxDistrict::community(std::string id, std::string street, const std::string& wkt, std::string name) {
    m_communities.push_back({std::move(id), std::move(street), std::move(name), wkt});
    return *this;
}

FauxDistrict& FauxDistrict::grid(std::string id, std::string street, const std::string& wkt, std::string liaison) {
    // The liaison travels in `name` of the shape record (grids have no name here).
    m_grids.push_back({std::move(id), std::move(street), std::move(liaison), wkt});
    return *this;
}

FauxDistrict& FauxDistrict::station(std::string id, StationKind kind, XY at, std::string street, std::string community,
                                    std::string sector, int capacity_min, int capacity_max) {
    model::Station s;
    s.id = std::move(id);
    s.kind = kind;
    s.street_id = std::move(street);
    s.community_id = std::move(community);
    s.sector = std::move(sector);
    if (kind == StationKind::Community) {
        s.capacity_min = capacity_min;
        s.capacity_max = capacity_max;
    }
    s.source = "feature " + std::to_string(m_stations.size() + 1);
    s.position = at;
    m_stations.push_back(std::move(s));
    return *this;
}

FauxDistrict& FauxDistrict::deputy(std::string id, XY at, std::string station, std::string sector,
                                   std::string industry_station) {
    model::Deputy p;
    p.id = std::move(id);
    p.level = model::DeputyLevel::District;
    p.level_text = "区";
    p.station_id = std::move(station);
    p.sector = std::move(sector);
    p.industry_station_id = std::move(industry_station);
    p.source = "line " + std::to_string(m_deputies.size() + 2);
    p.position = at;
    m_deputies.push_back(std::move(p));
    return *this;
}

FauxDistrict& FauxDistrict::outline(const std::string& wkt) {
    m_outline = wkt;
    return *this;
}

model::District FauxDistrict::build() const {
    model::District d;
    d.crs = io::Crs::from_user_input("EPSG:4547");
    for (std::size_t k = 0; k < m_streets.size(); ++k)
        d.streets.push_back(area(m_streets[k].id, "", m_streets[k].name, m_streets[k].wkt, k));
    for (std::size_t k = 0; k < m_communities.size(); ++k)
        d.communities.push_back(area(m_communities[k].id, m_communities[k].parent, m_communities[k].name, m_communities[k].wkt, k));
    for (std::size_t k = 0; k < m_grids.size(); ++k) {
        model::Area g = area(m_grids[k].id, m_grids[k].parent, "", m_grids[k].wkt, k);
        g.liaison = m_grids[k].name;
        d.grids.push_back(std::move(g));
    }
    model::Area outline;
    outline.id = "district";
    if (!m_outline.empty()) {
        outline.geometry = geom::Geometry::from_wkt(m_outline);
        d.outline_from_layer = true;
    } else {
        std::vector<geom::Geometry> parts;
        for (const auto& s : d.streets) parts.push_back(s.geometry.clone());
        outline.geometry = geom::unary_union(std::move(parts));
    }
    d.outline = std::move(outline);
    d.stations = m_stations;
    d.deputies = m_deputies;
    d.deputy_records = d.deputies.size();
    return d;
}

Scenario FauxDistrict::scenario(double radius_m) const {
    Scenario sc;
    sc.name = "faux";
    sc.radius_m = radius_m;
    return sc;
}

}  // namespace stationplan::test
