#!/usr/bin/env bash
# Installs what is missing, builds subsidy-ledger and runs the main job on a demo data set: for now
# the worked example of ../shared/examples/basic, imported into a fresh encrypted ledger and assessed.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
dir=$(tools/build.sh release)
bin="$PWD/$dir/tools/subsidy"
"$bin" --version
