// Test helper: posts N award-like entries (3 lines each) into a ledger in ONE transaction through
// the ledger library, optionally holding the transaction open before committing. The CLI tests
// kill it with -9 at random moments, run two at once, and use it to fill ledgers to tamper with.
// The key comes from $SUBSIDY_DB_KEY as for `subsidy`. With --ready FILE it writes "ready" to FILE
// (a fifo the test reads with a timeout) once its entries are posted and it holds the write lock;
// with --release FILE it commits as soon as FILE exists instead of sleeping the whole --hold-ms.
#include <sqlite3.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "ledger/base/error.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"

using namespace subsidy;

namespace {

struct Options {
  std::string db_path;
  bool create = false;
  int64_t count = 10;
  std::string tag = "test";
  int64_t year = 2023;
  int64_t hold_ms = 0;
  std::optional<std::string> ready_path;    // told when the write lock is held
  std::optional<std::string> release_path;  // commit as soon as this file exists (hold_ms at most)
  std::optional<int> busy_timeout_ms;
  std::optional<std::string> memo;  // instead of "test entry <i> of run <tag>"
};

EntryDraft draft_for(const Options& options, int64_t i) {
  const int64_t amount_fen = 100'000 + 137 * i;
  const int64_t region_fen = amount_fen / 2;
  EntryDraft draft;
  draft.fiscal_year = options.year;
  draft.kind = std::string(chart::kAward);
  draft.actor = "post_entries";
  draft.idempotency_key = options.tag + "/" + std::to_string(i);
  draft.memo = options.memo.value_or("test entry " + std::to_string(i) + " of run " + options.tag);
  draft.application_id = options.tag + "-A" + std::to_string(i);
  draft.lines = {
      {std::string(chart::kCountyExpense), Money::from_fen(amount_fen - region_fen)},
      {chart::region_due("R" + std::to_string(i % 5)), Money::from_fen(region_fen)},
      {chart::award_payable("E" + std::to_string(i % 50)), Money::from_fen(-amount_fen)}};
  return draft;
}

// Keeps the transaction open for hold_ms, or with --release until that file exists (bounded by
// hold_ms): a test that must act while the lock is held releases it when done, whatever the load.
void hold(const Options& options) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options.hold_ms);
  if (!options.release_path) {
    std::this_thread::sleep_until(deadline);
    return;
  }
  while (std::chrono::steady_clock::now() < deadline &&
         !std::filesystem::exists(*options.release_path)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int run(const Options& options) {
  OpenOptions open;
  open.path = options.db_path;
  open.key = load_key(std::nullopt);
  open.create = options.create;
  Db db = Db::open(open);
  if (options.busy_timeout_ms) sqlite3_busy_timeout(db.handle(), *options.busy_timeout_ms);
  Transaction tx(db);
  JournalWriter writer(db);
  int64_t posted = 0;
  for (int64_t i = 1; i <= options.count; ++i) posted += writer.post(draft_for(options, i)).posted;
  if (options.ready_path) std::ofstream(*options.ready_path) << "ready\n" << std::flush;
  hold(options);
  tx.commit();
  std::cout << "posted " << posted << " of " << options.count << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"post_entries: posts N test award entries in one transaction"};
  app.add_option("--db", options.db_path, "ledger file")->required();
  app.add_flag("--create", options.create, "create the ledger first");
  app.add_option("--count", options.count, "entries to post")->check(CLI::Range(0, 10'000'000));
  app.add_option("--tag", options.tag, "prefix of the idempotency keys");
  app.add_option("--year", options.year, "fiscal year");
  app.add_option("--hold-ms", options.hold_ms, "keep the transaction open this long before commit");
  app.add_option("--ready", options.ready_path,
                 "write 'ready' to this file (a fifo) once the write lock is held");
  app.add_option("--release", options.release_path,
                 "commit as soon as this file exists (waiting --hold-ms at most)");
  app.add_option("--busy-timeout-ms", options.busy_timeout_ms, "override the busy timeout");
  app.add_option("--memo", options.memo, "the memo of every entry");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "post_entries: " << e.what() << "\n";
    return 1;
  }
}
