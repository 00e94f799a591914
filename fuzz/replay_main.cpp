// A main() for a fuzz harness built without libFuzzer: the test suite's fuzz smoke.
//
//   <harness>_replay [--mutations N] [--seed S] [--max-seconds T] [--max-len L] PATH...
//
// Runs LLVMFuzzerTestOneInput on every file under each PATH (the seed corpus and
// the regression inputs), then on N inputs made from them by seeded byte mutations
// (the same seed gives the same inputs), stopping early after T seconds. A harness
// that crashes or aborts leaves the input it was running in
// fuzz-replay-crash-<pid>.bin in the working folder.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::vector<std::uint8_t>;

// The input being run, for the signal handler.
const Bytes* g_current = nullptr;
char g_crash_file[64];

extern "C" void on_fatal_signal(int sig) {
    if (g_current) {
        const int fd = ::open(g_crash_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            const std::size_t n = g_current->size();
            const std::uint8_t* p = g_current->data();
            for (std::size_t done = 0; done < n;) {
                const ssize_t w = ::write(fd, p + done, n - done);
                if (w <= 0) break;
                done += static_cast<std::size_t>(w);
            }
            ::close(fd);
            const char msg[] = "fuzz replay: the failing input is in ";
            (void)!::write(2, msg, sizeof msg - 1);
            (void)!::write(2, g_crash_file, std::strlen(g_crash_file));
            (void)!::write(2, "\n", 1);
        }
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

Bytes read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void run(const Bytes& input) {
    g_current = &input;
    LLVMFuzzerTestOneInput(input.data(), input.size());
    g_current = nullptr;
}

// One to four random edits of a copy of `seed`, or a splice with `other`.
Bytes mutate(const Bytes& seed, const Bytes& other, std::mt19937_64& rng, std::size_t max_len) {
    Bytes b = seed;
    auto below = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
    static const char* const tokens[] = {"0", "-1", "1e308", "nan", "inf", "99999999999", "\"", ",", "\n", "\r\n", "=", "[",
                                         "]", "{", "}", "<", ">", "\xEF\xBB\xBF", "\xE5\x8F\xB7", "\xFF", " ", "#", "\\"};
    const std::size_t edits = 1 + below(4);
    for (std::size_t e = 0; e < edits; ++e) {
        switch (below(7)) {
            case 0:  // flip a bit
                if (!b.empty()) b[below(b.size())] ^= static_cast<std::uint8_t>(1u << below(8));
                break;
            case 1:  // set a byte
                if (!b.empty()) b[below(b.size())] = static_cast<std::uint8_t>(rng());
                break;
            case 2: {  // erase a run
                if (b.empty()) break;
                const std::size_t at = below(b.size());
                b.erase(b.begin() + static_cast<std::ptrdiff_t>(at),
                        b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), at + 1 + below(16))));
                break;
            }
            case 3: {  // insert a token
                const char* t = tokens[below(std::size(tokens))];
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(below(b.size() + 1)), t, t + std::strlen(t));
                break;
            }
            case 4: {  // duplicate a run
                if (b.empty()) break;
                const std::size_t at = below(b.size()), n = std::min(b.size() - at, 1 + below(32));
                const Bytes run_copy(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + n));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(below(b.size() + 1)), run_copy.begin(), run_copy.end());
                break;
            }
            case 5: {  // replace a digit run by another number
                if (b.empty()) break;
                const std::size_t at = below(b.size());
                const std::string n = std::to_string(static_cast<long long>(rng() % 2000000) - 1000);
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), n.begin(), n.end());
                break;
            }
            default: {  // splice: this input's head and the other's tail
                const std::size_t at = below(b.size() + 1), from = below(other.size() + 1);
                b.resize(at);
                b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
                break;
            }
        }
    }
    if (b.size() > max_len) b.resize(max_len);
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t mutations = 0, seed = 1;
    double max_seconds = 1e9;
    std::size_t max_len = 4096;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--mutations") mutations = std::stoull(value());
        else if (a == "--seed") seed = std::stoull(value());
        else if (a == "--max-seconds") max_seconds = std::stod(value());
        else if (a == "--max-len") max_len = std::stoull(value());
        else if (std::filesystem::is_directory(a)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(a))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (std::filesystem::is_regular_file(a)) {
            files.push_back(a);
        } else {
            std::fprintf(stderr, "no such file or folder: %s\n", a.c_str());
            return 2;
        }
    }
    std::sort(files.begin(), files.end());  // the same order, hence the same mutations, everywhere
    std::snprintf(g_crash_file, sizeof g_crash_file, "fuzz-replay-crash-%d.bin", static_cast<int>(::getpid()));
    for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) std::signal(sig, on_fatal_signal);

    const auto start = std::chrono::steady_clock::now();
    std::vector<Bytes> corpus;
    for (const auto& f : files) {
        corpus.push_back(read_file(f));
        std::fprintf(stderr, "replay %s (%zu bytes)\n", f.string().c_str(), corpus.back().size());
        run(corpus.back());
    }
    if (corpus.empty()) corpus.emplace_back();
    std::mt19937_64 rng(seed);
    std::uint64_t done = 0;
    for (; done < mutations; ++done) {
        if (done % 64 == 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > max_seconds)
            break;
        const Bytes& a = corpus[rng() % corpus.size()];
        const Bytes& b = corpus[rng() % corpus.size()];
        run(mutate(a, b, rng, max_len));
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu files and %llu mutated inputs (seed %llu) run in %.2f s: no crash\n", files.size(),
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(seed), s);
    return 0;
}
