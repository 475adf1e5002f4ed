-- What each posting run of `assess` decided, application by application, kept beside the ledger so
-- that reports and auditors read what was booked and why, without recomputing from today's inputs.
-- Append-only like the ledger itself: a later run adds rows, it never edits an earlier run's.

CREATE TABLE assessment_runs (
  run_id          INTEGER PRIMARY KEY,
  year            INTEGER NOT NULL,
  policy_id       TEXT    NOT NULL,
  actor           TEXT    NOT NULL,
  run_at          TEXT    NOT NULL,  -- UTC, ISO-8601
  result_sha256   TEXT    NOT NULL,  -- SHA-256 of the run's `assess --format json` bytes
  entries_posted  INTEGER NOT NULL,  -- difference entries this run posted
  unchanged       INTEGER NOT NULL   -- applications whose booked amounts already matched
);

CREATE TABLE assessment_results (
  run_id            INTEGER NOT NULL REFERENCES assessment_runs(run_id),
  application_id    TEXT    NOT NULL,
  project_id        TEXT    NOT NULL,
  uscc              TEXT    NOT NULL,
  region_code       TEXT    NOT NULL,
  scheme            TEXT    NOT NULL,
  status            TEXT    NOT NULL CHECK (status IN ('awarded', 'rejected', 'held')),
  amount_fen        INTEGER NOT NULL,
  county_share_fen  INTEGER NOT NULL,
  region_share_fen  INTEGER NOT NULL,
  formula_fen       INTEGER,           -- the scheme formula after its own cap, before the limits;
                                       -- NULL when the run was too large to keep traces
  loan_amount_fen   INTEGER,           -- loan_interest only: the loan the 1% was taken of
  reasons           TEXT    NOT NULL,  -- JSON array of reason codes, in rule order
  explanation       TEXT,              -- the `explain` text of this application in this run;
                                       -- NULL when the run was too large to keep traces
  PRIMARY KEY (run_id, application_id)
);

CREATE TABLE assessment_enterprises (
  run_id                  INTEGER NOT NULL REFERENCES assessment_runs(run_id),
  uscc                    TEXT    NOT NULL,
  local_retained_tax_fen  INTEGER,           -- NULL: no retention figure imported for that year
  total_fen               INTEGER NOT NULL,  -- sum of awarded amounts
  before_retention_fen    INTEGER,           -- sum of awards before the tax-retention limit (rule T);
                                             -- NULL when the run was too large to keep traces
  county_share_fen        INTEGER NOT NULL,
  region_share_fen        INTEGER NOT NULL,
  PRIMARY KEY (run_id, uscc)
);

CREATE TRIGGER assessment_runs_no_update BEFORE UPDATE ON assessment_runs
BEGIN SELECT RAISE(ABORT, 'assessment_runs is append-only'); END;
CREATE TRIGGER assessment_runs_no_delete BEFORE DELETE ON assessment_runs
BEGIN SELECT RAISE(ABORT, 'assessment_runs is append-only'); END;
CREATE TRIGGER assessment_results_no_update BEFORE UPDATE ON assessment_results
BEGIN SELECT RAISE(ABORT, 'assessment_results is append-only'); END;
CREATE TRIGGER assessment_results_no_delete BEFORE DELETE ON assessment_results
BEGIN SELECT RAISE(ABORT, 'assessment_results is append-only'); END;
CREATE TRIGGER assessment_enterprises_no_update BEFORE UPDATE ON assessment_enterprises
BEGIN SELECT RAISE(ABORT, 'assessment_enterprises is append-only'); END;
CREATE TRIGGER assessment_enterprises_no_delete BEFORE DELETE ON assessment_enterprises
BEGIN SELECT RAISE(ABORT, 'assessment_enterprises is append-only'); END;

-- The run that holds the current assessment of a year is the latest one.
CREATE VIEW current_assessment AS
SELECT r.* FROM assessment_results r
JOIN (SELECT year, MAX(run_id) AS run_id FROM assessment_runs GROUP BY year) latest
  ON latest.run_id = r.run_id;
