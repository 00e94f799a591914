// The deputies record path shared by deputies_csv_fuzz.cpp and deputies_xlsx_fuzz.cpp:
// a deputies layer read through io::VectorSource from a GDAL in-memory file, every
// record's values taken as load_district takes them (level, sector, address).
#pragma once

#include <cstdint>
#include <string>

#include "stationplan/scenario.hpp"

namespace stationplan::fuzz {

// How the layer is described in the scenario, chosen by one byte of the input:
// coordinates as WKT, as x/y columns or the format's own geometry; an EPSG code or
// GCJ-02 lon/lat; a declared encoding or none.
LayerSource deputies_source(std::uint8_t mode, const std::string& file);

// Reads the layer as load_district reads deputies. InputErrors propagate.
void read_deputies(const LayerSource& source);

}  // namespace stationplan::fuzz
