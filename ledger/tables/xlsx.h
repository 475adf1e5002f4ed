// The XLSX form of reports, through libxlsxwriter: one sheet per report with a frozen heading row,
// column widths that fit Chinese text, money as real numbers formatted #,##0.00 (so an Excel user
// can SUM a column), counts as #,##0 numbers, and native Excel charts drawn from the sheet's own
// cells.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/tables/table.h"

namespace subsidy::reports {

// The largest |fen| the XLSX hand-off carries exactly: 15 significant digits
// (9,999,999,999,999.99). An XLSX number is an IEEE-754 double, which holds every decimal of at
// most 15 significant digits exactly enough to read back to the same cents; beyond that it cannot,
// so such amounts are refused.
constexpr int64_t kMaxXlsxExactFen = 999'999'999'999'999;

// THE ONLY BINARY FLOATING POINT IN THE PROJECT: the hand-off of an exact fen amount to
// libxlsxwriter, whose worksheet_write_number takes a double. Returns the double nearest to
// fen / 100. Throws RefusedError when |fen| > kMaxXlsxExactFen (the value would not read back to
// the same cents). Nothing may compute with the result; it goes straight into the cell.
double xlsx_number_from_fen(int64_t fen);
// The same hand-off for a count; exact for |count| ≤ kMaxXlsxExactFen. Throws RefusedError beyond.
double xlsx_number_from_count(int64_t count);

// The same hand-off for a percentage in tenths of a percent (365 → 0.365, shown 36.5% by the
// cell's 0.0% format); exact to the permille for |permille| ≤ kMaxXlsxExactFen. Throws RefusedError
// beyond.
double xlsx_number_from_permille(int64_t permille);

// Writes `tables` to a new workbook at `path`, one sheet per table (sheet name: the title in
// `lang`, made unique and valid), in the order given. Each sheet: heading row (frozen), data rows,
// the totals and footer rows, then the row [ledger_head_label, digest], exactly the cells write_csv
// writes; charts to the right of the table. The document properties carry the report names and
// ledger head digests. libxlsxwriter's temporary files (plaintext sheet XML) live in a private 0700
// directory beside `path` that is removed before this returns or throws. Overwrites `path`. Throws
// RefusedError when a table has more rows than a sheet can hold, an amount is out of the exact
// range, or the file cannot be written (the file may then be partial: callers write to a temporary
// name and rename, see output.h).
void write_xlsx(const std::vector<const ReportTable*>& tables, Language lang,
                const std::string& path);

}  // namespace subsidy::reports
