// The enumerations of stationplan's public API and their text forms, in one place:
// the words the scenario files, the command line and every output (summary.json,
// the CSV tables, suggestions.json ...) use for them.
//
//   stationplan::to_string(stationplan::SolveStatus::TimeLimit);   // "time_limit"
//   stationplan::parse_report_lang("en");                          // ReportLang::En
#pragma once

#include <optional>
#include <string_view>

namespace stationplan {

enum class StationKind { Street, Community, Industry };

enum class RuleId { R1, R2, R3, R4, R5, R6, R7 };

// What planning may do with an existing station.
enum class StationStatus { Fixed, Closable, Movable };

// How R1 and the planning models measure a deputy's distance to a station.
enum class DistanceMode {
    Euclidean,   // straight line in the working CRS
    Network,     // on foot along the roads layer (access legs + shortest path)
};

// How a solve ended: proven optimal, a solution without proof, proven infeasible, or
// stopped by the time limit (with or without a solution).
enum class SolveStatus { Optimal, Feasible, Infeasible, TimeLimit };

enum class SuggestModel {
    Lscp,         // fewest new stations so that every deputy is within the radius
    Mclp,         // `add` new stations covering the most deputies (weighted by level)
    Capacitated,  // fewest new stations so that every deputy is within the radius of a
                  // community station with room, every load within its range
};

// What rebalance does to an existing community station.
enum class StationChangeKind { Close, Move };

enum class ReportLang { Zh, En };

// The models `optimize` solves on one instance file (stationplan/optimize.hpp).
enum class OptimizeModel { Lscp, Mclp, PMedian, PCenter, Scp, Capmed };

constexpr const char* to_string(StationKind k) {
    switch (k) {
        case StationKind::Street: return "street";
        case StationKind::Community: return "community";
        case StationKind::Industry: return "industry";
    }
    return "?";
}

constexpr const char* to_string(RuleId r) {
    switch (r) {
        case RuleId::R1: return "R1";
        case RuleId::R2: return "R2";
        case RuleId::R3: return "R3";
        case RuleId::R4: return "R4";
        case RuleId::R5: return "R5";
        case RuleId::R6: return "R6";
        case RuleId::R7: return "R7";
    }
    return "?";
}

constexpr const char* to_string(StationStatus s) {
    switch (s) {
        case StationStatus::Fixed: return "fixed";
        case StationStatus::Closable: return "closable";
        case StationStatus::Movable: return "movable";
    }
    return "?";
}

constexpr const char* to_string(DistanceMode m) { return m == DistanceMode::Network ? "network" : "euclidean"; }

constexpr const char* to_string(SolveStatus s) {
    switch (s) {
        case SolveStatus::Optimal: return "optimal";
        case SolveStatus::Feasible: return "feasible";
        case SolveStatus::Infeasible: return "infeasible";
        case SolveStatus::TimeLimit: return "time_limit";
    }
    return "?";
}

constexpr const char* to_string(SuggestModel m) {
    switch (m) {
        case SuggestModel::Lscp: return "lscp";
        case SuggestModel::Mclp: return "mclp";
        case SuggestModel::Capacitated: return "capacitated";
    }
    return "?";
}

constexpr const char* to_string(StationChangeKind k) { return k == StationChangeKind::Close ? "close" : "move"; }

constexpr const char* to_string(ReportLang l) { return l == ReportLang::En ? "en" : "zh"; }

constexpr const char* to_string(OptimizeModel m) {
    switch (m) {
        case OptimizeModel::Lscp: return "lscp";
        case OptimizeModel::Mclp: return "mclp";
        case OptimizeModel::PMedian: return "pmedian";
        case OptimizeModel::PCenter: return "pcenter";
        case OptimizeModel::Scp: return "scp";
        case OptimizeModel::Capmed: return "capmed";
    }
    return "?";
}

// The text forms read back; nullopt for any other text.
constexpr std::optional<DistanceMode> parse_distance_mode(std::string_view s) {
    if (s == "euclidean") return DistanceMode::Euclidean;
    if (s == "network") return DistanceMode::Network;
    return std::nullopt;
}
constexpr std::optional<SuggestModel> parse_suggest_model(std::string_view s) {
    if (s == "lscp") return SuggestModel::Lscp;
    if (s == "mclp") return SuggestModel::Mclp;
    if (s == "capacitated") return SuggestModel::Capacitated;
    return std::nullopt;
}
constexpr std::optional<OptimizeModel> parse_optimize_model(std::string_view s) {
    for (OptimizeModel m : {OptimizeModel::Lscp, OptimizeModel::Mclp, OptimizeModel::PMedian, OptimizeModel::PCenter,
                            OptimizeModel::Scp, OptimizeModel::Capmed})
        if (s == to_string(m)) return m;
    return std::nullopt;
}
constexpr std::optional<ReportLang> parse_report_lang(std::string_view s) {
    if (s == "zh") return ReportLang::Zh;
    if (s == "en") return ReportLang::En;
    return std::nullopt;
}

}  // namespace stationplan
