// Private to the ledger library: the column lists of the journal tables and the conversion of a
// result row into Entry / Line, shared by posting, reading and verifying so that they cannot
// disagree about what a row means.
#pragma once

#include <string_view>

#include "ledger/books/entry.h"
#include "ledger/store/store.h"

namespace subsidy::detail {

// SELECT of every entry column in the order entry_from_row reads them; callers append WHERE/ORDER.
inline constexpr std::string_view kEntrySelect =
    "SELECT entry_id, fiscal_year, kind, actor, posted_at, idempotency_key, memo, application_id, "
    "batch_id, run_id, reverses_entry_id, refers_year, entry_hash, line_count FROM ledger_entries";
// Column index of line_count in kEntrySelect (not part of Entry: it is lines.size()).
inline constexpr int kLineCountColumn = 13;
// SELECT of the line columns in the order line_from_row reads them (entry_id and line_no last).
inline constexpr std::string_view kLineSelect =
    "SELECT account, amount_fen, entry_id, line_no FROM ledger_lines";

// The entry of the current row of a kEntrySelect statement, without its lines.
Entry entry_from_row(const Statement& row);
// The line of the current row of a kLineSelect statement.
Line line_from_row(const Statement& row);
// Appends to entry.lines the lines of entry.entry_id, through a prepared
// `kLineSelect WHERE entry_id = ? ORDER BY line_no` statement (reset afterwards). Throws
// RefusedError if there are more than kMaxLinesPerEntry.
void load_lines(Statement& lines, Entry& entry);

using subsidy::ResetOnExit;  // store.h: kept reachable under its old name

}  // namespace subsidy::detail
