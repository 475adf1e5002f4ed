#!/usr/bin/env bash
# End-to-end: the real posting commands killed with -9 at random moments. `assess --year 2023`
# (posting the worked example) and `import enterprises` (a generated 3,000-row file) are each
# killed 20 times, anywhere from start to their usual end. After every kill the ledger holds either
# everything that command writes or nothing of it (every table's row count and the ledger head are
# one of the two states), `verify` passes, and running the command again after a kill that left nothing completes it.
source "$(dirname "${BASH_SOURCE[0]}")/fault_common.sh"
runs=20
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# kill_runs COMMAND...: runs the command 20 times on a fresh copy of base.db as run.db, killing it
# after a random delay within the timed duration; checks the state after each kill.
kill_runs() {
  copy_ledger base.db run.db
  state run.db >before.txt
  local start
  start=$(now_ms)
  "$SUBSIDY_BIN" --db run.db "$@" >/dev/null 2>&1 || fail "$*: the timing run failed"
  local duration_ms=$(($(now_ms) - start))
  state run.db >after.txt
  cmp -s before.txt after.txt && fail "$*: changed nothing, so the kills would prove nothing"
  nothing=0 everything=0
  for run in $(seq 1 "$runs"); do
    copy_ledger base.db run.db
    "$SUBSIDY_BIN" --db run.db "$@" >/dev/null 2>&1 &
    local pid=$!
    local delay_ms=$((RANDOM % (duration_ms + 1)))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    state run.db >killed.txt
    if cmp -s killed.txt before.txt; then
      nothing=$((nothing + 1))
    elif cmp -s killed.txt after.txt; then
      everything=$((everything + 1))
    else
      fail "$* killed after ${delay_ms} ms: half-written: $(diff before.txt killed.txt | head -n 6)"
    fi
    "$SUBSIDY_BIN" --db run.db verify >verify.out 2>&1 ||
      fail "$* killed after ${delay_ms} ms: verify failed: $(cat verify.out)"
    # After a kill that left nothing, running the command again completes it. (After one that
    # left everything a rerun is a new run and records itself, so it is not compared.)
    if [ "$(cat killed.txt)" = "$(cat before.txt)" ]; then
      "$SUBSIDY_BIN" --db run.db "$@" >/dev/null 2>&1 || fail "$*: the rerun after a kill failed"
      state run.db >rerun.txt
      cmp -s rerun.txt after.txt || fail "$*: the rerun after a kill did not complete the command"
    fi
  done
  [ "$nothing" -ge 3 ] || fail "$*: only $nothing of $runs kills landed before the commit"
  echo "$*: $runs kills in a ${duration_ms} ms run: $nothing left nothing, $everything everything"
}

make_example_ledger base.db
assess_summary=$(kill_runs assess --year 2023 | tail -n 1)

# A large enterprises file: 3,000 generated rows (1,000 under the sanitizers) with valid USCCs,
# so the import takes long enough to be killed inside its transaction.
rows=3000
[ -n "${SUBSIDY_SANITIZED:-}" ] && rows=1000  # sanitized runs are several times slower
python3 - "$examples/enterprises.csv" "$rows" >big-enterprises.csv <<'PY'
import sys
alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
header = open(sys.argv[1], encoding="utf-8").readline().strip()
print(header)
for i in range(int(sys.argv[2])):
    body = "91321323MA%07d" % i
    total = sum(alphabet.index(c) * pow(3, k, 31) for k, c in enumerate(body))
    uscc = body + alphabet[(31 - total % 31) % 31]
    print(f"{uscc},企业{i},P01,中国工商银行泗阳支行,102308200012,{6222000000 + i},企业{i}")
PY
import_summary=$(kill_runs import enterprises big-enterprises.csv | tail -n 1)
echo "fault kill -9: ok ($assess_summary; $import_summary; verify passed after each)"
