#include "cli/cmd_optimize.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "stationplan/error.hpp"
#include "stationplan/optimize.hpp"

namespace stationplan::cli {
namespace {

using Model = OptimizeModel;
using Input = OptimizeInput;

class OptimizeCommand : public Command {
public:
    explicit OptimizeCommand(CLI::App& sub) {
        sub.add_option("--model", m_model, "lscp, mclp, pmedian, pcenter, scp or capmed")
            ->required()
            ->check(CLI::IsMember({"lscp", "mclp", "pmedian", "pcenter", "scp", "capmed"}));
        m_opt_demand = sub.add_option("--demand", m_demand, "Demand points CSV: x,y[,weight] in metres, header row");
        m_opt_sites = sub.add_option("--sites", m_sites, "Candidate sites CSV: x,y in metres, header row");
        m_opt_matrix = sub.add_option("--cost-matrix", m_matrix, "Cost CSV: one row per demand, one column per site");
        m_opt_pmed = sub.add_option("--orlib-pmed", m_pmed, "OR-Library p-median file (pmed1..pmed40)");
        m_opt_scp = sub.add_option("--orlib-scp", m_scp, "OR-Library set covering file (scp41..scpd5, ...)");
        m_opt_capmed = sub.add_option("--orlib-capmed", m_capmed, "OR-Library capacitated p-median file (pmedcap1)");
        m_opt_instance = sub.add_option("--instance", m_instance, "Instance number in the --orlib-capmed file (1-based)");
        m_opt_sjc = sub.add_option("--sjc", m_sjc, "Lorena-Senne capacitated p-median file (SJC1..SJC4b)");
        m_opt_radius = sub.add_option("--radius", m_radius,
                                      "lscp/mclp on CSV inputs: a site covers a demand at distance <= radius + 0.001, the check's rule "
                                      "(metres; cost units for --cost-matrix)");
        m_opt_p = sub.add_option("--p", m_p, "pmedian/pcenter: number of sites to open (default: the file's p)");
        m_opt_k = sub.add_option("--k", m_k, "mclp: number of sites to open");
        sub.add_option("--time-limit", m_time_limit, "Seconds for the whole solve, on the clock (default 60)");
        sub.footer(
            "Examples:\n"
            "  stationplan optimize --model lscp --demand demand.csv --sites sites.csv --radius 1000\n"
            "  stationplan optimize --model mclp --demand demand.csv --sites sites.csv --radius 1000 --k 20\n"
            "  stationplan optimize --model pmedian --demand demand.csv --sites sites.csv --p 5\n"
            "  stationplan optimize --model pcenter --cost-matrix costs.csv --p 3\n"
            "  stationplan optimize --model pmedian --orlib-pmed pmed1.txt --time-limit 30\n"
            "  stationplan optimize --model scp --orlib-scp scp41.txt\n"
            "  stationplan optimize --model capmed --orlib-capmed pmedcap1.txt --instance 3\n"
            "  stationplan optimize --model capmed --sjc SJC1.dat\n"
            "Models and inputs (exactly one input kind):\n"
            "  lscp     fewest sites covering every demand: --demand/--sites or --cost-matrix with\n"
            "           --radius, or --orlib-scp (column costs ignored)\n"
            "  mclp     --k sites covering the most demand weight: CSV inputs with --radius, or --orlib-scp\n"
            "  pmedian  --p sites minimising the weighted distance to the nearest: CSV inputs or\n"
            "           --orlib-pmed (p from the file unless --p)\n"
            "  pcenter  --p sites minimising the largest distance to the nearest: same inputs\n"
            "  scp      weighted set cover: --orlib-scp\n"
            "  capmed   capacitated p-median: --orlib-capmed with --instance, or --sjc (p from the file)\n"
            "A distance exactly equal to the radius counts as covered. CSV distances are Euclidean,\n"
            "in metres.\n"
            "Output: one JSON object on stdout with model, instance, status (optimal, feasible,\n"
            "infeasible or time_limit), objective, bound, gap, known_optimum (capmed files),\n"
            "selected (1-based ids for OR-Library/SJC files, 0-based data-row indexes for CSV\n"
            "sites, 0-based columns for a cost matrix), seconds (the solve), total_seconds (with\n"
            "reading), demands, sites and notes. The objective is recomputed from the selected\n"
            "sites by independent code; a difference is a bug and exits 3.\n"
            "Exit status: 0 solved (any status), 2 bad input or usage, 3 internal error.");
    }

    void setup() override {
        OptimizeOptions o;
        o.model = parse_model(m_model);
        std::vector<Input> inputs;
        if (m_opt_demand->count() || m_opt_sites->count()) {
            if (!m_opt_demand->count() || !m_opt_sites->count())
                throw UsageError("--demand and --sites go together: give both CSV files");
            inputs.push_back(Input::Points);
        }
        if (m_opt_matrix->count()) inputs.push_back(Input::CostMatrix);
        if (m_opt_pmed->count()) inputs.push_back(Input::OrlibPmed);
        if (m_opt_scp->count()) inputs.push_back(Input::OrlibScp);
        if (m_opt_capmed->count()) inputs.push_back(Input::OrlibCapmed);
        if (m_opt_sjc->count()) inputs.push_back(Input::Sjc);
        if (inputs.empty())
            throw UsageError("no input: give --demand and --sites, --cost-matrix, --orlib-pmed, --orlib-scp, "
                             "--orlib-capmed or --sjc");
        if (inputs.size() > 1)
            throw UsageError(fmt::format("give one input kind, not both {} and {}", option_name(inputs[0]),
                                         option_name(inputs[1])));
        o.input = inputs.front();
        o.demand_csv = m_demand;
        o.sites_csv = m_sites;
        for (const std::string* f : {&m_matrix, &m_pmed, &m_scp, &m_capmed, &m_sjc})
            if (!f->empty()) o.file = *f;

        const bool csv = o.input == Input::Points || o.input == Input::CostMatrix;
        const char* model = to_string(o.model);
        auto refuse_input = [&](const char* expected) {
            throw UsageError(fmt::format("--model {} does not take {}; it takes {}", model, option_name(o.input), expected));
        };
        switch (o.model) {
            case Model::Lscp:
            case Model::Mclp:
                if (!csv && o.input != Input::OrlibScp) refuse_input("--demand/--sites, --cost-matrix or --orlib-scp");
                break;
            case Model::PMedian:
            case Model::PCenter:
                if (!csv && o.input != Input::OrlibPmed) refuse_input("--demand/--sites, --cost-matrix or --orlib-pmed");
                break;
            case Model::Scp:
                if (o.input != Input::OrlibScp)
                    refuse_input("--orlib-scp (for coverage of CSV points use --model lscp with --radius)");
                break;
            case Model::Capmed:
                if (o.input != Input::OrlibCapmed && o.input != Input::Sjc) refuse_input("--orlib-capmed or --sjc");
                break;
        }

        const bool cover = o.model == Model::Lscp || o.model == Model::Mclp;
        if (m_opt_radius->count()) {
            if (!cover || !csv)
                throw UsageError(fmt::format("--radius applies to lscp and mclp on --demand/--sites or --cost-matrix "
                                             "only, not to --model {} with {}",
                                             model, option_name(o.input)));
            if (!std::isfinite(m_radius) || m_radius < 0.0)
                throw UsageError(fmt::format("--radius must be a distance >= 0, got {}", m_radius));
            o.radius = m_radius;
        } else if (cover && csv) {
            throw UsageError(fmt::format("--model {} with {} needs --radius (metres): a site covers a demand within it",
                                         model, option_name(o.input)));
        }

        const bool takes_p = o.model == Model::PMedian || o.model == Model::PCenter;
        if (m_opt_p->count()) {
            if (!takes_p)
                throw UsageError(fmt::format("--p applies to pmedian and pcenter only{}",
                                             o.model == Model::Capmed ? " (capmed takes p from the file)"
                                             : o.model == Model::Mclp ? " (mclp: use --k)"
                                                                      : ""));
            if (m_p < 1) throw UsageError(fmt::format("--p must be at least 1, got {}", m_p));
            o.p = static_cast<std::size_t>(m_p);
        } else if (takes_p && o.input != Input::OrlibPmed) {
            throw UsageError(fmt::format("--model {} needs --p (the number of sites to open)", model));
        }

        if (m_opt_k->count()) {
            if (o.model != Model::Mclp) throw UsageError("--k applies to mclp only (pmedian and pcenter: use --p)");
            if (m_k < 1) throw UsageError(fmt::format("--k must be at least 1, got {}", m_k));
            o.k = static_cast<std::size_t>(m_k);
        } else if (o.model == Model::Mclp) {
            throw UsageError("--model mclp needs --k (the number of sites to open)");
        }

        if (m_opt_instance->count()) {
            if (o.input != Input::OrlibCapmed) throw UsageError("--instance applies to --orlib-capmed only");
            if (m_instance < 1) throw UsageError(fmt::format("--instance must be at least 1, got {}", m_instance));
            o.instance = m_instance;
        } else if (o.input == Input::OrlibCapmed) {
            throw UsageError("--orlib-capmed needs --instance N (the file holds several instances)");
        }

        if (!std::isfinite(m_time_limit) || m_time_limit <= 0.0)
            throw UsageError(fmt::format("--time-limit must be a positive number of seconds, got {}", m_time_limit));
        o.time_limit_s = m_time_limit;
        m_options = o;
    }

    int run(const GlobalOptions& global) override {
        OptimizeOutcome out;
        try {
            out = optimize(m_options);
        } catch (const ObjectiveCheckError& e) {
            std::fprintf(stderr, "stationplan: INTERNAL ERROR: %s\n", e.what());
            return kExitInternal;
        }
        if (!global.quiet) std::fputs((to_json(out) + "\n").c_str(), stdout);
        return kExitOk;
    }

private:
    static Model parse_model(const std::string& name) {
        if (auto m = parse_optimize_model(name)) return *m;
        throw UsageError("unknown --model '" + name + "'");  // CLI11's IsMember catches it first
    }

    std::string m_model;
    std::string m_demand, m_sites, m_matrix, m_pmed, m_scp, m_capmed, m_sjc;
    double m_radius = 0.0;
    long long m_p = 0, m_k = 0;
    int m_instance = 0;
    double m_time_limit = 60.0;
    CLI::Option *m_opt_demand = nullptr, *m_opt_sites = nullptr, *m_opt_matrix = nullptr, *m_opt_pmed = nullptr,
                *m_opt_scp = nullptr, *m_opt_capmed = nullptr, *m_opt_instance = nullptr, *m_opt_sjc = nullptr,
                *m_opt_radius = nullptr, *m_opt_p = nullptr, *m_opt_k = nullptr;
    OptimizeOptions m_options;
};

}  // namespace

std::unique_ptr<Command> make_optimize_command(CLI::App& sub) { return std::make_unique<OptimizeCommand>(sub); }

}  // namespace stationplan::cli
