-- Master data: regions, enterprises, tax retention, compliance events, projects and applications,
-- each kept as append-only versions (a changed row is a new version, never an overwrite), with one
-- row per import saying who stored which file when. Also the stored policy texts and the settings.
--
-- Every version row names its import; the import row holds the actor, the UTC time and the file's
-- name and SHA-256, so "who, when, from which file" is one join away (the *_history views) and is
-- as immutable as the version itself. Keys are checked for existence by the importer (a version
-- table has no unique key column for SQLite to reference).

CREATE TABLE imports (
  import_id        INTEGER PRIMARY KEY,
  kind             TEXT    NOT NULL CHECK (kind IN ('regions', 'enterprises', 'tax', 'compliance',
                                                    'projects', 'applications')),
  file_name        TEXT    NOT NULL,  -- base name as given on the command line
  file_sha256      TEXT    NOT NULL,  -- of the bytes as read, before any GBK conversion
  encoding         TEXT    NOT NULL CHECK (encoding IN ('utf-8', 'gbk')),
  actor            TEXT    NOT NULL,
  imported_at      TEXT    NOT NULL,  -- UTC, ISO-8601
  rows_read        INTEGER NOT NULL CHECK (rows_read >= 0),
  new_count        INTEGER NOT NULL CHECK (new_count >= 0),
  changed_count    INTEGER NOT NULL CHECK (changed_count >= 0),
  unchanged_count  INTEGER NOT NULL CHECK (unchanged_count >= 0)
);

CREATE TABLE region_versions (
  region_code     TEXT    NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  name            TEXT    NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('park', 'township', 'street')),
  content_sha256  TEXT    NOT NULL,  -- of the content columns, to tell a change from a repeat
  import_id       INTEGER NOT NULL REFERENCES imports(import_id) DEFERRABLE INITIALLY DEFERRED,
  source_line     INTEGER NOT NULL,  -- physical line of the row in the imported file
  PRIMARY KEY (region_code, version)
) WITHOUT ROWID;

CREATE TABLE enterprise_versions (
  uscc            TEXT    NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  name            TEXT    NOT NULL,
  region_code     TEXT    NOT NULL,  -- tax-attribution region (税收归属地)
  bank_name       TEXT,              -- the four bank columns are all set or all NULL
  cnaps_code      TEXT,
  account_no      TEXT,
  account_name    TEXT,
  content_sha256  TEXT    NOT NULL,
  import_id       INTEGER NOT NULL REFERENCES imports(import_id) DEFERRABLE INITIALLY DEFERRED,
  source_line     INTEGER NOT NULL,
  PRIMARY KEY (uscc, version)
) WITHOUT ROWID;

CREATE TABLE tax_versions (
  uscc                    TEXT    NOT NULL,
  year                    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version                 INTEGER NOT NULL CHECK (version >= 1),
  local_retained_tax_fen  INTEGER NOT NULL CHECK (local_retained_tax_fen >= 0),
  content_sha256          TEXT    NOT NULL,
  import_id               INTEGER NOT NULL REFERENCES imports(import_id) DEFERRABLE INITIALLY DEFERRED,
  source_line             INTEGER NOT NULL,
  PRIMARY KEY (uscc, year, version)
) WITHOUT ROWID;

CREATE TABLE compliance_versions (
  uscc            TEXT    NOT NULL,
  year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  event           TEXT    NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  factor          TEXT,              -- exact decimal text, general_safety_accident only; NULL: default
  content_sha256  TEXT    NOT NULL,
  import_id       INTEGER NOT NULL REFERENCES imports(import_id) DEFERRABLE INITIALLY DEFERRED,
  source_line     INTEGER NOT NULL,
  PRIMARY KEY (uscc, year, event, version)
) WITHOUT ROWID;

CREATE TABLE project_versions (
  project_id          TEXT    NOT NULL,
  version             INTEGER NOT NULL CHECK (version >= 1),
  uscc                TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  superior_award_fen  INTEGER CHECK (superior_award_fen >= 0),  -- NULL: none from a higher level
  content_sha256      TEXT    NOT NULL,
  import_id           INTEGER NOT NULL REFERENCES imports(import_id) DEFERRABLE INITIALLY DEFERRED,
  source_line         INTEGER NOT NULL,
  PRIMARY KEY (project_id, version)
) WITHOUT ROWID;

CREATE TABLE application_versions (
  application_id        TEXT    NOT NULL,
  version               INTEGER NOT NULL CHECK (version >= 1),
  project_id            TEXT    NOT NULL,
  year                  INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  scheme                TEXT    NOT NULL,
  equipment_amount_fen  INTEGER CHECK (equipment_amount_fen >= 0),  -- NULL: the cell was empty
  software_amount_fen   INTEGER CHECK (software_amount_fen >= 0),
  total_investment_fen  INTEGER CHECK (total_investment_fen >= 0),
  rd_expense_fen        INTEGER CHECK (rd_expense_fen >= 0),
  info_investment_fen   INTEGER CHECK (info_investment_fen >= 0),
  loan_amount_fen       INTEGER CHECK (loan_amount_fen >= 0),
  service_revenue_fen   INTEGER CHECK (service_revenue_fen >= 0),
  staff_count           INTEGER CHECK (staff_count >= 0),
  content_sha256        TEXT    NOT NULL,
  import_id             INTEGER NOT NULL REFERENCES imports(import_id) DEFERRABLE INITIALLY DEFERRED,
  source_line           INTEGER NOT NULL,
  PRIMARY KEY (application_id, version)
) WITHOUT ROWID;
CREATE INDEX application_versions_by_year ON application_versions(year);

-- The policy files the ledger assesses with, stored whole so that an old result can always be
-- recomputed from the very text it was computed with.
CREATE TABLE policies (
  policy_id    TEXT PRIMARY KEY,
  source_name  TEXT NOT NULL,
  text         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  loaded_at    TEXT NOT NULL,  -- UTC, ISO-8601
  actor        TEXT NOT NULL
);

-- Settings such as payer.* (`subsidy config set`). The one mutable table: a setting has a value.
CREATE TABLE config (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  changed_at  TEXT NOT NULL,  -- UTC, ISO-8601
  actor       TEXT NOT NULL
);

CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
BEGIN SELECT RAISE(ABORT, 'imports is append-only'); END;
CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
BEGIN SELECT RAISE(ABORT, 'imports is append-only'); END;
CREATE TRIGGER region_versions_no_update BEFORE UPDATE ON region_versions
BEGIN SELECT RAISE(ABORT, 'region_versions is append-only'); END;
CREATE TRIGGER region_versions_no_delete BEFORE DELETE ON region_versions
BEGIN SELECT RAISE(ABORT, 'region_versions is append-only'); END;
CREATE TRIGGER enterprise_versions_no_update BEFORE UPDATE ON enterprise_versions
BEGIN SELECT RAISE(ABORT, 'enterprise_versions is append-only'); END;
CREATE TRIGGER enterprise_versions_no_delete BEFORE DELETE ON enterprise_versions
BEGIN SELECT RAISE(ABORT, 'enterprise_versions is append-only'); END;
CREATE TRIGGER tax_versions_no_update BEFORE UPDATE ON tax_versions
BEGIN SELECT RAISE(ABORT, 'tax_versions is append-only'); END;
CREATE TRIGGER tax_versions_no_delete BEFORE DELETE ON tax_versions
BEGIN SELECT RAISE(ABORT, 'tax_versions is append-only'); END;
CREATE TRIGGER compliance_versions_no_update BEFORE UPDATE ON compliance_versions
BEGIN SELECT RAISE(ABORT, 'compliance_versions is append-only'); END;
CREATE TRIGGER compliance_versions_no_delete BEFORE DELETE ON compliance_versions
BEGIN SELECT RAISE(ABORT, 'compliance_versions is append-only'); END;
CREATE TRIGGER project_versions_no_update BEFORE UPDATE ON project_versions
BEGIN SELECT RAISE(ABORT, 'project_versions is append-only'); END;
CREATE TRIGGER project_versions_no_delete BEFORE DELETE ON project_versions
BEGIN SELECT RAISE(ABORT, 'project_versions is append-only'); END;
CREATE TRIGGER application_versions_no_update BEFORE UPDATE ON application_versions
BEGIN SELECT RAISE(ABORT, 'application_versions is append-only'); END;
CREATE TRIGGER application_versions_no_delete BEFORE DELETE ON application_versions
BEGIN SELECT RAISE(ABORT, 'application_versions is append-only'); END;
CREATE TRIGGER policies_no_update BEFORE UPDATE ON policies
BEGIN SELECT RAISE(ABORT, 'policies is append-only'); END;
CREATE TRIGGER policies_no_delete BEFORE DELETE ON policies
BEGIN SELECT RAISE(ABORT, 'policies is append-only'); END;

-- The current view of each kind: the highest version of every key.
CREATE VIEW regions AS
SELECT * FROM region_versions v WHERE version =
  (SELECT MAX(version) FROM region_versions w WHERE w.region_code = v.region_code);
CREATE VIEW enterprises AS
SELECT * FROM enterprise_versions v WHERE version =
  (SELECT MAX(version) FROM enterprise_versions w WHERE w.uscc = v.uscc);
CREATE VIEW tax_retention AS
SELECT * FROM tax_versions v WHERE version =
  (SELECT MAX(version) FROM tax_versions w WHERE w.uscc = v.uscc AND w.year = v.year);
CREATE VIEW compliance_events AS
SELECT * FROM compliance_versions v WHERE version =
  (SELECT MAX(version) FROM compliance_versions w
   WHERE w.uscc = v.uscc AND w.year = v.year AND w.event = v.event);
CREATE VIEW projects AS
SELECT * FROM project_versions v WHERE version =
  (SELECT MAX(version) FROM project_versions w WHERE w.project_id = v.project_id);
CREATE VIEW applications AS
SELECT * FROM application_versions v WHERE version =
  (SELECT MAX(version) FROM application_versions w WHERE w.application_id = v.application_id);

-- Every version with who stored it, when, and from which file.
CREATE VIEW region_history AS
SELECT v.*, i.actor, i.imported_at AS recorded_at, i.file_name, i.file_sha256
FROM region_versions v JOIN imports i ON i.import_id = v.import_id;
CREATE VIEW enterprise_history AS
SELECT v.*, i.actor, i.imported_at AS recorded_at, i.file_name, i.file_sha256
FROM enterprise_versions v JOIN imports i ON i.import_id = v.import_id;
CREATE VIEW tax_history AS
SELECT v.*, i.actor, i.imported_at AS recorded_at, i.file_name, i.file_sha256
FROM tax_versions v JOIN imports i ON i.import_id = v.import_id;
CREATE VIEW compliance_history AS
SELECT v.*, i.actor, i.imported_at AS recorded_at, i.file_name, i.file_sha256
FROM compliance_versions v JOIN imports i ON i.import_id = v.import_id;
CREATE VIEW project_history AS
SELECT v.*, i.actor, i.imported_at AS recorded_at, i.file_name, i.file_sha256
FROM project_versions v JOIN imports i ON i.import_id = v.import_id;
CREATE VIEW application_history AS
SELECT v.*, i.actor, i.imported_at AS recorded_at, i.file_name, i.file_sha256
FROM application_versions v JOIN imports i ON i.import_id = v.import_id;
