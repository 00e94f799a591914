#include "measure/spatial_index.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace stationplan::measure {
namespace {

using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgBox = bg::model::box<BgPoint>;
using PointValue = std::pair<BgPoint, std::size_t>;
using BoxValue = std::pair<BgBox, std::size_t>;
// rstar with 16 entries per node: the fastest of the packed trees we measured for
// nearest queries over station sets (see bench/).
using Params = bgi::rstar<16>;

BgPoint to_bg(const XY& p) { return {p.x_m, p.y_m}; }
// Distances reported to callers use the one formula of stationplan::distance_m.
double dist(const BgPoint& a, const BgPoint& b) { return distance_m(XY{a.get<0>(), a.get<1>()}, XY{b.get<0>(), b.get<1>()}); }

}  // namespace

struct PointIndex::Impl {
    bgi::rtree<PointValue, Params> tree;
};

PointIndex::PointIndex(const std::vector<XY>& points) : m_impl(std::make_unique<Impl>()) {
    std::vector<PointValue> values;
    values.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) values.emplace_back(to_bg(points[i]), i);
    m_impl->tree = bgi::rtree<PointValue, Params>(values);  // packing (STR) constructor: deterministic
}
PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

bool PointIndex::empty() const { return m_impl->tree.empty(); }

std::optional<NearestHit> PointIndex::nearest(const XY& p) const {
    const BgPoint q = to_bg(p);
    // Two nearest: when the second is farther, the first is the unique answer (the
    // common case). On a tie, fall back to every point at that distance.
    PointValue found[2];
    const std::size_t n = m_impl->tree.query(bgi::nearest(q, 2), found);
    if (n == 0) return std::nullopt;
    // The rtree returns the k nearest in no particular order.
    double d0 = dist(q, found[0].first);
    if (n == 1) return NearestHit{found[0].second, d0};
    double d1 = dist(q, found[1].first);
    if (d1 < d0) {
        std::swap(found[0], found[1]);
        std::swap(d0, d1);
    }
    if (d1 > d0) return NearestHit{found[0].second, d0};
    // A tie: every point at that distance, in increasing distance order, lowest index wins.
    NearestHit best{found[0].second, d0};
    for (auto it = m_impl->tree.qbegin(bgi::nearest(q, static_cast<unsigned>(m_impl->tree.size())));
         it != m_impl->tree.qend(); ++it) {
        const double d = dist(q, it->first);
        if (d > d0) break;
        if (it->second < best.index) best.index = it->second;
    }
    return best;
}

std::vector<std::size_t> PointIndex::within(const XY& p, double radius_m) const {
    const BgPoint q = to_bg(p);
    const BgBox box({p.x_m - radius_m, p.y_m - radius_m}, {p.x_m + radius_m, p.y_m + radius_m});
    std::vector<std::size_t> out;
    m_impl->tree.query(bgi::intersects(box) && bgi::satisfies([&](const PointValue& v) {
                           return dist(q, v.first) <= radius_m;
                       }),
                       boost::iterators::make_function_output_iterator([&](const PointValue& v) { out.push_back(v.second); }));
    std::sort(out.begin(), out.end());
    return out;
}

struct GrowingPointSet::Impl {
    bgi::rtree<BgPoint, bgi::quadratic<16>> tree;
};
GrowingPointSet::GrowingPointSet() : m_impl(std::make_unique<Impl>()) {}
GrowingPointSet::~GrowingPointSet() = default;
void GrowingPointSet::insert(const XY& p) { m_impl->tree.insert(to_bg(p)); }
bool GrowingPointSet::any_within(const XY& p, double radius_m) const {
    const BgPoint q = to_bg(p);
    const BgBox box({p.x_m - radius_m, p.y_m - radius_m}, {p.x_m + radius_m, p.y_m + radius_m});
    for (auto it = m_impl->tree.qbegin(bgi::intersects(box)); it != m_impl->tree.qend(); ++it)
        if (dist(q, *it) <= radius_m) return true;
    return false;
}

std::optional<NearestHit> nearest_brute_force(const std::vector<XY>& points, const XY& p) {
    std::optional<NearestHit> best;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double d = distance_m(points[i], p);
        if (!best || d < best->distance_m) best = NearestHit{i, d};
    }
    return best;
}

struct AreaLocator::Impl {
    bgi::rtree<BoxValue, Params> tree;
    std::vector<const geom::Geometry*> areas;
    std::vector<geom::PreparedGeometry> prepared;
    double tolerance_m = 0.0;
};

AreaLocator::AreaLocator(const std::vector<const geom::Geometry*>& areas, double tolerance_m)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->areas = areas;
    m_impl->tolerance_m = tolerance_m;
    std::vector<BoxValue> boxes;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const geom::Envelope e = areas[i]->envelope();
        m_impl->prepared.emplace_back(*areas[i]);
        // GEOS builds a prepared geometry's point index on first use; build it now so
        // that locate() only reads shared state and may run on several threads.
        m_impl->prepared.back().covers({e.min_x, e.min_y});
        if (!e.empty) boxes.emplace_back(BgBox({e.min_x, e.min_y}, {e.max_x, e.max_y}), i);
    }
    m_impl->tree = bgi::rtree<BoxValue, Params>(boxes);
}
AreaLocator::~AreaLocator() = default;
AreaLocator::AreaLocator(AreaLocator&&) noexcept = default;
AreaLocator& AreaLocator::operator=(AreaLocator&&) noexcept = default;

std::optional<std::size_t> AreaLocator::locate(const XY& p) const {
    std::optional<std::size_t> best;
    m_impl->tree.query(bgi::intersects(to_bg(p)), boost::iterators::make_function_output_iterator([&](const BoxValue& v) {
                           if ((!best || v.second < *best) && m_impl->prepared[v.second].covers(p)) best = v.second;
                       }));
    if (best || m_impl->tolerance_m <= 0.0) return best;
    const double t = m_impl->tolerance_m;
    const BgBox near({p.x_m - t, p.y_m - t}, {p.x_m + t, p.y_m + t});
    m_impl->tree.query(bgi::intersects(near), boost::iterators::make_function_output_iterator([&](const BoxValue& v) {
                           if ((!best || v.second < *best) && geom::distance_m(*m_impl->areas[v.second], p) <= t)
                               best = v.second;
                       }));
    return best;
}

std::vector<std::size_t> AreaLocator::candidates(const geom::Envelope& e) const {
    std::vector<std::size_t> out;
    if (e.empty) return out;
    m_impl->tree.query(bgi::intersects(BgBox({e.min_x, e.min_y}, {e.max_x, e.max_y})),
                       boost::iterators::make_function_output_iterator([&](const BoxValue& v) { out.push_back(v.second); }));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace stationplan::measure
