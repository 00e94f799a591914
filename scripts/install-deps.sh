#!/usr/bin/env bash
# Installs the Debian 12 packages stationplan builds and tests with. Run as root on
# a fresh machine; a no-op (apart from a dpkg query) when everything is present.
set -euo pipefail

packages=(
  cmake g++ make pkg-config ccache python3 jq
  libgdal-dev gdal-bin        # GDAL/OGR: every read and write of geodata, PROJ through OGR
  libgeos-dev                 # GEOS reentrant C API: validity, buffers, unions, overlays
  libproj-dev                 # PROJ: the independent geodesic reference in tests
  libboost-dev                # Boost.Geometry rtree
  libeigen3-dev               # dense numerics (Lagrangian multipliers, distance matrices)
  coinor-libcbc-dev           # COIN-OR CBC: exact integer programs
  libtomlplusplus-dev         # scenario files
  nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-15-postgis-3   # the PostGIS round trip test (tests/cli/postgis_roundtrip.sh)
  python3-qgis qgis-providers  # the GeoPackages open styled in QGIS (tests/qgis/qgis_styles.sh)
  chromium fonts-noto-cjk     # report.pdf (headless --print-to-pdf) with Chinese text; the browser tests
  nodejs                      # npm ci of reports/web (Leaflet, playwright-core) and the browser tests
  poppler-utils               # pdftotext/pdfinfo: the tests read report.pdf
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm: part of some nodejs builds (NodeSource), a Debian package of its own otherwise.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root (or with sudo)" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
