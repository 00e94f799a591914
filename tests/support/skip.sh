# Sourced by the shell tests. `skip REASON` ends the test as skipped (exit 77, ctest's
# SKIP_RETURN_CODE) with the reason on stderr, or as failed (exit 1) where skips are
# not allowed: STATIONPLAN_NO_SKIP=1, which CI sets (.ci/run).
#   need_tool ogr2ogr "package gdal-bin"   skips unless the command exists
skip() {
  if [ "${STATIONPLAN_NO_SKIP:-}" = 1 ]; then
    echo "$(basename "$0"): cannot run, and skips are not allowed here (STATIONPLAN_NO_SKIP=1): $*" >&2
    exit 1
  fi
  echo "$(basename "$0"): skipped: $*" >&2
  exit 77
}
need_tool() {
  command -v "$1" >/dev/null 2>&1 || skip "needs $1 ($2)"
}
