#!/usr/bin/env bash
# Fuzzes subsidy-ledger: configures build-fuzz/ with clang (libFuzzer + ASan + UBSan), builds the
# fuzz targets and runs each for SECONDS (default 20). Targets are named with or without the fuzz_
# prefix (amount or fuzz_amount); with none given, every tests/fuzz/fuzz_*.cpp is run.
# New inputs libFuzzer finds go to build-fuzz/corpus/<name>/, never into the committed seeds.
# A crash, sanitizer report or broken property saves the input under tests/fuzz/artifacts/ and makes
# this script exit 1 (after running the other targets); see docs/reliability.md for what to do next.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: tools/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
}

seconds=${1:-20}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || usage
[ $# -gt 0 ] && shift
targets=()
for target in "$@"; do
  target=fuzz_${target#fuzz_}
  if [ ! -f "tests/fuzz/$target.cpp" ]; then
    echo "no such fuzz target: tests/fuzz/$target.cpp" >&2
    exit 2
  fi
  targets+=("$target")
done
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

dir=build-fuzz
cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSUBSIDY_FUZZ=ON >/dev/null
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}" >&2

artifacts=tests/fuzz/artifacts
mkdir -p "$artifacts"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  work="$dir/corpus/$name"
  log="$dir/$target.log"
  mkdir -p "$work"
  echo "fuzzing $target for ${seconds}s (seeds tests/fuzz/corpus/$name, log $log)" >&2
  if "$dir/tests/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$artifacts/$target-" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    echo "ok $target: ${runs:-?} inputs, no crash"
  else
    echo "FAILED $target: crashing input saved as $artifacts/$target-*; details in $log" >&2
    grep -m1 -E 'ERROR:|fuzz property broken|runtime error' "$log" >&2 || true
    status=1
  fi
done
exit "$status"
