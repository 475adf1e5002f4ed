#!/usr/bin/env bash
# End-to-end: the ledger commands on an encrypted ledger — verify, digest, verify --against,
# balances, close --year (refused over open items, listing them; forced with a reason that the
# closing entry seals; and that nothing posts into a closed year afterwards), the operations
# log — and tools/verify-chain.py, the auditor's independent re-implementation of the chain,
# run on a CSV dump made by the sqlcipher shell: it must agree with `subsidy` and catch tampering.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SOURCE:?}"
export SUBSIDY_DB_KEY=$(raw_test_key 'ledger test key')
export SUBSIDY_DB="$work/ledger.db"

dump() {  # dump DIR: the two journal tables as CSV, exactly as docs/ledger-format.md says
  mkdir -p "$1"
  sql "$SUBSIDY_DB" ".headers on
.mode csv
.output $1/entries.csv
SELECT * FROM ledger_entries ORDER BY entry_id;
.output $1/lines.csv
SELECT * FROM ledger_lines ORDER BY entry_id, line_no;"
}

# The record chain: ledger_records and every sealed table, NULL as <NULL> (a closing is sealed).
sealed_tables="policies config_changes imports region_versions enterprise_versions tax_versions
  compliance_versions project_versions application_versions assessment_runs assessment_results
  assessment_enterprises payment_batches payment_batch_items payment_batch_exclusions
  payment_batch_events bank_returns bank_return_items bank_return_holds bank_return_decisions
  ledger_closings budget_changes
  payment_batch_budgets payment_batch_budget_lines people signatures"
dump_records() {  # dump_records DIR: ledger_records and every sealed table, NULL as <NULL>
  local commands=".headers on
.mode csv
.nullvalue <NULL>
.output $1/ledger_records.csv
SELECT * FROM ledger_records ORDER BY record_id;" table
  for table in $sealed_tables; do
    commands+="
.output $1/$table.csv
SELECT * FROM $table;"
  done
  mkdir -p "$1"
  sql "$SUBSIDY_DB" "$commands"
}

"$post" --db "$SUBSIDY_DB" --create --count 28 --tag a >/dev/null
# Memos a CSV dump must quote: commas, double quotes, leading space, Chinese; and an empty one.
"$post" --db "$SUBSIDY_DB" --count 1 --tag q --memo ' 拨付, "智改数转" 奖励' >/dev/null
"$post" --db "$SUBSIDY_DB" --count 1 --tag e --memo '' >/dev/null
"$SUBSIDY_BIN" verify >verify.out || fail "verify of a fresh ledger: $(cat verify.out)"
grep -q "^verified: 30 entries, 90 lines" verify.out || fail "verify output: $(cat verify.out)"
"$SUBSIDY_BIN" digest >digest-30.txt
grep -qE "^subsidy-ledger digest: entries=30 head=[0-9a-f]{64}$" digest-30.txt || fail "digest form"
[ "$(tail -n 1 verify.out)" = "$(cat digest-30.txt)" ] || fail "verify does not print the digest"

# Later postings extend the saved digest.
"$post" --db "$SUBSIDY_DB" --count 10 --tag b >/dev/null
"$SUBSIDY_BIN" verify --against digest-30.txt >against.out || fail "verify --against: $(cat against.out)"
grep -q "extends the saved digest of digest-30.txt (entry 30)" against.out || fail "$(cat against.out)"

# Balances: every account, per year, in each format; debits equal credits; the county expense is
# the sum of its lines as the sqlcipher shell adds them up.
"$SUBSIDY_BIN" balances --format csv --lang en >balances.csv
county=$(grep '^county_expense,' balances.csv | cut -d, -f4)
expected_fen=$(sql "$SUBSIDY_DB" "SELECT SUM(amount_fen) FROM ledger_lines WHERE account = 'county_expense';")
[ "$county" = "$(printf '%d.%02d' $((expected_fen / 100)) $((expected_fen % 100)))" ] ||
  fail "county_expense balance $county, lines sum to $expected_fen fen"
# The balances are a table of the common model (ledger/tables): its CSV is the reports' CSV, with
# the byte-order mark, the headings of --lang, the totals row and the digest it was read from.
[ "$(head -n 1 balances.csv)" = $'\xEF\xBB\xBF''account,debit,credit,balance,lines' ] ||
  fail "balances csv headings: $(head -n 1 balances.csv)"
grep -qE '^total,([0-9.]+),\1,0\.00,$' balances.csv || fail "balances csv has no totals row"
tail -n 1 balances.csv | grep -q '^Ledger head digest,subsidy-ledger digest: entries=40 ' ||
  fail "balances csv does not end with its digest: $(tail -n 1 balances.csv)"
"$SUBSIDY_BIN" balances --format csv | head -n 1 | grep -q '科目,借方,贷方,余额,行数' ||
  fail "balances csv has no Chinese headings by default"
"$SUBSIDY_BIN" balances | grep -q "^科目" || fail "balances table has no Chinese heading"
"$SUBSIDY_BIN" balances --lang en | tail -n 1 | grep -qE "^total +([0-9,.]+) +\1 +0\.00" ||
  fail "debits and credits differ"
"$SUBSIDY_BIN" balances --format json --year 2023 | "$python" -c '
import json, sys
doc = json.load(sys.stdin)
assert doc["year"] == 2023 and doc["digest"].startswith("subsidy-ledger digest: entries=40 ")
assert all(isinstance(a["balance"], str) for a in doc["accounts"])' || fail "balances json"

# Closing 2023: a closing entry carrying the digest; nothing posts into 2023 afterwards.
"$SUBSIDY_BIN" digest >digest-40.txt
# The posted awards leave open items (payables to enterprises without a bank account, regions
# owing): close lists them, one line per kind, and refuses — one line on stderr, nothing written.
rc=0
"$SUBSIDY_BIN" --user chief close --year 2023 >refused.out 2>refused.err || rc=$?
[ "$rc" -eq 1 ] || fail "close over open items exited $rc: $(cat refused.out refused.err)"
grep -qF "2023 年度未结事项" refused.out || fail "no open-item list: $(cat refused.out)"
[ "$(grep -c ' 项, 金额 ' refused.out)" -eq 5 ] || fail "not one line per kind: $(cat refused.out)"
grep -qE "^  应付未付且无可用银行账户: [1-9][0-9]* 项, 金额 [0-9,]+\.[0-9]{2}$" refused.out ||
  fail "payables without an account not listed: $(cat refused.out)"
grep -qE "^  区域分担款未结算: [1-9]" refused.out || fail "regions owing not listed: $(cat refused.out)"
[ "$(wc -l <refused.err)" -eq 1 ] && grep -qF -- "--force --reason" refused.err ||
  fail "refusal is not one line naming --force --reason: $(cat refused.err)"
[ "$("$SUBSIDY_BIN" digest)" = "$(cat digest-40.txt)" ] || fail "a refused close changed the ledger"
grep -q "command=close" ledger.db.ops.log && fail "a refused close wrote an operations-log line"
rc=0; "$SUBSIDY_BIN" close --year 2023 --force >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--force without --reason exited $rc, expected 2"
rc=0; "$SUBSIDY_BIN" close --year 2023 --reason x >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--reason without --force exited $rc, expected 2"
# Forced with a reason: closed, the items and the reason sealed in the closing entry's memo.
"$SUBSIDY_BIN" --user chief close --year 2023 --force --reason "测试：未结事项转下年" >close.out ||
  fail "close: $(cat close.out)"
grep -q "fiscal year 2023 closed by entry 41" close.out || fail "$(cat close.out)"
grep -qF "强制结账" close.out || fail "a forced close does not say so: $(cat close.out)"
memo=$(sql "$SUBSIDY_DB" "SELECT memo FROM ledger_entries WHERE entry_id = 41;")
case "$memo" in *"$(sed 's/.*digest: //' digest-40.txt)"*) ;; *) fail "closing memo: $memo" ;; esac
case "$memo" in *"; 强制结账 未结事项: 应付未付且无可用银行账户 "*"; 理由: 测试：未结事项转下年") ;;
  *) fail "the closing memo does not seal the open items and the reason: $memo" ;; esac
grep -qF "forced=1 reason=测试：未结事项转下年" ledger.db.ops.log ||
  fail "the operations log does not record the reason: $(cat ledger.db.ops.log)"
grep -q "actor=chief command=close --year 2023 .*digest_before=$(cat digest-40.txt)" ledger.db.ops.log ||
  fail "no operations log line for close: $(cat ledger.db.ops.log)"
rc=0
"$post" --db "$SUBSIDY_DB" --count 1 --tag late --year 2023 >late.out 2>&1 || rc=$?
[ "$rc" -eq 1 ] && grep -q "fiscal year 2023 is closed (entry 41)" late.out || fail "posted into closed year"
rc=0
"$SUBSIDY_BIN" close --year 2023 2>again.err || rc=$?
[ "$rc" -eq 1 ] && grep -q "fiscal year 2023 is already closed (entry 41" again.err || fail "closed twice"
"$post" --db "$SUBSIDY_DB" --count 5 --tag c --year 2024 >/dev/null
"$SUBSIDY_BIN" verify --against digest-40.txt >/dev/null || fail "verify after closing"

# Misuse and bad digest files.
rc=0; "$SUBSIDY_BIN" close >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "close without --year exited $rc, expected 2"
printf 'hello\n' >not-a-digest.txt
rc=0; "$SUBSIDY_BIN" verify --against not-a-digest.txt 2>bad.err || rc=$?
[ "$rc" -eq 1 ] && grep -q "^not-a-digest.txt:1:1: not a ledger digest" bad.err || fail "$(cat bad.err)"

# The independent script agrees with subsidy on a real dump, and extends the saved digest.
dump clean
dump_records clean-records
"$python" "$SUBSIDY_SOURCE/tools/verify-chain.py" clean/entries.csv clean/lines.csv \
  --records clean-records --against digest-30.txt >script.out || fail "verify-chain.py on a clean dump: $(cat script.out)"
[ "$(tail -n 1 script.out)" = "$("$SUBSIDY_BIN" digest)" ] ||
  fail "script and subsidy disagree: $(tail -n 1 script.out) / $("$SUBSIDY_BIN" digest)"

# ... and catches a changed amount, a removed entry and a rollback below the saved digest.
expect_script_failure() {  # DIR WHAT EXPECTED [--against FILE]
  local dir=$1 what=$2 expected=$3; shift 3
  local rc=0
  "$python" "$SUBSIDY_SOURCE/tools/verify-chain.py" "$dir/entries.csv" "$dir/lines.csv" "$@" \
    >/dev/null 2>script.err || rc=$?
  [ "$rc" -eq 1 ] && grep -q "$expected" script.err || fail "script missed $what: $(cat script.err)"
}
mkdir changed removed
cp clean/entries.csv changed/
awk -F, 'BEGIN { OFS = "," } NR > 1 && $1 == 17 && $2 == 1 { $4 = $4 + 1 } { print }' \
  clean/lines.csv >changed/lines.csv
expect_script_failure changed "a changed amount" "first bad entry 17"
grep -v '^12,' clean/entries.csv >removed/entries.csv
grep -v '^12,' clean/lines.csv >removed/lines.csv
expect_script_failure removed "a removed entry" "first bad entry 12"
head -n 21 clean/entries.csv >removed/entries.csv  # entries 1..20 only
expect_script_failure removed "a rollback" "the saved digest has 30 entries, the dump only 20" \
  --against digest-30.txt

# The record chain (docs/ledger-format.md "Record chain"): the script checks it from dumps of
# ledger_records and every sealed table, agrees with subsidy's digest, and catches a sealed row
# changed and an unsealed row inserted.
"$SUBSIDY_BIN" config set payer.name "泗阳县财政局" >/dev/null
"$SUBSIDY_BIN" config set payer.account 32001748836052500001 >/dev/null
"$SUBSIDY_BIN" config set payer.cnaps 105308200019 >/dev/null
dump clean
dump_records records
"$SUBSIDY_BIN" digest >digest-records.txt
grep -q " records=4 " digest-records.txt || fail "expected 4 records: $(cat digest-records.txt)"
"$python" "$SUBSIDY_SOURCE/tools/verify-chain.py" clean/entries.csv clean/lines.csv \
  --records records --against digest-records.txt >script.out ||
  fail "verify-chain.py --records on a clean dump: $(cat script.out)"
[ "$(tail -n 1 script.out)" = "$(cat digest-records.txt)" ] ||
  fail "script and subsidy disagree: $(tail -n 1 script.out) / $(cat digest-records.txt)"
sql "$SUBSIDY_DB" "DROP TRIGGER config_changes_no_update;
UPDATE config_changes SET value = '6222999988887777666' WHERE key = 'payer.account';
INSERT INTO config_changes (key, value, changed_at, actor)
  VALUES ('payer.bank', '某银行', '2026-01-01T00:00:00Z', 'x');"
dump_records tampered
expect_script_failure clean "a changed sealed row" "config_changes change_id=2: rows changed" \
  --records tampered
grep -q "config_changes change_id=4: 1 row(s) that no record seals" script.err ||
  fail "script missed an unsealed row: $(cat script.err)"
echo "ledger commands: ok"
