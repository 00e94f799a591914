// The scenario loader (stationplan::load_scenario) on arbitrary TOML text.
#include "fuzz_support.hpp"
#include "stationplan/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stationplan;
    const auto path = fuzz::write_temp_file(fuzz::as_text(data, size), "scenario.toml");
    fuzz::expect_input_errors([&] {
        const Scenario sc = load_scenario(path);
        (void)sc.coverage();
    });
    return 0;
}
