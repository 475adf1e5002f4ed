// Closing a fiscal year and finding where a closed year's differences go.
#include "ledger/books/year_close.h"

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/chart.h"

namespace subsidy {

namespace {

constexpr std::string_view kClosingSelect =
    "SELECT fiscal_year, entry_id, digest_entry_count, digest_head_hash, closed_at, actor "
    "FROM ledger_closings";

YearClosing closing_from_row(const Statement& row) {
  return {row.int64(0), row.int64(1), {row.int64(2), row.text(3)}, row.text(4), row.text(5)};
}

// The year's debit turnover (借方发生额): the sum of the debit lines posted into it.
Money debit_turnover(Db& db, int64_t fiscal_year) {
  Statement rows = db.prepare("SELECT debit_fen FROM ledger_account_totals WHERE fiscal_year = ?;");
  rows.bind(1, fiscal_year);
  Money turnover;
  while (rows.step()) turnover += rows.money(0);  // one row per account of the chart
  return turnover;
}

}  // namespace

std::optional<YearClosing> closing_of(Db& db, FiscalYear fiscal_year) {
  Statement row = db.prepare(std::string(kClosingSelect) + " WHERE fiscal_year = ?;");
  row.bind(1, int64_t{fiscal_year.value});
  if (!row.step()) return std::nullopt;
  return closing_from_row(row);
}

std::vector<YearClosing> closings(Db& db) {
  Statement rows = db.prepare(std::string(kClosingSelect) + " ORDER BY fiscal_year;");
  std::vector<YearClosing> all;
  while (rows.step()) all.push_back(closing_from_row(rows));  // one per year
  return all;
}

FiscalYear open_year_for(Db& db, FiscalYear fiscal) {
  const int64_t fiscal_year = fiscal.value;
  Statement closed = db.prepare("SELECT 1 FROM ledger_closings WHERE fiscal_year = ?;");
  int64_t year = fiscal_year;
  // Bounded: the fiscal years of the ledger end at 9999 (schema CHECK).
  for (; year <= 9999; ++year) {
    closed.bind(1, year);
    const bool is_closed = closed.step();
    closed.reset();
    if (!is_closed) {
      SUBSIDY_ASSERT(year >= fiscal_year);
      return FiscalYear(static_cast<int32_t>(year));
    }
  }
  throw RefusedError("no open fiscal year after " + std::to_string(fiscal_year));
}

YearClosing close_year(Db& db, FiscalYear fiscal, const std::string& actor, const Clock& clock) {
  const int64_t fiscal_year = fiscal.value;
  require_transaction(db);
  if (std::optional<YearClosing> closed = closing_of(db, fiscal)) {
    throw RefusedError("fiscal year " + std::to_string(fiscal_year) + " is already closed (entry " +
                       std::to_string(closed->entry_id) + ", " + closed->closed_at + ")");
  }
  const LedgerHead before = head(db);
  const Money turnover = debit_turnover(db, fiscal_year);
  EntryDraft draft;
  draft.fiscal_year = fiscal_year;
  draft.kind = std::string(chart::kYearCloseKind);
  draft.actor = actor;
  draft.idempotency_key = "year-close:" + std::to_string(fiscal_year);
  draft.memo = "年度结账 fiscal year " + std::to_string(fiscal_year) +
               " closed; digest entries=" + std::to_string(before.entry_count) +
               " head=" + before.head_hash + "; debit turnover " + format_plain(turnover);
  draft.lines = {{chart::year_close(fiscal_year), turnover},
                 {chart::year_close(fiscal_year), -turnover}};
  const PostResult posted = post_entry(db, draft, clock);
  SUBSIDY_ASSERT(posted.entry.entry_id > 0 && posted.entry.fiscal_year == fiscal_year);
  Statement insert = db.prepare(
      "INSERT INTO ledger_closings (fiscal_year, entry_id, digest_entry_count, digest_head_hash, "
      "closed_at, actor) VALUES (?,?,?,?,?,?);");
  insert.bind(1, fiscal_year)
      .bind(2, posted.entry.entry_id)
      .bind(3, before.entry_count)
      .bind(4, before.head_hash)
      .bind(5, posted.entry.posted_at)
      .bind(6, actor);
  insert.run();
  return {fiscal_year, posted.entry.entry_id, before, posted.entry.posted_at, actor};
}

}  // namespace subsidy
