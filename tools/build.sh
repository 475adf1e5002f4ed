#!/usr/bin/env bash
# Configures and builds one flavour of subsidy-ledger: `release` (build/) or `asan` (build-asan/,
# Debug with AddressSanitizer and UndefinedBehaviorSanitizer). Prints the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=$(nproc)
case "$flavour" in
  release) dir=build; args=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) dir=build-asan; args=(-DCMAKE_BUILD_TYPE=Debug -DSUBSIDY_SANITIZE=ON) ;;
  *) echo "usage: tools/build.sh [release|asan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" "${args[@]}" >/dev/null
cmake --build "$dir" -j"$jobs" >&2
echo "$dir"
