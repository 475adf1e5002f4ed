#!/usr/bin/env bash
# Configures and builds one flavour of subsidy-ledger: `release` (build/, g++) or `asan`
# (build-asan/: clang, Debug, AddressSanitizer and UndefinedBehaviorSanitizer, and every fuzz
# target a libFuzzer binary, so the one sanitizer build also fuzzes). Prints the build directory.
# SUBSIDY_UNIT_TESTS=OFF leaves out the unit tests and fuzz targets, SUBSIDY_BENCH=OFF the
# benchmarks (the test command builds each of them in one flavour only).
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=$(nproc)
case "$flavour" in
  release) dir=build; args=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan)
    dir=build-asan
    # Line tables are all a sanitizer report needs; full debug info makes every object and every
    # link of the twenty-odd test and fuzz programs larger and slower.
    args=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug
      "-DCMAKE_CXX_FLAGS_DEBUG=-O0 -gline-tables-only" "-DCMAKE_C_FLAGS_DEBUG=-O0 -gline-tables-only"
      -DSUBSIDY_SANITIZE=ON -DSUBSIDY_FUZZ=ON)
    ;;
  *) echo "usage: tools/build.sh [release|asan]" >&2; exit 2 ;;
esac
args+=(-DSUBSIDY_UNIT_TESTS="${SUBSIDY_UNIT_TESTS:-ON}" -DSUBSIDY_BENCH="${SUBSIDY_BENCH:-ON}")
# Ninja when it is there (tools/deps.sh installs it): it schedules the whole tree at once, where
# make's recursive passes leave a core idle between targets. A directory configured before keeps
# its generator.
if command -v ninja >/dev/null && [ ! -f "$dir/CMakeCache.txt" ]; then
  args+=(-G Ninja)
fi
cmake -S . -B "$dir" "${args[@]}" >/dev/null
cmake --build "$dir" -j"$jobs" >&2
echo "$dir"
