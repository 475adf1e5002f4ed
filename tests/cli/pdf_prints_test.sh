#!/usr/bin/env bash
# End to end, the PDF prints on the worked example of ../shared/examples/basic, read back with
# poppler (pdftotext -layout, pdfinfo): every report as PDF, each page with the heading row and
# 第 N 页 共 M 页, its totals row equal to the CSV's, the signature row on the last page; the
# 记账凭证 of an exported batch — one page per item, 记字号, 借 = 贷 = the item's amount, 大写, and
# the signature row carrying who made (制单), approved (复核) and exported (出纳) the batch — refused
# for a batch not yet exported; the 拨付审批表 whose totals equal `batch show --format csv`'s; and a
# PDF without --out refused.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_key.sh"

bin=${SUBSIDY_BIN:?}
examples=${SUBSIDY_SHARED:?}/examples/basic
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
export SUBSIDY_DB="$scratch/ledger.db" SUBSIDY_DB_KEY=$(raw_test_key 'pdf test key')
export SUBSIDY_FIXED_TIME=2026-01-20T17:00:00Z  # 2026年1月21日 in Beijing
fail() { echo "FAIL: $*" >&2; exit 1; }
s() { "$bin" "$@"; }
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

s init >/dev/null
for kind in regions enterprises tax compliance projects applications; do
  s import "$kind" "$examples/$kind.csv" >/dev/null
done
s assess --year 2023 >/dev/null 2>&1
s budget set --year 2023 5000000.00 --ref "泗财预〔2023〕12号" >/dev/null
s config set payer.name "泗阳县财政局" >/dev/null
s config set payer.account 32001748836052500001 >/dev/null
s config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
s config set payer.cnaps 105308200019 >/dev/null
s --user clerk-li batch create --year 2023 --format json >batch.json
ref=$(python3 -c 'import json; print(json.load(open("batch.json"))["reference"])')
s batch approve "$ref" --user director-wang >/dev/null

# --- no PDF without a file; no 记账凭证 before the entries exist ------------------------------------
if s report awards-by-scheme --year 2023 --format pdf >out.txt 2>err.txt; then
  fail "report --format pdf without --out was accepted"
fi
grep -q -- "--out" err.txt || fail "the refusal does not name --out: $(cat err.txt)"
[ ! -s out.txt ] || fail "report --format pdf without --out wrote to stdout"
rc=0
s batch vouchers "$ref" --format pdf --out early.pdf 2>err.txt || rc=$?
[ "$rc" -eq 1 ] || fail "vouchers of an unexported batch: exit $rc, not 1"
grep -q "尚未导出" err.txt || fail "the refusal does not say the batch was not exported"
[ ! -e early.pdf ] || fail "a refused voucher print left a file"

# --- the 拨付审批表: the totals of the batch's CSV -----------------------------------------------
s batch show "$ref" --format pdf --out approval.pdf >/dev/null
s batch show "$ref" --format csv >batch.csv
pdftotext -layout approval.pdf approval.txt
total=$(python3 - batch.csv <<'PY'
import csv, decimal, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
i = rows[0].index("金额")
print("{:,.2f}".format(sum(decimal.Decimal(r[i]) for r in rows[1:] if len(r) > i and r[i] and r[4] != "excluded")))
PY
)
grep -q "合计（小写）：¥$total" approval.txt || fail "approval form: no 合计（小写） $total"
grep -E "^ *合计 .* $total" approval.txt >/dev/null || fail "approval form: the 合计 row is not $total"
grep -q "合计（大写）：人民币" approval.txt || fail "approval form: no total in capitals"
grep -q "经办（制单）：clerk-li" approval.txt || fail "approval form: maker not named"
grep -q "复核（审批）：director-wang" approval.txt || fail "approval form: approver not named"
grep -q "编制日期：2026年1月21日" approval.txt || fail "approval form: not the Beijing date"

# --- the 记账凭证: one page per item, balanced, signed ----------------------------------------------
s --user cashier-zhao batch export "$ref" --format csv --out bank.csv >/dev/null
s batch vouchers "$ref" --format pdf --out vouchers.pdf >/dev/null
items=$(python3 -c 'import json; print(len(json.load(open("batch.json"))["items"]))')
[ "$(pages vouchers.pdf)" = "$items" ] || fail "vouchers: $(pages vouchers.pdf) pages for $items items"
pdftotext -layout vouchers.pdf vouchers.txt
python3 - batch.json vouchers.txt <<'PY' || fail "vouchers do not match the batch"
import json, re, sys
items = json.load(open(sys.argv[1]))["items"]
pages = open(sys.argv[2], encoding="utf-8").read().split("\f")[: len(items)]
numbers = set()
for item, page in zip(items, pages):
    whole, cents = item["amount"].split(".")
    grouped = "{:,}".format(int(whole)) + "." + cents
    # the debit, the credit and the two totals: four times the item's amount
    assert page.count(grouped) == 4, (item["end_to_end_id"], grouped, page.count(grouped))
    m = re.search(r"记字第 (\d+) 号", page)
    assert m, page
    numbers.add(m.group(1))
    for want in ("记账凭证", "2026年1月21日", "合计（大写）：人民币", "附单据",
                 "复核：director-wang", "出纳：cashier-zhao", "制单：clerk-li", "单位负责人：",
                 "会计主管：", "借方金额", "贷方金额"):
        assert want in page, (want, page)
assert len(numbers) == len(items), numbers
PY

# --- every report: pages, heading on every page, totals = the CSV's ---------------------------------
names=$(s report --help | sed -n 's/^ *name TEXT REQUIRED *one of: //p' | tr -d ',')
[ -n "$names" ] || fail "no report names in 'report --help'"
for name in $names; do
  s report "$name" --year 2023 --format pdf --out "$name.pdf"
  s report "$name" --year 2023 --format csv --out "$name.csv"
  pdftotext -layout "$name.pdf" "$name.txt"
  python3 - "$name.csv" "$name.txt" "$(pages "$name.pdf")" <<'PY' || fail "report $name: the PDF does not match its CSV"
import csv, decimal, re, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
pages = open(sys.argv[2], encoding="utf-8").read().split("\f")[:-1]
count = int(sys.argv[3])
assert len(pages) == count, (len(pages), count)
first_heading = rows[0][0][:2]  # a heading may wrap: its first two characters stay together
for n, page in enumerate(pages, 1):
    assert first_heading in page, (n, first_heading)
    assert f"第{n}页共{count}页" in page.replace(" ", ""), n
    assert "编制单位：泗阳县财政局" in page and "编制日期：2026年1月21日" in page, n
assert "制表：" in pages[-1] and "负责人：" in pages[-1]
def grouped(text):
    d = decimal.Decimal(text)
    return "{:,.2f}".format(d) if "." in text else "{:,}".format(int(d))
totals = [r for r in rows if r and r[0] in ("合计", "总计")]
for total in totals:
    line = next((l for l in pages[-1].splitlines() if l.strip().startswith(total[0])), None)
    assert line is not None, ("no totals row", total[0])
    for cell in total[1:]:
        if re.fullmatch(r"-?\d+(\.\d\d)?", cell):
            assert grouped(cell) in line, (cell, line)
PY
done
echo "pdf prints: $(echo $names | wc -w) reports, $items vouchers, one approval form"
