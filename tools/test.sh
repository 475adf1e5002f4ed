#!/usr/bin/env bash
# Runs every test: installs what is missing, builds the sanitizer (ASan+UBSan) and release builds,
# and runs the whole ctest suite in both. The last line printed is ctest's summary of the release run.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan_dir=$(tools/build.sh asan)
(cd "$asan_dir" && ctest --output-on-failure -j"$(nproc)")
release_dir=$(tools/build.sh release)
cd "$release_dir" && ctest --output-on-failure -j"$(nproc)"
