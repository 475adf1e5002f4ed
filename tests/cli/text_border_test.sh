#!/usr/bin/env bash
# End to end, text at the border (issue 15, findings 8, 9 and 10): import files whose names hold
# U+202E, U+200B, U+0085, NBSP or U+3000, a 141-character account name, an account name that is a
# spreadsheet formula, an account number with spaces — each refused with file, line, column and
# code point, and the master data unchanged; an actor with a newline or ESC refused, no forged
# operations-log line and no raw ESC on the terminal; four eyes not fooled by "clerk ",
# "clerk\x7f", "clerk"+U+200B or "Clerk"; `config set payer.account` with spaces refused; cancel
# reasons and settle references checked; a report CSV cell that starts with - or @ prefixed with '.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
: "${SUBSIDY_SHARED:?}"
examples=$SUBSIDY_SHARED/examples/basic
export SUBSIDY_DB="$work/ledger.db" SUBSIDY_DB_KEY=$(raw_test_key 'text border test key')
bin=$SUBSIDY_BIN

# The master data and configuration as stored: what a refused command must leave unchanged.
state() {
  sql "$SUBSIDY_DB" "SELECT count(*) FROM enterprise_versions;
SELECT uscc, version, name, account_no, account_name FROM enterprise_versions ORDER BY 1, 2;
SELECT key, value FROM config ORDER BY key;
SELECT count(*) FROM payment_batch_events;"
}
# refused_unchanged MESSAGE ARGS...: `subsidy ARGS` exits 1 with one line holding MESSAGE, and the
# stored state is what it was.
refused_unchanged() {
  local message=$1
  shift
  local before
  before=$(state)
  expect_refusal "$message" "$bin" "$@"
  [ "$(state)" = "$before" ] || fail "the ledger changed after the refusal of: $*"
}

"$bin" init >/dev/null
for kind in regions enterprises tax compliance projects applications; do
  "$bin" import "$kind" "$examples/$kind.csv" >/dev/null
done

# --- import: every refused class named with line, column, position and code point ------------
header=$(head -n 1 "$examples/enterprises.csv")
uscc=91321323L30P8774PE
bank=中国工商银行股份有限公司泗阳支行
# enterprise_file FILE NAME ACCOUNT_NO ACCOUNT_NAME: one changed row of the first enterprise, on
# line 3 (line 2 is the second enterprise, unchanged).
enterprise_file() {
  {
    printf '%s\n' "$header"
    sed -n 3p "$examples/enterprises.csv"
    printf '%s,%s,P01,%s,102308200012,%s,%s\n' "$uscc" "$2" "$bank" "$3" "$4"
  } >"$1"
}
good_name=江苏甲机械有限公司
enterprise_file rlo.csv "$good_name" 1110020109000123456 $'江苏甲\u202e机械有限公司'
refused_unchanged "rlo.csv:3:account_name: character 4 is U+202E, a bidirectional control" \
  import enterprises rlo.csv
enterprise_file zwsp.csv $'江苏甲机械\u200b有限公司' 1110020109000123456 "$good_name"
refused_unchanged "zwsp.csv:3:name: character 6 is U+200B, an invisible format character" \
  import enterprises zwsp.csv
enterprise_file nel.csv "$good_name" 1110020109000123456 $'江苏甲机械有限公司\u0085'
refused_unchanged "nel.csv:3:account_name: character 10 is U+0085, a control character" \
  import enterprises nel.csv
enterprise_file nbsp.csv "$good_name" 1110020109000123456 $'江苏甲机械\u00a0有限公司'
refused_unchanged "nbsp.csv:3:account_name: character 6 is U+00A0, a no-break space; use an ordinary space" \
  import enterprises nbsp.csv
enterprise_file ideographic.csv $'江苏甲\u3000机械有限公司' 1110020109000123456 "$good_name"
refused_unchanged "ideographic.csv:3:name: character 4 is U+3000, an ideographic (full-width) space; use an ordinary space" \
  import enterprises ideographic.csv
enterprise_file long.csv "$good_name" 1110020109000123456 "$(printf 'A%.0s' $(seq 141))"
refused_unchanged "long.csv:3:account_name: is 141 characters long; bank files (pain.001 Nm) take at most 140" \
  import enterprises long.csv
enterprise_file formula.csv "$good_name" 1110020109000123456 '"=HYPERLINK(""http://x""&A1,""click"")"'
refused_unchanged "formula.csv:3:account_name: starts with '=', which a spreadsheet runs as a formula" \
  import enterprises formula.csv
enterprise_file spaced.csv "$good_name" "1110 0201-0900 0123 456" "$good_name"
refused_unchanged "spaced.csv:3:account_no: 1110 0201-0900 0123 456: account number must be digits only; remove the spaces and hyphens (1110020109000123456)" \
  import enterprises spaced.csv

# --- the actor: refused with a newline or ESC; no forged log line, no raw ESC on the terminal -----
refused_unchanged "--user: character 6 is U+000A" \
  --user $'clerk\n2026-01-01T00:00:00.000Z actor=director command=batch approve' \
  config set payer.name 泗阳县财政局
refused_unchanged "--user: character 1 is U+001B" --user $'\e[2J\e[31mclerk' config set payer.name 泗阳县财政局
! grep -q $'\e' refusal.err || fail "an ESC sequence reached the terminal: $(cat -v refusal.err)"
refused_unchanged "--user: character 6 is U+202E" --user $'clerk\u202e' config set payer.name 泗阳县财政局
if [ -e "$SUBSIDY_DB.ops.log" ]; then
  ! grep -q "actor=director" "$SUBSIDY_DB.ops.log" || fail "a forged line reached the operations log"
  ! grep -vqE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z actor=' "$SUBSIDY_DB.ops.log" ||
    fail "the operations log holds a line not written by the ledger"
fi

# --- configuration: the payer's account is digits only ---------------------------------------------
refused_unchanged "config payer.account: account number must be digits only; remove the spaces and hyphens (3213230011000000001)" \
  config set payer.account "3213 2300-1100 0000 001"
refused_unchanged "config payer.name: character 4 is U+202E" config set payer.name $'泗阳县\u202e财政局'
"$bin" config set payer.name 泗阳县财政局 >/dev/null
"$bin" config set payer.account 32001748836052500001 >/dev/null
"$bin" config set payer.bank 中国建设银行股份有限公司泗阳支行 >/dev/null
"$bin" config set payer.cnaps 105308200019 >/dev/null

# --- four eyes compares names, not bytes --------------------------------------------------------
if "$bin" --help | grep -q "^  assess "; then
  "$bin" assess --year 2023 >/dev/null
else
  "$SUBSIDY_BUILD/tests/tools/post_awards" --db "$SUBSIDY_DB" "$examples/expected-assess-2023.json" >/dev/null
fi
"$bin" --user clerk batch create --year 2023 >/dev/null
refused_unchanged "clerk created this batch and cannot approve it" --user "clerk " batch approve 1
refused_unchanged "U+007F" --user $'clerk\x7f' batch approve 1
refused_unchanged "U+200B" --user $'clerk\u200b' batch approve 1
refused_unchanged "created this batch and cannot approve it" --user Clerk batch approve 1
refused_unchanged "created this batch and cannot approve it" --user $'\uff43lerk' batch approve 1
refused_unchanged "cancel reason: character 3 is U+202E" batch cancel 1 --reason $'重复\u202e付款'
refused_unchanged "--ref: character 4 is U+001B" settle P01 1.00 --year 2023 --ref $'REF\e[2J'
"$bin" --user director batch approve 1 >/dev/null
[ "$(sql "$SUBSIDY_DB" "SELECT actor FROM payment_batch_events WHERE event = 'approved';")" = director ] ||
  fail "the approval was not recorded under the approver's name"

# --- report CSVs: a text cell a spreadsheet would run gets a leading ' ---------------------------
# Enterprise names (not account names) may start with - or @: they reach no bank file.
{
  printf '%s\n' "$header"
  printf '%s,%s,P01,%s,102308200012,1110020109000123456,%s\n' "$uscc" "-甲机械" "$bank" "$good_name"
  sed -n 3p "$examples/enterprises.csv" | sed 's/^\([^,]*\),[^,]*,/\1,@SUM(1+1)*cmd|乙,/'
} >dash.csv
"$bin" import enterprises dash.csv >/dev/null
"$bin" report enterprise-statement --year 2023 --format csv --out statement.csv >/dev/null
grep -qF "'-甲机械" statement.csv || fail "a name starting with - was not prefixed: $(cat statement.csv)"
grep -qF "'@SUM(1+1)*cmd|乙" statement.csv || fail "a name starting with @ was not prefixed"
! grep -qE '(^|,)[-@=+][^0-9]' statement.csv || fail "a formula-like cell was left bare: $(cat statement.csv)"
# Amounts stay plain numbers (a negative one would not be prefixed either).
grep -qE ',[0-9]+\.[0-9]{2}(,|$)' statement.csv || fail "no plain amount in the statement"
# The XLSX of the same report holds the names as they are (a string cell never runs).
"$bin" report enterprise-statement --year 2023 --format xlsx --out statement.xlsx >/dev/null
/usr/bin/python3 "$SUBSIDY_SOURCE/tests/tools/xlsx_matches_csv.py" statement.xlsx statement.csv ||
  fail "the XLSX statement differs from the CSV"
"$bin" batch show 1 --format csv >batch.csv
! grep -qE "(^|,)'[0-9]" batch.csv || fail "an amount of the batch CSV was prefixed"

echo "text border test passed"
