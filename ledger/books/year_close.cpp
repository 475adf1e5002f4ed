// Closing a fiscal year and finding where a closed year's differences go.
#include "ledger/books/year_close.h"

#include <algorithm>

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

// The net (debit - credit) of every revenue and expense account over fiscal years up to and
// including `fiscal_year`: what the closing entry moves into the fund balance. Cumulative, so that
// the first closing after old-style (memorandum) closings also sweeps what those left open.
std::vector<Line> nominal_nets(Db& db, int64_t fiscal_year) {
  Statement rows = db.prepare(
      "SELECT account, SUM(debit_fen - credit_fen) FROM ledger_account_totals "
      "WHERE fiscal_year <= ? GROUP BY account ORDER BY account;");
  rows.bind(1, fiscal_year);
  std::vector<Line> nets;
  while (rows.step()) {  // one row per account of the chart in use
    const std::string account = rows.text(0);
    const Money net = rows.money(1);
    if (chart::is_nominal(account) && !net.is_zero()) nets.push_back({account, net});
  }
  return nets;
}

// Refuses to close `fiscal_year` while an earlier year that has entries is open: years close in
// order, so that the closing entry sweeps every earlier year's revenue and expense too.
void refuse_earlier_open_year(Db& db, int64_t fiscal_year) {
  Statement open = db.prepare(
      "SELECT MIN(fiscal_year) FROM ledger_account_totals WHERE fiscal_year < ? "
      "AND fiscal_year NOT IN (SELECT fiscal_year FROM ledger_closings);");
  open.bind(1, fiscal_year);
  if (open.step() && !open.is_null(0)) {
    throw RefusedError("fiscal year " + std::to_string(open.int64(0)) +
                       " has entries and is not closed: close it before " +
                       std::to_string(fiscal_year));
  }
}

// The lines of the closing entry: each nominal account's net reversed, the total into the fund
// balance (two zero lines on the fund balance when there is nothing to close).
std::vector<Line> closing_lines(Db& db, int64_t fiscal_year, Money& into_fund) {
  std::vector<Line> lines;
  into_fund = Money();
  for (const Line& net : nominal_nets(db, fiscal_year)) {
    lines.push_back({net.account, -net.amount});
    into_fund += net.amount;
  }
  lines.push_back({std::string(chart::kFundBalance), into_fund});
  if (lines.size() < 2) lines.push_back({std::string(chart::kFundBalance), Money()});
  return lines;
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
  // A year is open when neither it nor a later year is closed (closings go in order).
  Statement latest = db.prepare("SELECT MAX(fiscal_year) FROM ledger_closings;");
  int64_t year = fiscal_year;
  if (latest.step() && !latest.is_null(0)) year = std::max(year, latest.int64(0) + 1);
  if (year > 9999) throw RefusedError("no open fiscal year after " + std::to_string(fiscal_year));
  SUBSIDY_ASSERT(year >= fiscal_year);
  return FiscalYear(static_cast<int32_t>(year));
}

YearClosing close_year(Db& db, FiscalYear fiscal, const std::string& actor, const Clock& clock,
                       const std::string& note) {
  const int64_t fiscal_year = fiscal.value;
  require_transaction(db);
  if (std::optional<YearClosing> closed = closing_of(db, fiscal)) {
    throw RefusedError("fiscal year " + std::to_string(fiscal_year) + " is already closed (entry " +
                       std::to_string(closed->entry_id) + ", " + closed->closed_at + ")");
  }
  refuse_earlier_open_year(db, fiscal_year);
  const LedgerHead before = head(db);
  Money into_fund;
  std::vector<Line> lines = closing_lines(db, fiscal_year, into_fund);
  EntryDraft draft;
  draft.fiscal_year = fiscal_year;
  draft.kind = std::string(chart::kYearCloseKind);
  draft.actor = actor;
  draft.idempotency_key = "year-close:" + std::to_string(fiscal_year);
  draft.memo = "年度结账 fiscal year " + std::to_string(fiscal_year) +
               " closed; digest entries=" + std::to_string(before.entry_count) +
               " head=" + before.head_hash + "; 收支结转结余 " + format_plain(-into_fund) +
               (note.empty() ? "" : "; " + note);
  draft.lines = std::move(lines);
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
