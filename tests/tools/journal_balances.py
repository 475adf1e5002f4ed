#!/usr/bin/python3
# Prints the balance of every account of a journal as computed by an independent accounting tool
# (ledger-cli or hledger), one "account<TAB>amount" line per account with a non-zero balance, sorted,
# amounts as exact plain decimals ("-1234.50"). Used to check `subsidy export journal` against
# `report trial-balance`.
#
# usage: journal_balances.py ledger|hledger FILE
import csv
import io
import subprocess
import sys
from decimal import Decimal


def plain(text):
    text = text.strip()
    if text in ("0", ""):
        return Decimal("0.00")
    if not text.endswith(" CNY"):
        raise SystemExit(f"unexpected amount {text!r} (only CNY is written)")
    return Decimal(text[: -len(" CNY")].replace(",", "")).quantize(Decimal("0.01"))


def ledger_balances(path):
    out = subprocess.run(
        ["ledger", "-f", path, "bal", "--flat", "--no-total", "--no-color",
         "--balance-format", "%(account)\t%(display_total)\n"],
        check=True, capture_output=True, text=True).stdout
    return {line.split("\t")[0]: plain(line.split("\t")[1]) for line in out.splitlines() if line}


def hledger_balances(path):
    out = subprocess.run(["hledger", "-f", path, "bal", "--flat", "--no-total", "-O", "csv"],
                         check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return {row[0]: plain(row[1]) for row in rows[1:] if row}


def main(argv):
    if len(argv) != 3 or argv[1] not in ("ledger", "hledger"):
        print("usage: journal_balances.py ledger|hledger FILE", file=sys.stderr)
        return 2
    balances = ledger_balances(argv[2]) if argv[1] == "ledger" else hledger_balances(argv[2])
    for account in sorted(balances):
        if balances[account] != 0:
            print(f"{account}\t{balances[account]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
