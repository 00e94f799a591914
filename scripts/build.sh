#!/usr/bin/env bash
# Configures and builds stationplan (Release, warnings as errors) into ./build, or
# into the folder given with --build-dir (the sanitizer builds of scripts/test.sh).
# Usage: build.sh [--build-dir DIR] [--target T ...] [-DOPTION=VALUE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
dir=build
target=()
cmake_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) dir=$2; shift 2 ;;
    --target) target+=(--target "$2"); shift 2 ;;
    *) cmake_args+=("$1"); shift ;;
  esac
done
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DSTATIONPLAN_WERROR=ON ${cmake_args[@]+"${cmake_args[@]}"} >/dev/null
cmake --build "$dir" -j"$jobs" ${target[@]+"${target[@]}"}
