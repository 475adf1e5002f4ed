#!/usr/bin/env bash
# End to end on an encrypted ledger made by `subsidy init` and `subsidy import` (the worked example
# of ../shared/examples/basic, before any award is booked): every report runs in every format and
# states the digest `subsidy digest` prints; settle refuses a region that owes nothing without
# touching the ledger; audit-pack of the open year is refused, then forced (未结账), and both its
# SHA256SUMS (`sha256sum -c`) and its manifest confirm its files. The reports with
# booked awards are covered by tests/reports/report_cli_test.cpp.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_key.sh"
: "${SUBSIDY_BIN:?}" "${SUBSIDY_SHARED:?}" "${SUBSIDY_SOURCE:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

export SUBSIDY_DB="$work/ledger.db" SUBSIDY_DB_KEY=$(raw_test_key 'reports test key')
examples="$SUBSIDY_SHARED/examples/basic"
"$SUBSIDY_BIN" init >/dev/null
for kind in regions enterprises; do "$SUBSIDY_BIN" import "$kind" "$examples/$kind.csv" >/dev/null; done
digest=$("$SUBSIDY_BIN" digest)

names="enterprise-statement tax-retention loan-interest cost-sharing awards-by-scheme disbursement
       trial-balance policy-targets balance-sheet income-expenditure 资产负债表 收入支出表"
for name in $names; do
  "$SUBSIDY_BIN" report "$name" --year 2023 >"$name.txt"
  grep -qF "账本头摘要: $digest" "$name.txt" || fail "$name: the table does not state the digest"
  "$SUBSIDY_BIN" report "$name" --year 2023 --format json --lang en >"$name.json"
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ledger_head"]==sys.argv[2], d["ledger_head"]' \
    "$name.json" "$digest" || fail "$name: JSON does not state the digest"
  "$SUBSIDY_BIN" report "$name" --year 2023 --format csv --out "$name.csv"
  "$SUBSIDY_BIN" report "$name" --year 2023 --format xlsx --out "$name.xlsx"
  /usr/bin/python3 "$SUBSIDY_SOURCE/tests/tools/xlsx_matches_csv.py" "$name.xlsx" "$name.csv" ||
    fail "$name: the XLSX does not read back as the CSV"
done
grep -q "^P01,泗阳经济开发区," cost-sharing.csv && fail "a region without awards has a cost-sharing row"

# Nothing is owed before awards are booked: settle is refused and the ledger stays as it was.
rc=0
"$SUBSIDY_BIN" settle P01 100.00 --year 2023 --ref BANK-1 2>settle.err || rc=$?
[ "$rc" -eq 1 ] || fail "settle on a region that owes nothing exited $rc"
grep -qF "P01 owes 0.00" settle.err || fail "settle: unexpected message $(cat settle.err)"
[ "$("$SUBSIDY_BIN" digest)" = "$digest" ] || fail "a refused settle changed the ledger"

# 2023 is not closed: the pack is refused (nothing written) unless forced, and then says 未结账.
rc=0
"$SUBSIDY_BIN" audit-pack --year 2023 --out pack >/dev/null 2>pack.err || rc=$?
[ "$rc" -eq 1 ] && grep -qF "2023 年度未结账" pack.err || fail "open-year pack not refused: $rc $(cat pack.err)"
[ ! -e pack ] || fail "a refused audit pack left a directory"
"$SUBSIDY_BIN" audit-pack --force --year 2023 --out pack >pack.out
grep -qF "未结账" pack.out || fail "a forced pack does not say 未结账: $(cat pack.out)"
grep -qF '"status": "未结账"' pack/manifest.json || fail "the manifest does not say 未结账"
for csv in pack/*.csv; do
  grep -qF "未结账：2023 年度尚未结账" "$csv" || fail "$csv does not say 未结账"
done
(cd pack && sha256sum --quiet --strict -c SHA256SUMS) || fail "sha256sum -c SHA256SUMS fails"
[ "$(wc -l <pack/SHA256SUMS)" -eq 32 ] || fail "SHA256SUMS lists $(wc -l <pack/SHA256SUMS) files, expected 32"
[ "$(cat pack/digest.txt)" = "$digest" ] || fail "the pack's digest differs from the ledger's"
/usr/bin/python3 -c '
import json, sys
for f in json.load(open("pack/manifest.json"))["files"]:
    print(f["sha256"] + "  " + f["name"])' >pack.sums
(cd pack && sha256sum --quiet -c ../pack.sums) || fail "the manifest does not match the pack's files"
[ "$(wc -l <pack.sums)" -eq 31 ] || fail "the pack holds $(wc -l <pack.sums) files, expected 31 (11 reports as XLSX and CSV, 4 more, 目录.pdf and .xlsx, the policy, the import record, the operations log)"
for f in 目录.pdf 目录.xlsx 输入文件/导入记录.csv; do [ -s "pack/$f" ] || fail "the pack has no $f"; done
ls pack/政策/*.toml pack/操作日志/*.ops.log >/dev/null || fail "the pack lacks the policy or the operations log"
echo "reports CLI test passed"
