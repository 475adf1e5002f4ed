// The SQLCipher database under the ledger: opening with or without a key (and telling a wrong key,
// a missing key and a key for a plain file apart), the pragmas every connection needs, the schema
// migrations of schema/migrations, transactions and a small prepared-statement wrapper.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/money/money.h"

struct sqlite3;
struct sqlite3_stmt;

namespace subsidy {

// Where the ledger is and how to unlock it. The key is secret: it is never logged or printed.
struct OpenOptions {
  std::string path;
  std::optional<std::string> key;  // passphrase; empty optional means a plain (unencrypted) file
  bool create = false;             // true: the file must not exist yet (init); false: it must exist
};

// The key file in use: `key_file` (--key-file) when given, else $SUBSIDY_KEY_FILE when set, else
// none. Never throws.
std::optional<std::string> key_file_path(const std::optional<std::string>& key_file);

// Refuses a key holding a NUL or another control byte (C0 or DEL), which no passphrase needs and
// which could cut it short in C strings or SQL. Throws RefusedError naming `source` (a file or
// variable) and the byte's position, never the key's bytes.
void check_key_bytes(std::string_view key, const std::string& source);

// Reads the key from the key file (key_file_path: --key-file, else $SUBSIDY_KEY_FILE; it must not
// be readable by group or others; trailing CR/LF dropped; 16 to 1024 bytes) or else from
// $SUBSIDY_DB_KEY. Refuses control bytes (check_key_bytes). Throws RefusedError naming the file
// and the reason, never the key. Returns nullopt when no key is set.
std::optional<std::string> load_key(const std::optional<std::string>& key_file);

class Statement;

class Db {
 public:
  // Opens (or with options.create, creates) the ledger, applies the connection pragmas (4096-byte
  // cipher pages, WAL, synchronous=FULL, foreign keys, busy timeout) and every pending migration.
  // Throws RefusedError with one clear line for: missing file, existing file on create, wrong key,
  // missing key for an encrypted file, key for a plain file, a newer schema than this program
  // knows.
  static Db open(const OpenOptions& options);

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Runs one or more statements without results. Throws RefusedError on failure.
  void exec(std::string_view sql);
  // Compiles one statement. Throws RefusedError on failure (a programmer error in practice).
  Statement prepare(std::string_view sql);
  // PRAGMA user_version: the number of the last migration applied.
  int64_t schema_version();
  // The schema version the file had when it was opened, before this open applied the pending
  // migrations (0 for a ledger created by this open).
  int64_t schema_version_at_open() const { return version_at_open_; }
  // Rows changed by the last INSERT/UPDATE/DELETE, and the rowid it inserted.
  int64_t changes();
  int64_t last_insert_rowid();
  const std::string& path() const { return path_; }
  bool encrypted() const { return encrypted_; }
  sqlite3* handle() { return db_; }

  // Throws RefusedError "what: sqlite message" when rc is not SQLITE_OK/ROW/DONE.
  void check(int rc, std::string_view what);

 private:
  Db(sqlite3* db, std::string path, bool encrypted);
  void migrate();
  sqlite3* db_ = nullptr;
  std::string path_;
  bool encrypted_ = false;
  int64_t version_at_open_ = 0;
};

// One object of the database schema as sqlite_master holds it: a table, index, trigger or view,
// with the SQL that created it (none for the indexes SQLite makes for UNIQUE and PRIMARY KEY).
struct SchemaObject {
  std::string type;
  std::string name;
  std::string table_name;
  std::optional<std::string> sql;
  bool operator==(const SchemaObject&) const = default;
};

// Every object of the schema of `db`, sorted by type and name. Throws RefusedError if it cannot
// be read.
std::vector<SchemaObject> schema_objects(Db& db);

// The exact schema that the shipped migrations numbered up to `level` create, from applying them
// to an empty in-memory database (computed once per level and process). Sorted by type and name.
// Throws RefusedError only if a shipped migration fails, which is a defect of the program.
const std::vector<SchemaObject>& expected_schema(int64_t level);

// A prepared statement. Parameters are 1-based as in SQLite; columns are 0-based.
class Statement {
 public:
  Statement(Db& db, sqlite3_stmt* stmt);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, Money value) { return bind(index, value.fen()); }
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances; true while a row is available. Throws RefusedError on failure.
  bool step();
  // Steps a statement that returns no rows (INSERT/UPDATE); throws if it returns one.
  void run();
  // Ready for another execution with new bindings.
  void reset();

  bool is_null(int column) const;
  int64_t int64(int column) const;
  std::string text(int column) const;
  // The same text without a copy, for hot loops that only look at it. The view is valid only
  // until the next step(), reset() or destruction of this statement: copy what must outlive that.
  std::string_view text_view(int column) const;
  Money money(int column) const { return Money::from_fen(int64(column)); }
  std::optional<std::string> optional_text(int column) const;
  std::optional<Money> optional_money(int column) const;

 private:
  Db* db_;
  sqlite3_stmt* stmt_;
};

// A write transaction (BEGIN IMMEDIATE, so a second writer waits on the busy timeout at the start
// rather than failing half-way). Rolls back on destruction unless commit() was called: a command
// that throws leaves the ledger exactly as it was. Inside another transaction (an operation of
// ledger/ops holds the outer one) it is a savepoint: its commit() releases the savepoint and only
// the outer commit makes the changes durable; its rollback undoes only its own changes.
class Transaction {
 public:
  explicit Transaction(Db& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Db& db_;
  bool nested_ = false;
  bool done_ = false;
};

// A read transaction: every statement run while it lives sees one state of the ledger, even
// while another process appends (WAL). Reports and views open one around all their readers so that
// the figures they print and the head digest they state agree. Inside a write transaction it
// does nothing (that transaction already gives one state). Never writes: ends by rolling back.
class ReadTransaction {
 public:
  explicit ReadTransaction(Db& db);
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction();

 private:
  Db& db_;
  bool owned_ = false;
};

// Resets a statement when leaving a scope, also when an exception leaves it, so that a prepared
// statement kept for reuse is never left half-stepped.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& statement) : statement_(statement) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() { statement_.reset(); }

 private:
  Statement& statement_;
};

// True when a transaction is open on `db` (SQLite is not in autocommit mode).
bool in_transaction(Db& db);

}  // namespace subsidy
