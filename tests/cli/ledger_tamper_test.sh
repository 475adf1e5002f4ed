#!/usr/bin/env bash
# End-to-end: someone with the key and the sqlcipher shell tampers with the ledger.
# 1. With the triggers in place, UPDATE and DELETE of posted rows are refused.
# 2. With the triggers dropped: an amount changed, an entry deleted, two entries reordered —
#    `subsidy verify` exits 1 and names the entry each time.
# 3. Rollback: an old copy of the file put back passes PRAGMA integrity_check and even the plain
#    verify (its chain is consistent), but `verify --against` a digest saved later fails.
# 4. Page rollback: every page that changed is put back one at a time from the old copy; each
#    result that still passes integrity_check and differs in content is caught by
#    `verify --against`, and at least one such rolled-back page (a balance rolled back) exists.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'tamper test key')
page_size=4096  # the cipher page size: the unit in which pages are put back
drop_triggers="DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete;
DROP TRIGGER ledger_lines_no_update; DROP TRIGGER ledger_lines_no_delete;"

# expect_bad DB ENTRY MESSAGE [verify options]: verify exits 1 and names ENTRY first.
expect_bad() {
  local db=$1 entry=$2 message=$3; shift 3
  local rc=0
  "$SUBSIDY_BIN" --db "$db" verify "$@" >/dev/null 2>verify.err || rc=$?
  [ "$rc" -eq 1 ] || fail "verify of $db exited $rc, expected 1: $(cat verify.err)"
  head -n 1 verify.err | grep -q "first bad entry $entry$" || fail "$db: $(head -n 2 verify.err)"
  sed -n 2p verify.err | grep -qF "entry $entry: $message" || fail "$db: $(sed -n 2p verify.err)"
}

"$post" --db pristine.db --create --count 20 --tag a >/dev/null
"$SUBSIDY_BIN" --db pristine.db verify >/dev/null || fail "pristine ledger does not verify"

# 1. The triggers refuse in-place changes.
cp pristine.db guarded.db
sql guarded.db "UPDATE ledger_lines SET amount_fen = 1 WHERE entry_id = 3;
DELETE FROM ledger_entries WHERE entry_id = 3;" 2>guarded.err || true
[ "$(grep -c 'append-only' guarded.err)" -eq 2 ] || fail "triggers did not refuse: $(cat guarded.err)"
"$SUBSIDY_BIN" --db guarded.db verify >/dev/null || fail "a refused change altered the ledger"

# 2. Tampering with the triggers dropped.
cp pristine.db amount.db
sql amount.db "$drop_triggers
UPDATE ledger_lines SET amount_fen = amount_fen + 100 WHERE entry_id = 7 AND line_no = 1;"
expect_bad amount.db 7 "lines do not balance: they sum to 100 fen"

cp pristine.db balanced.db  # changed so that the entry still balances: only the hash tells
sql balanced.db "$drop_triggers
UPDATE ledger_lines SET amount_fen = amount_fen + 100 WHERE entry_id = 9 AND line_no = 1;
UPDATE ledger_lines SET amount_fen = amount_fen - 100 WHERE entry_id = 9 AND line_no = 3;"
expect_bad balanced.db 9 "hash does not match"

cp pristine.db deleted.db
sql deleted.db "$drop_triggers
DELETE FROM ledger_lines WHERE entry_id = 12; DELETE FROM ledger_entries WHERE entry_id = 12;"
expect_bad deleted.db 12 "missing: entry ids jump from 11 to 13"

cp pristine.db reordered.db
sql reordered.db "$drop_triggers
UPDATE ledger_entries SET entry_id = -1 WHERE entry_id = 4;
UPDATE ledger_entries SET entry_id = 4 WHERE entry_id = 5;
UPDATE ledger_entries SET entry_id = 5 WHERE entry_id = -1;
UPDATE ledger_lines SET entry_id = -1 WHERE entry_id = 4;
UPDATE ledger_lines SET entry_id = 4 WHERE entry_id = 5;
UPDATE ledger_lines SET entry_id = 5 WHERE entry_id = -1;"
expect_bad reordered.db 4 "hash does not match"

# 3. Whole-file rollback.
cp pristine.db ledger.db
[ ! -e ledger.db-wal ] || fail "a WAL file was left behind"
cp ledger.db old.db
"$post" --db ledger.db --count 5 --tag b >/dev/null
"$SUBSIDY_BIN" --db ledger.db digest >saved-digest.txt
cp ledger.db new.db
cp old.db ledger.db
[ "$(sql ledger.db "PRAGMA integrity_check;")" = ok ] || fail "integrity_check failed on the old copy"
"$SUBSIDY_BIN" --db ledger.db verify >/dev/null || fail "the old copy alone should look consistent"
expect_bad ledger.db 21 "the saved digest has 25 entries, the ledger only 20" \
  --against saved-digest.txt

# 4. Page rollback: put back one old page at a time.
journal() {  # the journal tables of a file
  sql "$1" "SELECT * FROM ledger_entries ORDER BY entry_id; SELECT * FROM ledger_lines;
SELECT * FROM ledger_closings;"
}
balances() { sql "$1" "SELECT * FROM ledger_account_totals ORDER BY account, fiscal_year;"; }
journal new.db >new.journal
balances new.db >new.balances
pages=$("$python" - old.db new.db "$page_size" <<'EOF'
import sys
old, new, size = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read(), int(sys.argv[3])
print(" ".join(str(p) for p in range(min(len(old), len(new)) // size)
               if old[p * size:(p + 1) * size] != new[p * size:(p + 1) * size]))
EOF
)
[ -n "$pages" ] || fail "no page changed"
caught=0
balance_rollbacks=0
for page in $pages; do
  cp new.db candidate.db
  dd if=old.db of=candidate.db bs="$page_size" skip="$page" seek="$page" count=1 conv=notrunc \
    status=none
  [ "$(sql candidate.db "PRAGMA integrity_check;" 2>/dev/null)" = ok ] || continue
  journal candidate.db >candidate.journal 2>/dev/null || true
  balances candidate.db >candidate.balances 2>/dev/null || true
  same_journal=0
  cmp -s candidate.journal new.journal && same_journal=1
  if [ "$same_journal" -eq 1 ] && cmp -s candidate.balances new.balances; then
    continue  # nothing the ledger says changed
  fi
  rc=0
  "$SUBSIDY_BIN" --db candidate.db verify --against saved-digest.txt >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 1 ] || fail "old page $page put back: integrity_check ok, content changed, verify passed"
  caught=$((caught + 1))
  [ "$same_journal" -eq 0 ] || balance_rollbacks=$((balance_rollbacks + 1))
done
[ "$caught" -ge 1 ] || fail "no page rollback passed integrity_check (pages: $pages)"
[ "$balance_rollbacks" -ge 1 ] || fail "no page rollback of the balances alone passed integrity_check"
echo "ledger tamper: ok (pages changed: $pages; $caught page rollbacks passed integrity_check and" \
  "were caught, $balance_rollbacks of them rolling balances back)"
