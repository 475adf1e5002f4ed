// Reading the ledger: the head of the chain, entries by id, key or query, and account balances
// from the account totals that posting maintains.
#include <map>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/chain.h"
#include "ledger/books/journal.h"
#include "ledger/books/journal_rows.h"
#include "ledger/books/records.h"

namespace subsidy {

namespace detail {

namespace {
std::optional<int64_t> optional_int(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.int64(column);
}
}  // namespace

Entry entry_from_row(const Statement& row) {
  Entry entry;
  entry.entry_id = row.int64(0);
  entry.fiscal_year = row.int64(1);
  entry.kind = row.text(2);
  entry.actor = row.text(3);
  entry.posted_at = row.text(4);
  entry.idempotency_key = row.text(5);
  entry.memo = row.text(6);
  entry.application_id = row.optional_text(7);
  entry.batch_id = optional_int(row, 8);
  entry.run_id = optional_int(row, 9);
  entry.reverses_entry_id = optional_int(row, 10);
  entry.refers_year = optional_int(row, 11);
  entry.entry_hash = row.text(12);
  return entry;
}

Line line_from_row(const Statement& row) {
  return Line{row.text(0), row.money(1)};
}

void load_lines(Statement& lines, Entry& entry) {
  SUBSIDY_ASSERT_MSG(entry.lines.empty(), "lines are loaded into an entry read without them");
  ResetOnExit reset(lines);
  lines.bind(1, entry.entry_id);
  while (lines.step()) {
    if (entry.lines.size() == kMaxLinesPerEntry) {
      throw RefusedError("entry " + std::to_string(entry.entry_id) +
                         " has more lines than any entry may");
    }
    entry.lines.push_back(line_from_row(lines));
  }
  SUBSIDY_ASSERT(entry.lines.size() <= kMaxLinesPerEntry);
}

}  // namespace detail

namespace {

std::optional<Entry> single_entry(Db& db, std::string_view where, const auto& value) {
  SUBSIDY_ASSERT(where.ends_with("= ?;"));
  Statement row = db.prepare(std::string(detail::kEntrySelect) + " WHERE " + std::string(where));
  row.bind(1, value);
  if (!row.step()) return std::nullopt;
  Entry entry = detail::entry_from_row(row);
  Statement lines =
      db.prepare(std::string(detail::kLineSelect) + " WHERE entry_id = ? ORDER BY line_no;");
  detail::load_lines(lines, entry);
  return entry;
}

}  // namespace

LedgerHead head(Db& db) {
  Statement row =
      db.prepare("SELECT entry_id, entry_hash FROM ledger_entries ORDER BY entry_id DESC LIMIT 1;");
  LedgerHead result{0, std::string(kGenesisHash)};
  if (row.step()) result = {row.int64(0), row.text(1)};
  if (RecordsHead records = records_head(db); records.record_count > 0) result.records = records;
  return result;
}

std::optional<Entry> entry_by_id(Db& db, int64_t entry_id) {
  return single_entry(db, "entry_id = ?;", entry_id);
}

std::optional<Entry> entry_by_key(Db& db, const std::string& idempotency_key) {
  return single_entry(db, "idempotency_key = ?;", idempotency_key);
}

std::vector<Entry> find_entries(Db& db, const EntryQuery& query) {
  std::string sql(detail::kEntrySelect);
  sql += " WHERE 1";
  if (query.application_id) sql += " AND application_id = :application";
  if (query.batch_id) sql += " AND batch_id = :batch";
  if (query.kind) sql += " AND kind = :kind";
  if (query.fiscal_year) sql += " AND fiscal_year = :year";
  sql += " ORDER BY entry_id LIMIT :limit;";
  Statement rows = db.prepare(sql);
  int parameter = 0;
  if (query.application_id) rows.bind(++parameter, *query.application_id);
  if (query.batch_id) rows.bind(++parameter, *query.batch_id);
  if (query.kind) rows.bind(++parameter, *query.kind);
  if (query.fiscal_year) rows.bind(++parameter, *query.fiscal_year);
  rows.bind(++parameter, query.limit);
  Statement lines =
      db.prepare(std::string(detail::kLineSelect) + " WHERE entry_id = ? ORDER BY line_no;");
  std::vector<Entry> entries;
  while (rows.step()) {  // bounded by LIMIT
    entries.push_back(detail::entry_from_row(rows));
    detail::load_lines(lines, entries.back());
  }
  SUBSIDY_ASSERT(query.limit < 0 || static_cast<int64_t>(entries.size()) <= query.limit);
  return entries;
}

std::vector<AccountBalance> account_balances(Db& db, std::optional<int64_t> fiscal_year) {
  Statement rows = db.prepare(
      "SELECT account, debit_fen, credit_fen, line_count FROM ledger_account_totals "
      "WHERE ?1 IS NULL OR fiscal_year = ?1 ORDER BY account;");
  rows.bind(1, fiscal_year);
  // Summed in C++ with checked Money rather than SQL SUM, which would turn an overflow into a
  // floating-point value.
  std::map<std::string, AccountBalance> by_account;
  while (rows.step()) {  // one row per (year, account): bounded by the chart times the years
    AccountBalance& balance = by_account[rows.text(0)];
    balance.debit += rows.money(1);
    balance.credit += rows.money(2);
    balance.line_count += rows.int64(3);
  }
  std::vector<AccountBalance> balances;
  balances.reserve(by_account.size());
  for (auto& [account, balance] : by_account) {
    balance.account = account;
    balance.balance = balance.debit - balance.credit;
    balances.push_back(std::move(balance));
  }
  SUBSIDY_ASSERT(balances.size() == by_account.size());
  return balances;
}

BalanceReader::BalanceReader(Db& db)
    : rows_(db.prepare("SELECT debit_fen, credit_fen FROM ledger_account_totals "
                       "WHERE account = ?1 AND (?2 IS NULL OR fiscal_year = ?2);")) {}

Money BalanceReader::balance_of(const std::string& account, std::optional<int64_t> fiscal_year) {
  SUBSIDY_ASSERT(!account.empty());
  detail::ResetOnExit reset(rows_);
  rows_.bind(1, account).bind(2, fiscal_year);
  Money balance;
  while (rows_.step()) balance += rows_.money(0) - rows_.money(1);  // one row per year
  return balance;
}

Money balance_of(Db& db, const std::string& account, std::optional<int64_t> fiscal_year) {
  return BalanceReader(db).balance_of(account, fiscal_year);
}

}  // namespace subsidy
