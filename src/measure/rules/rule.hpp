// The check as a table of rules: one function per rule (rules/r1_radius.cpp ...
// r7_topology.cpp), each reading the district, the scenario and the measurement and
// returning its outcome. measure_district() computes the measures once and then runs
// the scenario's rules from the table; a live review can rerun one rule after an
// edit.
//
//   const measure::RuleInputs in{district, scenario, measurement};
//   RuleOutcome r1 = measure::run_rule(RuleId::R1, in);
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "measure/measurement.hpp"
#include "model/district.hpp"
#include "stationplan/check.hpp"

namespace stationplan::measure {

// What every rule reads, with the id lookups several of them need.
class RuleInputs {
public:
    RuleInputs(const model::District& district, const Scenario& scenario, const Measurement& measurement);

    const model::District& district;
    const Scenario& scenario;
    const Measurement& m;

    // Index of the street / community / station with this id, or nullopt.
    std::optional<std::size_t> street(const std::string& id) const { return find(m_streets, id); }
    std::optional<std::size_t> community(const std::string& id) const { return find(m_communities, id); }
    std::optional<std::size_t> station(const std::string& id) const { return find(m_stations, id); }
    // The radius as the rules print it ("1000").
    std::string radius_text() const { return fmt::format("{:g}", scenario.radius_m); }

private:
    using Index = std::unordered_map<std::string, std::size_t>;
    static std::optional<std::size_t> find(const Index& index, const std::string& id) {
        const auto it = index.find(id);
        return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    Index m_streets, m_communities, m_stations;
};

// summary.json lists at most this many violation lines per rule; the count is exact
// and the per-record CSVs hold every case.
constexpr std::size_t kListedViolations = 1000;

// Collects one rule's violations: counts every one, formats only those it lists.
class RuleBuilder {
public:
    RuleBuilder(RuleId id, std::string title) {
        m_rule.id = id;
        m_rule.title = std::move(title);
    }
    template <typename... Args>
    void violation(fmt::format_string<Args...> f, Args&&... args) {
        ++m_rule.violation_count;
        if (m_rule.violations.size() < kListedViolations) m_rule.violations.push_back(fmt::format(f, std::forward<Args>(args)...));
    }
    void add_lines(const std::vector<std::string>& lines) {
        for (const auto& l : lines) violation("{}", l);
    }
    RuleOutcome finish() {
        m_rule.holds = m_rule.violation_count == 0;
        return std::move(m_rule);
    }

private:
    RuleOutcome m_rule;
};

// "甲网格 (G1)", or the id alone when the area has no name.
std::string name_or_id(const model::Area& a);

// The rules, one each (rules/rN_*.cpp).
RuleOutcome check_radius(const RuleInputs& in);            // R1
RuleOutcome check_community_reach(const RuleInputs& in);   // R2
RuleOutcome check_capacity(const RuleInputs& in);          // R3
RuleOutcome check_grids(const RuleInputs& in);             // R4
RuleOutcome check_street_stations(const RuleInputs& in);   // R5
RuleOutcome check_industry(const RuleInputs& in);          // R6
RuleOutcome check_integrity(const RuleInputs& in);         // R7

// The table: each rule's function (rules/table.cpp).
RuleOutcome run_rule(RuleId id, const RuleInputs& in);

}  // namespace stationplan::measure
