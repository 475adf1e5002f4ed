// The one shape every report takes before it is written out: a titled table of typed columns, made
// from one ledger state (its head digest), with an optional totals row and optional chart specs.
// The writers (text, CSV, JSON, XLSX) only format what is here; they never compute amounts.
#pragma once

#include <cstdint>
#include <optional>
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
  percent,  // a Permille: "36.5%" in the text table, CSV and JSON, a 0.0% number in XLSX
};

// Where the text writer puts a cell within its column: `automatic` is left for text, right for
// money and counts; `right` also right-aligns a text column (e.g. a row number kept as text).
enum class Align { automatic, left, right };

struct Column {
  std::string key;         // stable machine name: JSON key, e.g. "award_amount"
  std::string heading_zh;  // e.g. "奖补金额"
  std::string heading_en;  // e.g. "Award"
  ColumnType type = ColumnType::text;
  bool summed = false;  // compute_totals() adds this column up (money and integer columns only)
  Align align = Align::automatic;  // the text writer's alignment; other writers ignore it

  const std::string& heading(Language lang) const {
    return lang == Language::zh ? heading_zh : heading_en;
  }
  // True when the text writer right-aligns this column.
  bool right_aligned() const {
    return align == Align::right || (align == Align::automatic && type != ColumnType::text);
  }
};

// A ratio in tenths of a percent, exact: 365 is 36.5%. The builder rounds (and says how).
struct Permille {
  int64_t value = 0;
  bool operator==(const Permille&) const = default;
};

// One cell: empty (monostate), text, an amount, a count, or a percentage. Its alternative must
// match its column's type (or be empty); ReportTable::add_row checks that.
using Cell = std::variant<std::monostate, std::string, Money, int64_t, Permille>;
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

  const std::string& title(Language lang) const {
    return lang == Language::zh ? title_zh : title_en;
  }
};

// A labelled row after the totals (e.g. "暂缓（1 项，不入账）" under an assessment's totals):
// column 0 holds the label in every writer, the other cells are the row's figures (column 0 of
// `cells` is ignored and should be empty).
struct FooterRow {
  std::string label_zh;
  std::string label_en;
  Row cells;

  const std::string& label(Language lang) const {
    return lang == Language::zh ? label_zh : label_en;
  }
};

// How the text writer (only it) lays a table out for a terminal. The defaults are the reports'
// layout; a command whose printed table predates the model chooses the options that reproduce it.
struct TextLayout {
  enum class Header {
    title_year_digest,  // "title（2023年度）", the digest line, a blank line (the reports)
    title,              // the title line alone
    none,               // no lines before the headings
  };
  enum class Rule {
    per_column,  // "----  ------": one run of dashes per column
    full_width,  // one unbroken run of dashes across the whole line
    none,        // no rule lines at all
  };
  Header header = Header::title_year_digest;
  Rule rule = Rule::per_column;  // under the headings and above the totals
  std::string indent;            // written before every heading, row and rule line
  // When true, the label of the totals and footer rows runs over the empty text columns before
  // the first number column instead of sitting in column 0 (widening column 0 if it is longer).
  bool span_labels = false;
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
  // Throws OverflowError if a sum leaves the Money range. Call it after the last add_row.
  // (totals_are_sums() is then true: the XLSX writer writes those cells as =SUM() formulas.)
  void compute_totals();
  // Sets the totals row to `totals` as given (for totals that are not the sum of every row, e.g.
  // of the awarded rows only). Column 0 must be empty (the writers put the label there); the cells
  // are checked like add_row's (std::logic_error).
  void set_totals(Row totals);
  // The label of the totals row in place of totals_label(lang), e.g. "total" / "合计".
  void set_totals_label(std::string label_zh, std::string label_en);
  // Appends a footer row, written after the totals by every writer. Cells are checked like
  // add_row's (std::logic_error).
  void add_footer(FooterRow footer);
  // The text writer's layout (see TextLayout).
  void set_text_layout(TextLayout layout) { text_layout_ = std::move(layout); }
  // Adds a chart. Asserts that its columns exist and have the right types.
  void add_chart(ChartSpec chart);
  // Puts `zh` and `en` before the titles, e.g. "【未结账】" on the reports of an open year's audit
  // pack (before, so that a sheet name cut to 31 characters keeps it).
  void prefix_title(const std::string& zh, const std::string& en) {
    title_zh_ = zh + title_zh_;
    title_en_ = en + title_en_;
  }
  // The 编制单位 a print states (the XLSX title rows): the payer's name from the payer
  // configuration, set by whoever knows it; "" (the default) leaves a blank to fill in by hand.
  void set_organisation(std::string organisation) { organisation_ = std::move(organisation); }
  // The time the print is made (UTC ISO-8601, ledger/base/clock.h), shown as its 编制日期 in
  // Beijing time; "" (the default): the writer's system_clock() when it writes.
  void set_printed_at(std::string utc_iso8601) { printed_at_ = std::move(utc_iso8601); }
  // Names the policy the year was assessed under (set when the ledger holds several policies):
  // the JSON writer adds "policy", "policy_document" and "policy_version" after "year", the text
  // writer a line under the title. Unset (the default) writes neither.
  void set_policy(std::string id, std::string document, int version) {
    policy_ = PolicyNote{std::move(id), std::move(document), version};
  }
  struct PolicyNote {
    std::string id;
    std::string document;  // 文号
    int version = 1;
  };
  const std::optional<PolicyNote>& policy() const { return policy_; }
  // Reserves room for `rows` rows (large reports know their size in advance).
  void reserve_rows(size_t rows) { rows_.reserve(rows); }

  const std::string& name() const { return name_; }
  const std::string& title(Language lang) const {
    return lang == Language::zh ? title_zh_ : title_en_;
  }
  int64_t year() const { return year_; }
  const std::string& ledger_head() const { return ledger_head_; }
  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  bool has_totals() const { return has_totals_; }
  const Row& totals() const { return totals_; }
  // True when the totals row is compute_totals()'s: each summed cell the sum of its column's rows.
  bool totals_are_sums() const { return totals_are_sums_; }
  const std::string& organisation() const { return organisation_; }
  const std::string& printed_at() const { return printed_at_; }
  // The label of the totals row in `lang`: totals_label(lang) unless set_totals_label was called.
  std::string totals_row_label(Language lang) const;
  const std::vector<FooterRow>& footers() const { return footers_; }
  // The rows after the data rows as CSV and XLSX write them: the totals row (if any), then every
  // footer row, each with its label in column 0.
  std::vector<Row> closing_rows(Language lang) const;
  const TextLayout& text_layout() const { return text_layout_; }
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
  bool totals_are_sums_ = false;
  Row totals_;
  std::string totals_label_zh_;
  std::string totals_label_en_;
  std::vector<FooterRow> footers_;
  TextLayout text_layout_;
  std::vector<ChartSpec> charts_;
  std::string organisation_;
  std::string printed_at_;
  std::optional<PolicyNote> policy_;

  // Throws std::logic_error unless `row` has one cell per column, each fitting its column.
  void check_row(const Row& row) const;
};

// The label of the totals row and of the digest line, in `lang`.
const char* totals_label(Language lang);
const char* ledger_head_label(Language lang);

}  // namespace subsidy::reports
