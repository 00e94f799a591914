// One planning model on one instance file, the engine alone (no district): for power
// users and the benchmarks in bench/.
//
//   stationplan::OptimizeOptions o;
//   o.model = stationplan::OptimizeModel::PMedian;
//   o.input = stationplan::OptimizeInput::OrlibPmed;
//   o.file = "pmed1.txt";
//   const stationplan::OptimizeOutcome r = stationplan::optimize(o);
//   r.objective;  // 5819, recomputed from r.selected by independent code
//
// Inputs: demand and site points (CSV, x,y[,weight] in metres), a cost matrix (CSV),
// OR-Library pmed, scp and pmedcap files, Lorena-Senne SJC files. The objective the
// solver reports is recomputed from the chosen sites by code that shares nothing with
// the solvers; a difference throws ObjectiveCheckError (a bug, never an input error).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "stationplan/enums.hpp"

namespace stationplan {

enum class OptimizeInput { Points, CostMatrix, OrlibPmed, OrlibScp, OrlibCapmed, Sjc };

// The command-line option that gives each input kind (messages name inputs by it).
constexpr const char* option_name(OptimizeInput i) {
    switch (i) {
        case OptimizeInput::Points: return "--demand/--sites";
        case OptimizeInput::CostMatrix: return "--cost-matrix";
        case OptimizeInput::OrlibPmed: return "--orlib-pmed";
        case OptimizeInput::OrlibScp: return "--orlib-scp";
        case OptimizeInput::OrlibCapmed: return "--orlib-capmed";
        case OptimizeInput::Sjc: return "--sjc";
    }
    return "?";
}

struct OptimizeOptions {
    OptimizeModel model = OptimizeModel::Lscp;
    OptimizeInput input = OptimizeInput::Points;
    std::filesystem::path demand_csv, sites_csv;  // OptimizeInput::Points
    std::filesystem::path file;                   // every other input
    // lscp/mclp on CSV inputs: a site covers a demand within it (stationplan/coverage_rule.hpp;
    // metres, cost units for a cost matrix). Required there, ignored elsewhere.
    std::optional<double> radius;
    std::optional<std::size_t> p;  // pmedian/pcenter: sites to open; default the file's p (OR-Library pmed)
    std::size_t k = 0;             // mclp: sites to open
    int instance = 0;              // OrlibCapmed: 1-based instance in the file
    double time_limit_s = 60.0;    // the whole solve, on the clock
};

struct OptimizeOutcome {
    OptimizeModel model = OptimizeModel::Lscp;
    std::string instance;                 // file name(s) of the input
    std::optional<int> instance_number;   // OrlibCapmed
    SolveStatus status = SolveStatus::Infeasible;
    double objective = 0.0, bound = 0.0, gap = 0.0;  // NaN when unknown
    std::optional<double> known_optimum;  // capmed files carry one
    // Chosen sites as the input numbers them: 1-based ids for OR-Library and SJC
    // files, 0-based data-row indexes for CSV sites, 0-based columns of a cost matrix.
    std::vector<std::size_t> selected;
    double seconds = 0.0;        // the solve
    double total_seconds = 0.0;  // reading, solving and the re-check
    std::size_t demands = 0, sites = 0;
    std::vector<std::string> notes;
};

// The solver's objective or feasibility disagrees with the independent recomputation.
class ObjectiveCheckError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

// Reads the instance, solves it and re-checks the result. Throws InputError for a bad
// file, UsageError for options that do not fit the instance (p above the number of
// sites, a missing radius), ObjectiveCheckError for a solver bug.
OptimizeOutcome optimize(const OptimizeOptions& options);

// The outcome as the one JSON object `stationplan optimize` prints (key order fixed).
std::string to_json(const OptimizeOutcome& outcome);

}  // namespace stationplan
