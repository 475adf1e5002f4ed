-- The fund's budget (预算指标, issue 19 item 2) and its funding (issue 21 item 3): every
-- `budget set` / `budget adjust` is one sealed row of budget_changes, holding the county_funding
-- entry that books it (Dr treasury, Cr county_appropriation; an adjustment books its difference).
-- A batch made while its year has a budget keeps what the budget allowed it: the budget and the
-- year's payments already committed (payment_batch_budgets), and every payable it weighed in
-- application-id order with whether it fitted (payment_batch_budget_lines). Both are sealed with
-- the batch; `verify` re-derives the budget, its entries and every batch's budget decision.

CREATE TABLE budget_changes (
  change_id         INTEGER PRIMARY KEY,
  year              INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
  kind              TEXT    NOT NULL CHECK (kind IN ('set', 'adjust')),
  amount_fen        INTEGER NOT NULL CHECK (amount_fen <> 0),  -- the set amount or the delta
  budget_after_fen  INTEGER NOT NULL CHECK (budget_after_fen >= 0),
  ref               TEXT    NOT NULL CHECK (length(ref) > 0),  -- 文号 of the allocation
  entry_id          INTEGER NOT NULL REFERENCES ledger_entries(entry_id),
  recorded_at       TEXT    NOT NULL,  -- UTC, ISO-8601
  actor             TEXT    NOT NULL,
  UNIQUE (year, ref)
);
CREATE INDEX budget_changes_by_year ON budget_changes(year, change_id);
CREATE TRIGGER budget_changes_no_update BEFORE UPDATE ON budget_changes
BEGIN SELECT RAISE(ABORT, 'budget_changes is append-only: adjust the budget instead'); END;
CREATE TRIGGER budget_changes_no_delete BEFORE DELETE ON budget_changes
BEGIN SELECT RAISE(ABORT, 'budget_changes is append-only: adjust the budget instead'); END;

CREATE TABLE payment_batch_budgets (
  batch_id          INTEGER PRIMARY KEY REFERENCES payment_batches(batch_id),
  year              INTEGER NOT NULL,
  budget_change_id  INTEGER NOT NULL REFERENCES budget_changes(change_id),  -- the last in force
  budget_fen        INTEGER NOT NULL CHECK (budget_fen >= 0),
  committed_fen     INTEGER NOT NULL CHECK (committed_fen >= 0)  -- in other live batches
);

CREATE TABLE payment_batch_budget_lines (
  batch_id        INTEGER NOT NULL REFERENCES payment_batches(batch_id),
  line_no         INTEGER NOT NULL CHECK (line_no >= 1),  -- the order the budget was applied in
  uscc            TEXT    NOT NULL,
  application_id  TEXT    NOT NULL,  -- the first application the payable pays for
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  included        INTEGER NOT NULL CHECK (included IN (0, 1)),
  PRIMARY KEY (batch_id, line_no)
);
