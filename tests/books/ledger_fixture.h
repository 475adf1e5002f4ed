// Shared by the ledger's unit tests: a fresh ledger file in its own temporary directory (removed
// afterwards), a stepping test clock, and a builder for simple award-like drafts.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/records.h"
#include "ledger/store/store.h"

namespace subsidy::testing {

class TempLedger {
 public:
  explicit TempLedger(std::optional<std::string> key = std::nullopt) {
    std::string pattern = (std::filesystem::temp_directory_path() / "ledger-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    options_.path = (dir_ / "ledger.db").string();
    options_.key = std::move(key);
    options_.create = true;
    db_.emplace(Db::open(options_));
    options_.create = false;
  }
  TempLedger(const TempLedger&) = delete;
  TempLedger& operator=(const TempLedger&) = delete;
  ~TempLedger() {
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  Db& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }
  const OpenOptions& options() const { return options_; }
  // Closes and opens the file again (a new connection, as a second command would).
  void reopen() {
    db_.reset();
    db_.emplace(Db::open(options_));
  }

 private:
  std::filesystem::path dir_;
  OpenOptions options_;
  std::optional<Db> db_;
};

// Seals what a test wrote below the operations layer (closings, assessment runs, master data), as
// ops::run_write seals what an operation writes; verify names anything left unsealed.
inline void seal_as_an_operation_would(Db& db) {
  Transaction transaction(db);
  seal_new_groups(db, "tester", "2024-01-31T08:00:00Z");
  transaction.commit();
}

// A clock that starts at 2024-01-31T08:00:00Z and moves one second per call.
inline Clock stepping_clock() {
  auto next = std::make_shared<std::chrono::system_clock::time_point>(
      std::chrono::sys_days{std::chrono::January / 31 / 2024} + std::chrono::hours(8));
  return [next] {
    const auto now = *next;
    *next += std::chrono::seconds(1);
    return now;
  };
}

// An approved award of `amount_fen` split county / region, for application `application_id`.
inline EntryDraft award_draft(const std::string& key, int64_t county_fen, int64_t region_fen,
                              int64_t year = 2023) {
  EntryDraft draft;
  draft.fiscal_year = year;
  draft.kind = "award";
  draft.actor = "tester";
  draft.idempotency_key = key;
  draft.memo = "test award " + key;
  draft.application_id = "A-" + key;
  draft.lines = {
      {std::string(chart::kCountyExpense), Money::from_fen(county_fen)},
      {chart::region_due("P01"), Money::from_fen(region_fen)},
      {chart::award_payable("91321323L30P8774PE"), Money::from_fen(-county_fen - region_fen)}};
  return draft;
}

}  // namespace subsidy::testing
