// The plain-text writers of a ReportTable: an aligned table for people, CSV and JSON for programs.
// All three write the same cells; money is exact everywhere ("1234.50" in CSV and JSON, "1,234.50"
// in the table), and each states the ledger head digest the report was made from.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "ledger/tables/table.h"

namespace subsidy::reports {

enum class Format { table, csv, json, xlsx, pdf };

// "table", "csv", "json", "xlsx", "pdf" → Format; anything else throws UsageError naming the choices.
Format parse_format(std::string_view text);
// "zh", "en" → Language; anything else throws UsageError.
Language parse_lang(std::string_view text);
// "1,234,567", "-12": a count with thousands separators.
std::string format_integer_grouped(int64_t value);
// "36.5%" for 365, "-0.5%" for -5: a percentage with one decimal.
std::string format_permille(Permille ratio);
// A cell as CSV writes it: "" for empty, the text, "1234.50" for money, "12" for a count, "36.5%"
// for a percentage.
std::string cell_plain(const Cell& cell);
// A cell as people read it: "" for empty, the text, "1,234.50" for money, "1,234" for a count.
std::string cell_display(const Cell& cell);

// An aligned table for a terminal: title and year, the digest line, headings in `lang`, one line
// per row, a separator, the totals row and the footer rows. Money and counts are right-aligned
// with thousands separators; widths count Chinese characters as two cells. The table's TextLayout
// may leave out the header lines or the rules, indent every line, right-align a text column, or
// let the labels of the totals and footers run over the text columns.
void write_text(const ReportTable& table, Language lang, std::ostream& out);

// RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel on a Chinese Windows reads it as
// UTF-8): one heading row in `lang`, the data rows, the totals and footer rows (label in column 0)
// and a last row [ledger_head_label, digest]. Money is the exact plain string "1234.50", counts
// plain integers, empty cells empty. Fields with a comma, quote or line break are quoted.
void write_csv(const ReportTable& table, Language lang, std::ostream& out);

// One JSON object: report, title, year, ledger_head, columns [{key, heading, type}], rows (objects
// keyed by column key), totals (an object, or null) and, only when the table has footer rows,
// footers (an array of such objects, label in column 0's key). Money is a JSON string with two
// decimals, never a JSON number; counts are numbers; percentages strings ("36.5%"); empty cells
// are null. Written as a stream, so
// a report of a million rows never exists twice in memory.
void write_json(const ReportTable& table, Language lang, std::ostream& out);

}  // namespace subsidy::reports
