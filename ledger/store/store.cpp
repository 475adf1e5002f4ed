// Opening the SQLCipher ledger, its connection pragmas and migrations, and the thin RAII wrappers
// over sqlite3 statements and transactions that the rest of the library uses.
#include "ledger/store/store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

#include "ledger/base/check.h"
#include "ledger/base/embedded.h"
#include "ledger/base/error.h"

namespace subsidy {

namespace {

constexpr int kBusyTimeoutMs = 30000;
constexpr size_t kMaxKeyBytes = 1024;
constexpr size_t kMinKeyFileBytes = 16;
constexpr const char* kGoodKeyHint =
    "；用 `subsidy keygen 文件名` 生成一个好的密钥文件（32 个随机字节，权限 0600）";

enum class FileKind { missing, empty, plain, encrypted_or_other };

FileKind inspect(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileKind::missing;
  char header[16] = {};
  in.read(header, sizeof header);
  if (in.gcount() == 0) return FileKind::empty;
  static constexpr char kPlainHeader[16] = "SQLite format 3";  // 15 chars and the NUL
  if (in.gcount() == 16 && std::equal(header, header + 16, kPlainHeader)) return FileKind::plain;
  return FileKind::encrypted_or_other;
}

int64_t migration_number(std::string_view name) {
  int64_t number = 0;
  size_t i = 0;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i)
    number = number * 10 + (name[i] - '0');
  SUBSIDY_ASSERT_MSG(i > 0, "migration files are named NNN_what.sql");
  return number;
}

}  // namespace

std::optional<std::string> key_file_path(const std::optional<std::string>& key_file) {
  if (key_file) return key_file;
  if (const char* env = std::getenv("SUBSIDY_KEY_FILE"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  return std::nullopt;
}

void check_key_bytes(std::string_view key, const std::string& source) {
  for (size_t i = 0; i < key.size(); ++i) {
    const auto byte = static_cast<unsigned char>(key[i]);
    if (byte < 0x20 || byte == 0x7f) {
      throw RefusedError(source + ": 密钥的第 " + std::to_string(i + 1) +
                         " 个字节是控制字符（NUL、换行、制表符等），不能用作密钥" + kGoodKeyHint);
    }
  }
}

std::optional<std::string> load_key(const std::optional<std::string>& given_key_file) {
  if (const std::optional<std::string> key_file = key_file_path(given_key_file)) {
    struct stat info {};
    if (stat(key_file->c_str(), &info) != 0) {
      throw RefusedError(*key_file + ": cannot read the key file");
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
      throw RefusedError(*key_file + ": key file is readable by group or others; chmod 600 it");
    }
    std::ifstream in(*key_file, std::ios::binary);
    std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
    if (key.empty()) throw RefusedError(*key_file + ": key file is empty");
    if (key.size() > kMaxKeyBytes) throw RefusedError(*key_file + ": key file is too long");
    check_key_bytes(key, *key_file);
    if (key.size() < kMinKeyFileBytes) {
      throw RefusedError(*key_file + ": 密钥太短（" + std::to_string(key.size()) +
                         " 字节，至少 16 字节）" + kGoodKeyHint);
    }
    return key;
  }
  if (const char* env = std::getenv("SUBSIDY_DB_KEY"); env != nullptr && *env != '\0') {
    check_key_bytes(env, "SUBSIDY_DB_KEY");
    return std::string(env);
  }
  return std::nullopt;
}

Db::Db(sqlite3* db, std::string path, bool encrypted)
    : db_(db), path_(std::move(path)), encrypted_(encrypted) {}

Db::Db(Db&& other) noexcept
    : db_(other.db_),
      path_(std::move(other.path_)),
      encrypted_(other.encrypted_),
      version_at_open_(other.version_at_open_) {
  other.db_ = nullptr;
}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    encrypted_ = other.encrypted_;
    version_at_open_ = other.version_at_open_;
    other.db_ = nullptr;
  }
  return *this;
}

Db::~Db() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Db Db::open(const OpenOptions& options) {
  const FileKind kind = inspect(options.path);
  if (options.create && kind != FileKind::missing && kind != FileKind::empty) {
    throw RefusedError(options.path + ": a ledger already exists here");
  }
  if (!options.create && (kind == FileKind::missing || kind == FileKind::empty)) {
    throw RefusedError(options.path + ": no ledger here; create one with `subsidy init`");
  }
  if (kind == FileKind::plain && options.key) {
    throw RefusedError(options.path + ": a key was given but this ledger is not encrypted");
  }
  if (kind == FileKind::encrypted_or_other && !options.key) {
    throw RefusedError(options.path +
                       ": ledger is encrypted (or not a ledger); give the key with --key-file or "
                       "SUBSIDY_KEY_FILE");
  }
  sqlite3* raw = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(options.path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    std::string message = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close_v2(raw);
    throw RefusedError(options.path + ": cannot open: " + message);
  }
  Db db(raw, options.path, options.key.has_value());
  if (options.key) {
    // Through the C API, never as SQL text: a key is no statement, so no parse error can echo it.
    check_key_bytes(*options.key, options.path);
    if (sqlite3_key(raw, options.key->data(), static_cast<int>(options.key->size())) != SQLITE_OK) {
      throw RefusedError(options.path + ": cannot apply the key");
    }
    db.exec("PRAGMA cipher_page_size = 4096;");
  }
  // The first read decides whether the key fits; SQLite reports a wrong key as "not a database".
  // Any other failure (a read-only file whose WAL cannot be opened, a full disk, an I/O error) is
  // reported as what it is, not as a wrong key, which would send the clerk the wrong way.
  const int first_read =
      sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
  if ((first_read & 0xff) == SQLITE_NOTADB) {
    throw RefusedError(options.path + (options.key ? ": wrong key for this ledger (or not a ledger)"
                                                   : ": not a ledger file"));
  }
  if (first_read != SQLITE_OK) {
    throw RefusedError(options.path + ": cannot read the ledger: " + sqlite3_errmsg(raw));
  }
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
  // A page cache of up to 256 MiB (SQLite's default is 2 MiB), filled only as pages are read:
  // posting a year's awards touches the account totals and indexes all over, an import of a
  // register in name order writes all over its table, and every page evicted from the cache costs
  // SQLCipher a decrypt on re-read and an encrypt on spill. 64 MiB held a 100k-application county
  // but not a 1M one, whose imports then grew twice as fast as the files (docs/performance.md).
  db.exec("PRAGMA cache_size = -262144;");
  db.migrate();
  return db;
}

void Db::migrate() {
  const auto& migrations = embedded_migrations::files();
  const int64_t latest = migrations.empty() ? 0 : migration_number(migrations.back().name);
  const int64_t current = schema_version();
  version_at_open_ = current;
  if (current > latest) {
    throw RefusedError(path_ + ": ledger schema version " + std::to_string(current) +
                       " is newer than this program knows (" + std::to_string(latest) + ")");
  }
  for (const EmbeddedFile& file : migrations) {
    const int64_t number = migration_number(file.name);
    if (number <= current) continue;
    Transaction tx(*this);
    exec(file.content);
    exec("PRAGMA user_version = " + std::to_string(number) + ";");
    tx.commit();
  }
}

void Db::check(int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw RefusedError(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

void Db::exec(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw RefusedError(path_ + ": " + text);
  }
}

Statement Db::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  check(sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr),
        "prepare");
  return Statement(*this, stmt);
}

namespace {

// Every object of sqlite_master of `raw`, sorted by type and name. sqlite_% objects that SQLite
// makes for the schema's own declarations (autoindexes) are included.
std::vector<SchemaObject> read_schema(sqlite3* raw) {
  std::vector<SchemaObject> objects;
  sqlite3_stmt* stmt = nullptr;
  const char* sql = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name;";
  if (sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    throw RefusedError(std::string("cannot read the schema: ") + sqlite3_errmsg(raw));
  }
  const auto text = [&](int column) {
    const unsigned char* value = sqlite3_column_text(stmt, column);
    return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
  };
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {  // one row per schema object
    SchemaObject object{text(0), text(1), text(2), std::nullopt};
    if (sqlite3_column_type(stmt, 3) != SQLITE_NULL) object.sql = text(3);
    objects.push_back(std::move(object));
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) throw RefusedError("cannot read the schema");
  return objects;
}

}  // namespace

std::vector<SchemaObject> schema_objects(Db& db) {
  return read_schema(db.handle());
}

const std::vector<SchemaObject>& expected_schema(int64_t level) {
  static std::mutex mutex;
  static std::map<int64_t, std::vector<SchemaObject>> by_level;
  const std::lock_guard lock(mutex);
  if (auto found = by_level.find(level); found != by_level.end()) return found->second;
  sqlite3* raw = nullptr;
  if (sqlite3_open(":memory:", &raw) != SQLITE_OK) {
    sqlite3_close(raw);
    throw RefusedError("cannot open an in-memory database for the expected schema");
  }
  std::vector<SchemaObject> objects;
  try {
    for (const EmbeddedFile& file : embedded_migrations::files()) {
      if (migration_number(file.name) > level) continue;
      char* message = nullptr;
      if (sqlite3_exec(raw, std::string(file.content).c_str(), nullptr, nullptr, &message) !=
          SQLITE_OK) {
        const std::string text = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        throw RefusedError("migration " + std::string(file.name) + ": " + text);
      }
    }
    objects = read_schema(raw);
  } catch (...) {
    sqlite3_close(raw);
    throw;
  }
  sqlite3_close(raw);
  return by_level.emplace(level, std::move(objects)).first->second;
}

int64_t Db::schema_version() {
  Statement stmt = prepare("PRAGMA user_version;");
  stmt.step();
  return stmt.int64(0);
}

int64_t Db::changes() {
  return sqlite3_changes(db_);
}
int64_t Db::last_insert_rowid() {
  return sqlite3_last_insert_rowid(db_);
}

Statement::Statement(Db& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}
Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
  db_->check(sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  db_->check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                               SQLITE_TRANSIENT),
             "bind");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  db_->check(sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                               SQLITE_TRANSIENT),
             "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  db_->check(sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  db_->check(rc, "step");
  return rc == SQLITE_ROW;
}

void Statement::run() {
  if (step()) throw RefusedError("internal: statement returned a row where none was expected");
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  return std::string(text_view(column));
}

std::string_view Statement::text_view(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return text == nullptr
             ? std::string_view()
             : std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<Money> Statement::optional_money(int column) const {
  if (is_null(column)) return std::nullopt;
  return money(column);
}

bool in_transaction(Db& db) {
  return sqlite3_get_autocommit(db.handle()) == 0;
}

ReadTransaction::ReadTransaction(Db& db) : db_(db), owned_(!in_transaction(db)) {
  // BEGIN (deferred) takes the read snapshot at the first read and no write lock.
  if (owned_) db_.exec("BEGIN;");
}

ReadTransaction::~ReadTransaction() {
  if (owned_) sqlite3_exec(db_.handle(), "ROLLBACK;", nullptr, nullptr, nullptr);
}

Transaction::Transaction(Db& db) : db_(db), nested_(in_transaction(db)) {
  if (nested_) {
    db_.exec("SAVEPOINT nested;");
    return;
  }
  // BEGIN IMMEDIATE takes the write lock now, waiting up to the busy timeout for another writer.
  const int rc = sqlite3_exec(db_.handle(), "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr);
  if (rc == SQLITE_BUSY) {
    throw RefusedError(db_.path() +
                       ": the ledger is busy: another command is writing to it and did not finish "
                       "within the wait time; nothing was changed, run this command again");
  }
  db_.check(rc, "begin transaction");
}

Transaction::~Transaction() {
  if (done_) return;
  if (nested_) {
    sqlite3_exec(db_.handle(), "ROLLBACK TO nested; RELEASE nested;", nullptr, nullptr, nullptr);
  } else {
    sqlite3_exec(db_.handle(), "ROLLBACK;", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE nested;" : "COMMIT;");
  done_ = true;
}

}  // namespace subsidy
