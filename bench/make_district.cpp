// stationplan-make-bench-district: writes the synthetic city of synthetic_city.hpp as
// the files a planner would hand to `stationplan check`:
//
//   DIR/bench.gpkg    layers district, streets, communities, grids (polygons) and
//                     stations (points), EPSG:4547
//   DIR/deputies.csv  deputy_id,level,sector,station_id,lon,lat (EPSG:4326, 7 decimals),
//                     like the spreadsheets users have
//   DIR/bench.toml    the scenario that maps those files onto the model
//
//   stationplan-make-bench-district --out bench/out                      # 1,000,000 / 20,000
//   stationplan-make-bench-district --out /tmp/b --deputies 1000 --stations 200 --seed 7
//   # the report benchmark's city (run_report_bench.sh):
//   stationplan-make-bench-district --out bench/out-city --deputies 50000 --stations 3500
//       --streets-per-side 12 --grids-per-street-side 7
//
// Files are written under temporary names and renamed; bench.toml comes last, so its
// presence means a complete set. The same options give byte-identical deputies.csv.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "io/crs.hpp"
#include "io/vector_writer.hpp"
#include "synthetic_city.hpp"

namespace fs = std::filesystem;
using namespace stationplan;

namespace {

constexpr const char* kWorkingCrs = "EPSG:4547";  // CGCS2000 / 3-degree Gauss-Kruger CM 114E

// ISO WKB (little-endian) of an axis-aligned square polygon, counter-clockwise.
std::vector<std::uint8_t> square_wkb(const bench::SquareArea& a) {
    std::vector<std::uint8_t> out;
    auto put = [&out](const void* p, std::size_t n) {
        const auto* b = static_cast<const std::uint8_t*>(p);
        out.insert(out.end(), b, b + n);
    };
    const std::uint8_t order = 1;
    const std::uint32_t type = 3, rings = 1, points = 5;
    put(&order, 1);
    put(&type, 4);
    put(&rings, 4);
    put(&points, 4);
    const double xy[10] = {a.min_x, a.min_y, a.max_x, a.min_y, a.max_x, a.max_y, a.min_x, a.max_y, a.min_x, a.min_y};
    put(xy, sizeof xy);
    return out;
}

io::FieldValue text_or_null(const std::string& s) { return s.empty() ? io::FieldValue{} : io::FieldValue{s}; }

void write_areas(io::VectorWriter& out, const char* name, const std::vector<const bench::SquareArea*>& areas,
                 const io::Crs& crs, bool with_street, bool with_liaison) {
    std::vector<io::FieldDef> fields{{"id", io::FieldType::Text}, {"name", io::FieldType::Text}};
    if (with_street) fields.push_back({"street_id", io::FieldType::Text});
    if (with_liaison) fields.push_back({"liaison", io::FieldType::Text});
    auto& layer = out.create_layer(name, io::LayerGeometry::Polygon, crs, fields);
    for (const auto* a : areas) {
        std::vector<io::FieldValue> v{a->id, a->name};
        if (with_street) v.emplace_back(a->street_id);
        if (with_liaison) v.push_back(text_or_null(a->liaison));
        layer.add(v, square_wkb(*a));
    }
}

std::vector<const bench::SquareArea*> pointers(const std::vector<bench::SquareArea>& areas) {
    std::vector<const bench::SquareArea*> out;
    for (const auto& a : areas) out.push_back(&a);
    return out;
}

const char* kind_name(bench::Kind k) {
    switch (k) {
        case bench::Kind::Street: return "street";
        case bench::Kind::Community: return "community";
        case bench::Kind::Industry: return "industry";
    }
    return "?";
}

void write_geopackage(const bench::City& city, const fs::path& file) {
    const io::Crs crs = io::Crs::from_user_input(kWorkingCrs);
    io::VectorWriter out(file);  // one transaction per layer
    write_areas(out, "district", {&city.district}, crs, false, false);
    write_areas(out, "streets", pointers(city.streets), crs, false, false);
    write_areas(out, "communities", pointers(city.communities), crs, true, false);
    write_areas(out, "grids", pointers(city.grids), crs, true, true);
    auto& layer = out.create_layer("stations", io::LayerGeometry::Point, crs,
                                   {{"station_id", io::FieldType::Text},
                                    {"name", io::FieldType::Text},
                                    {"kind", io::FieldType::Text},
                                    {"street_id", io::FieldType::Text},
                                    {"community_id", io::FieldType::Text},
                                    {"sector", io::FieldType::Text},
                                    {"capacity_min", io::FieldType::Integer},
                                    {"capacity_max", io::FieldType::Integer}});
    for (const auto& s : city.stations) {
        const bool community = s.kind == bench::Kind::Community;
        layer.add({s.id, s.name, std::string(kind_name(s.kind)), city.streets[s.street].id,
                   community ? io::FieldValue{city.communities[s.community].id} : io::FieldValue{},
                   s.sector >= 0 ? io::FieldValue{std::string(bench::kSectors[static_cast<std::size_t>(s.sector)])}
                                 : io::FieldValue{},
                   community ? io::FieldValue{std::int64_t{s.capacity_min}} : io::FieldValue{},
                   community ? io::FieldValue{std::int64_t{s.capacity_max}} : io::FieldValue{}},
                  s.position);
    }
    out.close();
}

class OutputFile {
public:
    explicit OutputFile(const fs::path& file) : m_file(file), m_out(std::fopen(file.c_str(), "wb")) {
        if (!m_out) throw std::runtime_error("cannot write " + file.string());
    }
    ~OutputFile() {
        if (m_out) std::fclose(m_out);
    }
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(const char* data, std::size_t n) {
        if (std::fwrite(data, 1, n, m_out) != n) throw std::runtime_error("cannot write " + m_file.string());
    }
    void close() {
        const bool ok = std::fclose(m_out) == 0;
        m_out = nullptr;
        if (!ok) throw std::runtime_error("cannot write " + m_file.string());
    }

private:
    fs::path m_file;
    std::FILE* m_out;
};

// Plain buffered output: formatting a million rows through OGR would take longer than
// the check we want to time. Only the CRS transform goes through OGR/PROJ.
void write_deputies(const bench::City& city, const fs::path& file) {
    const io::Transform to_lonlat(io::Crs::from_user_input(kWorkingCrs), io::Crs::from_user_input("EPSG:4326"));
    const int id_width = static_cast<int>(std::to_string(city.deputies.size()).size());
    OutputFile out(file);
    fmt::memory_buffer buf;
    fmt::format_to(std::back_inserter(buf), "deputy_id,level,sector,station_id,lon,lat\n");
    for (std::size_t i = 0; i < city.deputies.size(); ++i) {
        const auto& d = city.deputies[i];
        double lon = d.position.x_m, lat = d.position.y_m;
        if (!to_lonlat.apply(lon, lat))
            throw std::runtime_error(fmt::format("deputy {}: cannot transform ({}, {}) to EPSG:4326", i + 1, d.position.x_m,
                                                 d.position.y_m));
        fmt::format_to(std::back_inserter(buf), "D{:0{}},{},{},{},{:.7f},{:.7f}\n", i + 1, id_width,
                       bench::kLevels[d.level], d.sector >= 0 ? bench::kSectors[static_cast<std::size_t>(d.sector)] : "",
                       city.stations[d.station].id, lon, lat);
        if (buf.size() > (1U << 20)) {
            out.write(buf.data(), buf.size());
            buf.clear();
        }
    }
    out.write(buf.data(), buf.size());
    out.close();
}

void write_scenario(const bench::City& city, const fs::path& file) {
    const auto& o = city.options;
    std::ofstream out(file, std::ios::binary);
    out << fmt::format(
        R"(# Synthetic benchmark city written by stationplan-make-bench-district
#   --seed {} --stations {} --deputies {} --side-km {:g} --streets-per-side {} --communities-per-street-side {} --grids-per-street-side {}
# {} streets, {} communities, {} grids in a {:.0f} km square; see bench/README.md.
name = "bench"
title = "Synthetic benchmark city: {} deputies, {} stations"

[crs]
working = "auto"          # resolves to {} from the district's extent, as for the sample

[check]
radius_m = 1000
counted_kinds = ["street", "community"]
rules = ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
topology_tolerance_m2 = 10.0
circle_segments = 16
repair_invalid = true

[layers.district]
file = "bench.gpkg"
layer = "district"
fields = {{ id = "id", name = "name" }}

[layers.streets]
file = "bench.gpkg"
layer = "streets"
fields = {{ id = "id", name = "name" }}

[layers.communities]
file = "bench.gpkg"
layer = "communities"
fields = {{ id = "id", name = "name", street = "street_id" }}

[layers.grids]
file = "bench.gpkg"
layer = "grids"
fields = {{ id = "id", name = "name", street = "street_id", liaison = "liaison" }}

[layers.stations]
file = "bench.gpkg"
layer = "stations"
fields = {{ id = "station_id", name = "name", kind = "kind", street = "street_id", community = "community_id", sector = "sector", capacity_min = "capacity_min", capacity_max = "capacity_max" }}

[layers.deputies]
file = "deputies.csv"
crs = "EPSG:4326"
x = "lon"
y = "lat"
fields = {{ id = "deputy_id", level = "level", sector = "sector", station = "station_id" }}
)",
        o.seed, o.stations, o.deputies, o.side_m / 1000.0, o.streets_per_side, o.communities_per_street_side,
        o.grids_per_street_side, city.streets.size(), city.communities.size(), city.grids.size(), o.side_m / 1000.0,
        o.deputies, o.stations, kWorkingCrs);
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

// Writes through a temporary sibling and renames, so an interrupted run leaves no
// file that looks complete.
template <typename Write>
void write_atomically(const fs::path& file, Write write) {
    fs::path tmp = file;
    tmp += ".tmp";
    fs::remove(tmp);
    write(tmp);
    fs::rename(tmp, file);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes a seeded synthetic city (GeoPackage, deputies CSV, scenario TOML) for the check benchmark"};
    bench::CityOptions opt;
    std::string out_dir = "bench/out";
    app.add_option("--out", out_dir, "Output folder (created if missing)")->capture_default_str();
    app.add_option("--deputies", opt.deputies, "Number of deputies")->capture_default_str();
    app.add_option("--stations", opt.stations, "Number of stations of all kinds (64 street, 9 industry, the rest community)")
        ->capture_default_str();
    app.add_option("--seed", opt.seed, "Random seed; the same seed gives the same city")->capture_default_str();
    double side_km = opt.side_m / 1000.0;
    app.add_option("--side-km", side_km, "Side of the square district, km")->capture_default_str();
    app.add_option("--streets-per-side", opt.streets_per_side, "Streets along each side (n x n streets)")
        ->capture_default_str();
    app.add_option("--communities-per-street-side", opt.communities_per_street_side,
                   "Communities along each side of a street (k x k per street)")
        ->capture_default_str();
    app.add_option("--grids-per-street-side", opt.grids_per_street_side,
                   "Grids along each side of a street (k x k per street)")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    opt.side_m = side_km * 1000.0;

    try {
        opt.validate();
        const auto start = std::chrono::steady_clock::now();
        const fs::path dir(out_dir);
        fs::create_directories(dir);
        fs::remove(dir / "bench.toml");  // invalidates an older set until this one is complete

        const bench::City city = bench::make_city(opt);
        const auto built = std::chrono::steady_clock::now();
        write_atomically(dir / "bench.gpkg", [&](const fs::path& f) { write_geopackage(city, f); });
        const auto gpkg = std::chrono::steady_clock::now();
        write_atomically(dir / "deputies.csv", [&](const fs::path& f) { write_deputies(city, f); });
        const auto csv = std::chrono::steady_clock::now();
        write_atomically(dir / "bench.toml", [&](const fs::path& f) { write_scenario(city, f); });

        auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
        std::printf("wrote %s: %zu streets, %zu communities, %zu grids, %zu stations, %zu deputies (seed %llu)\n",
                    dir.string().c_str(), city.streets.size(), city.communities.size(), city.grids.size(),
                    city.stations.size(), city.deputies.size(), static_cast<unsigned long long>(opt.seed));
        std::printf("time: model %.2f s, geopackage %.2f s, deputies.csv %.2f s, total %.2f s\n", secs(start, built),
                    secs(built, gpkg), secs(gpkg, csv), secs(start, std::chrono::steady_clock::now()));
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "stationplan-make-bench-district: usage error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stationplan-make-bench-district: error: %s\n", e.what());
        return 3;
    }
}
