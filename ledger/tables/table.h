// The one shape every report takes before it is written out: a titled table of typed columns, made
// from one ledger state (its head digest), with an optional totals row and optional chart specs.
// The writers (text, CSV, JSON, XLSX) only format what is here; they never compute amounts.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "ledger/base/language.h"
#include "ledger/money/money.h"

namespace subsidy::reports {

// The language of headings, titles and labels. Chinese is the default of every command.

// What a column holds; it decides how each writer formats the cells.
enum class ColumnType {
  text,     // free text (names, codes, reasons); left-aligned
  money,    // subsidy::Money; exact "1234.50" in CSV/JSON, a #,##0.00 number in XLSX
  integer,  // counts; a plain integer everywhere, grouped in the text table and XLSX
};

struct Column {
  std::string key;         // stable machine name: JSON key, e.g. "award_amount"
  std::string heading_zh;  // e.g. "奖补金额"
  std::string heading_en;  // e.g. "Award"
  ColumnType type = ColumnType::text;
  bool summed = false;  // compute_totals() adds this column up (money and integer columns only)

  const std::string& heading(Language lang) const { return lang == Language::zh ? heading_zh : heading_en; }
};

// One cell: empty (monostate), text, an amount, or a count. Its alternative must match its column's
// type (or be empty); ReportTable::add_row checks that.
using Cell = std::variant<std::monostate, std::string, Money, int64_t>;
using Row = std::vector<Cell>;

// A native chart the XLSX writer draws from this table's own data rows (never the totals row), so a
// chart can never show a figure the table does not. Other writers ignore charts.
struct ChartSpec {
  enum class Kind { bar, column };  // bar: horizontal bars; column: vertical columns
  Kind kind = Kind::column;
  std::string title_zh;
  std::string title_en;
  size_t category_column = 0;         // a text column: the labels along the axis
  std::vector<size_t> value_columns;  // money or integer columns: one series each

  const std::string& title(Language lang) const { return lang == Language::zh ? title_zh : title_en; }
};

class ReportTable {
 public:
  // `name` is the report's interface name ("cost-sharing"); `ledger_head` the head digest of the
  // ledger the rows were read from (empty only for a table that does not come from a ledger).
  ReportTable(std::string name, std::string title_zh, std::string title_en, int64_t year,
              std::string ledger_head);

  // Appends a column. Must be called before the first row (asserted: a programmer error).
  void add_column(Column column);
  // Appends a row. Requires one cell per column, each empty or of the column's type; a mismatch is
  // a programmer error and throws std::logic_error naming the column.
  void add_row(Row row);
  // Sets the totals row to the sum of every `summed` column over all rows (other cells empty; the
  // writers put the "合计"/"Total" label in column 0, which must therefore be a text column).
  // Throws OverflowError if a sum leaves the Money range.
  void compute_totals();
  // Adds a chart. Asserts that its columns exist and have the right types.
  void add_chart(ChartSpec chart);
  // Reserves room for `rows` rows (large reports know their size in advance).
  void reserve_rows(size_t rows) { rows_.reserve(rows); }

  const std::string& name() const { return name_; }
  const std::string& title(Language lang) const { return lang == Language::zh ? title_zh_ : title_en_; }
  int64_t year() const { return year_; }
  const std::string& ledger_head() const { return ledger_head_; }
  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  bool has_totals() const { return has_totals_; }
  const Row& totals() const { return totals_; }
  const std::vector<ChartSpec>& charts() const { return charts_; }
  // Index of the column with `key`; throws std::logic_error when there is none.
  size_t column_index(const std::string& key) const;
  // The sum of a money column over all data rows (empty cells count as zero).
  Money sum_money(size_t column) const;

 private:
  std::string name_;
  std::string title_zh_;
  std::string title_en_;
  int64_t year_ = 0;
  std::string ledger_head_;
  std::vector<Column> columns_;
  std::vector<Row> rows_;
  bool has_totals_ = false;
  Row totals_;
  std::vector<ChartSpec> charts_;
};

// The label of the totals row and of the digest line, in `lang`.
const char* totals_label(Language lang);
const char* ledger_head_label(Language lang);

}  // namespace subsidy::reports
