# Warnings live on one INTERFACE target that every project target links.
add_library(stationplan_warnings INTERFACE)
add_library(stationplan::warnings ALIAS stationplan_warnings)
target_compile_options(stationplan_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  # GCC 12 reports false -Wrestrict positives inside libstdc++ for plain string
  # concatenation (GCC bug 105651); the check is off until the compiler is fixed.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  # Deterministic floating point: no fused multiply-add contraction, so two
  # machines of the same kind produce identical files.
  -ffp-contract=off
  $<$<BOOL:${STATIONPLAN_WERROR}>:-Werror>)
# No enum reaches a JSON output as a number by accident: nlohmann's implicit enum
# serialisation is off, so every enum goes through its to_string (stationplan/enums.hpp).
target_compile_definitions(stationplan_warnings INTERFACE JSON_DISABLE_ENUM_SERIALIZATION=1)
