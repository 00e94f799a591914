// OR-Library capacitated p-median files (plan::read_orlib_capmed). The first byte
// chooses the instance number asked for (1..4), the rest is the file.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "plan/orlib.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    if (size < 1) return 0;
    const int instance = 1 + data[0] % 4;
    const auto path = fuzz::write_temp_file(fuzz::as_text(data + 1, size - 1), "pmedcap.txt");
    fuzz::expect_input_errors([&] {
        const plan::CapacitatedFile f = plan::read_orlib_capmed(path, instance);
        const auto n = static_cast<std::size_t>(f.instance.base.distance.rows());
        if (f.p < 1 || f.p > n || f.instance.size.size() != n || f.instance.capacity.size() != n) std::abort();
    });
    return 0;
}
