// Deputies from a CSV file through GDAL's CSV driver (a /vsimem/ file). The first
// byte chooses the layer's description (fuzz::deputies_source), the rest is the file.
#include "deputies_fuzz.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    if (size < 1) return 0;
    const fuzz::MemFile file("/vsimem/stationplan-fuzz/deputies.csv", fuzz::as_text(data + 1, size - 1));
    fuzz::expect_input_errors([&] { fuzz::read_deputies(fuzz::deputies_source(data[0], file.path())); });
    return 0;
}
