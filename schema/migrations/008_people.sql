-- People (docs/people.md): the registry of the persons who act on the ledger, and the SM2
-- signature that ends every command that changes it. Both are sealed in the record chain
-- (docs/ledger-format.md "Record chain"), so `verify` re-derives who held which role and key at
-- each signature. The registry is its history: every change (a person added, roles changed,
-- disabled, a key rotated, a passphrase changed) is one row, and the person as they stand is
-- their latest row. A ledger with no row in `people` is a legacy ledger: its commands are unsigned.

CREATE TABLE people (
  change_id     INTEGER PRIMARY KEY,
  login         TEXT    NOT NULL CHECK (length(login) > 0),  -- normalized (people/registry.h)
  display_name  TEXT    NOT NULL,
  roles         TEXT    NOT NULL,  -- comma-separated: admin, maker, checker, cashier, auditor, region:<code>
  status        TEXT    NOT NULL CHECK (status IN ('active', 'disabled')),
  public_key    TEXT    NOT NULL,  -- SM2 public key, PEM
  private_key   TEXT    NOT NULL,  -- PKCS#8 encrypted under the person's passphrase (scrypt), PEM
  change        TEXT    NOT NULL CHECK (change IN ('add', 'roles', 'disable', 'rotate-key', 'passwd')),
  changed_by    TEXT    NOT NULL,
  changed_at    TEXT    NOT NULL   -- UTC, ISO-8601
);
CREATE INDEX people_by_login ON people(login, change_id);
CREATE TRIGGER people_no_update BEFORE UPDATE ON people
BEGIN SELECT RAISE(ABORT, 'people is append-only: add a new change instead'); END;
CREATE TRIGGER people_no_delete BEFORE DELETE ON people
BEGIN SELECT RAISE(ABORT, 'people is append-only: add a new change instead'); END;

-- One row per command that changed the ledger: the signed bytes are derived from these columns
-- (people/signatures.h: signed_bytes) and the signature is SM2 with SM3, ID 1234567812345678.
CREATE TABLE signatures (
  signature_id  INTEGER PRIMARY KEY,
  signer        TEXT    NOT NULL,
  command       TEXT    NOT NULL,  -- as the operations log names it
  arguments     TEXT    NOT NULL,  -- the command line's arguments, escaped onto one line
  signed_at     TEXT    NOT NULL,
  entry_count   INTEGER NOT NULL,  -- the journal's head the command left
  entry_hash    TEXT    NOT NULL,
  record_count  INTEGER NOT NULL,  -- the record chain's head the command left
  record_hash   TEXT    NOT NULL,
  signature     TEXT    NOT NULL   -- DER, as lowercase hex
);
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures is append-only'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signatures is append-only'); END;

-- Passphrase attempts that failed, and the success that ends a run of them: five failures in a
-- row lock the person for 15 minutes. Not sealed: it decides no money and changes no digest. The
-- lockout only slows guessing through the program; an insider who could delete these rows holds the
-- database key and could as well copy a scrypt-encrypted private key and guess offline, so sealing
-- the table would protect nothing more. Every signature stays checked by verify.
CREATE TABLE passphrase_attempts (
  attempt_id  INTEGER PRIMARY KEY,
  login       TEXT    NOT NULL,
  at          TEXT    NOT NULL,
  ok          INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX passphrase_attempts_by_login ON passphrase_attempts(login, attempt_id);
