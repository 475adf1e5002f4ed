-- Paying out (docs/payments.md): payment batches and their items as proposed, what was left out and
-- why, the four-eyes approval that freezes a batch, every export of it, and the bank's returns.
-- The money itself moves only in the ledger (002): payment_sent, payment_confirmed and
-- payment_rejected entries carry ledger_entries.batch_id = payment_batches.batch_id.
-- Everything here is append-only: a batch's state is read from its events, never updated in place.

CREATE TABLE payment_batches (
  batch_id        INTEGER PRIMARY KEY,
  reference       TEXT    NOT NULL UNIQUE,  -- MsgId and PmtInfId of the pain.001, e.g. SY2023-000001
  year            INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),  -- the award year it pays
  created_at      TEXT    NOT NULL CHECK (length(created_at) = 20),     -- UTC 2024-01-31T08:00:00Z
  created_by      TEXT    NOT NULL CHECK (length(created_by) > 0),
  execution_date  TEXT    NOT NULL CHECK (length(execution_date) = 10),
  -- The paying account as configured (config payer.*) when the batch was made, frozen with it so
  -- that a later change of configuration cannot change the bytes of an approved batch.
  payer_name      TEXT    NOT NULL,
  payer_account   TEXT    NOT NULL,
  payer_bank      TEXT    NOT NULL,
  payer_cnaps     TEXT    NOT NULL,  -- '' when not configured
  payer_bic       TEXT    NOT NULL,  -- '' when not configured
  item_count      INTEGER NOT NULL CHECK (item_count > 0),
  total_fen       INTEGER NOT NULL CHECK (typeof(total_fen) = 'integer' AND total_fen > 0)
);

CREATE TABLE payment_batch_items (
  batch_id            INTEGER NOT NULL REFERENCES payment_batches(batch_id),
  item_no             INTEGER NOT NULL CHECK (item_no >= 1),
  end_to_end_id       TEXT    NOT NULL UNIQUE,  -- <reference>-<item_no, 5 digits>
  uscc                TEXT    NOT NULL,
  payee_name          TEXT    NOT NULL,
  account_no          TEXT    NOT NULL,
  bank_name           TEXT    NOT NULL,
  cnaps_code          TEXT    NOT NULL CHECK (length(cnaps_code) = 12),
  amount_fen          INTEGER NOT NULL CHECK (typeof(amount_fen) = 'integer' AND amount_fen > 0),
  policy_document     TEXT    NOT NULL,
  clauses             TEXT    NOT NULL,
  application_ids     TEXT    NOT NULL,  -- JSON array of the applications the amount settles
  account_changed_at  TEXT,              -- set when the bank account changed within 30 days
  PRIMARY KEY (batch_id, item_no)
);
CREATE INDEX payment_batch_items_uscc ON payment_batch_items(uscc);

-- Every payable balance that `batch create` left out, with the reason, for the batch's report.
CREATE TABLE payment_batch_exclusions (
  batch_id     INTEGER NOT NULL REFERENCES payment_batches(batch_id),
  uscc         TEXT    NOT NULL,
  payable_fen  INTEGER NOT NULL,
  reason       TEXT    NOT NULL CHECK (length(reason) > 0),
  PRIMARY KEY (batch_id, uscc)
);

-- What happened to a batch after it was made. A batch is approved at most once (by someone other
-- than its maker) and cancelled at most once (only before any export); it may be exported many
-- times, always to the same bytes per format. content_sha256 is, for the approval, the SHA-256 of
-- the frozen batch (every item and the total, see payments.cpp batch_content) and, for an export,
-- of the file's bytes.
CREATE TABLE payment_batch_events (
  event_id        INTEGER PRIMARY KEY,
  batch_id        INTEGER NOT NULL REFERENCES payment_batches(batch_id),
  event           TEXT    NOT NULL CHECK (event IN ('approved', 'cancelled', 'exported')),
  actor           TEXT    NOT NULL CHECK (length(actor) > 0),
  at              TEXT    NOT NULL CHECK (length(at) = 20),
  content_sha256  TEXT    CHECK (content_sha256 IS NULL OR length(content_sha256) = 64),
  format          TEXT,  -- exported: pain001v9, pain001v3 or csv:<encoding>:<template sha256>
  note            TEXT   -- cancelled: the reason given
);
CREATE UNIQUE INDEX payment_batch_events_once ON payment_batch_events(batch_id, event)
  WHERE event IN ('approved', 'cancelled');

-- A bank return file as imported: the same bytes are never imported twice.
CREATE TABLE bank_returns (
  return_id            INTEGER PRIMARY KEY,
  file_name            TEXT    NOT NULL,
  file_sha256          TEXT    NOT NULL UNIQUE CHECK (length(file_sha256) = 64),
  format               TEXT    NOT NULL,  -- pain.002.001.03, pain.002.001.10 or csv
  message_id           TEXT    NOT NULL,  -- the bank's MsgId ('' for CSV)
  original_message_id  TEXT    NOT NULL,  -- our batch reference ('' for CSV)
  imported_at          TEXT    NOT NULL CHECK (length(imported_at) = 20),
  actor                TEXT    NOT NULL CHECK (length(actor) > 0)
);

-- What a return said about each of our items, and the entry it posted (NULL: nothing posted,
-- because the status was still pending or the same final status had been recorded before).
CREATE TABLE bank_return_items (
  return_id      INTEGER NOT NULL REFERENCES bank_returns(return_id),
  end_to_end_id  TEXT    NOT NULL REFERENCES payment_batch_items(end_to_end_id),
  status         TEXT    NOT NULL CHECK (length(status) = 4),
  status_class   TEXT    NOT NULL CHECK (status_class IN ('settled', 'rejected', 'pending')),
  level          TEXT    NOT NULL CHECK (level IN ('group', 'payment', 'transaction')),
  reason_code    TEXT    NOT NULL,
  reason_text    TEXT    NOT NULL,
  entry_id       INTEGER REFERENCES ledger_entries(entry_id),
  PRIMARY KEY (return_id, end_to_end_id)
);
CREATE INDEX bank_return_items_item ON bank_return_items(end_to_end_id);

CREATE TRIGGER payment_batches_no_update BEFORE UPDATE ON payment_batches
BEGIN SELECT RAISE(ABORT, 'payment_batches is append-only'); END;
CREATE TRIGGER payment_batches_no_delete BEFORE DELETE ON payment_batches
BEGIN SELECT RAISE(ABORT, 'payment_batches is append-only'); END;
CREATE TRIGGER payment_batch_items_no_update BEFORE UPDATE ON payment_batch_items
BEGIN SELECT RAISE(ABORT, 'payment_batch_items is append-only: a batch is frozen'); END;
CREATE TRIGGER payment_batch_items_no_delete BEFORE DELETE ON payment_batch_items
BEGIN SELECT RAISE(ABORT, 'payment_batch_items is append-only: a batch is frozen'); END;
-- Items are only added while their batch is being made, i.e. before any event names it.
CREATE TRIGGER payment_batch_items_frozen BEFORE INSERT ON payment_batch_items
WHEN EXISTS (SELECT 1 FROM payment_batch_events WHERE batch_id = NEW.batch_id)
BEGIN SELECT RAISE(ABORT, 'payment_batch_items: the batch is frozen'); END;
CREATE TRIGGER payment_batch_exclusions_no_update BEFORE UPDATE ON payment_batch_exclusions
BEGIN SELECT RAISE(ABORT, 'payment_batch_exclusions is append-only'); END;
CREATE TRIGGER payment_batch_exclusions_no_delete BEFORE DELETE ON payment_batch_exclusions
BEGIN SELECT RAISE(ABORT, 'payment_batch_exclusions is append-only'); END;
CREATE TRIGGER payment_batch_events_no_update BEFORE UPDATE ON payment_batch_events
BEGIN SELECT RAISE(ABORT, 'payment_batch_events is append-only'); END;
CREATE TRIGGER payment_batch_events_no_delete BEFORE DELETE ON payment_batch_events
BEGIN SELECT RAISE(ABORT, 'payment_batch_events is append-only'); END;
CREATE TRIGGER bank_returns_no_update BEFORE UPDATE ON bank_returns
BEGIN SELECT RAISE(ABORT, 'bank_returns is append-only'); END;
CREATE TRIGGER bank_returns_no_delete BEFORE DELETE ON bank_returns
BEGIN SELECT RAISE(ABORT, 'bank_returns is append-only'); END;
CREATE TRIGGER bank_return_items_no_update BEFORE UPDATE ON bank_return_items
BEGIN SELECT RAISE(ABORT, 'bank_return_items is append-only'); END;
CREATE TRIGGER bank_return_items_no_delete BEFORE DELETE ON bank_return_items
BEGIN SELECT RAISE(ABORT, 'bank_return_items is append-only'); END;

-- The final word of the bank on each item: settled or rejected, from the first return that said
-- so (a later contradicting return is refused by the code, so there is at most one of each).
CREATE VIEW payment_item_outcomes AS
SELECT i.batch_id, i.item_no, i.end_to_end_id, i.uscc, i.amount_fen,
       (SELECT r.status_class FROM bank_return_items r
         WHERE r.end_to_end_id = i.end_to_end_id AND r.status_class <> 'pending'
         ORDER BY r.return_id LIMIT 1) AS outcome
FROM payment_batch_items i;
