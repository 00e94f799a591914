# ctest sample_reproducible: run the sample generator into WORK_DIR and
# require each generated file to be byte-identical to the committed copy in
# COMMITTED_DIR. Fails if the generator fails, if a file differs, or if the
# set of generated files differs from the expected one.
#
#   cmake -DGENERATOR=... -DRAW_DIR=... -DCOMMITTED_DIR=... -DWORK_DIR=... -P check_reproducible.cmake

foreach(var GENERATOR RAW_DIR COMMITTED_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_reproducible: -D${var}=... is required")
  endif()
endforeach()

set(expected_files jinshui.gpkg jinshui_deputies.csv planted.json
    jinshui_gazetteer.csv jinshui_deputies_geocode.csv jinshui_geocode_truth.csv)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${GENERATOR}" --raw "${RAW_DIR}" --out "${WORK_DIR}"
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "generator failed (${status}):\n${output}\n${errors}")
endif()

file(GLOB generated RELATIVE "${WORK_DIR}" "${WORK_DIR}/*")
list(SORT generated)
set(sorted_expected ${expected_files})
list(SORT sorted_expected)
if(NOT generated STREQUAL sorted_expected)
  message(FATAL_ERROR "generated files '${generated}' differ from expected '${sorted_expected}'")
endif()

set(mismatches "")
foreach(name IN LISTS expected_files)
  if(NOT EXISTS "${COMMITTED_DIR}/${name}")
    list(APPEND mismatches "${name} (no committed copy)")
    continue()
  endif()
  file(SHA256 "${WORK_DIR}/${name}" generated_hash)
  file(SHA256 "${COMMITTED_DIR}/${name}" committed_hash)
  if(NOT generated_hash STREQUAL committed_hash)
    list(APPEND mismatches "${name} (generated ${generated_hash}, committed ${committed_hash})")
  endif()
endforeach()
if(mismatches)
  list(JOIN mismatches "\n  " report)
  message(FATAL_ERROR "generated sample differs from the committed one:\n  ${report}\n"
                      "Regenerate with: stationplan-make-sample --raw geodata/raw --out geodata")
endif()
message(STATUS "sample reproducible: ${expected_files} identical")
