// The one rule for "within the radius", used by the check, the planners and optimize
// alike, so that a deputy at the boundary is covered or not on every path.
//
//   stationplan::CoverageRule rule{1000.0};
//   rule.covers(1000.0);        // true: a distance equal to the radius is covered
//   rule.covers(1000.0005);     // true: within the tolerance
//   rule.covers(1000.002);      // false
//   rule.reach_m();             // 1000.001: how far a search for covering points must look
#pragma once

namespace stationplan {

struct CoverageRule {
    // Coordinates that went through a reprojection round trip move by micrometres: a
    // distance within this tolerance beyond the radius counts as within it, so such
    // noise never flips a rule. In the units of the distances (metres for districts;
    // an instance file's own unit for optimize).
    static constexpr double kTolerance = 1e-3;

    double radius_m = 1000.0;

    // Inclusive: a distance exactly equal to the radius (or up to kTolerance beyond it)
    // is covered. A NaN distance (no station) is not.
    constexpr bool covers(double distance_m) const { return distance_m <= radius_m + kTolerance; }
    // The largest distance covered: what a range search must include.
    constexpr double reach_m() const { return radius_m + kTolerance; }
};

}  // namespace stationplan
