#include "plan/mip.hpp"

#include <Cbc_C_Interface.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace stationplan::plan {

int MipModel::add_column(double lower, double upper, double objective, bool integer) {
    m_col_lower.push_back(lower);
    m_col_upper.push_back(upper);
    m_obj.push_back(objective);
    m_integer.push_back(integer ? 1 : 0);
    return static_cast<int>(m_obj.size()) - 1;
}

void MipModel::add_row(double lower, double upper, const std::vector<int>& columns, const std::vector<double>& coefficients) {
    if (columns.size() != coefficients.size()) throw std::invalid_argument("add_row: columns and coefficients differ in size");
    m_row_lower.push_back(lower);
    m_row_upper.push_back(upper);
    m_row_index.insert(m_row_index.end(), columns.begin(), columns.end());
    m_row_value.insert(m_row_value.end(), coefficients.begin(), coefficients.end());
    m_row_start.push_back(static_cast<int>(m_row_index.size()));
}

struct MipAccess {
    // CBC loads column-major: transpose the row-wise matrix.
    static void load(const MipModel& m, Cbc_Model* cbc) {
        const int ncols = m.column_count(), nrows = m.row_count();
        std::vector<int> start(static_cast<std::size_t>(ncols) + 1, 0);
        for (int c : m.m_row_index) ++start[static_cast<std::size_t>(c) + 1];
        for (int c = 0; c < ncols; ++c) start[c + 1] += start[c];
        std::vector<int> index(m.m_row_index.size());
        std::vector<double> value(m.m_row_index.size());
        std::vector<int> fill(start.begin(), start.end() - 1);
        for (int r = 0; r < nrows; ++r)
            for (int k = m.m_row_start[r]; k < m.m_row_start[r + 1]; ++k) {
                const int c = m.m_row_index[k];
                index[fill[c]] = r;
                value[fill[c]++] = m.m_row_value[k];
            }
        // CBC takes infinite bounds as COIN_DBL_MAX.
        auto finite = [](std::vector<double> v) {
            for (double& x : v) x = std::isinf(x) ? (x > 0 ? 1e308 : -1e308) : x;
            return v;
        };
        const auto cl = finite(m.m_col_lower), cu = finite(m.m_col_upper);
        const auto rl = finite(m.m_row_lower), ru = finite(m.m_row_upper);
        Cbc_loadProblem(cbc, ncols, nrows, start.data(), index.data(), value.data(), cl.data(), cu.data(), m.m_obj.data(),
                        rl.data(), ru.data());
        Cbc_setObjSense(cbc, m.m_maximize ? -1.0 : 1.0);
    }
    static const std::vector<char>& integer(const MipModel& m) { return m.m_integer; }
};

namespace {

MipResult solve_here(const MipModel& model, const MipOptions& options) {
    const auto start_time = std::chrono::steady_clock::now();
    std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> cbc(Cbc_newModel(), Cbc_deleteModel);
    MipAccess::load(model, cbc.get());
    for (int c = 0; c < model.column_count(); ++c)
        if (MipAccess::integer(model)[static_cast<std::size_t>(c)]) Cbc_setInteger(cbc.get(), c);
    Cbc_setLogLevel(cbc.get(), options.log_level);
    Cbc_setMaximumSeconds(cbc.get(), std::max(0.01, options.time_limit_s));
    if (options.max_nodes >= 0) Cbc_setMaximumNodes(cbc.get(), options.max_nodes);
    if (options.wall_clock) Cbc_setParameter(cbc.get(), "timeMode", "elapsed");
    Cbc_setAllowableGap(cbc.get(), options.absolute_gap);
    Cbc_setAllowableFractionGap(cbc.get(), options.relative_gap);
    if (std::isfinite(options.cutoff)) Cbc_setCutoff(cbc.get(), options.cutoff);
    if (!options.start.empty()) {
        std::vector<int> idx(options.start.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int>(i);
        Cbc_setMIPStartI(cbc.get(), static_cast<int>(idx.size()), idx.data(), options.start.data());
    }
    Cbc_solve(cbc.get());

    MipResult r;
    const double* x = Cbc_bestSolution(cbc.get());
    const bool has_solution = x != nullptr && Cbc_getNumCols(cbc.get()) == model.column_count();
    if (has_solution) {
        r.x.assign(x, x + model.column_count());
        r.objective = Cbc_getObjValue(cbc.get());
    }
    r.bound = Cbc_getBestPossibleObjValue(cbc.get());
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    // A proof (optimal or infeasible) only when CBC says its search finished
    // (status 0) before its time limit: a search stopped early, even by a limit CBC
    // does not flag, proves nothing (and callers read "infeasible" as a proof that
    // nothing beats their cutoff or start).
    // CBC 2.10 can also claim a proof when its clock runs out early in the search
    // (seen on the 5,000 x 1,000 coverage instance: "optimal" returned exactly at
    // the limit, far from the bound): a run that reached its time limit proves
    // nothing, nor does "infeasible" when a feasible start was given, nor "optimal"
    // with a bound that does not meet the objective.
    const bool in_time = r.seconds < 0.98 * std::max(0.01, options.time_limit_s);
    const bool finished = Cbc_status(cbc.get()) == 0 && !Cbc_isSecondsLimitReached(cbc.get()) && in_time;
    const double tolerance =
        std::max(options.absolute_gap, options.relative_gap * std::abs(r.objective)) + 1e-6 * std::max(1.0, std::abs(r.objective));
    const bool bound_meets = has_solution && std::isfinite(r.bound) &&
                             (model.maximize() ? r.bound <= r.objective + tolerance : r.bound >= r.objective - tolerance);
    if (finished && Cbc_isProvenOptimal(cbc.get()) && has_solution && bound_meets) {
        r.status = SolveStatus::Optimal;
        if (options.absolute_gap <= 1e-6 && options.relative_gap == 0.0) r.bound = r.objective;
    } else if (finished && Cbc_isProvenInfeasible(cbc.get()) && !has_solution && options.start.empty()) {
        r.status = SolveStatus::Infeasible;
    } else if (!finished || Cbc_isSecondsLimitReached(cbc.get())) {
        r.status = SolveStatus::TimeLimit;
    } else {
        r.status = has_solution ? SolveStatus::Feasible : SolveStatus::TimeLimit;
    }
    return r;
}

// The result through a pipe: status, objective, bound, seconds, column count, x.
void put(std::string& out, const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); }

std::string serialise(const MipResult& r) {
    std::string out;
    const int status = static_cast<int>(r.status);
    const std::uint64_t n = r.x.size();
    put(out, &status, sizeof status);
    put(out, &r.objective, sizeof r.objective);
    put(out, &r.bound, sizeof r.bound);
    put(out, &r.seconds, sizeof r.seconds);
    put(out, &n, sizeof n);
    put(out, r.x.data(), n * sizeof(double));
    return out;
}

bool deserialise(const std::string& in, MipResult& r) {
    std::size_t at = 0;
    auto get = [&](void* p, std::size_t n) {
        if (in.size() - at < n) return false;
        if (n == 0) return true;  // p may be null (an empty solution's data()): memcpy forbids it
        std::memcpy(p, in.data() + at, n);
        at += n;
        return true;
    };
    int status = 0;
    std::uint64_t n = 0;
    if (!get(&status, sizeof status) || !get(&r.objective, sizeof r.objective) || !get(&r.bound, sizeof r.bound) ||
        !get(&r.seconds, sizeof r.seconds) || !get(&n, sizeof n) || (in.size() - at) != n * sizeof(double))
        return false;
    r.status = static_cast<SolveStatus>(status);
    r.x.resize(n);
    return get(r.x.data(), n * sizeof(double));
}

// CBC in a child process, killed at the limit (plus a little for the child to
// hand its result over when CBC itself stops in time).
MipResult solve_in_child(const MipModel& model, const MipOptions& options) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto kill_at = start + std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::duration<double>(std::max(0.01, options.time_limit_s) + 0.05));
    int fd[2];
    if (::pipe2(fd, O_CLOEXEC) != 0) return solve_here(model, options);
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fd[0]);
        ::close(fd[1]);
        return solve_here(model, options);
    }
    if (pid == 0) {
        // The child: solve, write, leave without running the parent's exit handlers.
        // A signal ends it plainly: the parent's handlers (report/interrupt.hpp:
        // removing the parent's output staging folder) are not the child's to run.
        // It dies with the parent, which may end without reaping it.
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
            struct sigaction sa {};
            if (::sigaction(sig, nullptr, &sa) == 0 && sa.sa_handler != SIG_IGN) {
                sa = {};
                sa.sa_handler = SIG_DFL;
                ::sigaction(sig, &sa, nullptr);
            }
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);
        ::close(fd[0]);
        // CBC stops a little early so that it can hand over its result (undoing its
        // preprocessing takes a tenth of a second on large models) before the kill.
        MipOptions own = options;
        own.time_limit_s = std::max(0.01, options.time_limit_s - std::min(0.3, 0.1 * options.time_limit_s));
        const std::string out = serialise(solve_here(model, own));
        std::size_t done = 0;
        while (done < out.size()) {
            const ssize_t w = ::write(fd[1], out.data() + done, out.size() - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) ::_exit(1);
            done += static_cast<std::size_t>(w);
        }
        ::_exit(0);
    }
    ::close(fd[1]);
    std::string in;
    bool complete = false, killed = false;
    char buf[65536];
    for (;;) {
        const double left = std::chrono::duration<double>(kill_at - Clock::now()).count();
        if (left <= 0) {
            ::kill(pid, SIGKILL);
            killed = true;
            break;
        }
        pollfd p{fd[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::ceil(left * 1000.0)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t got = ::read(fd[0], buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            complete = got == 0;
            break;
        }
        in.append(buf, static_cast<std::size_t>(got));
    }
    ::close(fd[0]);
    int wstatus = 0;
    while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    MipResult r;
    const bool ok = complete && !killed && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && deserialise(in, r);
    if (!ok) {
        r = MipResult{};
        r.status = SolveStatus::TimeLimit;
        r.bound = std::numeric_limits<double>::quiet_NaN();
        r.stopped = true;
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
}

}  // namespace

MipResult solve_mip(const MipModel& model, const MipOptions& options) {
    if (options.hard_stop && std::isfinite(options.time_limit_s)) return solve_in_child(model, options);
    return solve_here(model, options);
}

void finish_gap(Solution& s) {
    if (s.status == SolveStatus::Optimal) {
        s.bound = s.objective;
        s.gap = 0.0;
    } else if (std::isfinite(s.objective) && std::isfinite(s.bound)) {
        s.gap = std::abs(s.objective - s.bound) / std::max(1e-9, std::abs(s.objective));
    }
}

}  // namespace stationplan::plan
