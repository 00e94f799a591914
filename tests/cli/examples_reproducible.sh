#!/usr/bin/env bash
# The example reorganisations' input files (analysis/data/) are what
# analysis/make-examples.sh makes from the bundled sample, byte for byte.
# Usage: examples_reproducible.sh STATIONPLAN_BIN SOURCE_DIR
set -euo pipefail
src="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bash "$src/analysis/make-examples.sh" "$tmp"
status=0
for f in "$src"/analysis/data/*.csv; do
  if ! cmp -s "$f" "$tmp/$(basename "$f")"; then
    echo "FAIL: $(basename "$f") differs from what analysis/make-examples.sh makes" >&2
    status=1
  fi
done
[ "$(ls "$tmp" | wc -l)" = "$(ls "$src/analysis/data" | wc -l)" ] || { echo "FAIL: file lists differ" >&2; status=1; }
exit $status
