// A synthetic walking network for the sample (layer `roads`): a street grid whose
// arterials (every fourth line) run north-south and east-west, local streets between
// them with some stretches missing (dead ends and blocks without a through way), a
// river across the district that only a few arterials bridge, and one elevated
// expressway that is not walkable. Everything here is invented; it exists so that
// walking and straight-line distances differ where they would in a real city.
//
// Drawn from its own random stream (RandomStream::road_network), so the other
// layers do not move.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sample_builder.hpp"

namespace stationplan::sample {

namespace {

constexpr double kLineSpacing_m = 260.0;     // local streets
constexpr int kArterialEvery = 4;            // every fourth grid line is an arterial
constexpr double kLocalKeep = 0.86;          // share of local street stretches that exist
constexpr double kRiverHalfWidth_m = 30.0;
constexpr double kRiverStep_m = 400.0;
constexpr int kBridgeEvery = 3;              // every third north-south arterial bridges the river

struct GridLine {
    double at = 0.0;      // x for north-south lines, y for east-west lines, at the grid's origin
    double tilt = 0.0;    // metres of shift per metre along the line
    bool arterial = false;
    std::string name;
};

}  // namespace

void build_roads(BuildContext& context, Sample& sample) {
    const Geos& geos = context.geos;
    SeededRandom rng(context.seed, RandomStream::road_network);
    SyntheticNames names(rng);
    for (const auto& street : context.street_roads)
        for (const auto& n : street) names.reserve(n);

    const Bounds b = geos.bounds(*sample.district.area);
    const double x0 = b.xmin - 100.0, x1 = b.xmax + 100.0;
    const double y0 = b.ymin - 100.0, y1 = b.ymax + 100.0;

    auto make_lines = [&](double from, double to) {
        std::vector<GridLine> lines;
        int k = 0;
        for (double v = from + rng.uniform(0.0, kLineSpacing_m); v < to; v += kLineSpacing_m * rng.uniform(0.8, 1.2), ++k) {
            GridLine g;
            g.at = v;
            g.tilt = rng.uniform(-0.03, 0.03);
            g.arterial = k % kArterialEvery == 0;
            lines.push_back(g);
        }
        return lines;
    };
    std::vector<GridLine> ns = make_lines(x0, x1);   // x = at + tilt * (y - y0)
    std::vector<GridLine> ew = make_lines(y0, y1);   // y = at + tilt * (x - x0)
    for (auto& g : ns) g.name = names.road();
    for (auto& g : ew) g.name = names.road();

    // Crossing of north-south line a and east-west line c.
    auto crossing = [&](const GridLine& a, const GridLine& c) {
        // x = a.at + a.tilt (y - y0), y = c.at + c.tilt (x - x0)
        const double y = (c.at + c.tilt * (a.at - a.tilt * y0 - x0)) / (1.0 - c.tilt * a.tilt);
        return XY{a.at + a.tilt * (y - y0), y};
    };

    // The river: west to east across the middle third, meandering by random steps.
    std::vector<XY> river;
    double ry = b.ymin + (b.ymax - b.ymin) * rng.uniform(0.4, 0.6);
    for (double x = x0 - 500.0; x <= x1 + 500.0; x += kRiverStep_m) {
        river.push_back({x, ry});
        ry += rng.uniform(-120.0, 120.0);
    }
    const Geom river_line = geos.linestring(river);
    const Geom river_band = geos.buffer(*river_line, kRiverHalfWidth_m, 8);
    const Geom district = geos.buffer(*sample.district.area, 30.0, 8);

    std::size_t next_id = 1;
    auto emit = [&](const std::vector<XY>& run, const GridLine& line, bool bridged) {
        if (run.size() < 2) return;
        Geom g = geos.linestring(run);
        if (!bridged) g = geos.difference(*g, *river_band);
        g = geos.intersection(*g, *district);
        if (geos.is_empty(*g) || geos.length(*g) < 1.0) return;
        Road r;
        r.id = fmt::format("R{:04d}", next_id++);
        r.name = line.name;
        r.highway = line.arterial ? "primary" : "residential";
        r.bridge = bridged && geos.distance(*g, *river_line) == 0.0;
        r.line = std::move(g);
        sample.roads.push_back(std::move(r));
    };
    // Each grid line is cut at its crossings; a local stretch between two crossings
    // exists with probability kLocalKeep. Runs of kept stretches become one way each.
    auto lay = [&](const GridLine& line, std::vector<XY> points, bool bridged) {
        std::vector<XY> run;
        for (std::size_t k = 0; k + 1 < points.size(); ++k) {
            const bool keep = line.arterial || rng.chance(kLocalKeep);
            if (keep) {
                if (run.empty()) run.push_back(points[k]);
                run.push_back(points[k + 1]);
            } else {
                emit(run, line, bridged);
                run.clear();
            }
        }
        emit(run, line, bridged);
    };
    int ns_arterial = 0;
    for (const auto& a : ns) {
        std::vector<XY> points{XY{a.at, y0}};
        for (const auto& c : ew) points.push_back(crossing(a, c));
        points.push_back({a.at + a.tilt * (y1 - y0), y1});
        const bool bridged = a.arterial && (ns_arterial++ % kBridgeEvery == 0);
        lay(a, std::move(points), bridged);
    }
    for (const auto& c : ew) {
        std::vector<XY> points{XY{x0, c.at}};
        for (const auto& a : ns) points.push_back(crossing(a, c));
        points.push_back({x1, c.at + c.tilt * (x1 - x0)});
        lay(c, std::move(points), false);
    }

    // One elevated expressway, north-south, not walkable (crosses everything).
    const double ex = b.xmin + (b.xmax - b.xmin) * rng.uniform(0.55, 0.75);
    Geom expressway = geos.intersection(*geos.linestring({{ex, y0}, {ex + rng.uniform(-300.0, 300.0), y1}}), *district);
    if (!geos.is_empty(*expressway)) {
        Road r;
        r.id = fmt::format("R{:04d}", next_id++);
        r.name = names.road() + "高架";
        r.highway = "motorway";
        r.bridge = false;
        r.line = std::move(expressway);
        sample.roads.push_back(std::move(r));
    }
    sample.river = geos.clone(*river_line);
    if (sample.roads.size() < 100) throw std::runtime_error("roads: the network came out too small");
}

}  // namespace stationplan::sample
