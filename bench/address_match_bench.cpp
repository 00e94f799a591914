// Google Benchmark: address matching against a synthetic gazetteer (seeded), and the
// GCJ-02/BD-09 inverse conversions, per query.
//
//   build/bench/stationplan_bench_geocode --benchmark_min_time=0.2
//
// Gazetteer: state.range(0) address points on 2,000 distinct three-character roads (two
// characters from a 40-character set plus 路/街/巷), house numbers 1..199 and
// buildings 1..28. Queries: the same addresses written exactly, rewritten (Chinese
// numerals, 栋, unit and room, no prefix) and misspelled (one road character changed).
#include <benchmark/benchmark.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "io/china_coords.hpp"
#include "model/address_match.hpp"

namespace {

using namespace stationplan;

const std::vector<std::string> kChars = {"春", "兆", "福", "田", "宏", "坊", "恒", "苑", "柏", "枫", "平", "桂", "通",
                                         "松", "泉", "榆", "桥", "鸿", "林", "明", "湖", "荣", "安", "槐", "昌", "岭",
                                         "云", "源", "和", "宁", "康", "光", "瑞", "祥", "兴", "华", "清", "玉", "东", "西"};
const std::vector<std::string> kSuffix = {"路", "街", "巷"};

std::string numeral(int n) {
    static const char* const d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    std::string out;
    const int h = n / 100, t = n / 10 % 10, u = n % 10;
    if (h) out += std::string(d[h]) + "百";
    if (t) out += (t == 1 && !h ? std::string() : std::string(d[t])) + "十";
    else if (h && u) out += "零";
    if (u) out += d[u];
    return out;
}

struct Fixture {
    std::vector<model::GazetteerEntry> entries;
    std::vector<std::string> exact, rewritten, misspelled;
};

Fixture make(std::size_t n) {
    std::mt19937_64 rng(20191017);
    auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
    std::vector<std::string> roads;
    std::set<std::string> seen;
    while (roads.size() < 2000) {
        std::string road = kChars[pick(40)] + kChars[pick(40)] + kSuffix[pick(3)];
        if (seen.insert(road).second) roads.push_back(std::move(road));
    }
    Fixture f;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& road = roads[i % roads.size()];
        const int number = 1 + static_cast<int>(i / roads.size() % 199), building = 1 + static_cast<int>(i / roads.size() / 199 % 28);
        f.entries.push_back({"A" + std::to_string(i), "郑州市金水区" + road + std::to_string(number) + "号" + std::to_string(building) + "号楼",
                             {static_cast<double>(i), 0.0}, {}});
        if (i % (n / 1000) == 0) {
            f.exact.push_back(f.entries.back().address);
            f.rewritten.push_back(road + numeral(number) + "号" + std::to_string(building) + "栋2单元301室");
            std::string typo = road;
            typo.replace(0, 3, kChars[pick(40)]);
            f.misspelled.push_back(typo + std::to_string(number) + "号" + std::to_string(building) + "号楼");
        }
    }
    return f;
}

void run(benchmark::State& state, const std::vector<std::string> Fixture::*queries) {
    const Fixture f = make(static_cast<std::size_t>(state.range(0)));
    const model::AddressMatcher matcher(f.entries);
    std::size_t i = 0, accepted = 0;
    for (auto _ : state) {
        const model::Match m = matcher.match((f.*queries)[i++ % (f.*queries).size()]);
        accepted += m.accepted() ? 1 : 0;
        benchmark::DoNotOptimize(m);
    }
    state.counters["accepted_share"] = static_cast<double>(accepted) / static_cast<double>(state.iterations());
}

void BM_MatchExact(benchmark::State& s) { run(s, &Fixture::exact); }
void BM_MatchRewritten(benchmark::State& s) { run(s, &Fixture::rewritten); }
void BM_MatchMisspelled(benchmark::State& s) { run(s, &Fixture::misspelled); }
BENCHMARK(BM_MatchExact)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MatchRewritten)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MatchMisspelled)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

void BM_BuildMatcher(benchmark::State& state) {
    const Fixture f = make(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(model::AddressMatcher(f.entries));
}
BENCHMARK(BM_BuildMatcher)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_Gcj02ToWgs84(benchmark::State& state) {
    double lon = 113.6, lat = 34.7;
    for (auto _ : state) {
        const LonLat w = io::gcj02_to_wgs84({lon, lat});
        benchmark::DoNotOptimize(w);
        lon += 1e-6;
    }
}
BENCHMARK(BM_Gcj02ToWgs84);

void BM_Bd09ToWgs84(benchmark::State& state) {
    double lon = 113.6, lat = 34.7;
    for (auto _ : state) {
        const LonLat w = io::bd09_to_wgs84({lon, lat});
        benchmark::DoNotOptimize(w);
        lon += 1e-6;
    }
}
BENCHMARK(BM_Bd09ToWgs84);

}  // namespace

BENCHMARK_MAIN();
