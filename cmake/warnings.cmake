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

# Sanitizers for the whole build (scripts/test.sh --sanitize, --tsan): a list for
# -fsanitize=, e.g. "address,undefined" or "thread". Every target, the libraries'
# included, is instrumented; third-party libraries (GDAL, GEOS, CBC) are not.
set(STATIONPLAN_SANITIZE "" CACHE STRING "-fsanitize= list for every target (empty: none)")
if(STATIONPLAN_SANITIZE)
  add_compile_options(-fsanitize=${STATIONPLAN_SANITIZE} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${STATIONPLAN_SANITIZE})
  if(STATIONPLAN_SANITIZE MATCHES "undefined")
    # Undefined behaviour stops the test that hit it instead of printing and going on.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
