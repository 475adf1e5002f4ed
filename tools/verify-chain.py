#!/usr/bin/env python3
"""Re-verify the subsidy-ledger hash chain from a plain CSV dump of its two journal tables.

An auditor's check that does not trust the `subsidy` program: it re-implements the canonical
serialization of docs/ledger-format.md with the Python standard library only. Dump the tables with
the sqlcipher shell (see docs/ledger-format.md for the exact commands):

    .headers on
    .mode csv
    .output entries.csv
    SELECT * FROM ledger_entries ORDER BY entry_id;
    .output lines.csv
    SELECT * FROM ledger_lines ORDER BY entry_id, line_no;

then run   python3 tools/verify-chain.py entries.csv lines.csv [--against DIGEST_FILE]

It checks that entry ids run 1..n without gaps, that every entry has line_count >= 2 lines numbered
1..k summing to 0 fen, and that every entry_hash is the SHA-256 of the entry's canonical bytes
and the previous entry's hash. It prints the digest line (same form as `subsidy digest`) and exits
0, or names the first bad entry and exits 1. With --against it also checks that the ledger extends
a digest saved earlier.
"""
import argparse
import csv
import hashlib
import re
import sys

GENESIS = "0" * 64
FORMAT_TAG = "subsidy-ledger-entry/1"
# Columns that may be NULL; in a CSV dump NULL is an empty field (the schema forbids '' in them).
NULLABLE = ("application_id", "batch_id", "run_id", "reverses_entry_id", "refers_year")
# Entry fields in the order they are serialized, after the format tag and the previous hash.
FIELDS = ("entry_id", "fiscal_year", "kind", "actor", "posted_at", "idempotency_key", "memo",
          "application_id", "batch_id", "run_id", "reverses_entry_id", "refers_year")


def field(value):
    """<byte length>:<UTF-8 bytes>, ; NULL (None) is ~, ."""
    if value is None:
        return b"~,"
    data = value.encode("utf-8")
    return str(len(data)).encode("ascii") + b":" + data + b","


def canonical_bytes(entry, lines, previous_hash):
    out = [field(FORMAT_TAG), field(previous_hash)]
    for name in FIELDS:
        value = entry[name]
        out.append(field(None if name in NULLABLE and value == "" else value))
    out.append(field(str(len(lines))))
    for number, (account, amount_fen) in enumerate(lines, start=1):
        out += [field(str(number)), field(account), field(str(amount_fen))]
    return b"".join(out)


def read_lines(path):
    by_entry = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_entry.setdefault(int(row["entry_id"]), []).append(
                (int(row["line_no"]), row["account"], int(row["amount_fen"])))
    return by_entry


def verify(entries_path, lines_path):
    """Returns (entry count, head hash, [(entry id, problem)], {entry id: stored hash})."""
    lines_by_entry = read_lines(lines_path)
    with open(entries_path, newline="", encoding="utf-8") as handle:
        entries = sorted(csv.DictReader(handle), key=lambda row: int(row["entry_id"]))
    problems = []
    previous_hash, previous_id = GENESIS, 0
    for entry in entries:
        entry_id = int(entry["entry_id"])
        if entry_id != previous_id + 1:
            problems.append((previous_id + 1, "missing: ids jump from %d to %d" % (previous_id, entry_id)))
        lines = sorted(lines_by_entry.pop(entry_id, []))
        if [number for number, _, _ in lines] != list(range(1, len(lines) + 1)):
            problems.append((entry_id, "line numbers are not 1..%d" % len(lines)))
        if len(lines) != int(entry["line_count"]) or len(lines) < 2:
            problems.append((entry_id, "has %d lines, line_count says %s" % (len(lines), entry["line_count"])))
        total = sum(amount for _, _, amount in lines)
        if total != 0:
            problems.append((entry_id, "lines sum to %d fen, not 0" % total))
        data = canonical_bytes(entry, [(account, amount) for _, account, amount in lines], previous_hash)
        if hashlib.sha256(data).hexdigest() != entry["entry_hash"]:
            problems.append((entry_id, "hash does not match its content and the previous hash"))
        previous_hash, previous_id = entry["entry_hash"], entry_id
    for entry_id in lines_by_entry:
        problems.append((entry_id, "has lines but no entry row"))
    problems.sort(key=lambda problem: problem[0])
    return previous_id, previous_hash, problems, {int(e["entry_id"]): e["entry_hash"] for e in entries}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("entries_csv")
    parser.add_argument("lines_csv")
    parser.add_argument("--against", help="a digest saved earlier (subsidy digest) to be extended")
    args = parser.parse_args()
    count, head, problems, hashes = verify(args.entries_csv, args.lines_csv)
    if args.against:
        with open(args.against, encoding="utf-8") as handle:
            match = re.search(r"entries=(\d+) head=([0-9a-f]{64})", handle.read())
        if not match:
            sys.exit("%s: not a ledger digest" % args.against)
        saved_count, saved_head = int(match.group(1)), match.group(2)
        if saved_count > count:
            problems.insert(0, (count + 1, "the saved digest has %d entries, the dump only %d" % (saved_count, count)))
        elif saved_count > 0 and hashes.get(saved_count) != saved_head:
            problems.insert(0, (saved_count, "hash differs from the saved digest"))
    if problems:
        print("FAILED: first bad entry %d" % min(entry_id for entry_id, _ in problems), file=sys.stderr)
        for entry_id, text in problems[:50]:
            print("entry %d: %s" % (entry_id, text), file=sys.stderr)
        return 1
    print("chain verified: %d entries" % count)
    print("subsidy-ledger digest: entries=%d head=%s" % (count, head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
