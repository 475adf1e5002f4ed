#!/usr/bin/env bash
# Rewrites tests/golden/expected/ with what the built `subsidy` writes now (tests/golden/run.sh):
# run it after an intended change of output, then review `git diff tests/golden/expected` (every
# changed figure by hand) before committing. Builds nothing.
# Usage: tools/regen-golden.sh [BUILD_DIR]   (default: build; the specs from $SUBSIDY_SHARED,
# else ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin=$PWD/$build/tools/subsidy
[ "${build#/}" = "$build" ] || bin=$build/tools/subsidy
[ -x "$bin" ] || { echo "regen-golden: no $bin (build first: tools/build.sh release)" >&2; exit 2; }
shared=${SUBSIDY_SHARED:-$PWD/../shared}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

SUBSIDY_BIN=$bin SUBSIDY_SHARED=$shared bash tests/golden/run.sh "$scratch/out"
rm -rf tests/golden/expected
cp -r "$scratch/out" tests/golden/expected
echo "regen-golden: tests/golden/expected rewritten from $bin; review before committing:"
git status --short tests/golden/expected 2>/dev/null || true
