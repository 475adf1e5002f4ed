#!/usr/bin/env bash
# End-to-end: an attacker with the database key and the sqlcipher shell changes what decides money
# outside the journal (issue 15, findings 1a-1d, 2, 3, 4). Every attack worked on the ledger before
# the record chain; now `subsidy verify` exits 1 naming the table and group (or the schema object)
# each time, the next write operation refuses, and a digest saved before the change proves it.
#   1a a batch, an item paying an attacker's account and an "approved" event inserted
#   1b an approved item's account edited with the triggers dropped
#   1c an AFTER INSERT trigger implanted on payment_batch_items
#   1d an enterprise's bank account edited in place
#   2  every master-data and payment trigger dropped: each is named
#   3  the stored policy text edited (robot rate 0.05 -> 0.50)
#   4  a compliance event deleted and a tax figure raised; digest moves with master data; a
#      rollback of an import with its seals is caught by verify --against
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SHARED:?}"
examples=$SUBSIDY_SHARED/examples/basic
export SUBSIDY_DB_KEY=$(raw_test_key 'trust tamper test key')
bin=$SUBSIDY_BIN

# expect_verify_names DB TEXT...: verify fails and its output names every TEXT.
expect_verify_names() {
  local db=$1 rc=0; shift
  "$bin" --db "$db" verify >verify.out 2>verify.err || rc=$?
  [ "$rc" -eq 1 ] || fail "verify of $db exited $rc, expected 1: $(cat verify.out verify.err)"
  local text
  for text in "$@"; do
    grep -qF -- "$text" verify.err || fail "verify of $db does not name '$text': $(cat verify.err)"
  done
}
# expect_write_refused DB COMMAND...: a write operation refuses with the tampering named, one line.
expect_write_refused() {
  local db=$1; shift
  expect_refusal "账本在本程序之外被改动过，拒绝写入" "$bin" --db "$db" "$@"
}

# --- the worked example: master data, the 2023 awards, the paying account -------------------------
"$bin" --db base.db init >/dev/null
"$bin" --db base.db digest >digest-init.txt
for kind in regions enterprises tax compliance projects applications; do
  "$bin" --db base.db import "$kind" "$examples/$kind.csv" >/dev/null
done
"$bin" --db base.db digest >digest-imported.txt
grep -q " records=[1-9][0-9]* records_head=[0-9a-f]\{64\}$" digest-imported.txt ||
  fail "the digest does not state the record chain: $(cat digest-imported.txt)"
cmp -s digest-init.txt digest-imported.txt && fail "importing master data did not change the digest"
cp base.db imported.db
"$bin" --db base.db assess --year 2023 >/dev/null
"$bin" --db base.db config set payer.name "泗阳县财政局" >/dev/null
"$bin" --db base.db config set payer.account 32001748836052500001 >/dev/null
"$bin" --db base.db config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
"$bin" --db base.db config set payer.cnaps 105308200019 >/dev/null
"$bin" --db base.db verify >verify.out || fail "the untouched ledger does not verify"
grep -q "^sealed: [1-9][0-9]* records" verify.out || fail "verify does not report the seals"
"$bin" --db base.db digest >digest-base.txt
uscc=91321323L30P8774PE  # 江苏甲机械有限公司, 4,713,456.79 in 2023

# --- 1a: a batch, its item and an approval inserted; no trigger dropped ----------------------------
cp base.db 1a.db
sql 1a.db "INSERT INTO payment_batches VALUES (1, 'SY2023-000001', 2023, '2026-01-20T08:00:00Z',
  'clerk-li', '2026-01-21', '泗阳县财政局', '32001748836052500001', '中国建设银行股份有限公司泗阳支行',
  '105308200019', '', 1, 471345679);
INSERT INTO payment_batch_items VALUES (1, 1, 'SY2023-000001-00001', '$uscc', '江苏甲机械有限公司',
  '6222999988887777666', '中国工商银行股份有限公司泗阳支行', '102308200012', 471345679,
  '泗政办发〔2022〕9号', '第三条', '[\"A-01\"]', NULL, NULL);
INSERT INTO payment_batch_events (batch_id, event, actor, at, content_sha256)
  VALUES (1, 'approved', '王局长', '2026-01-20T09:00:00Z', '$(printf '%064d' 7)');"
[ "$(sql 1a.db "SELECT COUNT(*) FROM payment_batch_items;")" = 1 ] || fail "1a: the insert failed"
expect_verify_names 1a.db "payment_batches batch_id=1: 1 row(s) that no record seals" \
  "payment_batch_items batch_id=1: 1 row(s) that no record seals (inserted: batch_id=1, item_no=1)" \
  "payment_batch_events event_id=1: 1 row(s) that no record seals"
rc=0; "$bin" --db 1a.db verify --against digest-base.txt >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "1a: verify --against the earlier digest passed"
expect_write_refused 1a.db batch export SY2023-000001 --format pain001v9 --out 1a.xml
grep -qF "payment_batches batch_id=1" refusal.err || fail "1a: the refusal does not name the batch"
[ ! -e 1a.xml ] || fail "1a: a bank file was written"

# --- 1b: an approved item's account edited, the approval hash recomputed --------------------------
cp base.db 1b.db
"$bin" --db 1b.db --user clerk-li batch create --year 2023 >/dev/null
"$bin" --db 1b.db --user director-wang batch approve SY2023-000001 >/dev/null
sql 1b.db "DROP TRIGGER payment_batch_items_no_update; DROP TRIGGER payment_batch_events_no_update;
UPDATE payment_batch_items SET account_no = '6222999988887777666' WHERE uscc = '$uscc';
UPDATE payment_batch_events SET content_sha256 = '$(printf '%064d' 8)' WHERE event = 'approved';"
expect_verify_names 1b.db "payment_batch_items batch_id=1: rows changed since they were sealed" \
  "payment_batch_events event_id=1: rows changed since they were sealed" \
  "schema: append-only trigger payment_batch_items_no_update is missing"
expect_write_refused 1b.db batch export SY2023-000001 --format pain001v9 --out 1b.xml
[ ! -e 1b.xml ] || fail "1b: a bank file was written"

# --- 1c: an implanted trigger rewrites one enterprise's account on every later batch ---------------
cp base.db 1c.db
sql 1c.db "CREATE TRIGGER audit_items AFTER INSERT ON payment_batch_items WHEN NEW.uscc = '$uscc'
BEGIN UPDATE payment_batch_items SET account_no = '6222999988887777666'
  WHERE batch_id = NEW.batch_id AND item_no = NEW.item_no; END;"
expect_verify_names 1c.db \
  "schema: extra trigger audit_items on payment_batch_items that no migration creates"
expect_write_refused 1c.db --user clerk-li batch create --year 2023
grep -qF "audit_items" refusal.err || fail "1c: the refusal does not name the trigger"
[ "$(sql 1c.db "SELECT COUNT(*) FROM payment_batches;")" = 0 ] || fail "1c: a batch was made"

# --- 1d: an enterprise's bank account edited in place ---------------------------------------------
cp base.db 1d.db
sql 1d.db "DROP TRIGGER enterprise_versions_no_update;
UPDATE enterprise_versions SET account_no = '6222999988887777666' WHERE uscc = '$uscc';"
import_id=$(sql 1d.db "SELECT import_id FROM enterprise_versions WHERE uscc = '$uscc';")
expect_verify_names 1d.db \
  "enterprise_versions import_id=$import_id: rows changed since they were sealed" \
  "schema: append-only trigger enterprise_versions_no_update is missing"
expect_write_refused 1d.db --user clerk-li batch create --year 2023

# --- 2: every master-data and payment trigger dropped ----------------------------------------------
cp base.db 2.db
triggers=$(sql 2.db "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN
  ('imports', 'region_versions', 'enterprise_versions', 'tax_versions', 'compliance_versions',
   'project_versions', 'application_versions', 'policies', 'payment_batches',
   'payment_batch_items', 'payment_batch_exclusions', 'payment_batch_events', 'bank_returns',
   'bank_return_items') ORDER BY name;")
[ "$(wc -l <<<"$triggers")" -eq 29 ] || fail "2: expected 29 such triggers, found: $triggers"
sql 2.db "$(sed 's/.*/DROP TRIGGER &;/' <<<"$triggers")"
mapfile -t names < <(sed 's/.*/trigger & is missing/' <<<"$triggers")
expect_verify_names 2.db "${names[@]}"
[ "$(grep -c "^schema: .*trigger .* is missing$" verify.err)" -eq 29 ] ||
  fail "2: not 29 missing triggers named: $(cat verify.err)"
sed -n 1p verify.err | grep -q "FAILED: 29 problem(s)" || fail "2: $(sed -n 1p verify.err)"

# --- 3: the stored policy text edited --------------------------------------------------------------
cp base.db 3.db
sql 3.db "DROP TRIGGER policies_no_update;
UPDATE policies SET text = replace(replace(text, 'rate = \"0.05\"', 'rate = \"0.50\"'),
  'limit = \"4000000.00\"', 'limit = \"40000000.00\"');"
[ "$(sql 3.db "SELECT instr(text, 'rate = \"0.50\"') > 0 FROM policies;")" = 1 ] ||
  fail "3: the edit failed"
policy=$(sql 3.db "SELECT policy_id FROM policies;")
expect_verify_names 3.db \
  "policies policy_id=$policy: the stored text does not match its recorded SHA-256" \
  "policies policy_id=$policy: rows changed since they were sealed"
expect_write_refused 3.db assess --year 2023

# --- 4: a compliance event deleted, a tax figure raised --------------------------------------------
cp base.db 4.db
sql 4.db "DROP TRIGGER compliance_versions_no_delete; DROP TRIGGER tax_versions_no_update;
DELETE FROM compliance_versions WHERE event = 'major_env_pollution';
UPDATE tax_versions SET local_retained_tax_fen = local_retained_tax_fen + 238000000
  WHERE uscc = '913213233MPWH2JD13';"
compliance_import=$(sql 4.db "SELECT import_id FROM imports WHERE kind = 'compliance';")
tax_import=$(sql 4.db "SELECT import_id FROM imports WHERE kind = 'tax';")
expect_verify_names 4.db \
  "compliance_versions import_id=$compliance_import: 1 row(s), sealed with 2" \
  "tax_versions import_id=$tax_import: rows changed since they were sealed"
rc=0; "$bin" --db 4.db verify --against digest-base.txt >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "4: verify --against the earlier digest passed"
expect_write_refused 4.db assess --year 2023

# An import rolled back with its seals (the rows, the import and the records deleted): the ledger is
# consistent again by itself, but not with the digest saved after the import.
cp imported.db rollback.db
apps=$(sql rollback.db "SELECT import_id FROM imports WHERE kind = 'applications';")
sql rollback.db "DROP TRIGGER application_versions_no_delete; DROP TRIGGER imports_no_delete;
DROP TRIGGER ledger_records_no_delete;
DELETE FROM application_versions WHERE import_id = $apps; DELETE FROM imports WHERE import_id = $apps;
DELETE FROM ledger_records WHERE group_key = '$apps' AND table_name IN ('imports', 'application_versions');
$(sql imported.db "SELECT sql || ';' FROM sqlite_master WHERE name IN ('application_versions_no_delete',
  'imports_no_delete', 'ledger_records_no_delete');")"
"$bin" --db rollback.db verify >/dev/null 2>verify.err || fail "rollback: $(cat verify.err)"
rc=0; "$bin" --db rollback.db verify --against digest-imported.txt >/dev/null 2>verify.err || rc=$?
[ "$rc" -eq 1 ] || fail "rollback: verify --against the digest saved after the import passed"
grep -qF "records, the ledger only" verify.err || fail "rollback: $(cat verify.err)"

# A digest saved before the record chain existed (entries only) is still read.
sed 's/ records=.*//' digest-base.txt >digest-old.txt
"$bin" --db base.db verify --against digest-old.txt >/dev/null || fail "an old digest is refused"
# A ledger of the program before the record chain (schema 6, a setting in the old config table):
# the first open migrates it and seals what it holds, once ("upgrade" in the operations log).
: "${SUBSIDY_SOURCE:?}"
cat "$SUBSIDY_SOURCE"/schema/migrations/00[1-6]_*.sql >old-schema.sql
printf "PRAGMA user_version = 6;
INSERT INTO config VALUES ('payer.name', '泗阳县财政局', '2025-01-01T00:00:00Z', 'admin');\n" \
  >>old-schema.sql
sqlcipher old.db <old-schema.sql
SUBSIDY_DB_KEY= "$bin" --db old.db verify >verify.out 2>verify.err || fail "upgrade: $(cat verify.err)"
grep -q "^sealed: 1 records over 1 rows" verify.out || fail "upgrade: $(cat verify.out)"
grep -q "command=upgrade sealed=1 from_schema=6" old.db.ops.log || fail "upgrade: no log line"
[ "$(SUBSIDY_DB_KEY= sql old.db "SELECT value FROM config WHERE key = 'payer.name';")" = 泗阳县财政局 ] ||
  fail "upgrade: the setting was lost"
SUBSIDY_DB_KEY= "$bin" --db old.db verify >/dev/null || fail "upgrade: a second open"
[ "$(grep -c "command=upgrade" old.db.ops.log)" -eq 1 ] || fail "upgrade: sealed twice"
echo "trust tamper: ok"
