// The parallel deputy loop (measure_district splits the deputies over the cores
// from 10,000 on) against a brute-force twin: 20,000 seeded deputies, 36 stations,
// every deputy's nearest station, distance and coverage recomputed by a plain loop.
// Its name starts with "Threaded": ctest labels it "threads", and the ThreadSanitizer
// run (scripts/test.sh --tsan) runs it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "measure/measurement.hpp"
#include "support/faux_district.hpp"

namespace stationplan::measure {
namespace {

TEST(ThreadedMeasure, TwentyThousandDeputiesMatchABruteForce) {
    const char* square = "POLYGON ((0 0, 12000 0, 12000 12000, 0 12000, 0 0))";
    test::FauxDistrict f;
    f.street("A", square).community("A1", "A", square).grid("G1", "A", square);
    f.station("SA", StationKind::Street, {6000, 6000}, "A");
    int k = 0;
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j)
            if (i != 3 || j != 3)  // (6000, 6000) holds the street station
                f.station("C" + std::to_string(k++), StationKind::Community, {1000.0 + 2000.0 * i, 1000.0 + 2000.0 * j}, "A",
                          "A1", "", 0, 100000);
    std::mt19937_64 rng(20261206);
    std::uniform_real_distribution<double> u(0.0, 12000.0);
    constexpr std::size_t kDeputies = 20000;
    for (std::size_t i = 0; i < kDeputies; ++i) f.deputy("d" + std::to_string(i), {u(rng), u(rng)}, "C0");
    const model::District d = f.build();
    const Measurement m = measure_district(d, f.scenario(1000.0));
    ASSERT_EQ(m.deputies.size(), kDeputies);

    std::size_t covered = 0;
    for (std::size_t i = 0; i < kDeputies; ++i) {
        const XY p = d.deputies[i].position;
        double best = std::numeric_limits<double>::infinity();
        std::size_t best_j = 0;
        for (std::size_t j = 0; j < d.stations.size(); ++j) {
            const double dist = std::hypot(p.x_m - d.stations[j].position.x_m, p.y_m - d.stations[j].position.y_m);
            if (dist < best) best = dist, best_j = j;
        }
        const DeputyMeasure& dm = m.deputies[i];
        ASSERT_TRUE(dm.nearest.has_value()) << d.deputies[i].id;
        EXPECT_NEAR(dm.nearest_distance_m, best, 1e-9) << d.deputies[i].id;
        // Ties between stations are possible only on a measure-zero set; the seed has none.
        EXPECT_EQ(*dm.nearest, best_j) << d.deputies[i].id;
        EXPECT_EQ(dm.covered, best <= 1000.0 + 1e-3) << d.deputies[i].id;
        EXPECT_EQ(dm.community, std::optional<std::size_t>(0));
        covered += best <= 1000.0 + 1e-3 ? 1 : 0;
    }
    EXPECT_EQ(m.covered_deputies, covered);
    // 36 disks of 1 km around points 2 km apart cover pi/4 of the square (a seeded
    // count, so exact): the figure is stable and far from both 0 and 20,000.
    EXPECT_GT(covered, 15000u);
    EXPECT_LT(covered, 16500u);
}

}  // namespace
}  // namespace stationplan::measure
