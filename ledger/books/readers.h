// The declared readers of the books: every view of the ledger outside ledger/books (reports, the
// journal export, the server's pages) reads entries, lines and account totals through these, never
// with its own SQL against ledger_entries, ledger_lines or ledger_account_totals. Each reads inside
// the caller's ReadTransaction (store.h) when there is one, so that several readers see one state.
// All are bounded by the rows of one fiscal year (or the accounts of the chart).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/books/journal.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy::books {

// The entry kinds that book or change an award (chart.h kAward, kAwardAdjustment).
bool is_award_kind(std::string_view kind);
// The same kinds as an SQL list, "('award', 'award_adjustment')", for readers of modules that
// own tables joined with the books (awards/assessment_reader.h).
const std::string& award_kinds_sql();

// One line of an award entry. The views are valid only during the callback.
struct AwardLine {
  int64_t entry_id = 0;
  std::string_view application_id;
  std::string_view account;
  Money amount;  // debit > 0
};
// Calls `visit` for every line of the award entries of fiscal year `fiscal_year`, ordered by
// application id, entry id and line number (through the application index: no sort).
void scan_award_lines(Db& db, FiscalYear fiscal_year,
                      const std::function<void(const AwardLine&)>& visit);

// The net of the lines of a fiscal year per account qualifier and entry kind:
// flows[qualifier][kind] = sum of amount_fen (debit > 0).
using Flows = std::map<std::string, std::map<std::string, Money>>;
// Which entries account_flows adds up: all, or all but the award kinds, which are most of a year's
// lines.
enum class EntryKinds { all, except_awards };
// The flows of fiscal year `fiscal_year` on every account whose base is bases[i], in one scan of
// the year's lines: result[i] is for bases[i].
std::vector<Flows> account_flows(Db& db, FiscalYear fiscal_year,
                                 const std::vector<std::string>& bases,
                                 EntryKinds kinds = EntryKinds::all);

// The net (debits less credits, all kinds) of fiscal year `fiscal_year` on every account whose base
// is `base`, per qualifier, from the account totals posting keeps (verify proves them equal to the
// lines): one row per account.
std::map<std::string, Money> account_nets(Db& db, FiscalYear fiscal_year, std::string_view base);

// One account in a fiscal year: the net brought forward from earlier years and the year's debits
// and credits (both >= 0).
struct AccountYear {
  std::string account;
  Money opening;
  Money debits;
  Money credits;
  Money closing() const { return opening + debits - credits; }
};
// Whether a view of a closed year counts the year's own closing entry (结账分录): `excluded` is the
// pre-closing view (结账前), in which revenue and expense show what the year did; the opening
// balances always include the earlier years' closings.
enum class ClosingEntry { included, excluded };
// Every account with totals in `fiscal_year` or before, in account order. With the closing entry
// excluded, an account whose only lines of the year are the closing's and that opened at zero is
// left out.
std::vector<AccountYear> account_years(Db& db, FiscalYear fiscal_year,
                                       ClosingEntry closing = ClosingEntry::included);
// The closing entry of `fiscal_year`: its id and lines, when the year is closed.
struct ClosingLines {
  int64_t entry_id = 0;
  std::vector<std::pair<std::string, Money>> lines;  // account, amount (debit > 0)
};
std::optional<ClosingLines> closing_lines(Db& db, FiscalYear fiscal_year);
// The year's movements per account (debits, credits, their difference, line count) as
// account_balances(db, year) gives them, with the year's closing entry left out when `closing` is
// excluded (an account moved only by the closing is then left out).
std::vector<AccountBalance> year_movements(Db& db, FiscalYear fiscal_year, ClosingEntry closing);
// The accounts whose net over the years before `fiscal_year` is not zero, in account order.
std::vector<std::pair<std::string, Money>> balances_before(Db& db, FiscalYear fiscal_year);

// One line of an entry, with the entry's fields. The views are valid only during the callback.
struct EntryLine {
  int64_t entry_id = 0;
  std::string_view posted_date;  // "YYYY-MM-DD" (UTC)
  std::string_view kind;
  std::optional<std::string_view> application_id;
  std::optional<int64_t> batch_id;
  std::string_view memo;
  std::string_view account;
  Money amount;  // debit > 0
};
// Calls `visit` for every line of the entries of fiscal year `fiscal_year`, in entry and line
// order.
void scan_year_lines(Db& db, FiscalYear fiscal_year,
                     const std::function<void(const EntryLine&)>& visit);

// What the entries of one payment batch and kind did to one account in a fiscal year.
struct BatchAccountSums {
  int64_t batch_id = 0;
  std::string kind;
  int64_t entries = 0;  // distinct entries
  Money credits;        // >= 0
  Money debits;         // >= 0
};
// Per batch and entry kind, in batch order, the lines of fiscal year `fiscal_year` on `account`.
std::vector<BatchAccountSums> batch_account_sums(Db& db, FiscalYear fiscal_year,
                                                 std::string_view account);

}  // namespace subsidy::books
