// Reproducible random numbers for the sample generator.
//
// std::mt19937_64's output sequence is fixed by the C++ standard, but the
// std::uniform_*_distribution classes are implementation-defined, so two
// standard libraries can turn the same engine output into different numbers.
// Every derived value here is computed from the raw 64-bit output instead, so
// the generated files depend only on the seed.
//
//   SeededRandom rng(20191017, RandomStream::streets);
//   double u = rng.uniform();            // [0, 1)
//   std::size_t i = rng.index(17);       // 0..16
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace stationplan::sample {

/// One independent stream per generation stage, so that changing how (say)
/// deputies are placed does not move a single street boundary.
enum class RandomStream : std::uint64_t {
    streets = 1,
    communities = 2,
    grids = 3,
    stations = 4,
    deputies = 5,
    people_names = 6,
    candidate_sites = 7,
    road_names = 8,
    road_network = 20,   // the roads layer (build_roads.cpp)
    geocoding = 21,      // gazetteer and text-only deputies (geocode_sample.cpp)
};

class SeededRandom {
public:
    SeededRandom(std::uint64_t seed, RandomStream stream)
        : m_engine(mix(seed, static_cast<std::uint64_t>(stream))) {}

    /// Uniform in [0, 1): the top 53 bits of one engine output.
    double uniform() { return static_cast<double>(m_engine() >> 11U) * 0x1.0p-53; }

    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    /// Uniform index in [0, n); n must be positive.
    std::size_t index(std::size_t n) {
        const auto i = static_cast<std::size_t>(uniform() * static_cast<double>(n));
        return i < n ? i : n - 1;
    }

    /// Uniform integer in [lo, hi] (inclusive).
    int integer(int lo, int hi) {
        return lo + static_cast<int>(index(static_cast<std::size_t>(hi - lo + 1)));
    }

    bool chance(double probability) { return uniform() < probability; }

    /// Fisher-Yates shuffle driven by index(), unlike std::shuffle whose
    /// algorithm is unspecified.
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            std::swap(items[i - 1], items[index(i)]);
        }
    }

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[index(items.size())];
    }

private:
    // splitmix64 finaliser: decorrelates the per-stream engine seeds.
    static std::uint64_t mix(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t z = seed + stream * 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }

    std::mt19937_64 m_engine;
};

}  // namespace stationplan::sample
