#!/usr/bin/env bash
# End-to-end: a posting command killed with -9 at random moments, 60 times. After each kill the
# encrypted ledger holds either all of that command's entries or none of them, `subsidy verify`
# passes (hash chain, balances, account totals), and nothing earlier is lost.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'kill test key')
export SUBSIDY_DB="$work/ledger.db"
runs=60
count=1000  # entries per posting command
# Under the sanitizers every run is several times slower: fewer entries keep the test bounded.
[ -n "${SUBSIDY_SANITIZED:-}" ] && count=200

entries_of() {  # entries_of TAG: how many entries that command left
  sql "$SUBSIDY_DB" "SELECT count(*) FROM ledger_entries WHERE idempotency_key LIKE '$1/%';"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

"$post" --db "$SUBSIDY_DB" --create --count 10 --tag base >/dev/null
start=$(now_ms)
"$post" --db "$SUBSIDY_DB" --count "$count" --tag timing >/dev/null
duration_ms=$(( $(now_ms) - start ))
expected=$((10 + count))

killed_before_commit=0
finished=0
for run in $(seq 1 "$runs"); do
  tag="kill$run"
  "$post" --db "$SUBSIDY_DB" --count "$count" --tag "$tag" >/dev/null 2>&1 &
  pid=$!
  # Anywhere from the start (opening, key derivation) to the usual end (commit, WAL checkpoint,
  # close); a run that is faster than the timing run finishes before its kill.
  delay_ms=$(( RANDOM % (duration_ms + 1) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  left=$(entries_of "$tag")
  case "$left" in
    0) killed_before_commit=$((killed_before_commit + 1)) ;;
    "$count") finished=$((finished + 1)); expected=$((expected + count)) ;;
    *) fail "run $run (killed after ${delay_ms} ms): $left of $count entries left: half-written" ;;
  esac
  "$SUBSIDY_BIN" verify >verify.out 2>&1 || fail "run $run: verify failed after kill: $(cat verify.out)"
  grep -q "^verified: $expected entries" verify.out ||
    fail "run $run: expected $expected entries: $(head -n 1 verify.out)"
done
[ "$killed_before_commit" -ge 10 ] || fail "only $killed_before_commit kills landed before commit"
echo "ledger kill -9: ok ($runs kills in a ${duration_ms} ms posting: $killed_before_commit left" \
  "nothing, $finished left everything; verify passed after each)"
