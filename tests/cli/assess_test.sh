#!/usr/bin/env bash
# End to end: the worked example of ../shared/examples/basic through `assess`. The dry run prints
# exactly expected-assess-2023.json; posting books it and verify passes; a second run posts nothing;
# the ledger balances then equal the dry run's totals; a changed application is posted as a
# difference only; `explain A-09` shows the pro-rata arithmetic; a once-only award of 2023 refuses the
# same scheme in 2024; bad use exits 1 or 2 with one line and changes nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_key.sh"

bin=${SUBSIDY_BIN:?}
examples=${SUBSIDY_SHARED:?}/examples/basic
py=/usr/bin/python3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
export SUBSIDY_DB="$scratch/ledger.db"
export SUBSIDY_DB_KEY=$(raw_test_key 'assess test key')

fail() { echo "FAIL: $*" >&2; exit 1; }
contains() { [[ "$2" == *"$1"* ]] || fail "expected to see: $1
got: $2"; }

"$bin" init >/dev/null
for kind in regions enterprises tax compliance projects applications; do
  "$bin" import "$kind" "$examples/$kind.csv" >/dev/null
done

# --- dry run: exactly the hand-checked JSON, nothing posted ---------------------------------------
"$bin" assess --year 2023 --dry-run --format json >dry.json
"$py" - "$examples/expected-assess-2023.json" dry.json <<'PY'
import json, sys
want, got = (json.load(open(p)) for p in sys.argv[1:3])
if want != got:
    sys.exit("assess --dry-run differs from expected-assess-2023.json")
PY
contains "entries=0" "$("$bin" digest)"
contains "合计" "$("$bin" assess --year 2023 --dry-run)"
contains "Total" "$("$bin" assess --year 2023 --dry-run --lang en)"
contains "A-02,P-E1-1,91321323L30P8774PE,smart_equipment_project,awarded,213456.79" \
  "$("$bin" assess --year 2023 --dry-run --format csv)"

# --- posting, verify, idempotency -----------------------------------------------------------------
"$bin" assess --year 2023 --format json >posted.json 2>posting.txt
cmp -s dry.json posted.json || fail "the posted run printed something other than the dry run"
contains "8 entries posted" "$(cat posting.txt)"
"$bin" verify >/dev/null || fail "verify failed after posting"
"$bin" digest >digest-1.txt
"$bin" assess --year 2023 >/dev/null 2>again.txt
contains "0 entries posted" "$(cat again.txt)"
# The table's first line tells a dry run from a posting run (the rest is the same table).
dry_table=$("$bin" assess --year 2023 --dry-run)
posted_table=$("$bin" assess --year 2023 2>/dev/null)
[[ "$(head -1 <<<"$dry_table")" == "预览（未入账）：2023 年度测算结果"* ]] ||
  fail "the dry run's first line: $(head -1 <<<"$dry_table")"
[[ "$(head -1 <<<"$posted_table")" == "已入账（第 3 次测算，过账分录 0 笔，"* ]] ||
  fail "the posting run's first line: $(head -1 <<<"$posted_table")"
[ "$(tail -n +2 <<<"$dry_table")" = "$(tail -n +2 <<<"$posted_table")" ] ||
  fail "below the first line the dry run and the posting run print different tables"
contains "企业名称" "$(sed -n 2p <<<"$dry_table")"
contains "统一社会信用代码" "$("$bin" assess --year 2023 --dry-run --wide | sed -n 2p)"
# The journal is unchanged (the second run is recorded, and sealed, beside it: records= moves).
cmp -s <(cut -d' ' -f1-4 digest-1.txt) <("$bin" digest | cut -d' ' -f1-4) ||
  fail "a second assess changed the ledger"

# --- the ledger equals the latest assessment ------------------------------------------------------
check_balances() {  # the dry run's totals against the ledger's account balances
  "$bin" assess --year 2023 --dry-run --format json >now.json
  "$bin" balances --format json >balances.json
  "$py" - now.json balances.json <<'PY'
import json, sys
from decimal import Decimal
assessment = json.load(open(sys.argv[1]))
balances = {row["account"]: Decimal(row["balance"]) for row in json.load(open(sys.argv[2]))["accounts"]}
county = sum(Decimal(e["county_share"]) for e in assessment["enterprises"])
region = sum(Decimal(e["region_share"]) for e in assessment["enterprises"])
payable = sum(Decimal(e["total"]) for e in assessment["enterprises"])
booked_payable = -sum(v for k, v in balances.items() if k.startswith("award_payable:"))
booked_region = sum(v for k, v in balances.items() if k.startswith("region_due:"))
problems = []
if balances.get("county_expense", Decimal(0)) != county: problems.append(f"county {county}")
if booked_region != region: problems.append(f"region {region} vs {booked_region}")
if booked_payable != payable: problems.append(f"payable {payable} vs {booked_payable}")
for e in assessment["enterprises"]:
    booked = -balances.get("award_payable:" + e["uscc"], Decimal(0))
    if booked != Decimal(e["total"]): problems.append(f"{e['uscc']} {e['total']} vs {booked}")
if problems: sys.exit("ledger differs from the assessment: " + "; ".join(problems))
PY
}
check_balances

# --- a changed application posts only its difference ----------------------------------------------
sed 's/^A-06,P-E2-1,2023,digital_project,,,,,500000.01/A-06,P-E2-1,2023,digital_project,,,,,600000.00/' \
  "$examples/applications.csv" >changed.csv
contains "A-06" "$("$bin" import applications changed.csv)"
"$bin" assess --year 2023 >/dev/null 2>changed.txt
contains "1 entries posted" "$(cat changed.txt)"
check_balances
"$bin" verify >/dev/null || fail "verify failed after the difference"

# --- explain shows every step, A-09's pro-rata arithmetic included --------------------------------
explained=$("$bin" explain A-09 --year 2023)
contains "2,080,000.00" "$explained"
contains "96,153.85" "$explained"
contains "48,076.93" "$explained"

# --- a once-only award of 2023 refuses the same scheme in 2024, for that enterprise only ----------
# 2024 re-assesses 2023 for the enterprises applying for service_institution (一次性) in 2024: E6 got
# it in 2023 (A-12), E5 never applied. E1's 2024 robot purchase does not concern that scheme.
cat >apps-2024.csv <<'CSV'
application_id,project_id,year,scheme,equipment_amount,software_amount,total_investment,rd_expense,info_investment,loan_amount,service_revenue,staff_count
A-20,P-E6-1,2024,service_institution,,,,,,,6000000.00,25
A-21,P-E5-1,2024,service_institution,,,,,,,6000000.00,25
A-22,P-E1-1,2024,robot_purchase,100000.00,,,,,,,
CSV
"$bin" import applications apps-2024.csv >/dev/null
csv_2024=$("$bin" assess --year 2024 --dry-run --format csv)
contains "A-20,P-E6-1,91321323846YQA32C6,service_institution,rejected,0.00,0.00,0.00,already_awarded" \
  "$csv_2024"
a21=$(grep '^A-21,' <<<"$csv_2024")
[[ "$a21" != *already_awarded* ]] || fail "E5 never had service_institution: $a21"
contains "A-22,P-E1-1,91321323L30P8774PE,robot_purchase," "$csv_2024"
"$bin" assess --year 2023 --dry-run --format json | cmp -s - now.json ||
  fail "importing 2024 applications changed the 2023 assessment"

# --- refusals: one line, exit code, nothing changed ------------------------------------------------
"$bin" digest >before.txt
rc=0; err=$("$bin" explain A-99 --year 2023 2>&1 >/dev/null) || rc=$?
[ "$rc" -eq 1 ] || fail "explain of an unknown application exited $rc"
contains "A-99" "$err"
rc=0; "$bin" assess --year 2023 --format xml >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "a bad --format exited $rc, not 2"
rc=0; "$bin" assess >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "assess without --year exited $rc, not 2"
rc=0; SUBSIDY_DB_KEY=wrong "$bin" assess --year 2023 >/dev/null 2>err.txt || rc=$?
[ "$rc" -eq 1 ] || fail "a wrong key exited $rc"
contains "wrong key" "$(cat err.txt)"
cmp -s before.txt <("$bin" digest) || fail "a refused command changed the ledger"

# --- a year outside the policy period is assessed as rejected, and nothing is posted -------------
contains "outside_policy_period" "$("$bin" assess --year 2021 --format json)"
cmp -s <(cut -d' ' -f1-4 before.txt) <("$bin" digest | cut -d' ' -f1-4) ||
  fail "an out-of-period year posted something"  # its run is recorded and sealed: records= moves
echo "assess_test: ok"
