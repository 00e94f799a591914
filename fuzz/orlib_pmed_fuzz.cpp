// OR-Library p-median files (plan::read_orlib_pmed).
#include <cmath>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "plan/orlib.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    const auto path = fuzz::write_temp_file(fuzz::as_text(data, size), "pmed.txt");
    fuzz::expect_input_errors([&] {
        const plan::PMedianFile f = plan::read_orlib_pmed(path);
        const auto& d = f.instance.distance;
        // What the reader promises: square, symmetric, zero diagonal, finite, p in 1..n.
        if (d.rows() != d.cols() || f.p < 1 || f.p > static_cast<std::size_t>(d.rows())) std::abort();
        for (Eigen::Index i = 0; i < d.rows(); ++i)
            for (Eigen::Index j = 0; j < d.cols(); ++j)
                if (!std::isfinite(d(i, j)) || d(i, j) < 0 || d(i, j) != d(j, i) || (i == j && d(i, j) != 0)) std::abort();
    });
    return 0;
}
