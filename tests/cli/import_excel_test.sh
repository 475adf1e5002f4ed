#!/usr/bin/env bash
# End to end: imports as Excel users produce them (issue 18 item 5). The worked example of
# ../shared/examples/basic converted to .xlsx (text cells, through openpyxl), to GBK, to UTF-16 LE
# with a BOM and to Chinese headings gives byte-identical assessment output; the Excel-made values
# (12万, full-width digits, "1，234.50", a USCC in scientific notation) and a file of another kind
# are refused with a Chinese reason, exit 1 and the ledger unchanged; `subsidy template` writes the
# Chinese headings, and an .xlsx template with a codes sheet.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_key.sh"

bin=${SUBSIDY_BIN:?}
examples=${SUBSIDY_SHARED:?}/examples/basic
py=/usr/bin/python3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
export SUBSIDY_DB_KEY=$(raw_test_key 'import excel test key')
kinds=(regions enterprises tax compliance projects applications)

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_output() { [[ "$2" == *"$1"* ]] || fail "expected to see: $1
got: $2"; }
ledger_digest() { { cat "$SUBSIDY_DB"; [ ! -f "$SUBSIDY_DB-wal" ] || cat "$SUBSIDY_DB-wal"; } | sha256sum; }
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

# Imports the six files DIR/KIND.EXT into a new ledger NAME.db and prints the dry-run assessment.
assess_of() {  # assess_of NAME DIR EXT
  export SUBSIDY_DB="$scratch/$1.db"
  "$bin" init >/dev/null
  for kind in "${kinds[@]}"; do "$bin" import "$kind" "$2/$kind.$3" >"$1-$kind.out"; done
  "$bin" assess --year 2023 --dry-run --format json
}

mkdir xlsx gbk utf16 zh
"$py" - "$examples" <<'PY'
import csv, sys, openpyxl
src = sys.argv[1]
zh = {"region_code": "地区代码", "year": "年度", "uscc": "统一社会信用代码", "application_id": "申请编号",
      "project_id": "项目编号", "scheme": "奖励类别"}
for kind in ["regions", "enterprises", "tax", "compliance", "projects", "applications"]:
    rows = list(csv.reader(open(f"{src}/{kind}.csv", encoding="utf-8-sig", newline="")))
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row + [""])  # Excel's trailing empty column
    book.save(f"xlsx/{kind}.xlsx")
    text = open(f"{src}/{kind}.csv", encoding="utf-8-sig", newline="").read()
    open(f"gbk/{kind}.csv", "wb").write(text.encode("gbk"))
    open(f"utf16/{kind}.csv", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
    with open(f"zh/{kind}.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([zh.get(name, name) for name in rows[0]])
        writer.writerows(rows[1:])
PY

base=$(assess_of csv "$examples" csv)
[ -n "$base" ] || fail "no assessment output"
for variant in xlsx:xlsx gbk:csv utf16:csv zh:csv; do
  dir=${variant%%:*}
  got=$(assess_of "$dir" "$dir" "${variant##*:}")
  [ "$got" = "$base" ] || fail "$dir: the assessment differs from the CSV import's"
done
expect_output "(XLSX)" "$(cat xlsx-applications.out)"
expect_output "(GBK)" "$(cat gbk-enterprises.out)"
expect_output "(UTF-16LE)" "$(cat utf16-applications.out)"
expect_output "0 changed" "$(cat zh-applications.out)"

# --- refusals, on the ledger of the CSV import ----------------------------------------------------
export SUBSIDY_DB="$scratch/csv.db"
printf 'uscc,year,local_retained_tax\n91321323L30P8774PE,2024,12万\n' >wan.csv
expect_refusal "wan.csv:2:local_retained_tax: 12万：" import tax wan.csv
expect_refusal "120000.00" import tax wan.csv
printf 'uscc,year,local_retained_tax\n91321323L30P8774PE,2024,１２００\n' >fullwidth.csv
expect_refusal "fullwidth.csv:2:local_retained_tax:" import tax fullwidth.csv
expect_refusal "半角数字" import tax fullwidth.csv
printf 'uscc,year,local_retained_tax\n91321323L30P8774PE,2024,"1，234.50"\n' >comma.csv
expect_refusal "120000.00" import tax comma.csv
printf 'uscc,year,local_retained_tax\n9.13213E+17,2024,1000.00\n' >sci.csv
expect_refusal "sci.csv:2:uscc: 9.13213E+17：" import tax sci.csv
expect_refusal "“文本”格式" import tax sci.csv
expect_refusal "format the column as text" import tax sci.csv --lang en
expect_refusal "这看起来是 enterprises 文件：请用 subsidy import enterprises" \
  import projects "$examples/enterprises.csv"
expect_refusal "this looks like an enterprises file: subsidy import enterprises" \
  import projects "$examples/enterprises.csv" --lang en
printf 'region_code,name,kind,\nZ01,某园区,park,oops\n' >unnamed.csv
expect_refusal "unnamed.csv:2:4:" import regions unnamed.csv
printf 'PK\003\004not a zip at all' >broken.xlsx
expect_refusal "broken.xlsx: not an Excel workbook" import regions broken.xlsx

# --- templates -----------------------------------------------------------------------------------
"$bin" template applications --out app.csv >/dev/null
expect_output "申请编号,项目编号,年度,奖励类别,设备投资额" "$(cat app.csv)"
expect_refusal "app.csv" template applications --out app.csv
"$bin" template enterprises --format xlsx --out ent.xlsx >/dev/null
"$py" - <<'PY' || fail "the xlsx template is not as documented"
import openpyxl
book = openpyxl.load_workbook("ent.xlsx")
first, codes = book.worksheets[0], book.worksheets[1]
heads = [c.value for c in first[1]]
assert heads[:3] == ["统一社会信用代码", "企业名称", "地区代码"], heads
assert first["A2"].number_format == "@", first["A2"].number_format
values = [row[1].value for row in codes.iter_rows(min_row=2)]
assert "smart_factory_provincial" in values and "general_safety_accident" in values, values
PY
# --- progress bar: on a terminal, for more than 10,000 rows only -------------------------------
"$py" - <<'PY'
for name, rows in (("small.csv", 10_000), ("large.csv", 10_001)):
    with open(name, "w") as out:
        out.write("region_code,name,kind\n")
        prefix = "S" if name == "small.csv" else "L"
        for i in range(rows):
            out.write(f"{prefix}{i:05d},区{i},park\n")
PY
tty_out=$(script -qec "$bin import regions small.csv" /dev/null)
[[ "$tty_out" != *"["* ]] || fail "a bar for 10,000 rows: $tty_out"
tty_out=$(script -qec "$bin import regions large.csv" /dev/null)
expect_output "large.csv [##############################] 100% (10002/10002)" "$tty_out"
echo "import_excel_test: ok"
