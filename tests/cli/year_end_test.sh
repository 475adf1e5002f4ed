#!/usr/bin/env bash
# Year end on the demo county (issue 21): `subsidy demo` runs 2022–2024 and closes 2022 and 2023;
# this closes 2024 too, then for each of the three fiscal years checks that every view of the books
# agrees to the fen: the pre-closing trial balance (借/贷 form), `balances --year` (movements before
# closing), the exported journal balanced by hledger and by ledger-cli (with and without the closing
# entry), the balance sheet and the income and expenditure statement; that revenue and expense
# accounts open every year at zero and the closing moved them into fund_balance; and that verify
# passes. The comparisons are in Python over each program's CSV.
set -euo pipefail

bin=${SUBSIDY_BIN:?}
source_dir=${SUBSIDY_SOURCE:?}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
unset SUBSIDY_DB SUBSIDY_DB_KEY SUBSIDY_KEY_FILE

fail() { echo "FAIL: $*" >&2; exit 1; }

start=$(date +%s)
"$bin" demo "$scratch/demo" --seed 3 --lang en >"$scratch/demo.out" || fail "demo: $(cat "$scratch/demo.out")"
s() { "$bin" --db "$scratch/demo/ledger.db" --key-file "$scratch/demo/ledger.key" "$@"; }
# The demo runs as its five people; the checker 李科长 closes 2024, signing it.
SUBSIDY_PASSPHRASE_FILE="$scratch/demo/people/李科长.pass" s --user 李科长 close --year 2024 \
  --force --reason "held awards and payables without an account carried forward" \
  >"$scratch/close.out" || fail "close 2024: $(cat "$scratch/close.out")"
s verify >"$scratch/verify.out" || fail "verify: $(cat "$scratch/verify.out")"
grep -q "old-style closings" "$scratch/verify.out" && fail "the demo's closings are memoranda"

out=$scratch/views
mkdir -p "$out"
for year in 2022 2023 2024 2025; do
  s report trial-balance --year $year --format csv --out "$out/tb-$year.csv"
done
for year in 2022 2023 2024; do
  s report 资产负债表 --year $year --format csv --out "$out/bs-$year.csv"
  s report 收入支出表 --year $year --format csv --out "$out/ie-$year.csv"
  s balances --year $year --format csv >"$out/balances-$year.csv"
  s export journal --year $year --out "$out/journal-$year.ledger" >/dev/null
done

python3 - "$out" "$source_dir/tests/tools/journal_balances.py" <<'PY'
import csv, re, subprocess, sys
from decimal import Decimal

out, tool = sys.argv[1], sys.argv[2]
problems = []
NOMINAL = ("county_expense", "county_appropriation")

def rows(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.reader(f))

def trial_balance(year):
    table = rows(f"{out}/tb-{year}.csv")
    assert table[0][:8] == ["科目编码", "科目名称", "期初方向", "期初余额", "本期借方", "本期贷方",
                            "期末方向", "期末余额"], table[0]
    accounts, closing_entry = {}, None
    for row in table[1:]:
        if row[0].startswith("合计") or row[0] == "账本头摘要":
            continue
        m = re.search(r"结账分录（第(\d+)号）", row[0])
        if m:
            closing_entry = m.group(1)
        if not row[1]:
            continue
        signed = lambda side, amount: -Decimal(amount) if side == "贷" else Decimal(amount)
        for side, amount in ((row[2], row[3]), (row[6], row[7])):
            if (side == "平") != (Decimal(amount) == 0):
                problems.append(f"{year} {row[0]}: side {side} for {amount}")
        accounts[row[0]] = {"opening": signed(row[2], row[3]), "debit": Decimal(row[4]),
                            "credit": Decimal(row[5]), "closing": signed(row[6], row[7])}
    return accounts, closing_entry

def tool_balances(which, journal):
    text = subprocess.run(["python3", tool, which, journal], check=True, capture_output=True,
                          text=True).stdout
    return {line.split("\t")[0]: Decimal(line.split("\t")[1]) for line in text.splitlines()}

def nonzero(balances):
    return {k: v for k, v in balances.items() if v != 0}

def without_entry(journal, entry_id, path):
    blocks = open(journal, encoding="utf-8").read().split("\n\n")
    kept = [b for b in blocks if f"* (E{entry_id}) " not in b]
    assert len(kept) == len(blocks) - 1, f"closing entry E{entry_id} not found once in {journal}"
    open(path, "w", encoding="utf-8").write("\n\n".join(kept))
    return path

def labelled(path, key_column, value_column):
    table = rows(path)
    return {row[key_column]: Decimal(row[value_column]) for row in table[1:]
            if len(row) > value_column and row[value_column] and row[key_column]
            and row[0] != "账本头摘要"}

for year in (2022, 2023, 2024):
    tb, closing_entry = trial_balance(year)
    after, _ = trial_balance(year + 1)
    if closing_entry is None:
        problems.append(f"{year}: the trial balance does not name the closing entry")
        continue
    # Revenue and expense open at zero; balance-sheet accounts carry forward.
    for account in NOMINAL:
        if tb.get(account, {"opening": 0})["opening"] != 0:
            problems.append(f"{year}: {account} opens at {tb[account]['opening']}")
        if after.get(account, {"opening": 0})["opening"] != 0:
            problems.append(f"{year + 1}: {account} opens at {after[account]['opening']}")
    # Debits equal credits; closing = opening + debits - credits.
    if sum(a["debit"] for a in tb.values()) != sum(a["credit"] for a in tb.values()):
        problems.append(f"{year}: debits and credits differ")
    for name, a in tb.items():
        if a["opening"] + a["debit"] - a["credit"] != a["closing"]:
            problems.append(f"{year} {name}: opening + debit - credit != closing")
    pre = nonzero({k: a["closing"] for k, a in tb.items()})
    post = nonzero({k: a["opening"] for k, a in after.items()})
    # The closing entry moved exactly the revenue and expense into fund_balance.
    moved = sum(pre.get(k, Decimal(0)) for k in NOMINAL)
    if post.get("fund_balance", Decimal(0)) != pre.get("fund_balance", Decimal(0)) + moved:
        problems.append(f"{year}: fund_balance after closing is not before + revenue and expense")
    for k in set(pre) | set(post):
        if k not in NOMINAL and k != "fund_balance" and pre.get(k) != post.get(k):
            problems.append(f"{year} {k}: {pre.get(k)} before closing, {post.get(k)} after")
    # balances --year: the year's movements before closing, the trial balance's debits and credits.
    movements = rows(f"{out}/balances-{year}.csv")
    assert movements[0][:4] == ["科目", "本年借方", "本年贷方", "本年净发生额"], movements[0]
    seen = {row[0]: (Decimal(row[1]), Decimal(row[2]), Decimal(row[3])) for row in movements[1:]
            if row[0] in tb or (row[0] and row[0] not in ("合计", "账本头摘要"))}
    for name, a in tb.items():
        if a["debit"] == 0 and a["credit"] == 0:
            continue
        if seen.get(name) != (a["debit"], a["credit"], a["debit"] - a["credit"]):
            problems.append(f"{year} {name}: balances says {seen.get(name)}, trial balance "
                            f"{a['debit']} / {a['credit']}")
    # hledger and ledger-cli: the whole journal gives the post-closing balances, the journal
    # without its closing entry the pre-closing ones.
    journal = f"{out}/journal-{year}.ledger"
    pre_journal = without_entry(journal, closing_entry, f"{out}/journal-{year}-pre.ledger")
    for which in ("hledger", "ledger"):
        if tool_balances(which, journal) != post:
            problems.append(f"{year}: {which} balances of the journal differ from the balances "
                            f"after closing")
        if tool_balances(which, pre_journal) != pre:
            problems.append(f"{year}: {which} balances without the closing entry differ from "
                            f"the trial balance")
    # The statements tie to the trial balance.
    bs = labelled(f"{out}/bs-{year}.csv", 1, 4)
    bs_open = labelled(f"{out}/bs-{year}.csv", 1, 3)
    assets = sum(v for k, v in pre.items() if k.split(":")[0] in
                 ("treasury", "region_due", "clawback_receivable"))
    liabilities = -sum(v for k, v in pre.items() if k.split(":")[0] in
                       ("award_payable", "bank_in_transit"))
    fund = -(pre.get("fund_balance", 0) + moved)
    for label, want in (("资产合计", assets), ("负债合计", liabilities), ("净资产合计", fund),
                        ("负债和净资产合计", assets), ("国库存款", pre.get("treasury", 0))):
        if bs.get(label) != want:
            problems.append(f"{year} balance sheet {label}: {bs.get(label)}, trial balance {want}")
    if bs_open.get("净资产合计") != -sum(a["opening"] for k, a in tb.items()
                                         if k == "fund_balance" or k in NOMINAL):
        problems.append(f"{year} balance sheet: opening fund balance differs")
    ie = labelled(f"{out}/ie-{year}.csv", 1, 3)
    result = -(sum(tb[k]["debit"] - tb[k]["credit"] for k in NOMINAL if k in tb))
    if ie.get("本年收支结余") != result or bs.get("其中：本年收支结余") != result:
        problems.append(f"{year}: result {ie.get('本年收支结余')} / {bs.get('其中：本年收支结余')}, "
                        f"trial balance {result}")
    spent = tb.get("county_expense", {"debit": 0, "credit": 0})
    regions = ie.get("县区（园区）承担奖补资金")
    if ie.get("支出合计") != spent["debit"] - spent["credit"] + regions:
        problems.append(f"{year}: expenditure {ie.get('支出合计')} is not county expense + regions")
    print(f"{year}: closing entry E{closing_entry}, treasury {pre.get('treasury', 0)}, "
          f"result {result}, fund balance after closing {post.get('fund_balance', 0)}")

if problems:
    print("\n".join(problems[:40]), file=sys.stderr)
    sys.exit(1)
PY

elapsed=$(( $(date +%s) - start ))
echo "year end: three years agree (${elapsed}s)"
[ "$elapsed" -lt 120 ] || fail "the year-end test took ${elapsed}s"
