#!/usr/bin/env bash
# Runs every test: installs what is missing, then
# - the sanitizer build (clang, ASan+UBSan): every unit test, the shorter end-to-end CLI scripts
#   (tests/CMakeLists.txt says which run against the release build only), the dependency check, and
#   each fuzz target's seeds plus 10 s of fuzzing (fuzz_<name>_fuzz, SUBSIDY_FUZZ_SECONDS);
# - the release build (g++, the program as shipped, with the benchmarks): the end-to-end CLI
#   scripts, the golden files, the benchmark's smoke test and the fault and secrets tests, which
#   the sanitizer runtime would disturb. The unit tests are not built a second time here: they
#   ran under the sanitizers.
# The last line printed is ctest's summary of the release run.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
# fontconfig's and cairo's process-lifetime caches are not leaks of ours (tests/lsan.supp says why).
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan_dir=$(SUBSIDY_BENCH=OFF tools/build.sh asan)
(cd "$asan_dir" && ctest --output-on-failure -j"$(nproc)")
release_dir=$(SUBSIDY_UNIT_TESTS=OFF tools/build.sh release)
cd "$release_dir" && ctest --output-on-failure -j"$(nproc)"
