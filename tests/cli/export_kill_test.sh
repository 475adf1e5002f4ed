#!/usr/bin/env bash
# End to end (issue 15, finding 6): `batch export` and `bank-return import` killed by SIGKILL at
# random moments, 100 times in all (fewer under the sanitizers), on copies of one encrypted ledger.
# The kills need no sleeps: the binary's test-only timer ($SUBSIDY_TEST_KILL_AFTER_US, random up to
# the measured length of an uninterrupted run) or kill point ($SUBSIDY_TEST_KILL_AT, e.g. right
# after the export's first phase committed) kills the process itself, exactly as kill -9 would.
# After each kill: verify passes; a written bank file always has its export recorded with its
# SHA-256, so the batch can no longer be cancelled; a batch that can be cancelled has no file, and
# its replacement is the only file paying those enterprises (never two files paying one item);
# exporting again finishes and yields the recorded SHA-256; an interrupted return import left all
# of its entries or none, and importing it again books it once.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'export kill test key')
unset SUBSIDY_DB
export_runs=60
return_runs=40
if [ -n "${SUBSIDY_SANITIZED:-}" ]; then export_runs=12; return_runs=8; fi

s() { "$SUBSIDY_BIN" --db "$db" "$@"; }
now_us() { echo $(( $(date +%s%N) / 1000 )); }
copy_ledger() {  # copy_ledger FROM TO: a cleanly closed ledger is one file
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
}
recorded_sha() {  # the SHA-256 the first pain001v9 export of batch $1 recorded, or nothing
  sql "$db" "SELECT content_sha256 FROM payment_batch_events WHERE batch_id = $1
    AND event = 'exported' AND format = 'pain001v9' ORDER BY event_id LIMIT 1;"
}
verify_ok() {  # verify_ok WHAT
  s verify >verify.out 2>&1 || fail "$1: verify failed: $(cat verify.out)"
}
# Every complete bank file in the directory (not the temporary files a kill leaves): no MsgId,
# EndToEndId or payee account is paid by two of them.
no_double_payment() {  # no_double_payment DIR WHAT
  python3 - "$1" "$2" <<'EOF' || exit 1
import glob, os, re, sys
directory, what = sys.argv[1], sys.argv[2]
seen = {}
for path in sorted(glob.glob(os.path.join(directory, "*.xml"))):
    text = open(path, encoding="utf-8").read()
    for kind, pattern in (("MsgId", r"<MsgId>([^<]+)</MsgId>"),
                          ("EndToEndId", r"<EndToEndId>([^<]+)</EndToEndId>"),
                          ("account", r"<CdtrAcct><Id><Othr><Id>([^<]+)</Id>")):
        for value in set(re.findall(pattern, text)):
            if (kind, value) in seen:
                sys.exit(f"FAIL: {what}: {kind} {value} is paid by {seen[(kind, value)]} and {path}")
            seen[(kind, value)] = path
EOF
}

# --- the ledgers every run starts from -----------------------------------------------------------
db=$work/base.db
payable_example s
s --user clerk-li batch create --year 2023 >/dev/null
s --user director-wang batch approve 1 >/dev/null
copy_ledger "$work/base.db" "$work/approved.db"
start=$(now_us)
s --user clerk-li batch export 1 --format pain001v9 --out "$work/timing.xml" >/dev/null
export_us=$(( $(now_us) - start ))
copy_ledger "$work/base.db" "$work/exported.db"
e2e=$(sql "$db" "SELECT group_concat(end_to_end_id, ' ') FROM payment_batch_items WHERE batch_id = 1;")
read -r -a items <<<"$e2e"
[ "${#items[@]}" -eq 4 ] || fail "the example batch should have 4 items, has ${#items[@]}"
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">'
  printf '<CstmrPmtStsRpt><GrpHdr><MsgId>STS-1</MsgId><CreDtTm>2026-01-22T10:00:00</CreDtTm></GrpHdr>'
  printf '<OrgnlGrpInfAndSts><OrgnlMsgId>SY2023-000001</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>'
  printf '</OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>SY2023-000001</OrgnlPmtInfId>'
  printf '<TxInfAndSts><OrgnlEndToEndId>%s</OrgnlEndToEndId><TxSts>ACSC</TxSts></TxInfAndSts>' "${items[0]}" "${items[2]}"
  printf '<TxInfAndSts><OrgnlEndToEndId>%s</OrgnlEndToEndId><TxSts>RJCT</TxSts></TxInfAndSts>' "${items[1]}" "${items[3]}"
  printf '</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>\n'
} >"$work/return1.xml"
db=$work/timing.db
copy_ledger "$work/exported.db" "$db"
start=$(now_us)
s bank-return import "$work/return1.xml" >/dev/null
import_us=$(( $(now_us) - start ))

# --- the deterministic case: stopped right after the export's first phase committed ----------------
mkdir "$work/stopped"
db=$work/stopped/ledger.db
copy_ledger "$work/approved.db" "$db"
rc=0
SUBSIDY_TEST_KILL_AT=export.recorded s --user clerk-li batch export 1 --format pain001v9 \
  --out "$work/stopped/b1.xml" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 137 ] || fail "the export did not stop at export.recorded (exit $rc)"
[ ! -e "$work/stopped/b1.xml" ] || fail "a file was written before the stop point"
sha=$(recorded_sha 1)
[ -n "$sha" ] || fail "the export's first phase committed nothing"
verify_ok "stopped after phase 1"
expect_refusal "was exported" s batch cancel 1 --reason "no file seen"
s --user clerk-li batch export 1 --format pain001v9 --out "$work/stopped/b1.xml" --force >out.txt ||
  fail "exporting again after the stop failed"
grep -q "exported before: nothing posted" out.txt || fail "exporting again posted: $(cat out.txt)"
[ "$(sha256sum <"$work/stopped/b1.xml" | cut -d' ' -f1)" = "$sha" ] ||
  fail "the file written after the stop does not hash to the recorded SHA-256"

# --- kills during batch export ---------------------------------------------------------------------
recorded=0 cancelled=0 finished=0
for run in $(seq 1 "$export_runs"); do
  dir=$work/export$run
  mkdir "$dir"
  db=$dir/ledger.db
  copy_ledger "$work/approved.db" "$db"
  case $((RANDOM % 8)) in
    0) kill_env=(SUBSIDY_TEST_KILL_AT=export.recorded) ;;
    1) kill_env=(SUBSIDY_TEST_KILL_AT=export.written) ;;
    *) kill_env=(SUBSIDY_TEST_KILL_AFTER_US=$(( (RANDOM * 32768 + RANDOM) % (export_us + 1) + 1 ))) ;;
  esac
  rc=0
  env "${kill_env[@]}" "$SUBSIDY_BIN" --db "$db" --user clerk-li batch export 1 \
    --format pain001v9 --out "$dir/b1.xml" >/dev/null 2>&1 || rc=$?
  what="export run $run (${kill_env[*]}, exit $rc)"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 137 ] || fail "$what: neither finished nor killed"
  [ "$rc" -ne 0 ] || finished=$((finished + 1))
  verify_ok "$what"
  sha=$(recorded_sha 1)
  if [ -e "$dir/b1.xml" ]; then
    [ -n "$sha" ] || fail "$what: a bank file was written with no export recorded"
    [ "$(sha256sum <"$dir/b1.xml" | cut -d' ' -f1)" = "$sha" ] ||
      fail "$what: the written file does not hash to the recorded SHA-256"
  fi
  if [ -n "$sha" ]; then
    recorded=$((recorded + 1))
    # (every run would prove the same as the first few, at the cost of a key derivation each)
    [ "$recorded" -gt 5 ] || expect_refusal "was exported" s batch cancel 1 --reason "after the kill"
    s --user clerk-li batch export 1 --format pain001v9 --out "$dir/b1.xml" --force >/dev/null ||
      fail "$what: exporting again failed"
    [ "$(sha256sum <"$dir/b1.xml" | cut -d' ' -f1)" = "$sha" ] ||
      fail "$what: exporting again did not yield the recorded SHA-256"
  else
    # Nothing recorded: the batch may be cancelled. The first few times its enterprises are then
    # paid by a new batch, which must be the only file paying them.
    s batch cancel 1 --reason "after the kill" >/dev/null || fail "$what: cancel refused"
    cancelled=$((cancelled + 1))
    if [ "$cancelled" -le 3 ]; then
      s --user clerk-li batch create --year 2023 >/dev/null
      s --user director-wang batch approve 2 >/dev/null
      s --user clerk-li batch export 2 --format pain001v9 --out "$dir/b2.xml" >/dev/null ||
        fail "$what: the replacement batch could not be exported"
      verify_ok "$what, after the replacement batch"
    fi
  fi
  no_double_payment "$dir" "$what"
  rm -rf "$dir"
done
[ "$recorded" -ge 1 ] && [ "$cancelled" -ge 1 ] ||
  fail "the export kills should land both before and after phase 1: $recorded recorded, $cancelled not"

# --- kills during bank-return import ----------------------------------------------------------------
returns_kept=0
for run in $(seq 1 "$return_runs"); do
  db=$work/return.db
  copy_ledger "$work/exported.db" "$db"
  rc=0
  SUBSIDY_TEST_KILL_AFTER_US=$(( (RANDOM * 32768 + RANDOM) % (import_us + 1) + 1 )) \
    "$SUBSIDY_BIN" --db "$db" bank-return import "$work/return1.xml" >/dev/null 2>&1 || rc=$?
  what="return run $run (exit $rc)"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 137 ] || fail "$what: neither finished nor killed"
  verify_ok "$what"
  booked=$(sql "$db" "SELECT (SELECT count(*) FROM ledger_entries WHERE kind IN
    ('payment_confirmed', 'payment_rejected')) || '/' || (SELECT count(*) FROM bank_returns);")
  s bank-return import "$work/return1.xml" >again.out || fail "$what: importing again failed"
  case "$booked" in
    0/0) grep -q "2 settled (confirmation posted), 2 rejected" again.out ||
      fail "$what: importing again did not book the return: $(cat again.out)" ;;
    4/1)
      returns_kept=$((returns_kept + 1))
      grep -q "already imported" again.out || fail "$what: booked twice: $(cat again.out)" ;;
    *) fail "$what: half an import: $booked (entries/returns)" ;;
  esac
done

echo "export kill -9: ok ($export_runs export kills in a ${export_us} us export: $recorded left the" \
  "export recorded, $cancelled left nothing, $finished finished; $return_runs import kills in a" \
  "${import_us} us import: $returns_kept left it booked; verify passed after each)"
