#!/usr/bin/env bash
# Installs the Debian 12 packages stationplan needs. Run as root on a fresh machine;
# a no-op (apart from a dpkg query) when everything is present.
#   install-deps.sh           what building and running the main job needs (scripts/sample.sh)
#   install-deps.sh --tests   that and the test tools (scripts/test.sh, .ci/run)
set -euo pipefail

tests=0
case "${1:-}" in
  "") ;;
  --tests) tests=1 ;;
  *) echo "usage: install-deps.sh [--tests]" >&2; exit 2 ;;
esac

# Building and running stationplan (check, suggest, report with report.pdf).
packages=(
  cmake g++ make pkg-config
  libgdal-dev                 # GDAL/OGR: every read and write of geodata, PROJ through OGR
  libgeos-dev                 # GEOS reentrant C API: validity, buffers, unions, overlays
  libboost-dev                # Boost.Geometry rtree, Boost.Graph
  libeigen3-dev               # dense numerics (Lagrangian multipliers, distance matrices)
  coinor-libcbc-dev           # COIN-OR CBC: exact integer programs
  libtomlplusplus-dev         # scenario files
  nlohmann-json3-dev libcli11-dev libfmt-dev
  chromium fonts-noto-cjk     # report.pdf (headless --print-to-pdf) with Chinese text
  nodejs                      # npm ci of reports/web at configure time (Leaflet, compiled into the binary)
)
# The tests and benchmarks only (CMake finds GTest, benchmark and PROJ only with
# STATIONPLAN_BUILD_TESTS / STATIONPLAN_BUILD_BENCH on).
test_packages=(
  ccache python3 jq
  gdal-bin                    # ogr2ogr: the format round trips in tests/cli/*.sh (python3-gdal with it)
  libproj-dev                 # PROJ: the independent geodesic reference in tests (libgdal-dev pulls it in anyway)
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-15-postgis-3   # the PostGIS round trip test (tests/cli/postgis_roundtrip.sh)
  python3-qgis qgis-providers  # the GeoPackages open styled in QGIS (tests/qgis/qgis_styles.sh)
  poppler-utils               # pdftotext/pdfinfo: the tests read report.pdf
  clang libclang-rt-14-dev    # libFuzzer harnesses (scripts/fuzz.sh)
)
# Chromium and node (playwright-core from the same npm ci) also drive the browser tests.
[ "$tests" -eq 0 ] || packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm: part of some nodejs builds (NodeSource), a Debian package of its own otherwise.
command -v npm >/dev/null 2>&1 || missing+=(npm)
what="main job"
[ "$tests" -eq 0 ] || what="main job and tests"
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages for the $what present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root (or with sudo)" >&2
  exit 1
fi
echo "install-deps: installing for the $what: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
