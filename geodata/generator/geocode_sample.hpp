// The address-matching part of the sample: a gazetteer of address points for the
// synthetic addresses, a copy of the roster in which some deputies have a text
// address only (exact, written differently, misspelled, ambiguous or unknown), and
// the truth for each of them. Drawn from its own random stream, after every other
// stage, so the rest of the sample does not change.
//
//   GeocodeSample g = build_geocode_sample(sample);
//   write_geocode_sample(sample, g, out_dir);
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sample.hpp"

namespace stationplan::sample {

inline constexpr const char* kGazetteerFile = "jinshui_gazetteer.csv";
inline constexpr const char* kGeocodeRosterFile = "jinshui_deputies_geocode.csv";
inline constexpr const char* kGeocodeTruthFile = "jinshui_geocode_truth.csv";

struct AddressPoint {
    std::string id;        // "A0001"...
    std::string address;   // full text: 郑州市金水区丰产路街道春兆街175号10号楼
    std::string road;      // 春兆街
    std::string number;    // 175
    std::string building;  // 10
    std::string longitude_text;
    std::string latitude_text;
};

/// How a text-only deputy's address is written in the geocoding roster.
enum class AddressCase { exact, rewritten, misspelled, ambiguous, unknown };
std::string_view to_string(AddressCase c);

struct TextOnlyDeputy {
    std::size_t deputy = 0;   // index into Sample::deputies
    AddressCase kind = AddressCase::exact;
    std::string written;      // the address as the roster gives it
    std::string true_id;      // the address point the deputy really lives at
    bool should_match = true; // false: a correct matcher sends it to review
};

struct GeocodeSample {
    std::vector<AddressPoint> gazetteer;
    std::vector<TextOnlyDeputy> text_only;  // in deputy order
};

GeocodeSample build_geocode_sample(const Sample& sample);
void write_geocode_sample(const Sample& sample, const GeocodeSample& g, const std::filesystem::path& out_dir);
void remove_geocode_outputs(const std::filesystem::path& out_dir);
/// Reads the three files back (and jinshui_deputies.csv) and checks them against
/// each other: unique point ids and addresses, every true point exists, text-only
/// rows have no coordinates, every other row equals the roster's. Throws listing
/// every failure.
void verify_geocode_sample(const std::filesystem::path& out_dir);

}  // namespace stationplan::sample
