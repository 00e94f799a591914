// Walking distance at scale: a generated street grid of about 100,000 edges (224 x 224
// lines 100 m apart, each tilted a little, over 22 km), 50,000 deputies and 500
// stations placed uniformly with a fixed seed. Nothing is committed: the grid is
// generated in memory at start.
//
//   build/bench/stationplan_bench_walking
//   build/bench/stationplan_bench_walking --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// build:   noding (GEOS snap-rounding union) and the Boost.Graph graph and rtree
// snap:    the 50,000 deputies to their nearest edges
// nearest: one multi-source Dijkstra from the 500 stations, cutoff 3 km, and each
//          deputy's nearest station on foot (the network check)
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "measure/road_network.hpp"

namespace {

using stationplan::XY;
using stationplan::measure::RoadNetwork;
using stationplan::measure::SnapPoint;

constexpr int kLines = 224;
constexpr double kSpacing_m = 100.0;
constexpr std::size_t kDeputies = 50000;
constexpr std::size_t kStations = 500;

struct Data {
    std::vector<stationplan::geom::Polyline> lines;
    std::vector<XY> deputies, stations;
};

const Data& data() {
    static const Data d = [] {
        Data out;
        std::mt19937_64 rng(20191017);
        auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53; };
        const double x0 = 460000.0, y0 = 3840000.0, extent = kLines * kSpacing_m;
        for (int k = 0; k < kLines; ++k) {
            const double v = k * kSpacing_m + uniform(-10, 10);
            out.lines.push_back({{x0 + v, y0 - 50}, {x0 + v + uniform(-20, 20), y0 + extent}});
            out.lines.push_back({{x0 - 50, y0 + v}, {x0 + extent, y0 + v + uniform(-20, 20)}});
        }
        for (std::size_t i = 0; i < kDeputies; ++i) out.deputies.push_back({x0 + uniform(0, extent), y0 + uniform(0, extent)});
        for (std::size_t i = 0; i < kStations; ++i) out.stations.push_back({x0 + uniform(0, extent), y0 + uniform(0, extent)});
        return out;
    }();
    return d;
}

RoadNetwork& network() {
    static RoadNetwork net(data().lines);
    return net;
}

std::vector<SnapPoint> snap_all(const RoadNetwork& net, const std::vector<XY>& points) {
    std::vector<SnapPoint> out;
    out.reserve(points.size());
    for (const auto& p : points) out.push_back(*net.snap(p));
    return out;
}

void BM_Build(benchmark::State& state) {
    for (auto _ : state) {
        RoadNetwork net(data().lines);
        benchmark::DoNotOptimize(net.edge_count());
        state.counters["edges"] = static_cast<double>(net.edge_count());
        state.counters["nodes"] = static_cast<double>(net.node_count());
    }
}
BENCHMARK(BM_Build)->Unit(benchmark::kMillisecond);

void BM_SnapDeputies(benchmark::State& state) {
    RoadNetwork& net = network();
    for (auto _ : state) benchmark::DoNotOptimize(snap_all(net, data().deputies));
}
BENCHMARK(BM_SnapDeputies)->Unit(benchmark::kMillisecond);

void BM_NearestOnFoot(benchmark::State& state) {
    RoadNetwork& net = network();
    const auto deputies = snap_all(net, data().deputies);
    const auto stations = snap_all(net, data().stations);
    for (auto _ : state) benchmark::DoNotOptimize(net.nearest_sources(stations, deputies, 3000.0));
}
BENCHMARK(BM_NearestOnFoot)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
