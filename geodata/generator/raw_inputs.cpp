#include "raw_inputs.hpp"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace stationplan::sample {

namespace {

GDALDatasetUniquePtr open_vector(const std::filesystem::path& path, const char* driver) {
    const char* const drivers[] = {driver, nullptr};
    // CSV: keep every column as text (codes have leading digits that must not
    // become numbers) and keep empty cells as empty strings.
    const char* const csv_options[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", nullptr};
    const bool is_csv = std::string_view(driver) == "CSV";
    GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                                   is_csv ? csv_options : nullptr, nullptr));
    if (!dataset) {
        throw std::runtime_error(
            fmt::format("{}: cannot open with the GDAL {} driver", path.string(), driver));
    }
    if (dataset->GetLayerCount() != 1) {
        throw std::runtime_error(
            fmt::format("{}: expected 1 layer, found {}", path.string(), dataset->GetLayerCount()));
    }
    return dataset;
}

/// Field indexes looked up once per file, with a clear error for a missing column.
int field_index(OGRLayer& layer, const std::filesystem::path& path, const char* name) {
    const int index = layer.GetLayerDefn()->GetFieldIndex(name);
    if (index < 0) {
        throw std::runtime_error(fmt::format("{}: missing column '{}'", path.string(), name));
    }
    return index;
}

std::string text_field(const OGRFeature& feature, int index) { return feature.GetFieldAsString(index); }

/// CSV feature ids count data rows from 1, so the file line is fid + 1.
std::string csv_row(const std::filesystem::path& path, const OGRFeature& feature) {
    return fmt::format("{} line {}", path.string(), feature.GetFID() + 1);
}

bool parse_flag(const std::string& value, const std::string& where, const char* column) {
    if (value == "1") {
        return true;
    }
    if (value == "0") {
        return false;
    }
    throw std::runtime_error(fmt::format("{}: column '{}' must be 0 or 1, found '{}'", where, column, value));
}

void read_outline(const Geos& geos, const std::filesystem::path& path, RawInputs& raw) {
    const GDALDatasetUniquePtr dataset = open_vector(path, "GeoJSON");
    OGRLayer& layer = *dataset->GetLayer(0);
    const int adcode = field_index(layer, path, "adcode");
    const int name = field_index(layer, path, "name");
    if (layer.GetFeatureCount() != 1) {
        throw std::runtime_error(fmt::format("{}: expected 1 feature (the district), found {}", path.string(),
                                             layer.GetFeatureCount()));
    }
    layer.ResetReading();
    const OGRFeatureUniquePtr feature(layer.GetNextFeature());
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || wkbFlatten(geometry->getGeometryType()) != wkbPolygon) {
        throw std::runtime_error(fmt::format("{}: feature 0: expected a Polygon", path.string()));
    }
    raw.district_code = text_field(*feature, adcode);
    raw.district_name = text_field(*feature, name);
    // GeoJSON is lon/lat by definition (RFC 7946), which is the x/y order
    // OGR hands out for this driver.
    raw.outline_lonlat = geos.own(geometry->exportToGEOS(geos.handle()), "import outline");
    if (const std::string problem = geos.validity_problem(*raw.outline_lonlat); !problem.empty()) {
        throw std::runtime_error(
            fmt::format("{}: feature 0: the outline is not valid: {}", path.string(), problem));
    }
}

void read_streets(const std::filesystem::path& path, RawInputs& raw) {
    const GDALDatasetUniquePtr dataset = open_vector(path, "CSV");
    OGRLayer& layer = *dataset->GetLayer(0);
    const int code = field_index(layer, path, "code");
    const int name = field_index(layer, path, "name");
    const int district = field_index(layer, path, "district_code");
    const int core17 = field_index(layer, path, "jinshui_core17");
    for (const auto& feature : layer) {
        const std::string where = csv_row(path, *feature);
        RawStreet street{text_field(*feature, code), text_field(*feature, name),
                         parse_flag(text_field(*feature, core17), where, "jinshui_core17")};
        if (street.code.size() != 9 || text_field(*feature, district) != raw.district_code ||
            street.code.rfind(raw.district_code, 0) != 0) {
            throw std::runtime_error(fmt::format("{}: street code '{}' is not a 9-digit code under {}", where,
                                                 street.code, raw.district_code));
        }
        raw.streets.push_back(std::move(street));
    }
}

void read_communities(const std::filesystem::path& path, RawInputs& raw) {
    const GDALDatasetUniquePtr dataset = open_vector(path, "CSV");
    OGRLayer& layer = *dataset->GetLayer(0);
    const int code = field_index(layer, path, "code");
    const int name = field_index(layer, path, "name");
    const int kind = field_index(layer, path, "kind");
    const int street = field_index(layer, path, "subdistrict_code");
    for (const auto& feature : layer) {
        const std::string where = csv_row(path, *feature);
        const std::string kind_text = text_field(*feature, kind);
        if (kind_text != "community" && kind_text != "village") {
            throw std::runtime_error(fmt::format(
                "{}: column 'kind' must be 'community' or 'village', found '{}'", where, kind_text));
        }
        RawCommunity community{text_field(*feature, code), text_field(*feature, name), kind_text == "village",
                               text_field(*feature, street)};
        if (community.code.size() != 12 || community.code.rfind(community.street_code, 0) != 0) {
            throw std::runtime_error(
                fmt::format("{}: community code '{}' is not a 12-digit code under street '{}'", where,
                            community.code, community.street_code));
        }
        raw.communities.push_back(std::move(community));
    }
}

}  // namespace

std::vector<RawStreet> RawInputs::core_streets() const {
    std::vector<RawStreet> core;
    std::copy_if(streets.begin(), streets.end(), std::back_inserter(core),
                 [](const RawStreet& s) { return s.core17; });
    std::sort(core.begin(), core.end(),
              [](const RawStreet& a, const RawStreet& b) { return a.code < b.code; });
    return core;
}

std::vector<RawCommunity> RawInputs::communities_of(const std::string& street_code) const {
    std::vector<RawCommunity> result;
    std::copy_if(communities.begin(), communities.end(), std::back_inserter(result),
                 [&](const RawCommunity& c) { return c.street_code == street_code; });
    std::sort(result.begin(), result.end(),
              [](const RawCommunity& a, const RawCommunity& b) { return a.code < b.code; });
    return result;
}

RawInputs read_raw_inputs(const Geos& geos, const std::filesystem::path& raw_dir) {
    RawInputs raw;
    read_outline(geos, raw_dir / kOutlineFile, raw);
    read_streets(raw_dir / kStreetsFile, raw);
    read_communities(raw_dir / kCommunitiesFile, raw);

    const auto core = raw.core_streets();
    std::size_t core_communities = 0;
    for (const RawStreet& street : core) {
        const auto count = raw.communities_of(street.code).size();
        if (count == 0) {
            throw std::runtime_error(fmt::format("{}: street {} {} has no village-level units",
                                                 (raw_dir / kCommunitiesFile).string(), street.code,
                                                 street.name));
        }
        core_communities += count;
    }
    if (core.size() != 17 || core_communities != 213) {
        throw std::runtime_error(
            fmt::format("{}: expected 17 core streets with 213 village-level units, found {} with {}",
                        raw_dir.string(), core.size(), core_communities));
    }
    return raw;
}

}  // namespace stationplan::sample
