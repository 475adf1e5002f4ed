#!/usr/bin/env bash
# Installs what is missing, builds subsidy-ledger and runs the main job on a demo county: the
# worked example of ../shared/examples/basic is assessed first (a quick check that the build gives
# the hand-checked figures), then `subsidy demo` generates a Siyang-sized county in ./demo-out and
# runs the whole year cycle on it in an encrypted ledger.
# It builds only what the demo runs: the `subsidy` program, in build-demo/, configured without the
# tests (-DSUBSIDY_TESTS=OFF), so no test, fuzz target or benchmark is compiled. tools/test.sh
# builds and runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools/deps.sh
dir=build-demo
generator=()
# Ninja when it is there, as in tools/build.sh (a directory configured before keeps its generator).
if command -v ninja >/dev/null && [ ! -f "$dir/CMakeCache.txt" ]; then generator=(-G Ninja); fi
cmake -S . -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DSUBSIDY_TESTS=OFF >/dev/null
cmake --build "$dir" --target subsidy -j"$(nproc)"
bin="$root/$dir/tools/subsidy"
shared=${SUBSIDY_SHARED:-$root/../shared}
"$bin" --version

example=$(mktemp -d)
trap 'rm -rf "$example"' EXIT
export SUBSIDY_DB="$example/example.db"
"$bin" keygen "$example/example.key" >/dev/null
export SUBSIDY_KEY_FILE="$example/example.key"
"$bin" init >/dev/null
for kind in regions enterprises tax compliance projects applications; do
  "$bin" import "$kind" "$shared/examples/basic/$kind.csv" >/dev/null
done
echo "== worked example, 2023 (../shared/examples/basic): assess --dry-run"
"$bin" assess --year 2023 --dry-run
unset SUBSIDY_DB SUBSIDY_KEY_FILE

echo "== demo county"
rm -rf "$root/demo-out"
"$bin" demo "$root/demo-out"

# The one command that serves the demo ledger in a browser, and who can log in (issue 17).
echo
echo "== 在浏览器中办理 / in a browser"
echo "  $bin --db $root/demo-out/ledger.db --key-file $root/demo-out/ledger.key serve"
echo "  然后打开 http://127.0.0.1:8080/ ；演示人员（口令在 demo-out/people/姓名.pass）："
echo "  张会计（经办 maker）、李科长（复核 checker）、王出纳（出纳 cashier）、赵审计（审计 auditor）、管理员（admin）"
