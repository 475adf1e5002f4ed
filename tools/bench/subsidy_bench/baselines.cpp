// The raw SQLCipher insert baseline and the ledger size it is matched to (baselines.h).
#include "baselines.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "ledger/base/error.h"
#include "ledger/store/store.h"

namespace subsidy::bench {

namespace {

// The ledger's two journal tables without triggers, checks or hash chain: what posting cannot go
// below, because it must write at least these bytes through the same encrypted pager.
constexpr const char* kRawSchema = R"(
CREATE TABLE raw_entries (
  entry_id INTEGER PRIMARY KEY, fiscal_year INTEGER NOT NULL, kind TEXT NOT NULL,
  actor TEXT NOT NULL, posted_at TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE,
  memo TEXT NOT NULL, application_id TEXT, entry_hash TEXT NOT NULL);
CREATE TABLE raw_lines (
  entry_id INTEGER NOT NULL, line_no INTEGER NOT NULL, account TEXT NOT NULL,
  amount_fen INTEGER NOT NULL, PRIMARY KEY (entry_id, line_no)) WITHOUT ROWID;
)";

void insert_rows(Db& db, LedgerSize size) {
  Transaction transaction(db);
  Statement entry = db.prepare(
      "INSERT INTO raw_entries VALUES (?1, 2024, 'award', 'bench', '2024-12-31T00:00:00Z', ?2, "
      "'award of application', ?3, ?4)");
  Statement line = db.prepare("INSERT INTO raw_lines VALUES (?1, ?2, ?3, ?4)");
  const std::string hash(64, 'a');
  // Lines are spread over the entries as posting spreads them (lines / entries each, rest first).
  const int64_t per_entry = size.entries > 0 ? size.lines / size.entries : 0;
  int64_t extra = size.entries > 0 ? size.lines % size.entries : 0;
  for (int64_t id = 1; id <= size.entries; ++id) {
    const std::string application = "SY2024-" + std::to_string(id);
    entry.bind(1, id).bind(2, "award/" + application).bind(3, application).bind(4, hash).run();
    entry.reset();
    const int64_t count = per_entry + (extra-- > 0 ? 1 : 0);
    for (int64_t no = 1; no <= count; ++no) {
      const int64_t amount = no == count ? -(count - 1) * 100 : 100;  // lines sum to zero
      line.bind(1, id).bind(2, no).bind(3, no == count ? "2001 payable" : "5001 expense");
      line.bind(4, amount).run();
      line.reset();
    }
  }
  transaction.commit();
}

}  // namespace

LedgerSize ledger_size(const std::string& path, const std::string& key) {
  // The child writes the two counts to a pipe; the parent never opens the database itself.
  int fds[2];
  if (pipe(fds) != 0) throw RefusedError("pipe failed");
  run_in_child([&] {
    close(fds[0]);
    Db db = Db::open({path, key, false});
    Statement count = db.prepare(
        "SELECT (SELECT COUNT(*) FROM ledger_entries), (SELECT COUNT(*) FROM ledger_lines)");
    count.step();
    const int64_t values[2] = {count.int64(0), count.int64(1)};
    if (write(fds[1], values, sizeof values) != static_cast<ssize_t>(sizeof values)) {
      throw RefusedError("cannot report the ledger size");
    }
  });
  close(fds[1]);
  int64_t values[2] = {0, 0};
  const ssize_t got = read(fds[0], values, sizeof values);
  close(fds[0]);
  if (got != static_cast<ssize_t>(sizeof values)) throw RefusedError("no ledger size from child");
  return {values[0], values[1]};
}

RunResult raw_insert(const std::string& path, const std::string& key, LedgerSize size) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return run_in_child([&] {
    Db db = Db::open({path, key, true});
    db.exec(kRawSchema);
    insert_rows(db, size);
  });
}

}  // namespace subsidy::bench
