// A district built in memory from WKT and coordinates, for unit tests that need no
// files (in the spirit of PDAL's FauxReader): streets, communities, grids, stations
// and deputies in the working CRS (EPSG:4547 metres), the outline the union of the
// streets unless given.
//
//   test::FauxDistrict f;
//   f.street("A", "POLYGON ((0 0, 2000 0, 2000 2000, 0 2000, 0 0))")
//    .community("A1", "A", "POLYGON ((0 0, 2000 0, 2000 2000, 0 2000, 0 0))")
//    .grid("G1", "A", "POLYGON ((0 0, 2000 0, 2000 2000, 0 2000, 0 0))")
//    .station("S", StationKind::Street, {1000, 1000}, "A")
//    .deputy("d1", {1500, 1000}, "C1");
//   model::District d = f.build();
//   Measurement m = measure_district(d, f.scenario());
//
// Coordinates are used as given (small numbers read well in tests); nothing in
// measure or plan looks at the CRS's area of use, which only the loader checks.
#pragma once

#include <string>
#include <vector>

#include "model/district.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan::test {

class FauxDistrict {
public:
    FauxDistrict& street(std::string id, const std::string& wkt, std::string name = "");
    FauxDistrict& community(std::string id, std::string street, const std::string& wkt, std::string name = "");
    FauxDistrict& grid(std::string id, std::string street, const std::string& wkt, std::string liaison = "联络员");
    // Community stations get capacity 3..5 unless given.
    FauxDistrict& station(std::string id, StationKind kind, XY at, std::string street = "", std::string community = "",
                          std::string sector = "", int capacity_min = 3, int capacity_max = 5);
    FauxDistrict& deputy(std::string id, XY at, std::string station = "", std::string sector = "",
                         std::string industry_station = "");
    // The district outline (a district layer); default: the union of the streets.
    FauxDistrict& outline(const std::string& wkt);

    model::District build() const;
    // A scenario for it: working CRS EPSG:4547, every rule, the given radius.
    Scenario scenario(double radius_m = 1000.0) const;

private:
    struct Shape {
        std::string id, parent, name, wkt;
    };
    std::vector<Shape> m_streets, m_communities, m_grids;
    std::vector<model::Station> m_stations;
    std::vector<model::Deputy> m_deputies;
    std::string m_outline;
};

}  // namespace stationplan::test
