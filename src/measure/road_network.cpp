// Road graph (Boost.Graph adjacency_list, Dijkstra with a cutoff) and edge snapping
// (Boost.Geometry rtree over segments). See road_network.hpp.
#include "measure/road_network.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/geometries/segment.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <utility>

namespace stationplan::measure {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BSegment = bg::model::segment<BPoint>;
using BBox = bg::model::box<BPoint>;

struct EdgeProps {
    double length_m = 0.0;
    std::int64_t source = -1;   // search edges from the start vertex: the source index
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

struct SegmentRef {
    std::uint32_t edge = 0;
    std::uint32_t segment = 0;
};
using SegmentValue = std::pair<BSegment, SegmentRef>;

struct Projection {
    double t = 0.0;          // 0..1 along the segment
    double distance = 0.0;
    XY at;
};

Projection project(const XY& p, const XY& a, const XY& b) {
    const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    Projection out;
    out.t = t;
    out.at = t == 0.0 ? a : t == 1.0 ? b : XY{a.x_m + t * dx, a.y_m + t * dy};
    out.distance = distance_m(p, out.at);
    return out;
}

double length_of(const geom::Polyline& l) {
    double s = 0.0;
    for (std::size_t i = 1; i < l.size(); ++i) s += distance_m(l[i - 1], l[i]);
    return s;
}

geom::Polyline without_repeats(const geom::Polyline& l) {
    geom::Polyline out;
    for (const auto& p : l)
        if (out.empty() || p.x_m != out.back().x_m || p.y_m != out.back().y_m) out.push_back(p);
    return out;
}

// Joins dangling line ends that stop within `tolerance` of another piece (a
// digitising near-miss, or a touch that rounding hid from the noding): the piece is
// split at the nearest point and a short connector leads there. Works on the noded
// pieces, so every node it makes has exactly one coordinate.
void join_near_misses(std::vector<geom::Polyline>& pieces, double tolerance) {
    if (tolerance <= 0 || pieces.empty()) return;
    std::map<std::pair<double, double>, int> degree;
    for (const auto& p : pieces) {
        ++degree[{p.front().x_m, p.front().y_m}];
        ++degree[{p.back().x_m, p.back().y_m}];
    }
    struct PieceSeg {
        std::uint32_t piece, segment;
    };
    std::vector<std::pair<BSegment, PieceSeg>> values;
    for (std::uint32_t i = 0; i < pieces.size(); ++i)
        for (std::uint32_t k = 0; k + 1 < pieces[i].size(); ++k)
            values.push_back({BSegment(BPoint(pieces[i][k].x_m, pieces[i][k].y_m), BPoint(pieces[i][k + 1].x_m, pieces[i][k + 1].y_m)),
                              {i, k}});
    const bgi::rtree<std::pair<BSegment, PieceSeg>, bgi::quadratic<16>> tree(values.begin(), values.end());

    struct Split {
        std::uint32_t segment;
        double t;
        XY at;
    };
    std::map<std::uint32_t, std::vector<Split>> splits;   // per piece
    std::vector<geom::Polyline> connectors;
    std::set<std::pair<std::pair<double, double>, std::pair<double, double>>> joined;
    for (std::uint32_t i = 0; i < pieces.size(); ++i) {
        for (int end = 0; end < 2; ++end) {
            const XY p = end == 0 ? pieces[i].front() : pieces[i].back();
            if (degree[{p.x_m, p.y_m}] != 1) continue;   // not a dangling end
            const BBox box(BPoint(p.x_m - tolerance, p.y_m - tolerance), BPoint(p.x_m + tolerance, p.y_m + tolerance));
            std::vector<std::pair<BSegment, PieceSeg>> near;
            tree.query(bgi::intersects(box), std::back_inserter(near));
            std::optional<std::tuple<double, std::uint32_t, std::uint32_t>> best;
            Projection best_proj;
            for (const auto& [seg, ref] : near) {
                if (ref.piece == i) continue;
                const Projection pr = project(p, pieces[ref.piece][ref.segment], pieces[ref.piece][ref.segment + 1]);
                if (pr.distance > tolerance) continue;
                const auto key = std::make_tuple(pr.distance, ref.piece, ref.segment);
                if (!best || key < *best) {
                    best = key;
                    best_proj = pr;
                }
            }
            if (!best) continue;
            const auto [dist, piece, segment] = *best;
            const auto& target = pieces[piece];
            const bool at_node = (best_proj.t == 0.0 && segment == 0) || (best_proj.t == 1.0 && segment + 2 == target.size());
            if (!at_node) splits[piece].push_back({segment, best_proj.t, best_proj.at});
            // Two ends that reach for each other get one connector.
            const std::pair<double, double> from{p.x_m, p.y_m}, to{best_proj.at.x_m, best_proj.at.y_m};
            if (from != to && joined.insert(std::minmax(from, to)).second) connectors.push_back({p, best_proj.at});
        }
    }
    for (auto& [piece, cuts] : splits) {
        std::sort(cuts.begin(), cuts.end(), [](const Split& a, const Split& b) { return std::tie(a.segment, a.t) < std::tie(b.segment, b.t); });
        const geom::Polyline line = pieces[piece];
        std::vector<geom::Polyline> parts(1);
        std::size_t c = 0;
        for (std::uint32_t k = 0; k < line.size(); ++k) {
            parts.back().push_back(line[k]);
            for (; c < cuts.size() && cuts[c].segment == k; ++c) {
                parts.back().push_back(cuts[c].at);
                parts.push_back({cuts[c].at});
            }
        }
        pieces[piece] = std::move(parts.front());
        for (std::size_t k = 1; k < parts.size(); ++k) pieces.push_back(std::move(parts[k]));
    }
    for (auto& c : connectors) pieces.push_back(std::move(c));
}

// Stops a Dijkstra run once the next vertex is beyond the cutoff.
struct CutoffReached {};

class SearchVisitor : public boost::default_dijkstra_visitor {
public:
    SearchVisitor(const std::vector<double>* dist, std::vector<std::int64_t>* label, double cutoff)
        : m_dist(dist), m_label(label), m_cutoff(cutoff) {}
    void examine_vertex(Vertex u, const Graph&) const {
        if ((*m_dist)[u] > m_cutoff) throw CutoffReached{};
    }
    void edge_relaxed(boost::graph_traits<Graph>::edge_descriptor e, const Graph& g) const {
        if (!m_label) return;
        const Vertex u = boost::source(e, g), v = boost::target(e, g);
        (*m_label)[v] = g[e].source >= 0 ? g[e].source : (*m_label)[u];
    }

private:
    const std::vector<double>* m_dist;
    std::vector<std::int64_t>* m_label;
    double m_cutoff;
};

}  // namespace

struct RoadNetwork::Impl {
    Graph graph;                       // road nodes 0..n-1, then the search start vertex n
    std::size_t nodes = 0;
    std::vector<geom::Polyline> edges;
    std::vector<std::pair<std::size_t, std::size_t>> ends;   // first and last node of each edge
    std::vector<double> length;
    std::vector<std::vector<double>> cumulative;             // per edge: offset of each vertex
    std::vector<std::size_t> component;                      // per node
    std::size_t components = 0;
    bgi::rtree<SegmentValue, bgi::rstar<16>> segments;
    std::vector<double> dist;
    std::vector<std::int64_t> label;

    Vertex start() const { return static_cast<Vertex>(nodes); }

    // One Dijkstra from the start vertex, whose edges lead to the sources' edge ends.
    void search(const std::vector<SnapPoint>& sources, double cutoff, bool with_labels) {
        boost::clear_out_edges(start(), graph);
        for (std::size_t s = 0; s < sources.size(); ++s) {
            const SnapPoint& sp = sources[s];
            const auto [u, v] = ends[sp.edge];
            boost::add_edge(start(), u, EdgeProps{sp.access_m + sp.offset_m, static_cast<std::int64_t>(s)}, graph);
            boost::add_edge(start(), v, EdgeProps{sp.access_m + (length[sp.edge] - sp.offset_m), static_cast<std::int64_t>(s)}, graph);
        }
        dist.assign(nodes + 1, kUnreached);
        label.assign(nodes + 1, -1);
        SearchVisitor vis(&dist, with_labels ? &label : nullptr, cutoff);
        try {
            boost::dijkstra_shortest_paths(
                graph, start(),
                boost::distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, graph)))
                    .weight_map(boost::get(&EdgeProps::length_m, graph))
                    .visitor(vis));
        } catch (const CutoffReached&) {
        }
        boost::clear_out_edges(start(), graph);
        // Distances above the cutoff may be tentative: treat them as not reached.
        for (auto& d : dist)
            if (d > cutoff) d = kUnreached;
    }

    // Distance to a target from the last search, with the source it came from.
    std::pair<double, std::int64_t> reach(const SnapPoint& t, const std::vector<SnapPoint>& sources) const {
        const auto [u, v] = ends[t.edge];
        std::pair<double, std::int64_t> best{kUnreached, -1};
        auto consider = [&](double d, std::int64_t s) {
            if (s < 0 || !(d < kUnreached)) return;
            if (d < best.first || (d == best.first && s < best.second)) best = {d, s};
        };
        consider(dist[u] + t.access_m + t.offset_m, label[u]);
        consider(dist[v] + t.access_m + (length[t.edge] - t.offset_m), label[v]);
        for (std::size_t s = 0; s < sources.size(); ++s)
            if (sources[s].edge == t.edge)
                consider(sources[s].access_m + t.access_m + std::abs(sources[s].offset_m - t.offset_m),
                         static_cast<std::int64_t>(s));
        return best;
    }
};

RoadNetwork::RoadNetwork(const std::vector<geom::Polyline>& input, const RoadNetworkOptions& options)
    : m_impl(std::make_unique<Impl>()) {
    Impl& m = *m_impl;
    std::vector<geom::Polyline> lines;
    for (const auto& l : input) {
        geom::Polyline clean = without_repeats(l);
        if (clean.size() >= 2) lines.push_back(std::move(clean));
    }
    std::vector<geom::Polyline> pieces = geom::node_lines(lines);
    join_near_misses(pieces, options.snap_tolerance_m);

    // Nodes: piece ends with exactly equal coordinates (GEOS noding gives one
    // coordinate per node). Numbered in order of first appearance.
    std::map<std::pair<double, double>, std::size_t> node_of;
    auto node = [&](const XY& p) {
        auto [it, added] = node_of.emplace(std::make_pair(p.x_m, p.y_m), node_of.size());
        return it->second;
    };
    for (auto& piece : pieces) {
        piece = without_repeats(piece);
        if (piece.size() < 2) continue;
        const double len = length_of(piece);
        if (!(len > 0)) continue;
        const std::size_t u = node(piece.front()), v = node(piece.back());
        std::vector<double> cum(piece.size(), 0.0);
        for (std::size_t k = 1; k < piece.size(); ++k) cum[k] = cum[k - 1] + distance_m(piece[k - 1], piece[k]);
        cum.back() = len;
        m.ends.emplace_back(u, v);
        m.length.push_back(len);
        m.cumulative.push_back(std::move(cum));
        m.edges.push_back(std::move(piece));
    }
    m.nodes = node_of.size();
    for (std::size_t n = 0; n <= m.nodes; ++n) boost::add_vertex(m.graph);
    for (std::size_t e = 0; e < m.edges.size(); ++e) {
        const auto [u, v] = m.ends[e];
        boost::add_edge(u, v, EdgeProps{m.length[e], -1}, m.graph);
        boost::add_edge(v, u, EdgeProps{m.length[e], -1}, m.graph);
    }

    // Connected parts (union-find over the edges).
    std::vector<std::size_t> parent(m.nodes);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (const auto& [u, v] : m.ends) parent[find(u)] = find(v);
    std::map<std::size_t, std::size_t> numbered;
    m.component.resize(m.nodes);
    for (std::size_t n = 0; n < m.nodes; ++n)
        m.component[n] = numbered.emplace(find(n), numbered.size()).first->second;
    m.components = numbered.size();

    std::vector<SegmentValue> values;
    for (std::uint32_t e = 0; e < m.edges.size(); ++e)
        for (std::uint32_t k = 0; k + 1 < m.edges[e].size(); ++k) {
            const XY a = m.edges[e][k], b = m.edges[e][k + 1];
            values.push_back({BSegment(BPoint(a.x_m, a.y_m), BPoint(b.x_m, b.y_m)), {e, k}});
        }
    m.segments = bgi::rtree<SegmentValue, bgi::rstar<16>>(values.begin(), values.end());
}

RoadNetwork::~RoadNetwork() = default;
RoadNetwork::RoadNetwork(RoadNetwork&&) noexcept = default;
RoadNetwork& RoadNetwork::operator=(RoadNetwork&&) noexcept = default;

std::size_t RoadNetwork::node_count() const { return m_impl->nodes; }
std::size_t RoadNetwork::edge_count() const { return m_impl->edges.size(); }
std::size_t RoadNetwork::component_count() const { return m_impl->components; }
double RoadNetwork::total_length_m() const { return std::accumulate(m_impl->length.begin(), m_impl->length.end(), 0.0); }
const geom::Polyline& RoadNetwork::edge_geometry(std::size_t edge) const { return m_impl->edges.at(edge); }
double RoadNetwork::edge_length_m(std::size_t edge) const { return m_impl->length.at(edge); }
std::size_t RoadNetwork::edge_component(std::size_t edge) const { return m_impl->component[m_impl->ends.at(edge).first]; }

std::optional<SnapPoint> RoadNetwork::snap(const XY& p) const {
    const Impl& m = *m_impl;
    if (m.segments.empty()) return std::nullopt;
    // The nearest segment's distance, then every segment within it (plus a hair) so
    // that ties go to the lowest edge and segment, whatever the tree's order.
    std::vector<SegmentValue> hit;
    m.segments.query(bgi::nearest(BPoint(p.x_m, p.y_m), 1), std::back_inserter(hit));
    const XY a0 = m.edges[hit[0].second.edge][hit[0].second.segment];
    const XY b0 = m.edges[hit[0].second.edge][hit[0].second.segment + 1];
    const double r = project(p, a0, b0).distance * (1 + 1e-12) + 1e-9;
    hit.clear();
    m.segments.query(bgi::intersects(BBox(BPoint(p.x_m - r, p.y_m - r), BPoint(p.x_m + r, p.y_m + r))),
                     std::back_inserter(hit));
    std::optional<std::tuple<double, std::uint32_t, std::uint32_t>> best;
    SnapPoint out;
    for (const auto& [seg, ref] : hit) {
        const XY a = m.edges[ref.edge][ref.segment], b = m.edges[ref.edge][ref.segment + 1];
        const Projection pr = project(p, a, b);
        const auto key = std::make_tuple(pr.distance, ref.edge, ref.segment);
        if (best && !(key < *best)) continue;
        best = key;
        out.edge = ref.edge;
        out.access_m = pr.distance;
        out.at = pr.at;
        const auto& cum = m.cumulative[ref.edge];
        out.offset_m = pr.t == 1.0 ? cum[ref.segment + 1] : cum[ref.segment] + pr.t * (cum[ref.segment + 1] - cum[ref.segment]);
    }
    return out;
}

std::vector<WalkHit> RoadNetwork::nearest_sources(const std::vector<SnapPoint>& sources,
                                                  const std::vector<SnapPoint>& targets, double cutoff_m) {
    Impl& m = *m_impl;
    std::vector<WalkHit> out(targets.size());
    if (sources.empty()) return out;
    m.search(sources, cutoff_m, true);
    std::vector<char> source_component(m.components, 0);
    for (const auto& s : sources) source_component[m.component[m.ends[s.edge].first]] = 1;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto [d, s] = m.reach(targets[i], sources);
        WalkHit& h = out[i];
        if (s >= 0 && d <= cutoff_m) {
            h.distance_m = d;
            h.source = static_cast<std::size_t>(s);
            h.status = WalkStatus::Reached;
        } else {
            h.status = source_component[m.component[m.ends[targets[i].edge].first]] ? WalkStatus::BeyondCutoff
                                                                                     : WalkStatus::Unreachable;
        }
    }
    return out;
}

std::vector<double> RoadNetwork::distances_from(const SnapPoint& source, const std::vector<SnapPoint>& targets,
                                                const std::vector<std::size_t>& which, double cutoff_m) {
    Impl& m = *m_impl;
    const std::vector<SnapPoint> sources{source};
    m.search(sources, cutoff_m, true);
    std::vector<double> out;
    out.reserve(which.size());
    for (std::size_t i : which) {
        const double d = m.reach(targets[i], sources).first;
        out.push_back(d <= cutoff_m ? d : kUnreached);
    }
    return out;
}

namespace {

// The part of a polyline between two offsets (a < b), given its cumulative offsets.
geom::Polyline sub_line(const geom::Polyline& l, const std::vector<double>& cum, double a, double b) {
    auto at = [&](double s) {
        const std::size_t k = static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.end(), s) - cum.begin());
        const std::size_t i = std::clamp<std::size_t>(k, 1, l.size() - 1);
        const double seg = cum[i] - cum[i - 1];
        const double t = seg > 0 ? std::clamp((s - cum[i - 1]) / seg, 0.0, 1.0) : 0.0;
        return std::make_pair(i, XY{l[i - 1].x_m + t * (l[i].x_m - l[i - 1].x_m), l[i - 1].y_m + t * (l[i].y_m - l[i - 1].y_m)});
    };
    const auto [ia, pa] = at(a);
    const auto [ib, pb] = at(b);
    geom::Polyline out{pa};
    for (std::size_t k = ia; k < ib; ++k) out.push_back(l[k]);
    out.push_back(pb);
    return without_repeats(out);
}

}  // namespace

std::vector<RoadNetwork::Piece> RoadNetwork::reachable_pieces(const SnapPoint& source, double radius_m, double max_piece_m) {
    Impl& m = *m_impl;
    m.search({source}, radius_m, false);
    std::vector<Piece> out;
    // A stretch [a, b] of edge e walked from offset `from` (distance d0 there),
    // cut into pieces of at most max_piece_m.
    auto add = [&](std::size_t e, double from, double to, double d0) {
        const double len = std::abs(to - from);
        if (!(len > 0)) return;
        const std::size_t n = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(len / max_piece_m)));
        for (std::size_t k = 0; k < n; ++k) {
            const double s0 = from + (to - from) * static_cast<double>(k) / static_cast<double>(n);
            const double s1 = from + (to - from) * static_cast<double>(k + 1) / static_cast<double>(n);
            Piece p;
            p.line = sub_line(m.edges[e], m.cumulative[e], std::min(s0, s1), std::max(s0, s1));
            if (s0 > s1) std::reverse(p.line.begin(), p.line.end());
            p.from_m = d0 + std::abs(s0 - from);
            p.to_m = d0 + std::abs(s1 - from);
            if (p.line.size() >= 2) out.push_back(std::move(p));
        }
    };
    for (std::size_t e = 0; e < m.edges.size(); ++e) {
        const auto [u, v] = m.ends[e];
        const double L = m.length[e], du = m.dist[u], dv = m.dist[v];
        if (!(du < radius_m) && !(dv < radius_m)) continue;
        // Walked in from both ends, the edge is split where the two walks meet, so
        // that no stretch is laid twice.
        const double meet = !(dv < kUnreached) ? L : !(du < kUnreached) ? 0.0 : std::clamp((dv + L - du) / 2.0, 0.0, L);
        if (du < radius_m) add(e, 0.0, std::min(meet, radius_m - du), du);
        if (dv < radius_m) add(e, L, std::max(meet, L - (radius_m - dv)), dv);
    }
    const double left = radius_m - source.access_m;
    if (left > 0) {
        const double L = m.length[source.edge];
        add(source.edge, source.offset_m, std::min(L, source.offset_m + left), source.access_m);
        add(source.edge, source.offset_m, std::max(0.0, source.offset_m - left), source.access_m);
    }
    return out;
}

geom::Geometry walk_service_area(RoadNetwork& network, const SnapPoint& source, double radius_m, int quadrant_segments,
                                 double max_access_m, double max_piece_m) {
    std::vector<geom::Geometry> parts;
    for (const auto& piece : network.reachable_pieces(source, radius_m, max_piece_m)) {
        const double left = std::min(max_access_m, radius_m - std::max(piece.from_m, piece.to_m));
        if (left <= 0) continue;
        parts.push_back(geom::buffer(geom::line_string(piece.line), left, quadrant_segments));
    }
    return geom::unary_union(std::move(parts));
}

double walk_distance_brute_force(const RoadNetwork& network, const SnapPoint& a, const SnapPoint& b) {
    const std::size_t n = network.node_count();
    std::vector<std::pair<std::size_t, std::size_t>> ends(network.edge_count());
    // Recover each edge's end nodes by coordinates (the slow way on purpose).
    std::map<std::pair<double, double>, std::size_t> node_of;
    for (std::size_t e = 0; e < network.edge_count(); ++e) {
        const auto& g = network.edge_geometry(e);
        auto id = [&](const XY& p) { return node_of.emplace(std::make_pair(p.x_m, p.y_m), node_of.size()).first->second; };
        ends[e] = {id(g.front()), id(g.back())};
    }
    std::vector<double> d(std::max(n, node_of.size()), kUnreached);
    const double La = network.edge_length_m(a.edge), Lb = network.edge_length_m(b.edge);
    d[ends[a.edge].first] = a.access_m + a.offset_m;
    d[ends[a.edge].second] = std::min(d[ends[a.edge].second], a.access_m + (La - a.offset_m));
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t e = 0; e < ends.size(); ++e) {
            const auto [u, v] = ends[e];
            const double L = network.edge_length_m(e);
            if (d[u] + L < d[v]) d[v] = d[u] + L, changed = true;
            if (d[v] + L < d[u]) d[u] = d[v] + L, changed = true;
        }
    }
    double best = std::min(d[ends[b.edge].first] + b.access_m + b.offset_m,
                           d[ends[b.edge].second] + b.access_m + (Lb - b.offset_m));
    if (a.edge == b.edge) best = std::min(best, a.access_m + b.access_m + std::abs(a.offset_m - b.offset_m));
    return best;
}

}  // namespace stationplan::measure
