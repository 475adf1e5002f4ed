#!/usr/bin/env bash
# End to end (issue 19 item 1): one ledger runs 2022–2025 across two policies — 2022–2024 under the
# built-in 泗政办发〔2022〕9号, 2025 under the shipped EXAMPLE successor
# (schema/policies/example-successor-2025.toml) — each year assessed under the policy in force for it,
# the JSON of assess, explain and the reports naming it; the successor's once_across_policies
# service-institution award counts the 2023 award under the first policy (and does not when the file
# leaves the key out); an amendment (version 2) is refused from a date that would move the booked
# 2025 to it, accepted from 2026-01-01, and 2025 keeps version 1 while 2026 is assessed under 2.
# Amounts checked by hand in the comments.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'policy periods test key')
export SUBSIDY_DB="$work/ledger.db"
s() { "$SUBSIDY_BIN" "$@"; }
examples=${SUBSIDY_SHARED:?}/examples/basic
successor=$SUBSIDY_SOURCE/schema/policies/example-successor-2025.toml

cat >tax-more.csv <<'EOF'
uscc,year,local_retained_tax
913213230267GK0H6T,2022,1000000.00
91321323L30P8774PE,2025,5000000.00
91321323846YQA32C6,2025,1000000.00
91321323L30P8774PE,2026,5000000.00
EOF
# 2022: a 市级示范智能车间 (fixed 50,000.00 under Siyang, split 50/50). 2025, under the example:
# robot 6% × 1,000,000.00 = 60,000.00 (region 40% = 24,000.00, county 36,000.00); loan interest
# 1.5% × 10,000,000.00 = 150,000.00 (county alone); the service institution already awarded in 2023
# (A-12) under the first policy. 2026: robot under the amendment's 7% = 70,000.00.
cat >applications-more.csv <<'EOF'
application_id,project_id,year,scheme,equipment_amount,software_amount,total_investment,rd_expense,info_investment,loan_amount,service_revenue,staff_count
C-01,P-E3-1,2022,smart_workshop_municipal,,,,,,,,
B-01,P-E1-1,2025,robot_purchase,1000000.00,,,,,,,
B-02,P-E1-3,2025,loan_interest,,,,,,10000000.00,,
B-03,P-E6-1,2025,service_institution,,,,,,,5000000.00,20
D-01,P-E1-1,2026,robot_purchase,1000000.00,,,,,,,
EOF

# make_ledger SUCCESSOR_FILE: a new ledger at $SUBSIDY_DB with both policies and the data above.
make_ledger() {
  s init >/dev/null
  s policy add "$1" >add.out
  for kind in regions enterprises tax compliance projects applications; do
    s import "$kind" "$examples/$kind.csv" >/dev/null
  done
  s import tax tax-more.csv >/dev/null
  s import applications applications-more.csv >/dev/null
}
make_ledger "$successor"
grep -q "已添加政策 example-successor-2025（示例〔2025〕1号，2025-01-01 – 2027-12-31）" add.out ||
  fail "policy add: $(cat add.out)"

# Each year under the policy in force for it.
for year in 2022 2023 2024 2025; do s assess --year "$year" >/dev/null; done
s assess --year 2022 --dry-run --format json >2022.json
grep -q '"policy": "siyang-2022-9",' 2022.json || fail "2022 policy: $(head -4 2022.json)"
grep -q '"policy_version"' 2022.json && fail "the built-in policy declares no version: $(head -4 2022.json)"
grep -A8 '"C-01"' 2022.json | grep -q '"amount": "50000.00"' || fail "2022 C-01: $(cat 2022.json)"
s assess --year 2025 --dry-run --format json >2025.json
head -5 2025.json | grep -q '"policy": "example-successor-2025",' &&
  head -5 2025.json | grep -q '"policy_version": 1,' &&
  head -5 2025.json | grep -q '"policy_document": "示例〔2025〕1号",' ||
  fail "2025 names its policy: $(head -5 2025.json)"
award() { grep -A10 "\"$2\"" "$1" | grep -m1 "\"$3\"" | sed 's/.*: "\(.*\)".*/\1/'; }
[ "$(award 2025.json B-01 amount)" = 60000.00 ] && [ "$(award 2025.json B-01 region_share)" = 24000.00 ] &&
  [ "$(award 2025.json B-01 county_share)" = 36000.00 ] || fail "2025 B-01: $(grep -A10 B-01 2025.json)"
[ "$(award 2025.json B-02 amount)" = 150000.00 ] || fail "2025 B-02: $(grep -A10 B-02 2025.json)"
grep -A10 '"B-03"' 2025.json | grep -q '"status": "rejected"' &&
  grep -A12 '"B-03"' 2025.json | grep -q '"already_awarded"' ||
  fail "2025 B-03 awarded again across policies: $(grep -A12 B-03 2025.json)"
s explain B-01 --year 2025 >explain-2025.txt
grep -q "^政策：example-successor-2025 示例〔2025〕1号 .*（第 1 版）$" explain-2025.txt ||
  fail "explain 2025: $(head -3 explain-2025.txt)"
s explain A-09 --year 2023 >explain-2023.txt
grep -q "^政策：siyang-2022-9 泗政办发〔2022〕9号 关于促进制造业智能化改造和数字化转型的实施意见$" explain-2023.txt ||
  fail "explain 2023: $(head -3 explain-2023.txt)"
s report enterprise-statement --year 2025 --format json >report-2025.json
grep -q '"policy": "example-successor-2025",' report-2025.json || fail "report 2025: $(head -8 report-2025.json)"
s report enterprise-statement --year 2023 >report-2023.txt
grep -q "^政策: siyang-2022-9 泗政办发〔2022〕9号（第 1 版）$" report-2023.txt ||
  fail "report 2023: $(head -3 report-2023.txt)"
s verify >/dev/null || fail "verify after 2022–2025"

# An amendment: refused from 2025-07-01 (2025 is booked under version 1), accepted from 2026.
amend() {
  sed -e 's/^id = .*/id = "example-successor-2025-v2"/' \
    -e 's/^version = 1$/version = 2\namends = "example-successor-2025"/' \
    -e "s/^effective_from = 2025-01-01$/effective_from = $1/" \
    -e 's/示例〔2025〕1号/示例〔2026〕2号/' -e 's/rate = "0.06"/rate = "0.07"/' "$successor" >v2.toml
}
before=$(s digest)
amend 2025-07-01
expect_refusal "2025 年度已按 example-successor-2025（第 1 版）测算入账，修订版本须自 2026-01-01 或以后生效" \
  s policy add v2.toml
sed -e 's/^id = .*/id = "other-2026"/' -e 's/^version = 1$//' -e 's/2025-01-01/2026-01-01/' "$successor" >other.toml
expect_refusal "政策有效期重叠：" s policy add other.toml
[ "$(s digest)" = "$before" ] || fail "a refused policy add changed the ledger"
amend 2026-01-01
s policy add v2.toml >/dev/null
s policy list >list.out
grep -q "^example-successor-2025-v2	示例〔2026〕2号	2（修订 example-successor-2025）	2026-01-01 – 2027-12-31	v2.toml	$(sha256sum v2.toml | cut -c1-64)$" list.out ||
  fail "policy list: $(cat list.out)"
s policy show example-successor-2025 | grep -q "^修订: 自 2026-01-01 起由 example-successor-2025-v2（第 2 版）修订$" ||
  fail "policy show: $(s policy show example-successor-2025)"
s assess --year 2025 --dry-run --format json | head -5 | grep -q '"policy": "example-successor-2025",' ||
  fail "2025 moved off version 1"
s assess --year 2026 --dry-run --format json >2026.json
head -5 2026.json | grep -q '"policy_version": 2,' || fail "2026 version: $(head -5 2026.json)"
[ "$(award 2026.json D-01 amount)" = 70000.00 ] || fail "2026 D-01: $(grep -A10 D-01 2026.json)"
s verify >/dev/null || fail "verify after the amendment"

# Without once_across_policies the successor looks only at its own years: B-03 is awarded 150,000.00.
rm -f "$SUBSIDY_DB" "$SUBSIDY_DB".*
grep -v '^once_across_policies' "$successor" >own-only.toml
make_ledger own-only.toml
s assess --year 2023 >/dev/null
s assess --year 2025 --dry-run --format json >own.json
[ "$(award own.json B-03 amount)" = 150000.00 ] || fail "B-03 without the key: $(grep -A12 B-03 own.json)"
echo "policy_periods_test: ok"
