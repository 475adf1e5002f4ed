// Sealing a fiscal year (年度结账): a closing entry that carries the digest of the ledger as it
// stood, after which nothing more is posted into that year; later corrections of a closed year go
// into the next open year and name the closed one in refers_year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/books/journal.h"

namespace subsidy {

struct YearClosing {
  int64_t fiscal_year = 0;
  int64_t entry_id = 0;  // the closing entry
  LedgerHead digest;     // the ledger just before the closing entry
  std::string closed_at;
  std::string actor;
};

// The closing of `fiscal_year`, or nullopt while it is open.
std::optional<YearClosing> closing_of(Db& db, FiscalYear fiscal_year);
// Every closing, by year.
std::vector<YearClosing> closings(Db& db);
// `fiscal_year` itself when it is open, else the first year after the latest closed one: where a
// difference for a closed year is posted. A year before a closed year counts as closed.
FiscalYear open_year_for(Db& db, FiscalYear fiscal_year);

// Posts the closing entry of `fiscal_year` (结账分录) and records the closing. The entry (kind
// year_close, key "year-close:<year>") carries the digest in its memo and closes every revenue and
// expense account (chart::is_nominal) into the fund balance (fund_balance, 结转结余): one line per
// such account reversing its net over the years up to `fiscal_year`, one line on fund_balance for
// the total, so that those accounts open the next year at zero while the balance-sheet accounts
// carry forward. Ledgers closed before this change hold memorandum closings (two lines on
// year_close:<year> of the year's debit turnover); they stay as they are and verify accepts them.
// Requires an open Transaction. Throws RefusedError when the year is already closed or an earlier
// year with entries is still open.
// `note`, when not empty, is appended to the memo of the closing entry (sealed with it in the
// hash chain): ops/close_year.h puts there the open items a forced close left and its reason.
YearClosing close_year(Db& db, FiscalYear fiscal_year, const std::string& actor,
                       const Clock& clock = system_clock(), const std::string& note = {});

}  // namespace subsidy
