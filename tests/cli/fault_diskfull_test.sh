#!/usr/bin/env bash
# End-to-end: the disk filling up during a post. `assess --year 2023` posts the worked example
# under `prlimit --fsize=N` (a file may not grow past N bytes: the write fails with EFBIG, as on a
# full disk or quota) for N from 0 to past the ledger's size in 6 KiB steps. Each run
# either completes (exit 0, everything posted) or is refused in one line with exit 1 and leaves the
# ledger exactly as before; never a crash, never half-posted, and `verify` passes after every run.
source "$(dirname "${BASH_SOURCE[0]}")/fault_common.sh"

make_example_ledger base.db
copy_ledger base.db run.db
state run.db >before.txt
"$SUBSIDY_BIN" --db run.db assess --year 2023 >/dev/null 2>&1 || fail "the unlimited post failed"
state run.db >after.txt
base_bytes=$(stat -c %s base.db)

refused=0 completed=0
# The post writes its pages to the WAL (which starts empty) and, when it closes, into the ledger
# file by a checkpoint: limits from 0 to past the file's size hit both.
limits=$(seq 0 6144 $((base_bytes + 8192)))
for limit in $limits; do
  [ "$limit" -ge 0 ] || continue
  copy_ledger base.db run.db
  # stderr through a pipe: a file would be under the same size limit and stay empty.
  set +e
  prlimit --fsize="$limit" -- "$SUBSIDY_BIN" --db run.db assess --year 2023 2>&1 >/dev/null |
    cat >run.err
  rc=${PIPESTATUS[0]}
  set -e
  no_crash "$rc" "assess with --fsize=$limit"
  state run.db >now.txt
  if [ "$rc" -eq 0 ]; then
    cmp -s now.txt after.txt || fail "--fsize=$limit: exit 0 but not everything posted"
    completed=$((completed + 1))
  else
    [ "$rc" -eq 1 ] || fail "--fsize=$limit: exit $rc: $(cat run.err)"
    [ "$(wc -l <run.err)" -eq 1 ] || fail "--fsize=$limit: not one line: $(cat run.err)"
    cmp -s now.txt before.txt || fail "--fsize=$limit: refused but changed: $(diff before.txt now.txt)"
    refused=$((refused + 1))
    cp run.err last-refusal.txt
  fi
  "$SUBSIDY_BIN" --db run.db verify >verify.out 2>&1 || fail "--fsize=$limit: verify: $(cat verify.out)"
done
[ "$refused" -ge 3 ] || fail "only $refused runs hit the limit: the test proves nothing"
[ "$completed" -ge 1 ] || fail "no run completed: the limits are all too small"
echo "fault disk full: ok ($refused refused in one line with the ledger unchanged, $completed" \
  "completed; verify passed after each; e.g. $(cat last-refusal.txt))"
