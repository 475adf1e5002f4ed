#!/usr/bin/env bash
# End to end, held CSV rejections on a ledger with people (issue 16, docs/payments.md "Held CSV
# rejections"): the cashier imports a CSV return with a rejection — the confirmation is booked, the
# rejection is held (nothing booked, listed by list-held, the summary says so in Chinese); the
# importer confirming is refused (also when they hold the checker role), as is a maker; the
# checker confirms — the reversal is booked and the enterprise is paid again in a new batch;
# confirming twice is refused; verify passes; and a booked CSV rejection whose confirmation was
# deleted in the sqlcipher shell fails verify, naming the entry.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SHARED:?}"
examples=$SUBSIDY_SHARED/examples/basic
export SUBSIDY_DB_KEY=$(raw_test_key 'hold test key')
export SUBSIDY_DB="$work/ledger.db"
unset SUBSIDY_USER SUBSIDY_PASSPHRASE_FILE
bin=$SUBSIDY_BIN

json_field() {  # json_field FILE EXPRESSION (python over the parsed document `d`)
  "$python" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
digest() { "$bin" digest; }

SUBSIDY_PASSPHRASE_FILE=$(pass 管理员) "$bin" init --admin 管理员 >/dev/null
for person in 张会计:maker 李科长:checker 王出纳:cashier 钱出纳:cashier,checker; do
  as 管理员 user add "${person%%:*}" --role "${person#*:}" --passphrase-file "$(pass "${person%%:*}")" \
    >/dev/null || fail "user add $person"
done
for kind in regions enterprises tax compliance projects applications; do
  as 张会计 import "$kind" "$examples/$kind.csv" >/dev/null
done
as 张会计 assess --year 2023 >/dev/null
as 张会计 config set payer.name "泗阳县财政局" >/dev/null
as 张会计 config set payer.account 32001748836052500001 >/dev/null
as 张会计 config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
as 张会计 config set payer.cnaps 105308200019 >/dev/null
as 张会计 batch create --year 2023 --format json >batch1.json
as 李科长 batch approve 1 >/dev/null
as 王出纳 batch export 1 --format pain001v9 --out b1.xml >/dev/null
a=$(json_field batch1.json 'd["items"][0]["end_to_end_id"]')
b=$(json_field batch1.json 'd["items"][1]["end_to_end_id"]')
uscc_b=$(json_field batch1.json 'd["items"][1]["uscc"]')

# The cashier imports a CSV return: a settles, b is rejected. b is held, nothing booked for it.
printf 'EndToEndId,status,reason\r\n%s,成功,\r\n%s,失败,AC04 收款账户已销户\r\n' "$a" "$b" >return.csv
as 王出纳 bank-return import return.csv >import.out || fail "import: $(cat import.out)"
grep -q "1 settled" import.out || fail "the settlement was not booked: $(cat import.out)"
grep -q "1 笔银行退回待复核" import.out && grep -q "subsidy bank-return confirm 1" import.out ||
  fail "the summary does not say the rejection is held: $(cat import.out)"
[ "$(sql "$SUBSIDY_DB" "SELECT COUNT(*) FROM ledger_entries WHERE idempotency_key = 'payment_rejected:$b';")" = 0 ] ||
  fail "the held rejection was booked"
"$bin" bank-return list-held >held.out
grep -q "$b" held.out && grep -q "待复核" held.out && ! grep -q "$a" held.out ||
  fail "list-held: $(cat held.out)"
"$bin" batch show 1 --format json >show.json
[ "$(json_field show.json '[i["state"] for i in d["items"] if i["end_to_end_id"] == "'"$b"'"][0]')" = held ] ||
  fail "batch show does not say held: $(cat show.json)"
# Nothing is owed again yet: a new batch has nothing to pay.
as 张会计 batch create --year 2023 >nothing.out
[ "$(sql "$SUBSIDY_DB" "SELECT COUNT(*) FROM payment_batches;")" = 1 ] || fail "a held rejection was paid again"

# Refusals: one Chinese line naming the rule, exit 1, nothing written.
before=$(digest)
expect_refusal "岗位分离：王出纳（cashier）不能执行 bank-return confirm：需要角色 checker" \
  as 王出纳 bank-return confirm 1
expect_refusal "需要角色 checker" as 张会计 bank-return confirm 1
# 钱出纳 (cashier and checker) imports a second return with the same rejection, and cannot
# confirm it: a person never confirms a rejection they imported.
printf 'EndToEndId,status,reason\r\n%s,RJCT,AC04 账户已销户\r\n' "$b" >again.csv
as 钱出纳 bank-return import again.csv >/dev/null
before=$(digest)
expect_refusal "岗位分离：钱出纳 导入了回单 2" as 钱出纳 bank-return confirm 2
expect_refusal "岗位分离" as 钱出纳 bank-return dismiss 2 --reason "不对"
[ "$(digest)" = "$before" ] || fail "a refusal changed the ledger"

# The checker confirms return 1: booked, and b is paid again in a new batch.
as 李科长 bank-return confirm 1 >confirm.out || fail "confirm: $(cat confirm.out)"
grep -q "1 笔退回已入账" confirm.out || fail "confirm said: $(cat confirm.out)"
[ "$(sql "$SUBSIDY_DB" "SELECT COUNT(*) FROM ledger_entries WHERE idempotency_key = 'payment_rejected:$b';")" = 1 ] ||
  fail "the confirmed rejection was not booked"
before=$(digest)
expect_refusal "已由 李科长" as 李科长 bank-return confirm 1
expect_refusal "已由 李科长" as 李科长 bank-return confirm 1 --item "$b"
[ "$(digest)" = "$before" ] || fail "a second confirmation changed the ledger"
# The same rejection, held again in return 2, is recorded as already booked when confirmed.
as 李科长 bank-return confirm 2 >confirm2.out
grep -q "0 笔退回已入账，1 笔此前已入账" confirm2.out || fail "confirm 2 said: $(cat confirm2.out)"
"$bin" bank-return list-held >held2.out
grep -q "没有待复核的银行退回" held2.out || fail "still held: $(cat held2.out)"
"$bin" bank-return list-held --all | grep -q "已确认 李科长" || fail "list-held --all"
as 张会计 batch create --year 2023 --format json >batch2.json
[ "$(json_field batch2.json '[i["uscc"] for i in d["items"]]')" = "['$uscc_b']" ] ||
  fail "the rejected enterprise is not paid again: $(cat batch2.json)"
"$bin" verify >verify.out || fail "verify after the cycle: $(cat verify.out)"

# A booked CSV rejection without its confirmation (deleted in the sqlcipher shell) fails verify.
cp "$SUBSIDY_DB" forged.db
for f in "$SUBSIDY_DB"-wal; do [ ! -e "$f" ] || cp "$f" forged.db-wal; done
sql forged.db "DROP TRIGGER bank_return_decisions_no_delete;
DELETE FROM bank_return_decisions;
CREATE TRIGGER bank_return_decisions_no_delete BEFORE DELETE ON bank_return_decisions
BEGIN SELECT RAISE(ABORT, 'bank_return_decisions is append-only'); END;" >/dev/null
rc=0; "$bin" --db forged.db verify >/dev/null 2>forged.err || rc=$?
[ "$rc" -eq 1 ] && grep -q "(payment_rejected:$b): books a rejection of CSV return 1" forged.err ||
  fail "verify missed a CSV rejection booked without confirmation: $rc $(cat forged.err)"
echo "bank return hold test passed"
