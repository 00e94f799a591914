// optimize's CSV instance tables (plan::read_points_csv, plan::read_cost_matrix_csv).
// The first byte chooses the reader (even: points, odd: cost matrix); the rest is the file.
#include <cmath>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "plan/csv_instance.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    if (size < 1) return 0;
    const bool matrix = data[0] & 1;
    const auto path = fuzz::write_temp_file(fuzz::as_text(data + 1, size - 1), "instance.csv");
    fuzz::expect_input_errors([&] {
        if (matrix) {
            const plan::DistanceInstance d = plan::read_cost_matrix_csv(path);
            for (Eigen::Index i = 0; i < d.distance.rows(); ++i)
                for (Eigen::Index j = 0; j < d.distance.cols(); ++j)
                    if (!(d.distance(i, j) >= 0) || !std::isfinite(d.distance(i, j))) std::abort();
            (void)plan::cover_instance(d, 1000.0);
        } else {
            const plan::PointsCsv p = plan::read_points_csv(path);
            if (p.points.size() != p.weight.size() || p.points.empty()) std::abort();
            for (double w : p.weight)
                if (!(w >= 0) || !std::isfinite(w)) std::abort();
            (void)plan::cover_instance(p, p, 1000.0);
        }
    });
    return 0;
}
