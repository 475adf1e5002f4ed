#!/usr/bin/env bash
# End to end (issue 15, findings 1 and 5): a bank return cannot undo what the ledger's chain says,
# whatever the tables say. An attacker holding the key deletes the ACSC row of a confirmed item from
# bank_return_items (its trigger dropped in the sqlcipher shell) and imports a CSV saying RJCT: the
# import is refused, bank_in_transit is unchanged, the next batch does not pay that enterprise again
# and verify passes. And an account rewritten in the master data after a batch was made stops its
# export, and after an export makes verify fail naming the payment.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'payments trust test key')
export SUBSIDY_DB="$work/ledger.db"
s() { "$SUBSIDY_BIN" "$@"; }
json_field() {  # json_field FILE EXPRESSION (python over the parsed document `d`)
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
transit() {  # the bank_in_transit balance
  s balances --format json |
    python3 -c "import json,sys; print({a['account']: a['balance'] for a in json.load(sys.stdin)['accounts']}.get('bank_in_transit'))"
}
pain002() {  # pain002 REFERENCE ID=STATUS...: a pain.002.001.10 about the batch
  local reference=$1 pair; shift
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">'
  printf '<CstmrPmtStsRpt><GrpHdr><MsgId>STS-%s</MsgId><CreDtTm>2026-01-22T10:00:00</CreDtTm></GrpHdr>' "$reference"
  printf '<OrgnlGrpInfAndSts><OrgnlMsgId>%s</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>' "$reference"
  printf '</OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>%s</OrgnlPmtInfId>' "$reference"
  for pair in "$@"; do
    printf '<TxInfAndSts><OrgnlEndToEndId>%s</OrgnlEndToEndId><TxSts>%s</TxSts></TxInfAndSts>' \
      "${pair%%=*}" "${pair#*=}"
  done
  printf '</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>\n'
}

payable_example s
s --user clerk-li batch create --year 2023 --format json >batch1.json
ref1=$(json_field batch1.json 'd["reference"]')
s batch approve "$ref1" --user director-wang >/dev/null
s --user clerk-li batch export "$ref1" --format pain001v9 --out b1.xml >/dev/null
a=$(json_field batch1.json 'd["items"][0]["end_to_end_id"]')
uscc_a=$(json_field batch1.json 'd["items"][0]["uscc"]')
pain002 "$ref1" "$a=ACSC" >return1.xml
s bank-return import return1.xml >/dev/null
in_transit=$(transit)

# The finding 1d attack below starts from this state, not from the one finding 5 leaves.
for f in "$SUBSIDY_DB" "$SUBSIDY_DB"-wal; do [ ! -e "$f" ] || cp "$f" "clean.db${f#"$SUBSIDY_DB"}"; done

# --- finding 5: the ACSC row deleted (the trigger put back afterwards), a CSV saying RJCT ---------
# The record chain sees the deleted row before anything else: the import is refused as a ledger
# changed outside the program. (Were the tables trusted, the chain's payment_confirmed entry would
# still refuse the RJCT: tests/payments/payment_verify_test.cpp.)
sql "$SUBSIDY_DB" "DROP TRIGGER bank_return_items_no_delete;
DELETE FROM bank_return_items WHERE end_to_end_id = '$a';
CREATE TRIGGER bank_return_items_no_delete BEFORE DELETE ON bank_return_items
BEGIN SELECT RAISE(ABORT, 'bank_return_items is append-only'); END;" >/dev/null
[ "$(sql "$SUBSIDY_DB" "SELECT count(*) FROM bank_return_items WHERE end_to_end_id = '$a';")" = 0 ] ||
  fail "the attack did not delete the row"
printf 'EndToEndId,status,reason\n%s,RJCT,AC04\n' "$a" >forged.csv
before=$(s digest)
expect_refusal "账本在本程序之外被改动过" s bank-return import forged.csv
[ "$(s digest)" = "$before" ] || fail "the refused return changed the ledger"
[ "$(transit)" = "$in_transit" ] || fail "bank_in_transit moved: $(transit), was $in_transit"
# Nor does the next batch pay that enterprise again: nothing more is written to this ledger.
expect_refusal "账本在本程序之外被改动过" s --user clerk-li batch create --year 2023
rc=0
s verify >verify.out 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "verify passed with a bank return row deleted"
grep -q "bank_return_items return_id=" verify.out || fail "verify did not name the return: $(cat verify.out)"

# --- finding 1d: master data edited in place after the batch was made -------------------------------
export SUBSIDY_DB=clean.db
sql "$SUBSIDY_DB" "DROP TRIGGER enterprise_versions_no_update;
UPDATE enterprise_versions SET account_no = '6222999988887777666' WHERE uscc = '$uscc_a';" >/dev/null
rc=0
s verify >verify.out 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "verify passed with the master data of a paid item rewritten"
grep -q "(payment_sent $a): $a: account_no is" verify.out || fail "verify did not name $a: $(cat verify.out)"
expect_refusal "账本在本程序之外被改动过" s batch export "$ref1" --format pain001v3 --out b1-v3.xml
[ ! -e b1-v3.xml ] || fail "a refused export wrote a file"
echo "payments trust: ok (a forged CSV rejection of a confirmed item refused; rewritten master data" \
  "stop the export and fail verify)"
