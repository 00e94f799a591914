// The district model: streets, communities, grids, stations and deputies with their
// geometry in the working CRS, plus every input record that was not used and why.
// Built by load_district() from a Scenario; read by measure/ and report/.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "geom/geos.hpp"
#include "io/crs.hpp"
#include "stationplan/geometry.hpp"
#include "stationplan/scenario.hpp"

namespace stationplan::model {

// The five levels of people's congresses whose deputies a station serves (五级人大代表).
enum class DeputyLevel { National, Provincial, Municipal, District, Township, Unknown };

struct Area {
    std::string id;
    std::string name;
    std::string street_id;     // communities and grids: the street they belong to
    std::string liaison;       // grids: the liaison person (empty: none)
    std::string source;        // "feature 3" (for messages)
    geom::Geometry geometry;   // polygonal, valid, working CRS
};

struct Station {
    std::string id;
    std::string name;
    StationKind kind = StationKind::Community;
    std::string street_id;
    std::string community_id;
    std::string sector;        // canonical sector name (see canonical_sector)
    std::optional<int> capacity_min;
    std::optional<int> capacity_max;
    StationStatus status = StationStatus::Fixed;   // what planning may do with it
    std::string source;
    XY position;
};

// A place where a new station could go (from the candidates layer).
struct CandidateSite {
    std::string id;
    std::string name;
    std::string category;
    double cost = 1.0;
    std::string source;
    XY position;
};

struct Deputy {
    std::string id;
    std::string name;
    DeputyLevel level = DeputyLevel::Unknown;
    std::string level_text;    // as given
    std::string sector;        // canonical, empty: none
    std::string station_id;    // assigned community station, empty: none
    std::string industry_station_id;
    std::string address;
    std::string source;
    XY position;
    // How the position was found: "coordinates" (given), or by address "exact",
    // "normalised" or "fuzzy" with a confidence in 0..1 and the gazetteer entry.
    std::string match_method = "coordinates";
    double match_confidence = -1.0;   // < 0: not matched by address
    std::string gazetteer_id;
};

// A deputy whose address matched no gazetteer entry well enough: not used, not
// rejected, listed for a person to decide, with the best candidates.
struct ReviewItem {
    std::string deputy_id;
    std::string name;
    std::string address;
    std::string normalised;   // road|number|building as the matcher read it
    std::string source;       // "line 14"
    std::string reason;
    struct Candidate {
        std::string id;
        std::string address;
        double score = 0.0;
    };
    std::vector<Candidate> candidates;   // best first, at most 3
};

// A walkable way of the roads layer (network distance), its lines in the working CRS.
struct Road {
    std::string id;            // the id field, or the record label when there is none
    std::string name;
    std::string source;
    std::vector<geom::Polyline> lines;
};

struct Reject {
    std::string source;  // file
    std::string layer;
    std::string record;  // "line 14", "feature 3"
    std::string reason;
};

struct District {
    io::Crs crs;                       // working CRS
    std::optional<Area> outline;       // the district layer, or the union of the streets
    bool outline_from_layer = false;
    std::vector<Area> streets;
    std::vector<Area> communities;
    std::vector<Area> grids;
    std::vector<Station> stations;
    std::vector<Deputy> deputies;
    std::vector<CandidateSite> candidates;   // the candidates layer (planning adds generated ones)
    std::vector<Area> exclusions;            // no new station inside these
    std::vector<Road> roads;                 // walkable ways (loaded in network mode only)
    std::size_t road_records = 0;            // road records read = roads.size() + road rejects
    std::vector<Reject> rejects;
    std::vector<ReviewItem> review;    // deputies whose address needs a person's decision
    std::size_t gazetteer_entries = 0; // entries of the gazetteer layer (0: none)
    std::vector<std::string> warnings;
    std::size_t deputy_records = 0;    // deputy records read = deputies.size() + deputy rejects + review.size()
};

// Loads and validates every layer of the scenario. Throws InputError for structural
// problems; rejects single bad deputy records into District::rejects.
// progress, when given, is called with the share of deputy records read (0..1) when
// the layer's size is known cheaply (CSV, GeoPackage), at most about 100 times.
District load_district(const Scenario& scenario, const std::function<void(double)>& progress = {});

// Canonical sector names: the nine industry sectors in Chinese, with English
// aliases ("law", "health" ...). Unknown text is returned trimmed, unchanged.
std::string canonical_sector(const std::string& text);
bool is_known_sector(const std::string& canonical);
// Levels by their English names or Chinese forms (全国, 省, 市, 区/县, 乡镇, with 级 or
// 人大代表 after them); Unknown for anything else.
DeputyLevel parse_level(const std::string& text);
const char* to_string(DeputyLevel level);
// street/community/industry, 街道/社区/行业 (with 站, 联络站 ...); nullopt otherwise.
std::optional<StationKind> station_kind(const std::string& text);
// A word as vocabularies compare it: trimmed, ASCII letters in lower case.
std::string fold_word(const std::string& text);
// The vocabularies for messages: "national, provincial, ... (or 全国, 省, ...)".
std::string level_words();
std::string sector_words();

}  // namespace stationplan::model
