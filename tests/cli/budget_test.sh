#!/usr/bin/env bash
# End to end (issue 19 item 2, issue 21 item 3): `budget set` and `budget adjust` book the fund's
# appropriation (Dr treasury, Cr county_appropriation) and refuse, in one Chinese line with exit 1
# and the ledger unchanged, a second set, a budget below 0, a closed year and an unreadable amount;
# `batch create` pays within the budget and excludes the rest as over_budget in application-id
# order; `assess` warns when its awards exceed the budget; a budget row changed in the sqlcipher
# shell (its trigger dropped) fails verify; and `report budget-execution` (also 预算执行) in every
# format.
source "$(dirname "${BASH_SOURCE[0]}")/ledger_common.sh"
export SUBSIDY_DB_KEY=$(raw_test_key 'budget test key')
export SUBSIDY_DB="$work/ledger.db"
s() { "$SUBSIDY_BIN" "$@"; }
json_field() {  # json_field FILE EXPRESSION (python over the parsed document `d`)
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
balance() {  # balance ACCOUNT: its balance over all years
  s balances --format json | python3 -c \
    "import json,sys; print({a['account']: a['balance'] for a in json.load(sys.stdin)['accounts']}.get('$1'))"
}
state() { s digest; }

payable_example s

# Without a budget: batch create warns that treasury would go below zero; nothing else changes.
s --user clerk-li batch create --year 2023 --format json >nobudget.json 2>nobudget.err
grep -q "^警告：.*国库余额将为 -4,999,456.79，低于零" nobudget.err ||
  fail "no treasury warning without funding: $(cat nobudget.err)"
ref0=$(json_field nobudget.json 'd["reference"]')
s batch cancel "$ref0" --reason "先下达预算" >/dev/null

# set and adjust book the appropriation.
s budget set --year 2023 186000.00 --ref "泗财预〔2023〕12号" >set.out
grep -q "2023年度预算下达 186,000.00（文号 泗财预〔2023〕12号）" set.out || fail "set: $(cat set.out)"
[ "$(balance treasury)" = "186000.00" ] || fail "treasury after set: $(balance treasury)"
[ "$(balance county_appropriation)" = "-186000.00" ] || fail "appropriation: $(balance county_appropriation)"
grep -q "command=budget set --year 2023 amount=186000.00 budget=186000.00" "$SUBSIDY_DB.ops.log" ||
  fail "no ops-log line for budget set"

# Refusals: one Chinese line, exit 1, nothing written.
before=$(state)
expect_refusal "请用 budget adjust 调整" s budget set --year 2023 1000 --ref "X-1"
expect_refusal "不能小于 0.00" s budget adjust --year 2023 -186000.01 --ref "X-2"
expect_refusal "调整数不能为 0.00" s budget adjust --year 2023 0 --ref "X-3"
expect_refusal "尚未下达预算" s budget adjust --year 2024 100 --ref "X-4"
expect_refusal "无法识别" s budget set --year 2024 1.001 --ref "X-5"
expect_refusal "无法识别" s budget set --year 2024 1e5 --ref "X-6"
expect_refusal "已记录文号" s budget adjust --year 2023 5 --ref "泗财预〔2023〕12号"
[ "$(state)" = "$before" ] || fail "a refused budget command changed the ledger"

# batch create: the payables in application-id order, A-02 4,713,456.79 (over), A-06 36,000.00,
# A-09 100,000.00 (50,000.00 left), A-12 150,000.00 (over).
s --user clerk-li batch create --year 2023 --format json >batch1.json 2>batch1.err
[ "$(json_field batch1.json 'd["total"]')" = "136000.00" ] || fail "batch 1 total: $(cat batch1.json)"
grep -q "预算：2023年度预算 186,000.00，其他批次已占用 0.00，可用 186,000.00" batch1.err ||
  fail "batch create did not show the budget: $(cat batch1.err)"
! grep -q "警告" batch1.err || fail "a funded batch warned: $(cat batch1.err)"
over=$(json_field batch1.json '",".join(e["payable"] for e in d["excluded"] if e["reason"] == "over_budget")')
[ "$over" = "4713456.79,150000.00" ] || [ "$over" = "150000.00,4713456.79" ] ||
  fail "over_budget exclusions: $over ($(cat batch1.json))"
s verify >/dev/null || fail "verify after a batch within the budget"

# An adjustment pays the rest of A-12; assess then warns that the awards exceed the budget.
s budget adjust --year 2023 +100000 --ref "泗财预〔2023〕30号" >adjust.out
grep -q "2023年度预算合计 286,000.00（预算数 186,000.00，调整数 100,000.00）" adjust.out ||
  fail "adjust: $(cat adjust.out)"
s --user clerk-li batch create --year 2023 --format json >batch2.json 2>/dev/null
[ "$(json_field batch2.json 'd["total"]')" = "150000.00" ] || fail "batch 2 total: $(cat batch2.json)"
s assess --year 2023 >/dev/null 2>assess.err
grep -q "^警告：2023年度已入账奖补 4,999,456.79 超出预算 4,713,456.79" assess.err ||
  fail "assess did not warn: $(cat assess.err)"

# The report, by either name, in every format.
s report budget-execution --year 2023 --format json >report.json
[ "$(json_field report.json 'd["rows"][0]["total"]')" = "286000.00" ] || fail "report: $(cat report.json)"
[ "$(json_field report.json 'd["rows"][0]["assessed"]')" = "4999456.79" ] || fail "report assessed"
[ "$(json_field report.json 'd["rows"][0]["rate"]')" = "0.0%" ] || fail "report rate"
s report 预算执行 --year 2023 >report.txt
grep -q "预算执行情况（2023年度）" report.txt || fail "report by its Chinese name: $(cat report.txt)"
s report budget-execution --year 2023 --format csv --out report.csv
s report budget-execution --year 2023 --format xlsx --out report.xlsx
[ -s report.csv ] && [ -s report.xlsx ] || fail "csv or xlsx report missing"

# A budget row changed behind the program's back fails verify, and stops the next write.
sql "$SUBSIDY_DB" "DROP TRIGGER budget_changes_no_update;
UPDATE budget_changes SET amount_fen = 999900000000, budget_after_fen = 999900000000 WHERE change_id = 1;" \
  >/dev/null
rc=0; s verify >verify.out 2>verify.err || rc=$?
[ "$rc" -eq 1 ] || fail "verify passed a changed budget row"
grep -q "budget_changes" verify.err || fail "verify did not name budget_changes: $(cat verify.err)"
rc=0; s budget adjust --year 2023 1 --ref "X-7" 2>write.err || rc=$?
[ "$rc" -eq 1 ] || fail "a write went on after the budget was changed"

# A closed year takes no budget.
export SUBSIDY_DB="$work/closed.db"
payable_example s
s close --year 2023 --force --reason "held awards and regions carried to 2024" >/dev/null
expect_refusal "已结账" s budget set --year 2023 100 --ref "X-8"
echo "budget_test: ok"
