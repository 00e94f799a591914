// The nearest-station search of the check, measured against a bare Boost.Geometry
// rtree loop over the same points in the same run.
//
//   build/bench/stationplan_bench_nearest
//   build/bench/stationplan_bench_nearest --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Points: the synthetic city of synthetic_city.hpp (default seed): 20,000 clustered
// stations, 1,000,000 clustered query points (the deputies), EPSG:4547 metres.
// One iteration of a *_nearest benchmark is 1,000,000 queries, so its time per
// iteration is the time per million queries. Before timing, the two searches are
// checked to give the same distance for every query.
#include <benchmark/benchmark.h>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "measure/spatial_index.hpp"
#include "synthetic_city.hpp"

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using stationplan::XY;

namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Value = std::pair<Point, std::size_t>;
using Tree = bgi::rtree<Value, bgi::rstar<16>>;  // the library's parameters

struct Data {
    std::vector<XY> stations;
    std::vector<XY> queries;
};

const Data& data() {
    static const Data d = [] {
        const stationplan::bench::CityOptions opt;  // defaults: 20,000 stations, 1,000,000 deputies
        return Data{stationplan::bench::station_positions(opt), stationplan::bench::deputy_positions(opt)};
    }();
    return d;
}

Tree bare_tree(const std::vector<XY>& points) {
    std::vector<Value> values;
    values.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) values.emplace_back(Point(points[i].x_m, points[i].y_m), i);
    return Tree(values);  // packing (STR) constructor
}

void per_query(benchmark::State& state) {
    const auto n = static_cast<double>(data().queries.size());
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
    // Shown as time per query (kInvert of a per-second rate).
    state.counters["per_query"] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_LibraryBuild(benchmark::State& state) {
    const auto& stations = data().stations;
    for (auto _ : state) {
        stationplan::measure::PointIndex index(stations);
        benchmark::DoNotOptimize(index);
    }
}

void BM_BareRtreeBuild(benchmark::State& state) {
    const auto& stations = data().stations;
    for (auto _ : state) {
        Tree tree = bare_tree(stations);
        benchmark::DoNotOptimize(tree);
    }
}

void BM_LibraryNearest(benchmark::State& state) {
    const stationplan::measure::PointIndex index(data().stations);
    const auto& queries = data().queries;
    for (auto _ : state) {
        for (const XY& q : queries) {
            auto hit = index.nearest(q);
            benchmark::DoNotOptimize(hit);
        }
    }
    per_query(state);
}

void BM_BareRtreeNearest(benchmark::State& state) {
    const Tree tree = bare_tree(data().stations);
    const auto& queries = data().queries;
    for (auto _ : state) {
        for (const XY& q : queries) {
            Value out[1];
            tree.query(bgi::nearest(Point(q.x_m, q.y_m), 1), out);
            benchmark::DoNotOptimize(out);
        }
    }
    per_query(state);
}

// Diagnostic: the bare loop asking for two neighbours, as the library does to detect
// ties. The gap between this and BM_BareRtreeNearest is the cost of k = 2; the gap
// between this and BM_LibraryNearest is the library's own overhead.
void BM_BareRtreeNearest2(benchmark::State& state) {
    const Tree tree = bare_tree(data().stations);
    const auto& queries = data().queries;
    for (auto _ : state) {
        for (const XY& q : queries) {
            Value out[2];
            tree.query(bgi::nearest(Point(q.x_m, q.y_m), 2), out);
            benchmark::DoNotOptimize(out);
        }
    }
    per_query(state);
}

BENCHMARK(BM_LibraryBuild)->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareRtreeBuild)->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LibraryNearest)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareRtreeNearest)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareRtreeNearest2)->Iterations(3)->Unit(benchmark::kMillisecond);

// Both searches must find a station at the same distance for every query (the index
// may differ only on exact ties, which the library breaks by lowest index).
bool same_answers() {
    const auto& d = data();
    const stationplan::measure::PointIndex index(d.stations);
    const Tree tree = bare_tree(d.stations);
    std::size_t different_distance = 0, different_index = 0;
    for (const XY& q : d.queries) {
        const auto hit = index.nearest(q);
        Value out[1];
        tree.query(bgi::nearest(Point(q.x_m, q.y_m), 1), out);
        const double bare = stationplan::distance_m(q, d.stations[out[0].second]);
        if (!hit || hit->distance_m != bare) ++different_distance;
        else if (hit->index != out[0].second) ++different_index;
    }
    if (different_distance)
        std::fprintf(stderr, "nearest_bench: %zu of %zu queries differ in distance between the library and the bare rtree\n",
                     different_distance, d.queries.size());
    benchmark::AddCustomContext("tie_breaks", std::to_string(different_index));
    return different_distance == 0;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    const stationplan::bench::CityOptions opt;
    benchmark::AddCustomContext("seed", std::to_string(opt.seed));
    benchmark::AddCustomContext("stations", std::to_string(data().stations.size()));
    benchmark::AddCustomContext("queries", std::to_string(data().queries.size()));
    if (!same_answers()) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
