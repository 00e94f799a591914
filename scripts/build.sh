#!/usr/bin/env bash
# Configures and builds stationplan into ./build (Release, warnings as errors).
# Usage: build.sh [--target T] [-DOPTION=VALUE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
target=()
cmake_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=(--target "$2"); shift 2 ;;
    *) cmake_args+=("$1"); shift ;;
  esac
done
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSTATIONPLAN_WERROR=ON ${cmake_args[@]+"${cmake_args[@]}"} >/dev/null
cmake --build build -j"$jobs" ${target[@]+"${target[@]}"}
