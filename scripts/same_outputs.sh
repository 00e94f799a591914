#!/usr/bin/env bash
# Shows that a change of the code changed no output: runs check, suggest, rebalance,
# compare and report (--no-pdf) on the bundled sample and the example scenarios with
# two stationplan binaries and compares every output file byte for byte. Fields
# that measure time (seconds, total_seconds, the --timings lines) are the only ones
# left out; report.pdf is not made (Chromium stamps it).
#
#   same_outputs.sh BEFORE_BIN AFTER_BIN [WORK_DIR]
#
# A restructuring is shown harmless by building the old commit beside the new one:
#   git worktree add /tmp/old HEAD~1 && (cd /tmp/old && bash scripts/build.sh)
#   bash scripts/same_outputs.sh /tmp/old/build/src/stationplan build/src/stationplan
# Exit 0: every file equal; 1: some differ (listed); 2: usage.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: same_outputs.sh BEFORE_BIN AFTER_BIN [WORK_DIR]" >&2; exit 2; }
before=$(realpath "$1") after=$(realpath "$2")
src=$(cd "$(dirname "$0")/.." && pwd)
work=${3:-$(mktemp -d)}
mkdir -p "$work"
a=$src/analysis
runs=(
  "check-baseline|check $a/jinshui-baseline.toml"
  "check-walking|check $a/jinshui-walking.toml"
  "check-geocode|check $a/jinshui-geocode.toml"
  "check-redacted|check $a/jinshui-baseline.toml --redact"
  "suggest-lscp|suggest $a/jinshui-baseline.toml --model lscp"
  "suggest-mclp|suggest $a/jinshui-add-stations.toml --model mclp --add 5"
  "suggest-capacitated|suggest $a/jinshui-baseline.toml --model capacitated"
  "rebalance|rebalance $a/jinshui-reorganise.toml"
  "compare|compare $a/jinshui-baseline.toml $a/jinshui-reorganise.toml"
  "report|report $a/jinshui-baseline.toml --no-pdf --lang en"
)
# Replaces the values of timing keys in JSON and CSV outputs, so only they may differ.
normalise() {
  sed -E 's/"(seconds|total_seconds|wall_seconds|elapsed_s|[a-z_]*_seconds)": *[0-9.eE+-]+/"\1": T/g' "$1"
}
status=0
for run in "${runs[@]}"; do
  name=${run%%|*} args=${run#*|}
  for side in before after; do
    bin=$before; [ $side = after ] && bin=$after
    # shellcheck disable=SC2086
    (cd "$work" && "$bin" $args --out "$work/$side/$name" -q >"$work/$side-$name.stdout" 2>"$work/$side-$name.stderr")
    echo $? >"$work/$side-$name.exit"
  done
  if ! cmp -s "$work/before-$name.exit" "$work/after-$name.exit"; then
    echo "DIFFERS $name: exit $(cat "$work/before-$name.exit") before, $(cat "$work/after-$name.exit") after"; status=1
  fi
  files=$( (cd "$work/before/$name" 2>/dev/null && find . -type f; cd "$work/after/$name" 2>/dev/null && find . -type f) | sort -u)
  n=0
  for f in $files; do
    n=$((n + 1))
    b=$work/before/$name/$f c=$work/after/$name/$f
    if [ ! -f "$b" ] || [ ! -f "$c" ]; then echo "DIFFERS $name/$f: only on one side"; status=1; continue; fi
    cmp -s "$b" "$c" && continue
    case "$f" in
      *.json|*.csv|*.html) cmp -s <(normalise "$b") <(normalise "$c") && continue ;;
    esac
    echo "DIFFERS $name/$f"; status=1
  done
  echo "$name: $n files compared, exit $(cat "$work/after-$name.exit")"
done
[ $status -eq 0 ] && echo "same_outputs: every output equal (timings aside)" || echo "same_outputs: outputs differ"
exit $status
