-- Held CSV rejections (issue 16: the checker "confirms a CSV bank rejection", and a person "never
-- confirms a rejection they imported"; docs/payments.md "Held CSV rejections"). A CSV return is
-- typed or edited by hand, so on a ledger with people a rejection read from one books nothing when
-- it is imported: `bank-return import` records it in bank_return_items as the return said it
-- (status_class 'rejected', entry_id NULL) and holds it here (待复核). A checker who is not the
-- importer confirms it (`bank-return confirm`), which books the reversal an unheld import would
-- have booked, or dismisses it (`bank-return dismiss`), which books nothing. Both tables are sealed
-- in the record chain; `verify` re-derives that every CSV rejection booked on a ledger with people
-- has a confirmation by a checker other than the importer (payments/bank_return_hold.h).

-- One row per rejection a CSV return gave that was held; sealed with its return.
CREATE TABLE bank_return_holds (
  return_id      INTEGER NOT NULL REFERENCES bank_returns(return_id),
  end_to_end_id  TEXT    NOT NULL REFERENCES payment_batch_items(end_to_end_id),
  PRIMARY KEY (return_id, end_to_end_id)
);
CREATE TRIGGER bank_return_holds_no_update BEFORE UPDATE ON bank_return_holds
BEGIN SELECT RAISE(ABORT, 'bank_return_holds is append-only'); END;
CREATE TRIGGER bank_return_holds_no_delete BEFORE DELETE ON bank_return_holds
BEGIN SELECT RAISE(ABORT, 'bank_return_holds is append-only'); END;

-- A checker's word on held rejections: one decision (one command) covers one or more rejections
-- of one return, each decided once.
CREATE TABLE bank_return_decisions (
  decision_id    INTEGER NOT NULL CHECK (decision_id >= 1),
  end_to_end_id  TEXT    NOT NULL,
  return_id      INTEGER NOT NULL,
  decision       TEXT    NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
  entry_id       INTEGER REFERENCES ledger_entries(entry_id),  -- the reversal booked; NULL: none
  note           TEXT    NOT NULL,  -- why a dismissal (or '' for a confirmation)
  decided_at     TEXT    NOT NULL CHECK (length(decided_at) = 20),
  actor          TEXT    NOT NULL CHECK (length(actor) > 0),
  PRIMARY KEY (decision_id, end_to_end_id),
  UNIQUE (return_id, end_to_end_id),
  FOREIGN KEY (return_id, end_to_end_id) REFERENCES bank_return_holds(return_id, end_to_end_id),
  CHECK (decision = 'confirmed' OR entry_id IS NULL)
);
CREATE TRIGGER bank_return_decisions_no_update BEFORE UPDATE ON bank_return_decisions
BEGIN SELECT RAISE(ABORT, 'bank_return_decisions is append-only'); END;
CREATE TRIGGER bank_return_decisions_no_delete BEFORE DELETE ON bank_return_decisions
BEGIN SELECT RAISE(ABORT, 'bank_return_decisions is append-only'); END;

-- The bank's final word per item, as before, but a held rejection counts only once confirmed.
DROP VIEW payment_item_outcomes;
CREATE VIEW payment_item_outcomes AS
SELECT i.batch_id, i.item_no, i.end_to_end_id, i.uscc, i.amount_fen,
       (SELECT r.status_class FROM bank_return_items r
         WHERE r.end_to_end_id = i.end_to_end_id AND r.status_class <> 'pending'
           AND NOT EXISTS (SELECT 1 FROM bank_return_holds h
                            WHERE h.return_id = r.return_id AND h.end_to_end_id = r.end_to_end_id
                              AND NOT EXISTS (SELECT 1 FROM bank_return_decisions d
                                               WHERE d.return_id = h.return_id
                                                 AND d.end_to_end_id = h.end_to_end_id
                                                 AND d.decision = 'confirmed'))
         ORDER BY r.return_id LIMIT 1) AS outcome
FROM payment_batch_items i;
