// ReportTable: the typed table every report is built as, with the checks that keep a cell's
// alternative in line with its column type, and the totals row.
#include "ledger/tables/table.h"
#include "ledger/base/check.h"

#include <stdexcept>

namespace subsidy::reports {

namespace {

bool cell_fits(const Cell& cell, ColumnType type) {
  switch (type) {
    case ColumnType::text:
      return std::holds_alternative<std::monostate>(cell) ||
             std::holds_alternative<std::string>(cell);
    case ColumnType::money:
      return std::holds_alternative<std::monostate>(cell) || std::holds_alternative<Money>(cell);
    case ColumnType::integer:
      return std::holds_alternative<std::monostate>(cell) || std::holds_alternative<int64_t>(cell);
    case ColumnType::percent:
      return std::holds_alternative<std::monostate>(cell) || std::holds_alternative<Permille>(cell);
  }
  return false;
}

}  // namespace

ReportTable::ReportTable(std::string name, std::string title_zh, std::string title_en, int64_t year,
                         std::string ledger_head)
    : name_(std::move(name)),
      title_zh_(std::move(title_zh)),
      title_en_(std::move(title_en)),
      year_(year),
      ledger_head_(std::move(ledger_head)) {}

void ReportTable::add_column(Column column) {
  SUBSIDY_ASSERT_MSG(rows_.empty(), "columns come before rows");
  SUBSIDY_ASSERT_MSG((!column.summed || column.type != ColumnType::text),
                     "only numbers are summed");
  columns_.push_back(std::move(column));
}

void ReportTable::add_row(Row row) {
  check_row(row);
  rows_.push_back(std::move(row));
  totals_are_sums_ = false;  // totals computed before this row no longer sum the column
}

void ReportTable::check_row(const Row& row) const {
  if (row.size() != columns_.size()) {
    throw std::logic_error("report " + name_ + ": a row has " + std::to_string(row.size()) +
                           " cells for " + std::to_string(columns_.size()) + " columns");
  }
  for (size_t i = 0; i < row.size(); ++i) {
    if (!cell_fits(row[i], columns_[i].type)) {
      throw std::logic_error("report " + name_ + ": a cell of column " + columns_[i].key +
                             " does not have the column's type");
    }
  }
}

void ReportTable::set_totals(Row totals) {
  check_row(totals);
  SUBSIDY_ASSERT_MSG(std::holds_alternative<std::monostate>(totals[0]),
                     "column 0 of the totals holds the label");
  totals_ = std::move(totals);
  has_totals_ = true;
  totals_are_sums_ = false;
}

void ReportTable::set_totals_label(std::string label_zh, std::string label_en) {
  SUBSIDY_ASSERT(!label_zh.empty() && !label_en.empty());
  totals_label_zh_ = std::move(label_zh);
  totals_label_en_ = std::move(label_en);
}

std::string ReportTable::totals_row_label(Language lang) const {
  if (totals_label_zh_.empty()) return totals_label(lang);
  return lang == Language::zh ? totals_label_zh_ : totals_label_en_;
}

std::vector<Row> ReportTable::closing_rows(Language lang) const {
  std::vector<Row> rows;
  if (has_totals_) {
    rows.push_back(totals_);
    rows.back()[0] = totals_row_label(lang);
  }
  for (const FooterRow& footer : footers_) {
    rows.push_back(footer.cells);
    rows.back()[0] = footer.label(lang);
  }
  return rows;
}

void ReportTable::add_footer(FooterRow footer) {
  check_row(footer.cells);
  SUBSIDY_ASSERT_MSG(!columns_.empty() && columns_[0].type == ColumnType::text,
                     "column 0 holds the label");
  footers_.push_back(std::move(footer));
}

void ReportTable::compute_totals() {
  SUBSIDY_ASSERT_MSG(!columns_.empty() && columns_[0].type == ColumnType::text,
                     "column 0 holds the label");
  totals_.assign(columns_.size(), Cell{});
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (!columns_[c].summed) continue;
    if (columns_[c].type == ColumnType::money) {
      totals_[c] = sum_money(c);
    } else {
      Int128 count = 0;  // checked: a wrapped count would be a silent lie
      for (const Row& row : rows_) {
        if (const auto* value = std::get_if<int64_t>(&row[c])) count += *value;
      }
      totals_[c] = static_cast<int64_t>(count);
    }
  }
  has_totals_ = true;
  totals_are_sums_ = true;
}

void ReportTable::add_chart(ChartSpec chart) {
  SUBSIDY_ASSERT(chart.category_column < columns_.size());
  SUBSIDY_ASSERT(columns_[chart.category_column].type == ColumnType::text);
  for ([[maybe_unused]] size_t column : chart.value_columns) {
    SUBSIDY_ASSERT(column < columns_.size() && columns_[column].type != ColumnType::text);
  }
  charts_.push_back(std::move(chart));
}

size_t ReportTable::column_index(const std::string& key) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].key == key) return i;
  }
  throw std::logic_error("report " + name_ + " has no column " + key);
}

Money ReportTable::sum_money(size_t column) const {
  Money sum;
  for (const Row& row : rows_) {
    if (const auto* amount = std::get_if<Money>(&row[column])) sum += *amount;
  }
  return sum;
}

const char* totals_label(Language lang) {
  return lang == Language::zh ? "合计" : "Total";
}

const char* ledger_head_label(Language lang) {
  return lang == Language::zh ? "账本头摘要" : "Ledger head digest";
}

}  // namespace subsidy::reports
