#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the sanitizer build (clang, ASan+UBSan, fuzz
# targets as libFuzzer binaries) and the release build (g++), and runs the whole ctest suite in
# both. In the sanitizer build that includes fuzz_<name>_fuzz: each fuzz target searches for 15 s
# from its seeds (SUBSIDY_FUZZ_SECONDS). The last line printed is ctest's summary of the release run.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan_dir=$(tools/build.sh asan)
(cd "$asan_dir" && ctest --output-on-failure -j"$(nproc)")
release_dir=$(tools/build.sh release)
cd "$release_dir" && ctest --output-on-failure -j"$(nproc)"
