# Every third-party dependency is found once, here. All come from Debian 12
# packages; scripts/install-deps.sh installs them (--tests: the test-only ones too).
find_package(GDAL CONFIG REQUIRED)
find_package(GEOS CONFIG REQUIRED)            # GEOS::geos_c (reentrant C API)
find_package(Boost 1.74 REQUIRED)             # header-only: Geometry (rtree), Graph
find_package(Eigen3 3.4 CONFIG REQUIRED NO_MODULE)   # dense numerics in the planners
find_package(tomlplusplus CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)     # COIN-OR CBC: exact integer programs
# Test-only dependencies (scripts/install-deps.sh --tests installs them): the main
# job (scripts/sample.sh) builds with tests and benchmarks off and without them.
if(STATIONPLAN_BUILD_TESTS)
  find_package(GTest CONFIG)
  pkg_check_modules(PROJ IMPORTED_TARGET proj)   # the independent geodesic reference in tests
  if(NOT GTest_FOUND OR NOT PROJ_FOUND)
    message(FATAL_ERROR "the tests need GoogleTest and PROJ: run scripts/install-deps.sh --tests "
                        "(as root), or configure with -DSTATIONPLAN_BUILD_TESTS=OFF")
  endif()
endif()
if(STATIONPLAN_BUILD_BENCH)
  find_package(benchmark CONFIG)
  if(NOT benchmark_FOUND)
    message(FATAL_ERROR "the benchmarks need Google Benchmark: run scripts/install-deps.sh --tests "
                        "(as root), or configure with -DSTATIONPLAN_BUILD_BENCH=OFF")
  endif()
endif()
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()
