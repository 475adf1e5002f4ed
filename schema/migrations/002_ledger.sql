-- The ledger: append-only, double-entry, hash-chained journal entries in fen, the per-year account
-- totals derived from them (checked by `verify`) and the record of sealed fiscal years.
-- docs/ledger-format.md describes the bytes each entry_hash covers; docs/chart-of-accounts.md the
-- accounts. Master data (migration 001) is deliberately not referenced by foreign key: accounts and
-- application ids are plain text so that the journal stands on its own for an auditor.

-- One journal entry (记账凭证). entry_id is its position in the hash chain: 1, 2, 3, ... without
-- gaps, assigned by the posting code (not by AUTOINCREMENT) because it is part of the hashed bytes.
-- Optional text columns never hold '' so that a CSV dump (where NULL prints as an empty field)
-- stays unambiguous for tools/verify-chain.py.
CREATE TABLE ledger_entries (
  entry_id           INTEGER PRIMARY KEY,
  fiscal_year        INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 9999),
  kind               TEXT    NOT NULL CHECK (length(kind) > 0),
  actor              TEXT    NOT NULL CHECK (length(actor) > 0),
  posted_at          TEXT    NOT NULL CHECK (length(posted_at) = 20),  -- UTC, 2024-01-31T08:00:00Z
  idempotency_key    TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) > 0),
  memo               TEXT    NOT NULL,
  application_id     TEXT    CHECK (application_id <> ''),
  batch_id           INTEGER,  -- the payment batch (payments), when the entry belongs to one
  run_id             INTEGER,  -- the assessment run (assessment_runs.run_id) that posted it
  reverses_entry_id  INTEGER REFERENCES ledger_entries(entry_id),
  refers_year        INTEGER CHECK (refers_year BETWEEN 1900 AND 9999),
  line_count         INTEGER NOT NULL CHECK (line_count >= 2),
  entry_hash         TEXT    NOT NULL CHECK (length(entry_hash) = 64)  -- lowercase hex SHA-256
);

-- The lines of an entry: amount_fen is signed, debit positive and credit negative, so the lines of
-- one entry sum to exactly 0.
CREATE TABLE ledger_lines (
  entry_id    INTEGER NOT NULL REFERENCES ledger_entries(entry_id),
  line_no     INTEGER NOT NULL CHECK (line_no >= 1),
  account     TEXT    NOT NULL CHECK (length(account) > 0),
  amount_fen  INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer'),
  PRIMARY KEY (entry_id, line_no)
) WITHOUT ROWID;

-- Per fiscal year and account: the sums of the debit lines and of the credit lines (both >= 0) and
-- how many lines there are. Derived data kept up to date by the posting code in the same
-- transaction, so that balances need not scan millions of lines; `verify` recomputes it from the
-- lines and names any difference. It is the only ledger table that is updated in place.
-- Deliberately without NOT NULL or CHECK on the three sums: a constraint that can abort an UPDATE
-- makes SQLite keep a statement journal for it, whose pages SQLCipher encrypts one by one — that
-- alone cost a third of the posting time (docs/performance.md). verify checks the values instead.
CREATE TABLE ledger_account_totals (
  fiscal_year  INTEGER NOT NULL,
  account      TEXT    NOT NULL,
  debit_fen    INTEGER,
  credit_fen   INTEGER,
  line_count   INTEGER,
  PRIMARY KEY (account, fiscal_year)  -- account first: balance_of looks up one account
) WITHOUT ROWID;

-- A sealed fiscal year: the closing entry and the digest of the ledger just before it.
CREATE TABLE ledger_closings (
  fiscal_year         INTEGER PRIMARY KEY,
  entry_id            INTEGER NOT NULL UNIQUE REFERENCES ledger_entries(entry_id),
  digest_entry_count  INTEGER NOT NULL,
  digest_head_hash    TEXT    NOT NULL CHECK (length(digest_head_hash) = 64),
  closed_at           TEXT    NOT NULL,
  actor               TEXT    NOT NULL
);

-- What award posting and the reports look up: the entries of one application or one batch, and
-- the entries of one kind in one year.
CREATE INDEX ledger_entries_application ON ledger_entries(application_id)
  WHERE application_id IS NOT NULL;
CREATE INDEX ledger_entries_batch ON ledger_entries(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX ledger_entries_year_kind ON ledger_entries(fiscal_year, kind);

-- Append-only: nothing posted is ever updated or deleted; a correction is a new (reversing) entry.
-- The code never tries; these triggers stop anyone else who tries through SQL.
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: post a reversing entry instead'); END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: post a reversing entry instead'); END;
CREATE TRIGGER ledger_lines_no_update BEFORE UPDATE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'ledger_lines is append-only: post a reversing entry instead'); END;
CREATE TRIGGER ledger_lines_no_delete BEFORE DELETE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'ledger_lines is append-only: post a reversing entry instead'); END;
-- Lines may only be added to the newest entry, i.e. while it is being posted.
CREATE TRIGGER ledger_lines_newest_entry_only BEFORE INSERT ON ledger_lines
WHEN NEW.entry_id IS NOT (SELECT MAX(entry_id) FROM ledger_entries)
BEGIN SELECT RAISE(ABORT, 'ledger_lines: lines can only be added to the entry being posted'); END;
CREATE TRIGGER ledger_closings_no_update BEFORE UPDATE ON ledger_closings
BEGIN SELECT RAISE(ABORT, 'ledger_closings is append-only'); END;
CREATE TRIGGER ledger_closings_no_delete BEFORE DELETE ON ledger_closings
BEGIN SELECT RAISE(ABORT, 'ledger_closings is append-only'); END;
CREATE TRIGGER ledger_account_totals_no_delete BEFORE DELETE ON ledger_account_totals
BEGIN SELECT RAISE(ABORT, 'ledger_account_totals rows are never deleted'); END;
