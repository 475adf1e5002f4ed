#!/usr/bin/env bash
# Runs the worked example of ../shared/examples/basic through one fixed year cycle and writes every
# output that users read into the directory OUT_DIR (created; must not exist or be empty): the 2023
# assessment (table zh/en, --wide, the posting run's table, JSON, CSV), `explain A-09` (zh/en), the first
# payment batch as pain.001.001.09 and .03, as the bank CSV in UTF-8 and GBK and as vouchers (zh/en, and
# the PDF 记账凭证), its 拨付审批表 (PDF), every report as CSV and JSON after the cycle (awards-by-scheme
# also as PDF, kept as the text pdftotext -layout reads from it; awards-by-scheme and policy-targets
# also as XLSX read through openpyxl), the journal export, and after closing 2023 its journal, its
# trial balance (which leaves the closing entry out) and 2024's opening trial balance and balance
# sheet. tests/golden/compare_test.sh compares
# them with tests/golden/expected/ byte for byte; tools/regen-golden.sh copies them there.
#
# Usage: SUBSIDY_BIN=... SUBSIDY_SHARED=... tests/golden/run.sh OUT_DIR
#
# The cycle: init, import, assess (dry run, then posted), the year's budget of 5,000,000.00 (funding),
# the paying account, batch 1 proposed by
# clerk-li and approved by director-wang, exported; the bank settles two items and rejects two
# (pain.002); batch 2 pays the rejected two, settled by a CSV return; the park pays half its share
# (settle). Outputs are deterministic because SUBSIDY_FIXED_TIME fixes the clock of every command
# (see tools/subsidy/main.cpp): the ledger's recorded times, the batches' creation times and MsgIds
# and so the chain hashes the reports state. Nothing is normalised with sed.
set -euo pipefail
: "${SUBSIDY_BIN:?}" "${SUBSIDY_SHARED:?}"
out=${1:?usage: run.sh OUT_DIR}
bin=$SUBSIDY_BIN
examples=$SUBSIDY_SHARED/examples/basic
year=2023

source "$(dirname "${BASH_SOURCE[0]}")/../cli/test_key.sh"
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -z "$(ls -A "$out")" ] || { echo "run.sh: $out is not empty" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
export SUBSIDY_DB="$scratch/ledger.db" SUBSIDY_DB_KEY=$(raw_test_key 'golden files key')
export SUBSIDY_FIXED_TIME=2026-01-20T08:00:00Z
export USER=golden  # the default actor, for the commands run without --user
s() { "$bin" "$@"; }
json_field() {  # json_field FILE EXPRESSION (python over the parsed document `d`)
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# --- the ledger and the assessment ------------------------------------------------------------------
s init >/dev/null
for kind in regions enterprises tax compliance projects applications; do
  s import "$kind" "$examples/$kind.csv" >/dev/null
done
s assess --year $year --dry-run >"$out/assess-$year.zh.txt"
s assess --year $year --dry-run --lang en >"$out/assess-$year.en.txt"
s assess --year $year --dry-run --format json >"$out/assess-$year.json"
s assess --year $year --dry-run --format csv >"$out/assess-$year.csv"
s assess --year $year --dry-run --wide >"$out/assess-$year.wide.zh.txt"
s assess --year $year >"$out/assess-$year.posted.zh.txt" 2>/dev/null
s explain A-09 --year $year >"$out/explain-A-09.zh.txt"
s explain A-09 --year $year --lang en >"$out/explain-A-09.en.txt"

# --- the county funds the year (budget set, booked Dr treasury, Cr county_appropriation) ----------
s budget set --year $year 5000000.00 --ref "泗财预〔2023〕12号" >/dev/null

# --- batch 1: proposed, approved, exported in every format -----------------------------------------
s config set payer.name "泗阳县财政局" >/dev/null
s config set payer.account 32001748836052500001 >/dev/null
s config set payer.bank "中国建设银行股份有限公司泗阳支行" >/dev/null
s config set payer.cnaps 105308200019 >/dev/null
s --user clerk-li batch create --year $year --format json >batch1.json
ref1=$(json_field batch1.json 'd["reference"]')
s batch approve "$ref1" --user director-wang >/dev/null
s --user clerk-li batch export "$ref1" --format pain001v9 --out "$out/batch1.pain001v9.xml" >/dev/null
s --user clerk-li batch export "$ref1" --format pain001v3 --out "$out/batch1.pain001v3.xml" >/dev/null
s --user clerk-li batch export "$ref1" --format csv --out "$out/batch1.utf8.csv" >/dev/null
s --user clerk-li batch export "$ref1" --format csv --encoding gbk --out "$out/batch1.gbk.csv" >/dev/null
s batch vouchers "$ref1" --out "$out/batch1.vouchers.zh.html" >/dev/null
s batch vouchers "$ref1" --lang en --out "$out/batch1.vouchers.en.html" >/dev/null
# The PDF prints, compared through their text (pdftotext -layout): the 记账凭证 and the 拨付审批表.
pdf_text() { pdftotext -layout "$1" "$2"; }
s batch vouchers "$ref1" --format pdf --out batch1.vouchers.pdf >/dev/null
pdf_text batch1.vouchers.pdf "$out/batch1.vouchers.zh.pdf.txt"
s batch show "$ref1" --format pdf --out batch1.approval.pdf >/dev/null
pdf_text batch1.approval.pdf "$out/batch1.approval-form.zh.pdf.txt"

# --- the bank settles two items and rejects two; batch 2 pays those -------------------------------
e2e() { json_field "$1" "d['items'][$2]['end_to_end_id']"; }
tx() {  # tx END_TO_END_ID STATUS [REASON]
  printf '<TxInfAndSts><OrgnlEndToEndId>%s</OrgnlEndToEndId><TxSts>%s</TxSts>' "$1" "$2"
  [ -z "${3:-}" ] || printf '<StsRsnInf><Rsn><Cd>%s</Cd></Rsn><AddtlInf>收款账户已销户</AddtlInf></StsRsnInf>' "$3"
  printf '</TxInfAndSts>'
}
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>'
  printf '<GrpHdr><MsgId>STS-%s</MsgId><CreDtTm>2026-01-22T10:00:00</CreDtTm></GrpHdr>' "$ref1"
  printf '<OrgnlGrpInfAndSts><OrgnlMsgId>%s</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>' "$ref1"
  printf '</OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>%s</OrgnlPmtInfId>' "$ref1"
  tx "$(e2e batch1.json 0)" ACSC
  tx "$(e2e batch1.json 1)" RJCT AC04
  tx "$(e2e batch1.json 2)" ACSC
  tx "$(e2e batch1.json 3)" RJCT AC04
  printf '</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>\n'
} >return1.xml
s bank-return import return1.xml >/dev/null
s --user clerk-li batch create --year $year --format json >batch2.json
ref2=$(json_field batch2.json 'd["reference"]')
s batch approve "$ref2" --user director-wang >/dev/null
s --user clerk-li batch export "$ref2" --format pain001v9 --out batch2.xml >/dev/null
printf 'EndToEndId,status,reason,amount\n%s,成功,,%s\n%s,ACSC,,%s\n' \
  "$(e2e batch2.json 0)" "$(json_field batch2.json 'd["items"][0]["amount"]')" \
  "$(e2e batch2.json 1)" "$(json_field batch2.json 'd["items"][1]["amount"]')" >return2.csv
s bank-return import return2.csv >/dev/null

# --- the park pays half its share; then every report and the journal ------------------------------
s settle P01 125000.00 --year $year --ref GOLDEN-P01-1 >/dev/null
s verify >/dev/null
names=$(s report --help | sed -n 's/^ *name TEXT REQUIRED *one of: //p' | tr -d ',')
[ -n "$names" ] || { echo "run.sh: no report names in 'report --help'" >&2; exit 1; }
for name in $names; do
  s report "$name" --year $year --format csv --out "$out/report-$name.csv"
  s report "$name" --year $year --format json >"$out/report-$name.json"
done
s report awards-by-scheme --year $year --format pdf --out awards-by-scheme.pdf
pdf_text awards-by-scheme.pdf "$out/report-awards-by-scheme.pdf.txt"
s export journal --year $year --out "$out/journal-$year.ledger" >/dev/null
# Two reports as printed XLSX, compared through openpyxl: every cell (formulas as written, and
# their cached values), number formats and the page setup.
for name in awards-by-scheme policy-targets; do
  s report "$name" --year $year --format xlsx --out "$scratch/$name.xlsx"
  /usr/bin/python3 - "$scratch/$name.xlsx" >"$out/report-$name.xlsx.txt" <<'PY'
import sys, openpyxl
path = sys.argv[1]
formulas = openpyxl.load_workbook(path).worksheets[0]
values = openpyxl.load_workbook(path, data_only=True).worksheets[0]
setup = formulas.page_setup
print(f"sheet: {formulas.title}")
print(f"page: {setup.orientation} paper={setup.paperSize} fitToWidth={setup.fitToWidth or 1} "
      f"fitToHeight={setup.fitToHeight} print_titles={formulas.print_title_rows} "
      f"footer={formulas.oddFooter.center.text!r} freeze={formulas.freeze_panes}")
for row in formulas.iter_rows():
    for cell in row:
        if cell.value is None:
            continue
        cached = values[cell.coordinate].value
        shown = f"{cell.value!r}" if cached == cell.value else f"{cell.value!r} cached {cached!r}"
        print(f"{cell.coordinate} {shown} [{cell.number_format}]")
PY
done

# --- year end: 2023 closed into the fund balance; what 2024 opens with -----------------------------
# 2023 still has open items (a held award, the regions owing their shares): the close is forced,
# and its reason is sealed in the closing entry.
s --user director-wang close --year $year --force --reason "golden: open items carried to 2024" >/dev/null
s export journal --year $year --out "$out/journal-$year-closed.ledger" >/dev/null
s report trial-balance --year $year --format csv --out "$out/report-trial-balance-$year-closed.csv"
for name in trial-balance balance-sheet; do
  s report "$name" --year $((year + 1)) --format csv --out "$out/report-$name-$((year + 1)).csv"
done
