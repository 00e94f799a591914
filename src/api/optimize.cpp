// stationplan::optimize: reads one instance, runs one engine model on it and checks
// the solver's claim against the independent evaluator (plan/evaluate.hpp).
#include "stationplan/optimize.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "plan/csv_instance.hpp"
#include "plan/evaluate.hpp"
#include "plan/orlib.hpp"
#include "plan/solvers.hpp"
#include "stationplan/error.hpp"

namespace stationplan {
namespace {

struct Solved {
    plan::Solution solution;
    plan::Evaluation recomputed;
    const char* evaluator = "";
};

double radius_of(const OptimizeOptions& o) {
    if (!o.radius)
        throw UsageError(fmt::format("--model {} with {} needs --radius (metres): a site covers a demand within it",
                                     to_string(o.model), option_name(o.input)));
    return *o.radius;
}

Solved solve_cover(const OptimizeOptions& o, const plan::SolveOptions& so, OptimizeOutcome& out) {
    plan::CoverInstance inst;
    if (o.input == OptimizeInput::Points) {
        inst = plan::cover_instance(plan::read_points_csv(o.demand_csv), plan::read_points_csv(o.sites_csv), radius_of(o));
    } else if (o.input == OptimizeInput::CostMatrix) {
        inst = plan::cover_instance(plan::read_cost_matrix_csv(o.file), radius_of(o));
    } else {
        inst = plan::read_orlib_scp(o.file);
        if (o.model != OptimizeModel::Scp) inst.cost.assign(inst.site_count, 1.0);  // lscp: unit costs
    }
    out.demands = inst.demand_count();
    out.sites = inst.site_count;
    Solved s;
    if (o.model == OptimizeModel::Mclp) {
        s.solution = plan::solve_mclp(inst, o.k, so);
        s.recomputed = plan::evaluate_mclp(inst, s.solution.selected, o.k);
        s.evaluator = "evaluate_mclp";
    } else {
        s.solution = plan::solve_set_cover(inst, so);
        s.recomputed = plan::evaluate_set_cover(inst, s.solution.selected);
        s.evaluator = "evaluate_set_cover";
    }
    return s;
}

Solved solve_distance(const OptimizeOptions& o, const plan::SolveOptions& so, OptimizeOutcome& out) {
    plan::DistanceInstance inst;
    std::size_t p = o.p.value_or(0);
    if (o.input == OptimizeInput::Points) {
        inst = plan::distance_instance(plan::read_points_csv(o.demand_csv), plan::read_points_csv(o.sites_csv));
    } else if (o.input == OptimizeInput::CostMatrix) {
        inst = plan::read_cost_matrix_csv(o.file);
    } else {
        plan::PMedianFile f = plan::read_orlib_pmed(o.file);
        inst = std::move(f.instance);
        if (!o.p) p = f.p;
    }
    if (p > inst.site_count())
        throw UsageError(fmt::format("--p {} is more than the {} candidate site(s) of {}", p, inst.site_count(),
                                     (o.input == OptimizeInput::Points ? o.sites_csv : o.file).string()));
    if (p == 0) throw UsageError(fmt::format("--model {} needs --p (the number of sites to open)", to_string(o.model)));
    out.demands = inst.demand_count();
    out.sites = inst.site_count();
    Solved s;
    if (o.model == OptimizeModel::PMedian) {
        s.solution = plan::solve_pmedian(inst, p, so);
        s.recomputed = plan::evaluate_pmedian(inst, s.solution.selected, p);
        s.evaluator = "evaluate_pmedian";
    } else {
        s.solution = plan::solve_pcenter(inst, p, so);
        s.recomputed = plan::evaluate_pcenter(inst, s.solution.selected, p);
        s.evaluator = "evaluate_pcenter";
    }
    return s;
}

Solved solve_capacitated(const OptimizeOptions& o, const plan::SolveOptions& so, OptimizeOutcome& out) {
    const plan::CapacitatedFile f =
        o.input == OptimizeInput::Sjc ? plan::read_sjc(o.file) : plan::read_orlib_capmed(o.file, o.instance);
    if (std::isfinite(f.known_value)) out.known_optimum = f.known_value;
    out.demands = f.instance.base.demand_count();
    out.sites = f.instance.base.site_count();
    Solved s;
    s.solution = plan::solve_capacitated_pmedian(f.instance, f.p, so);
    s.recomputed = plan::evaluate_capacitated(f.instance, s.solution.selected, s.solution.assignment, f.p);
    s.evaluator = "evaluate_capacitated";
    return s;
}

// The solver's claim against the independent recomputation (docs/STYLE.md, 10).
void check_against_the_evaluator(OptimizeModel model, const Solved& s) {
    const plan::Solution& sol = s.solution;
    if (!std::isfinite(sol.objective)) return;
    const double diff = std::abs(sol.objective - s.recomputed.objective);
    if (diff > 1e-6 * std::max(1.0, std::abs(s.recomputed.objective)))
        throw ObjectiveCheckError(fmt::format(
            "objective check failed: the {} solver reports {:.10g} but the {} selected sites give {:.10g} (recomputed by "
            "plan::{}). This is a bug; please report it with the input file.",
            to_string(model), sol.objective, sol.selected.size(), s.recomputed.objective, s.evaluator));
    if (!s.recomputed.feasible && sol.status != SolveStatus::Infeasible)
        throw ObjectiveCheckError(fmt::format(
            "feasibility check failed: the {} solver reports status {} but plan::{} finds: {}. This is a bug; please "
            "report it with the input file.",
            to_string(model), to_string(sol.status), s.evaluator, s.recomputed.problem));
}

}  // namespace

OptimizeOutcome optimize(const OptimizeOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    if (!std::isfinite(o.time_limit_s) || o.time_limit_s <= 0.0)
        throw UsageError(fmt::format("--time-limit must be a positive number of seconds, got {}", o.time_limit_s));
    plan::SolveOptions so;
    so.time_limit_s = o.time_limit_s;
    OptimizeOutcome out;
    out.model = o.model;
    out.instance = o.input == OptimizeInput::Points
                       ? o.demand_csv.filename().string() + " + " + o.sites_csv.filename().string()
                       : o.file.filename().string();
    if (o.input == OptimizeInput::OrlibCapmed) out.instance_number = o.instance;
    Solved s;
    switch (o.model) {
        case OptimizeModel::Lscp:
        case OptimizeModel::Scp:
        case OptimizeModel::Mclp: s = solve_cover(o, so, out); break;
        case OptimizeModel::PMedian:
        case OptimizeModel::PCenter: s = solve_distance(o, so, out); break;
        case OptimizeModel::Capmed: s = solve_capacitated(o, so, out); break;
    }
    check_against_the_evaluator(o.model, s);
    const std::size_t id_base = o.input == OptimizeInput::Points || o.input == OptimizeInput::CostMatrix ? 0 : 1;
    out.status = s.solution.status;
    out.objective = s.solution.objective;
    out.bound = s.solution.bound;
    out.gap = s.solution.gap;
    for (std::size_t site : s.solution.selected) out.selected.push_back(site + id_base);
    out.seconds = s.solution.seconds;
    out.notes = std::move(s.solution.notes);
    out.total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

std::string to_json(const OptimizeOutcome& out) {
    auto number = [](double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr); };
    nlohmann::ordered_json j;
    j["model"] = to_string(out.model);
    j["instance"] = out.instance;
    if (out.instance_number) j["instance_number"] = *out.instance_number;
    j["status"] = to_string(out.status);
    j["objective"] = number(out.objective);
    j["bound"] = number(out.bound);
    j["gap"] = number(out.gap);
    if (out.known_optimum) j["known_optimum"] = *out.known_optimum;
    j["selected"] = out.selected;
    j["seconds"] = out.seconds;
    j["total_seconds"] = out.total_seconds;
    j["demands"] = out.demands;
    j["sites"] = out.sites;
    j["notes"] = out.notes;
    return j.dump();
}

}  // namespace stationplan
