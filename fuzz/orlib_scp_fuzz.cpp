// OR-Library set covering files (plan::read_orlib_scp).
#include <cstdlib>

#include "fuzz_support.hpp"
#include "plan/orlib.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    const auto path = fuzz::write_temp_file(fuzz::as_text(data, size), "scp.txt");
    fuzz::expect_input_errors([&] {
        const plan::CoverInstance c = plan::read_orlib_scp(path);
        // Every column index in range, each row's columns sorted and distinct.
        if (c.cost.size() != c.site_count) std::abort();
        for (const auto& row : c.covers)
            for (std::size_t k = 0; k < row.size(); ++k)
                if (row[k] >= c.site_count || (k && row[k - 1] >= row[k])) std::abort();
    });
    return 0;
}
