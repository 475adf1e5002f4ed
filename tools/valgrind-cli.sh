#!/usr/bin/env bash
# Runs end-to-end CLI tests (tests/cli/*_test.sh) with every `subsidy` they start running under
# valgrind memcheck: SUBSIDY_BIN points to a wrapper that runs the real binary with
# --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite, so an invalid read or
# write, a use of uninitialised memory or a definite leak fails the command and so the test.
# usage: tools/valgrind-cli.sh BUILD_DIR [TEST...]   (TEST: import or import_test; default: import
# and assess, chosen to keep the run to a few minutes: valgrind is ~30x slower). Exit 0 when all
# pass; otherwise prints the valgrind reports and exits 1.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: tools/valgrind-cli.sh BUILD_DIR [TEST...]" >&2; exit 2; }
build=$(cd "$1" && pwd)
shift
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(import assess)
command -v valgrind >/dev/null || { echo "valgrind is not installed (tools/deps.sh)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"
cat >"$work/subsidy" <<WRAPPER
#!/bin/sh
# valgrind wrapper made by tools/valgrind-cli.sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
  --log-file="$work/logs/vg.%p.log" "$build/tools/subsidy" "\$@"
WRAPPER
chmod +x "$work/subsidy"
[ -x "$build/tools/subsidy" ] || { echo "no subsidy binary in $build" >&2; exit 2; }

status=0
for test in "${tests[@]}"; do
  script="$source_dir/tests/cli/${test%_test}_test.sh"
  [ -f "$script" ] || { echo "no such CLI test: $script" >&2; exit 2; }
  start=$(date +%s)
  if SUBSIDY_BIN="$work/subsidy" SUBSIDY_SHARED="$source_dir/../shared" \
    SUBSIDY_SOURCE="$source_dir" SUBSIDY_BUILD="$build" bash "$script" >"$work/out" 2>&1; then
    echo "valgrind ok: ${test%_test} ($(($(date +%s) - start)) s)"
  else
    echo "valgrind FAILED: ${test%_test}:" >&2
    tail -n 20 "$work/out" >&2
    status=1
  fi
done
# Any report at all (the wrapper's exit code 99 may have been expected-failure-masked by a test).
for log in "$work"/logs/vg.*.log; do
  [ -s "$log" ] || continue
  echo "valgrind report ($log):" >&2
  head -n 40 "$log" >&2
  status=1
done
exit "$status"
