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

With --records DIR it also checks the record chain that seals master data, policies, configuration,
assessments, payments and bank returns: DIR holds ledger_records.csv and one TABLE.csv per sealed
table (SEALED below), each dumped with `.nullvalue <NULL>` so that NULL and the empty text differ:

    .nullvalue <NULL>
    .output DIR/ledger_records.csv
    SELECT * FROM ledger_records ORDER BY record_id;
    .output DIR/policies.csv
    SELECT * FROM policies;          (and so on for every table of SEALED)

It checks that record ids run 1..n, that every record_hash is the SHA-256 of the record's canonical
bytes and the previous record's hash, and that every group of rows hashes to the content_sha256 of
its record, with as many rows; it names every group with rows but no record.

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
RECORD_TAG = "subsidy-ledger-record/1"
ROWS_TAG = "subsidy-ledger-rows/1"
NULL = "<NULL>"  # how the dumps for --records write NULL (.nullvalue)
# The sealed tables (docs/ledger-format.md, "Record chain"), in sealing order: the group column,
# then the primary key with its integer columns marked "#" (they sort as numbers). The canonical
# column order is the order of the columns in the dump (SELECT *), i.e. the table's own.
SEALED = (
    ("policies", "policy_id", ("policy_id",)),
    ("config_changes", "change_id", ("#change_id",)),
    ("imports", "import_id", ("#import_id",)),
    ("region_versions", "import_id", ("region_code", "#version")),
    ("enterprise_versions", "import_id", ("uscc", "#version")),
    ("tax_versions", "import_id", ("uscc", "#year", "#version")),
    ("compliance_versions", "import_id", ("uscc", "#year", "event", "#version")),
    ("project_versions", "import_id", ("project_id", "#version")),
    ("application_versions", "import_id", ("application_id", "#version")),
    ("assessment_runs", "run_id", ("#run_id",)),
    ("assessment_results", "run_id", ("#run_id", "application_id")),
    ("assessment_enterprises", "run_id", ("#run_id", "uscc")),
    ("payment_batches", "batch_id", ("#batch_id",)),
    ("payment_batch_items", "batch_id", ("#batch_id", "#item_no")),
    ("payment_batch_exclusions", "batch_id", ("#batch_id", "uscc")),
    ("payment_batch_events", "event_id", ("#event_id",)),
    ("bank_returns", "return_id", ("#return_id",)),
    ("bank_return_items", "return_id", ("#return_id", "end_to_end_id")),
    ("bank_return_holds", "return_id", ("#return_id", "end_to_end_id")),
    ("bank_return_decisions", "decision_id", ("#decision_id", "end_to_end_id")),
    ("ledger_closings", "fiscal_year", ("#fiscal_year",)),
    ("budget_changes", "change_id", ("#change_id",)),
    ("payment_batch_budgets", "batch_id", ("#batch_id",)),
    ("payment_batch_budget_lines", "batch_id", ("#batch_id", "#line_no")),
    ("people", "change_id", ("#change_id",)),
    ("signatures", "signature_id", ("#signature_id",)),
)
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


def record_bytes(record, previous_hash):
    names = ("record_id", "table_name", "group_key", "row_count", "content_sha256", "sealed_at", "actor")
    return b"".join([field(RECORD_TAG), field(previous_hash)] + [field(record[n]) for n in names])


def read_dump(path):
    """(column names, rows as lists with None for NULL) of one CSV dump."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        return header, [[None if v == NULL else v for v in row] for row in reader]


def group_hash(table, key, columns, rows):
    out = [field(ROWS_TAG), field(table), field(key)]
    for row in rows:
        out += [field(value) for value in row]
    out.append(field(str(len(rows))))
    return hashlib.sha256(b"".join(out)).hexdigest()


def verify_records(directory):
    """Returns (record count, head hash, [problem], {record id: stored hash})."""
    _, rows = read_dump("%s/ledger_records.csv" % directory)
    names = ("record_id", "table_name", "group_key", "row_count", "content_sha256", "sealed_at",
             "actor", "previous_hash", "record_hash")
    records = sorted((dict(zip(names, row)) for row in rows), key=lambda r: int(r["record_id"]))
    problems, previous_hash, previous_id, hashes, seals = [], GENESIS, 0, {}, {}
    for record in records:
        record_id = int(record["record_id"])
        if record_id != previous_id + 1:
            problems.append("record %d: ids jump from %d to %d" % (record_id, previous_id, record_id))
        if record["previous_hash"] != previous_hash or \
                hashlib.sha256(record_bytes(record, previous_hash)).hexdigest() != record["record_hash"]:
            problems.append("record %d: hash does not match its content and the previous hash" % record_id)
        previous_hash, previous_id = record["record_hash"], record_id
        hashes[record_id] = record["record_hash"]
        seals[(record["table_name"], record["group_key"])] = record
    for table, group_column, key in SEALED:
        columns, rows = read_dump("%s/%s.csv" % (directory, table))
        position = {name: i for i, name in enumerate(columns)}
        def sort_key(row):
            return tuple(int(row[position[k[1:]]]) if k.startswith("#") else row[position[k]].encode("utf-8")
                         for k in key)
        groups = {}
        for row in sorted(rows, key=sort_key):
            groups.setdefault(row[position[group_column]], []).append(row)
        for group_key, group in groups.items():
            record = seals.pop((table, group_key), None)
            where = "%s %s=%s" % (table, group_column, group_key)
            if record is None:
                problems.append("%s: %d row(s) that no record seals" % (where, len(group)))
            elif int(record["row_count"]) != len(group):
                problems.append("%s: %d row(s), sealed with %s" % (where, len(group), record["row_count"]))
            elif group_hash(table, group_key, columns, group) != record["content_sha256"]:
                problems.append("%s: rows changed since they were sealed" % where)
    for (table, group_key), record in sorted(seals.items()):
        problems.append("%s %s: sealed by record %s, no rows are left" % (table, group_key, record["record_id"]))
    return previous_id, previous_hash, problems, hashes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("entries_csv")
    parser.add_argument("lines_csv")
    parser.add_argument("--against", help="a digest saved earlier (subsidy digest) to be extended")
    parser.add_argument("--records", metavar="DIR", help="dumps of ledger_records and the sealed tables")
    args = parser.parse_args()
    count, head, problems, hashes = verify(args.entries_csv, args.lines_csv)
    record_count, record_head, record_problems, record_hashes = 0, GENESIS, [], {}
    if args.records:
        record_count, record_head, record_problems, record_hashes = verify_records(args.records)
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
        with open(args.against, encoding="utf-8") as handle:
            match = re.search(r"records=(\d+) records_head=([0-9a-f]{64})", handle.read())
        if match and args.records:
            saved_records, saved_record_head = int(match.group(1)), match.group(2)
            if saved_records > record_count:
                record_problems.insert(0, "the saved digest has %d records, the dump only %d"
                                       % (saved_records, record_count))
            elif record_hashes.get(saved_records) != saved_record_head:
                record_problems.insert(0, "record %d: hash differs from the saved digest" % saved_records)
    if record_problems:
        print("FAILED: %d problem(s) in the record chain or the sealed tables" % len(record_problems),
              file=sys.stderr)
        for text in record_problems[:50]:
            print(text, file=sys.stderr)
        return 1
    if problems:
        print("FAILED: first bad entry %d" % min(entry_id for entry_id, _ in problems), file=sys.stderr)
        for entry_id, text in problems[:50]:
            print("entry %d: %s" % (entry_id, text), file=sys.stderr)
        return 1
    print("chain verified: %d entries" % count)
    if args.records:
        print("records verified: %d records" % record_count)
    line = "subsidy-ledger digest: entries=%d head=%s" % (count, head)
    if record_count > 0:
        line += " records=%d records_head=%s" % (record_count, record_head)
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
