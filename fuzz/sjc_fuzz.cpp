// Lorena-Senne SJC capacitated p-median files (plan::read_sjc).
#include <cstdlib>

#include "fuzz_support.hpp"
#include "plan/orlib.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    const auto path = fuzz::write_temp_file(fuzz::as_text(data, size), "sjc.dat");
    fuzz::expect_input_errors([&] {
        const plan::CapacitatedFile f = plan::read_sjc(path);
        const auto n = static_cast<std::size_t>(f.instance.base.distance.rows());
        if (f.p < 1 || f.p > n || f.instance.size.size() != n || f.instance.capacity.size() != n) std::abort();
    });
    return 0;
}
