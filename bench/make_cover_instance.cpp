// stationplan-make-cover-instance: a seeded coverage-planning instance for the
// optimize benchmark (bench/optimize_bench.sh): demand points and candidate sites
// drawn uniformly in a square, written as the CSV files `stationplan optimize
// --demand --sites` reads.
//
//   DIR/demand.csv   x,y,weight   (metres, 3 decimals; weight 1 unless --max-weight)
//   DIR/sites.csv    x,y
//
//   stationplan-make-cover-instance --out bench/out/optimize/cover      # 5,000 x 1,000, 10 km
//   stationplan-make-cover-instance --out /tmp/c --demand 500 --sites 100 --side 3000 --seed 7
//
// Random numbers come from std::mt19937_64 (its sequence is fixed by the standard)
// turned into uniforms from the raw bits, never from std::*_distribution
// (implementation-defined), and numbers are printed with fmt: the same options give
// byte-identical files on every machine. Demand points come from one stream and
// sites from another, so --sites does not move the demand points.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace fs = std::filesystem;

namespace {

// A uniform double in [0, 1) from the top 53 bits.
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Writes to a temporary name, then renames: a present file is a complete file.
void write_points(const fs::path& file, const char* header, std::size_t count, double side_m, std::uint64_t seed,
                  int max_weight) {
    std::mt19937_64 rng(seed);
    const fs::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
        out << header << '\n';
        std::string line;
        for (std::size_t i = 0; i < count; ++i) {
            const double x = uniform01(rng) * side_m;
            const double y = uniform01(rng) * side_m;
            line = fmt::format("{:.3f},{:.3f}", x, y);
            if (max_weight > 0) line += fmt::format(",{}", 1 + rng() % static_cast<std::uint64_t>(max_weight));
            out << line << '\n';
        }
        out.close();
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, file);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Writes a seeded uniform coverage instance (demand.csv, sites.csv) for stationplan optimize"};
    std::string out_dir;
    std::size_t demand = 5'000, sites = 1'000;
    double side_m = 10'000.0;
    std::uint64_t seed = 20240612;
    int max_weight = 1;
    app.add_option("--out", out_dir, "Output folder (created)")->required();
    app.add_option("--demand", demand, "Number of demand points (default 5000)")->check(CLI::PositiveNumber);
    app.add_option("--sites", sites, "Number of candidate sites (default 1000)")->check(CLI::PositiveNumber);
    app.add_option("--side", side_m, "Side of the square in metres (default 10000)")->check(CLI::PositiveNumber);
    app.add_option("--seed", seed, "Random seed (default 20240612)");
    app.add_option("--max-weight", max_weight, "Demand weights uniform in 1..W (default 1: all weights 1)")
        ->check(CLI::Range(1, 1'000'000));
    CLI11_PARSE(app, argc, argv);
    try {
        fs::create_directories(out_dir);
        // One stream per file (seed, seed + 1): the sites do not change with --demand.
        write_points(fs::path(out_dir) / "demand.csv", "x,y,weight", demand, side_m, seed, max_weight);
        write_points(fs::path(out_dir) / "sites.csv", "x,y", sites, side_m, seed + 1, 0);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stationplan-make-cover-instance: %s\n", e.what());
        return 1;
    }
    std::printf("wrote %s/demand.csv (%zu points) and sites.csv (%zu sites), %.0f m square, seed %llu\n", out_dir.c_str(),
                demand, sites, side_m, static_cast<unsigned long long>(seed));
    return 0;
}
