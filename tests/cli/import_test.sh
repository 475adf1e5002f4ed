#!/usr/bin/env bash
# End to end: `subsidy init` and `subsidy import` on an encrypted ledger with the worked example of
# ../shared/examples/basic; re-import is a no-op; a changed enterprise shows in `show --history`;
# GBK, BOM, CRLF, quoted thousands and shuffled columns are accepted; every refused file exits 1
# with located problems and leaves the ledger file byte-for-byte unchanged.
set -euo pipefail

bin=${SUBSIDY_BIN:?}
examples=${SUBSIDY_SHARED:?}/examples/basic
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
export SUBSIDY_DB="$scratch/ledger.db"
export SUBSIDY_DB_KEY="correct horse battery staple"

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_output() {  # expect_output WANT GOT
  [[ "$2" == *"$1"* ]] || fail "expected to see: $1
got: $2"
}
ledger_digest() {  # the ledger file and its write-ahead log, when there is one
  { cat "$SUBSIDY_DB"; if [ -f "$SUBSIDY_DB-wal" ]; then cat "$SUBSIDY_DB-wal"; fi; } | sha256sum
}

# A refused file: exit 1, the expected problem on stderr, the ledger unchanged to the byte.
expect_refusal() {  # expect_refusal WANT_STDERR ARGS...
  local want=$1; shift
  local before after err rc=0
  before=$(ledger_digest)
  err=$("$bin" "$@" 2>&1 >/dev/null) || rc=$?
  [ "$rc" -eq 1 ] || fail "exit $rc, not 1, for: $* ($err)"
  expect_output "$want" "$err"
  after=$(ledger_digest)
  [ "$before" = "$after" ] || fail "the ledger changed after a refused import: $*"
}

# --- init ------------------------------------------------------------------------------------
out=$("$bin" init)
expect_output "with policy siyang-2022-9" "$out"
expect_output "(encrypted)" "$out"
head -c 16 "$SUBSIDY_DB" | grep -q "SQLite format 3" && fail "the ledger is not encrypted"
expect_refusal "a ledger already exists here" init

# init --policy: a broken policy file creates nothing; a good one is stored.
printf 'id = 3.5\n' > broken.toml
rc=0; err=$(SUBSIDY_DB="$scratch/other.db" "$bin" init --policy broken.toml 2>&1) || rc=$?
[ "$rc" -eq 1 ] || fail "a broken policy file exited $rc, not 1"
expect_output "broken.toml:" "$err"
[ ! -e "$scratch/other.db" ] || fail "init with a broken policy left a ledger file behind"
out=$(SUBSIDY_DB="$scratch/other.db" "$bin" init --policy "${SUBSIDY_SOURCE:?}/schema/policies/siyang-2022-9.toml")
expect_output "with policy siyang-2022-9" "$out"
# A key file readable by others is refused; a private one opens the ledger.
printf '%s\n' "$SUBSIDY_DB_KEY" > key.txt && chmod 644 key.txt
rc=0; err=$(SUBSIDY_DB_KEY= "$bin" --key-file key.txt import regions "$examples/regions.csv" 2>&1) || rc=$?
[ "$rc" -eq 1 ] || fail "a group-readable key file exited $rc, not 1"
expect_output "readable by group or others" "$err"
chmod 600 key.txt
out=$(SUBSIDY_DB_KEY= "$bin" --key-file key.txt show enterprise 91321323L30P8774PE 2>&1) || true
expect_output "is not in the ledger" "$out"

# --- the worked example, in dependency order -------------------------------------------------
declare -A want_new=([regions]=2 [enterprises]=6 [tax]=5 [compliance]=2 [projects]=9 [applications]=14)
for kind in regions enterprises tax compliance projects applications; do
  out=$("$bin" import "$kind" "$examples/$kind.csv")
  expect_output "$kind.csv: ${want_new[$kind]} new, 0 changed, 0 unchanged" "$out"
done

# --- re-import is a no-op --------------------------------------------------------------------
for kind in regions enterprises tax compliance projects applications; do
  out=$("$bin" import "$kind" "$examples/$kind.csv")
  expect_output "$kind.csv: 0 new, 0 changed, ${want_new[$kind]} unchanged" "$out"
done
versions=$(printf "PRAGMA key='%s';\nPRAGMA cipher_page_size=4096;\nSELECT count(*) FROM application_versions;\n" \
  "$SUBSIDY_DB_KEY" | sqlcipher "$SUBSIDY_DB" | tail -1)
[ "$versions" = 14 ] || fail "re-import wrote versions: $versions application versions"

# --- a changed enterprise is a new version, visible with its history --------------------------
printf '%s\n' "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name" \
  "91321323L30P8774PE,江苏甲机械有限公司,P01,中国银行股份有限公司泗阳支行,104308200011,99990000111122223333,江苏甲机械有限公司" \
  > changed.csv
out=$("$bin" --user clerk2 import enterprises changed.csv)
expect_output "changed.csv: 0 new, 1 changed, 0 unchanged" "$out"
expect_output "changed: 91321323L30P8774PE (version 2)" "$out"
out=$("$bin" show enterprise 91321323L30P8774PE --history --lang en)
expect_output "version 1" "$out"
expect_output "account no: 1110020109000123456" "$out"
expect_output "version 2" "$out"
expect_output "account no: 99990000111122223333" "$out"
expect_output "by: clerk2" "$out"
expect_output "sha256 $(sha256sum changed.csv | cut -d' ' -f1)" "$out"
expect_output "! bank account differs from the previous version" "$out"
out=$("$bin" show enterprise 91321323L30P8774PE)
expect_output "账号：99990000111122223333" "$out"
[[ "$out" == *"1110020109000123456"* ]] && fail "show without --history printed an old version"
expect_refusal "enterprise 91310110666007217T is not in the ledger" show enterprise 91310110666007217T

# --- a changed application is named ----------------------------------------------------------
sed 's/^A-06,P-E2-1,2023,digital_project,,,,,500000.01,/A-06,P-E2-1,2023,digital_project,,,,,600000.00,/' \
  "$examples/applications.csv" > applications-v2.csv
out=$("$bin" import applications applications-v2.csv)
expect_output "applications-v2.csv: 0 new, 1 changed, 13 unchanged" "$out"
expect_output "changed: A-06 (version 2)" "$out"

# --- GBK, BOM, CRLF, quoted thousands, any column order ---------------------------------------
printf '%s\n' "region_code,name,kind" "G01,众兴工业园,park" | iconv -f UTF-8 -t GBK > regions-gbk.csv
expect_refusal "regions-gbk.csv:2:name: not valid UTF-8" import regions regions-gbk.csv --encoding utf-8
out=$("$bin" import regions regions-gbk.csv --encoding gbk)
expect_output "regions-gbk.csv: 1 new, 0 changed, 0 unchanged" "$out"
printf '\xEF\xBB\xBFyear,local_retained_tax,uscc\r\n2024,"1,234,567.80",91321323L30P8774PE\r\n\r\n\r\n' > tax-2024.csv
out=$("$bin" import tax tax-2024.csv)
expect_output "tax-2024.csv: 1 new, 0 changed, 0 unchanged" "$out"
printf 'uscc,local_retained_tax,year\n91321323L30P8774PE,1234567.8,2024\n' > tax-2024-again.csv
out=$("$bin" import tax tax-2024-again.csv)
expect_output "tax-2024-again.csv: 0 new, 0 changed, 1 unchanged" "$out"

# --- refusals: each exits 1, names file:line:column, and stores nothing ------------------------
h="application_id,project_id,year,scheme,equipment_amount,software_amount,total_investment,rd_expense,info_investment,loan_amount,service_revenue,staff_count"
printf '%s\nA-90,P-E1-3,2023,loan_interest,,,,,,12.345,,\n' "$h" > decimals.csv
expect_refusal "decimals.csv:2:loan_amount: 12.345 has more than two decimals" import applications decimals.csv
printf '%s\nA-91,P-E1-1,2023,robot_rental,,,,,,,,\n' "$h" > scheme.csv
expect_refusal "scheme.csv:2:scheme: robot_rental is not a scheme of the policy for 2023" import applications scheme.csv
printf '%s\nA-92,P-E1-1,2023,robot_purchase,,,,,,,,\n' "$h" > needs.csv
expect_refusal "needs.csv:2:equipment_amount: is empty but scheme robot_purchase needs it" import applications needs.csv
printf '%s\nA-93,P-NONE,2023,cloud_4star,,,,,,,,\n' "$h" > project.csv
expect_refusal "project.csv:2:project_id: project P-NONE is not in the ledger" import applications project.csv
printf 'region_code,name,kind,area\nP05,某区,park,1\n' > unknown-column.csv
expect_refusal "unknown-column.csv:1:area: unknown column" import regions unknown-column.csv
printf 'uscc,year\n91321323L30P8774PE,2023\n' > missing-column.csv
expect_refusal "missing-column.csv:1:local_retained_tax: the required column is missing" import tax missing-column.csv
printf 'region_code,name,kind\nP05,甲,park\nP05,乙,park\n' > duplicate.csv
expect_refusal "duplicate.csv:3:region_code: P05 appears twice in this file (also on line 2)" import regions duplicate.csv
printf 'uscc,name,region_code\n91310110666007217A,某公司,P01\n' > check.csv
expect_refusal "check.csv:2:uscc: 91310110666007217A: USCC check character is 'A' but the code needs 'T'" import enterprises check.csv
printf 'uscc,name,region_code\n91310110666007217T,某公司,P99\n' > region.csv
expect_refusal "region.csv:2:region_code: region P99 is not in the ledger" import enterprises region.csv
printf 'uscc,year,local_retained_tax\n91310110666007217T,2023,1\n' > enterprise.csv
expect_refusal "enterprise.csv:2:uscc: enterprise 91310110666007217T is not in the ledger" import tax enterprise.csv
printf 'uscc,year,local_retained_tax\n91321323L30P8774PE,1999,1\n' > year.csv
expect_refusal "year.csv:2:year: year 1999 is outside 2000-2100" import tax year.csv
printf 'uscc,year,local_retained_tax\n91321323L30P8774PE,2025,-1\n' > negative.csv
expect_refusal "negative.csv:2:local_retained_tax: -1 is negative" import tax negative.csv
printf 'uscc,year,event,factor\n913213233MPWH2JD13,2024,general_safety_accident,0.95\n' > factor.csv
expect_refusal "factor.csv:2:factor: factor 0.95 is above 0.90" import compliance factor.csv
printf 'uscc,year,event,factor\n913213233MPWH2JD13,2024,court_enforcement,0.5\n' > factor-event.csv
expect_refusal "factor-event.csv:2:factor: a factor goes only with general_safety_accident" import compliance factor-event.csv
# One bad row after good ones: nothing of the file is stored, every problem is listed.
printf 'region_code,name,kind\nP06,甲,park\nP07,乙,city\nP08,,park\n' > mixed.csv
expect_refusal "mixed.csv:3:kind: city is not one of park, township, street
mixed.csv:4:name: is empty; a value is required" import regions mixed.csv

# --- misuse exits 2; progress stays off when stderr is not a terminal --------------------------
rc=0; "$bin" import townships "$examples/regions.csv" 2>/dev/null || rc=$?
[ "$rc" -eq 2 ] || fail "an unknown kind exited $rc, not 2"
python3 - <<'PY'
with open("big.csv", "w") as out:
    out.write("region_code,name,kind\n")
    for i in range(100_001):
        out.write(f"B{i},区{i},park\n")
PY
err=$("$bin" import regions big.csv 2>&1 >/dev/null)
[ -z "$err" ] || fail "progress printed although stderr is not a terminal: $err"
# On a terminal (script(1) gives one) the same file prints progress.
cp big.csv big2.csv && sed -i 's/^B/C/' big2.csv
tty_out=$(script -qec "$bin import regions big2.csv" /dev/null)
expect_output "big2.csv [##############################] 100% (100002/100002)" "$tty_out"

echo "import_test: all checks passed"
