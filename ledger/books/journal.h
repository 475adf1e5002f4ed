// Posting to the ledger and reading it back. post_entry is the only way an entry gets into the
// ledger: it checks the draft (chart, balance, closed years, idempotency), links it into the hash
// chain, writes it with its lines and the account totals, then reads it back and checks it again.
// Everything here runs inside a caller's Transaction, so a command posts all of its entries or
// none.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/clock.h"
#include "ledger/books/entry.h"
#include "ledger/store/store.h"

namespace subsidy {

struct PostResult {
  Entry entry;          // the entry as read back from the ledger
  bool posted = false;  // false: the idempotency key existed with the same content; nothing posted
};

// Posts entries with prepared statements kept for the writer's lifetime: use one writer for many
// entries (a run of `assess` posts one per application). Holds a reference to `db`, which must
// outlive it. Not thread-safe (neither is Db).
class JournalWriter {
 public:
  explicit JournalWriter(Db& db, Clock clock = system_clock());

  // Posts `draft` as the next entry of the chain and returns it as read back.
  // Requires an open Transaction on db (throws std::logic_error otherwise: a programmer error).
  // Throws RefusedError, having written nothing, when: the draft has fewer than 2 lines, its lines
  // do not sum to 0, an account is not in the chart, a text field is empty where required, too
  // long, not UTF-8 or holds control characters; the fiscal year is closed; the idempotency key
  // exists with different content. When the key exists with the same content (year, kind,
  // application, batch, reverses, refers_year and lines; memo, actor, time and run are not
  // compared) nothing is posted and the existing entry is returned with posted = false. Throws
  // RefusedError if the entry read back differs from what was written (then the caller's
  // transaction must be rolled back).
  PostResult post(const EntryDraft& draft);

 private:
  Db& db_;
  Clock clock_;
  Statement find_key_;
  Statement closed_year_;
  Statement head_;
  Statement insert_entry_;
  Statement insert_line_;
  Statement update_total_;
  Statement insert_total_;
  Statement read_entry_;
  Statement read_lines_;

  std::optional<int64_t> find_key(const std::string& idempotency_key);
  void refuse_closed_year(const EntryDraft& draft);
  Entry read(int64_t entry_id);
  void write(const Entry& entry);
  void add_to_totals(int64_t fiscal_year, const Line& line);
};

// One-off posting: JournalWriter(db, clock).post(draft). Prefer a JournalWriter for many entries.
PostResult post_entry(Db& db, const EntryDraft& draft, const Clock& clock = system_clock());

// ---- Reading ----------------------------------------------------------------------------------

// The head of the record chain (records.h): the count of sealed records and the last one's hash.
struct RecordsHead {
  int64_t record_count = 0;
  std::string head_hash;
  bool operator==(const RecordsHead&) const = default;
};
struct LedgerHead {
  int64_t entry_count = 0;
  std::string head_hash;
  // The record chain's head; nullopt while there is no record, in a digest saved before records
  // existed, and in the digest a year closing keeps (which is of the journal only).
  std::optional<RecordsHead> records = std::nullopt;
  bool operator==(const LedgerHead&) const = default;
};
// The head of the chain: how many entries there are and the hash of the last one (kGenesisHash
// when the ledger is empty), with the record chain's head. Cheap (two index lookups); trusts
// that ids have no gaps, which verify checks.
LedgerHead head(Db& db);

// The entry with that id, or nullopt.
std::optional<Entry> entry_by_id(Db& db, int64_t entry_id);
// The entry posted under that idempotency key, or nullopt.
std::optional<Entry> entry_by_key(Db& db, const std::string& idempotency_key);

// Which entries find_entries returns: every field set must match (an empty query matches all).
struct EntryQuery {
  std::optional<std::string> application_id;
  std::optional<int64_t> batch_id;
  std::optional<std::string> kind;
  std::optional<int64_t> fiscal_year;
  int64_t limit = 1'000'000;  // at most this many entries are returned, the earliest first
};
// Entries matching `query`, with their lines, in entry_id order.
std::vector<Entry> find_entries(Db& db, const EntryQuery& query);

// An account's debits, credits (both >= 0, as sums of amounts) and balance = debit - credit.
struct AccountBalance {
  std::string account;
  Money debit;
  Money credit;
  Money balance;
  int64_t line_count = 0;
  bool operator==(const AccountBalance&) const = default;
};
// Every account with at least one line (in `fiscal_year`, or in all years), sorted by account name.
// Reads the account totals that posting maintains (verify proves them equal to the lines).
// Throws OverflowError if a sum leaves the range of Money.
std::vector<AccountBalance> account_balances(Db& db, std::optional<int64_t> fiscal_year = {});
// The balance (debit - credit) of one account over all years, or in one year; 0 for an account
// without lines. Reads the account totals; throws OverflowError if the sum leaves Money's range.
Money balance_of(Db& db, const std::string& account, std::optional<int64_t> fiscal_year = {});

// balance_of with its statement prepared once, for callers that look up many accounts (award
// posting looks up two per changed application). Holds a reference to db, which must outlive it.
class BalanceReader {
 public:
  explicit BalanceReader(Db& db);
  Money balance_of(const std::string& account, std::optional<int64_t> fiscal_year = {});

 private:
  Statement rows_;
};

// Throws std::logic_error unless db is inside a transaction: posting outside one could leave a
// command half-written.
void require_transaction(Db& db);

}  // namespace subsidy
