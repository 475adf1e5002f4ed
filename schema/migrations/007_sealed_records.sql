-- Sealed records (docs/ledger-format.md, "Record chain"): everything that decides money and is not
-- itself a journal entry — master data versions and the imports that stored them, the policy texts,
-- the configuration, assessment runs, payment batches with their items, exclusions and events, bank
-- returns and the year closings — is sealed in groups (one import, one policy, one batch, one event,
-- ...). Each group's rows are serialized canonically and hashed; the seal is one row of
-- ledger_records, hash-chained like the journal, and the ledger digest states the head of this
-- chain beside the journal's. A row changed, added, removed or left without a seal is named by
-- `verify`; a write operation refuses to start while any is.

CREATE TABLE ledger_records (
  record_id       INTEGER PRIMARY KEY,            -- 1, 2, 3, ... without gaps
  table_name      TEXT    NOT NULL CHECK (length(table_name) > 0),
  group_key       TEXT    NOT NULL,               -- the group column's value as text
  row_count       INTEGER NOT NULL CHECK (row_count >= 1),
  content_sha256  TEXT    NOT NULL CHECK (length(content_sha256) = 64),
  sealed_at       TEXT    NOT NULL CHECK (length(sealed_at) = 20),
  actor           TEXT    NOT NULL,
  previous_hash   TEXT    NOT NULL CHECK (length(previous_hash) = 64),
  record_hash     TEXT    NOT NULL CHECK (length(record_hash) = 64),
  UNIQUE (table_name, group_key)                  -- a group is sealed once, never again
);

CREATE TRIGGER ledger_records_no_update BEFORE UPDATE ON ledger_records
BEGIN SELECT RAISE(ABORT, 'ledger_records is append-only'); END;
CREATE TRIGGER ledger_records_no_delete BEFORE DELETE ON ledger_records
BEGIN SELECT RAISE(ABORT, 'ledger_records is append-only'); END;
CREATE TRIGGER ledger_records_in_order BEFORE INSERT ON ledger_records
WHEN NEW.record_id IS NOT (SELECT IFNULL(MAX(record_id), 0) + 1 FROM ledger_records)
BEGIN SELECT RAISE(ABORT, 'ledger_records: records are numbered 1, 2, 3, ... without gaps'); END;

-- The configuration becomes its history: every `config set` is one sealed row of config_changes,
-- and `config` is the view of the latest value of each key (it was a table updated in place).
CREATE TABLE config_changes (
  change_id   INTEGER PRIMARY KEY,
  key         TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  changed_at  TEXT    NOT NULL,  -- UTC, ISO-8601
  actor       TEXT    NOT NULL
);
INSERT INTO config_changes (key, value, changed_at, actor)
SELECT key, value, changed_at, actor FROM config ORDER BY changed_at, key;
DROP TABLE config;
CREATE INDEX config_changes_by_key ON config_changes(key, change_id);
CREATE VIEW config AS
SELECT key, value, changed_at, actor FROM config_changes c WHERE change_id =
  (SELECT MAX(change_id) FROM config_changes d WHERE d.key = c.key);
CREATE TRIGGER config_changes_no_update BEFORE UPDATE ON config_changes
BEGIN SELECT RAISE(ABORT, 'config_changes is append-only: set a new value instead'); END;
CREATE TRIGGER config_changes_no_delete BEFORE DELETE ON config_changes
BEGIN SELECT RAISE(ABORT, 'config_changes is append-only: set a new value instead'); END;

-- Sealing and verify read master data one import at a time.
CREATE INDEX region_versions_by_import ON region_versions(import_id);
CREATE INDEX enterprise_versions_by_import ON enterprise_versions(import_id);
CREATE INDEX tax_versions_by_import ON tax_versions(import_id);
CREATE INDEX compliance_versions_by_import ON compliance_versions(import_id);
CREATE INDEX project_versions_by_import ON project_versions(import_id);
CREATE INDEX application_versions_by_import ON application_versions(import_id);
