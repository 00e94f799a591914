// Synthetic Chinese names for people, roads and buildings, and the short
// forms of real names used inside station and site names.
//
//   SyntheticNames names(rng);
//   names.person();   // e.g. "赵丽娟", never repeated within one run
//   names.road();     // e.g. "瑞林路", never repeated within one run
#pragma once

#include <set>
#include <string>

#include "seeded_random.hpp"

namespace stationplan::sample {

/// "体育社区居民居委会" -> "体育社区", "大河村村委会" -> "大河村",
/// "东风路科技市场拟社区" -> unchanged.
std::string community_short_name(const std::string& official_name);

/// "经八路街道" -> "经八路".
std::string street_short_name(const std::string& street_name);

class SyntheticNames {
public:
    explicit SyntheticNames(SeededRandom& rng) : m_rng(&rng) {}

    /// Surname (common ones more likely) plus a one- or two-character given name.
    std::string person();
    /// Two characters plus 路/街/巷; drawn from lists chosen to avoid the
    /// district's well-known real road names.
    std::string road();
    /// Reserves a name built elsewhere; false if it was already used.
    bool reserve(const std::string& name) { return m_used.insert(name).second; }

private:
    SeededRandom* m_rng;
    std::set<std::string> m_used;
};

}  // namespace stationplan::sample
