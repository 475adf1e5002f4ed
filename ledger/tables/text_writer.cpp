// The aligned text table for people at a terminal (`--format table`, the default).
#include <algorithm>
#include <vector>

#include "ledger/base/display_width.h"
#include "ledger/tables/writers.h"

namespace subsidy::reports {

namespace {

// The text of every cell of `row` in display form; the totals row gets its label in column 0.
std::vector<std::string> display_row(const Row& row, const char* label) {
  std::vector<std::string> cells;
  cells.reserve(row.size());
  for (const Cell& cell : row) cells.push_back(cell_display(cell));
  if (label != nullptr && !cells.empty()) cells[0] = label;
  return cells;
}

void write_line(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
                const std::vector<Column>& columns, std::ostream& out) {
  std::string line;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) line += "  ";
    const bool right = columns[c].type != ColumnType::text;
    // The last left-aligned column is not padded: no trailing blanks on a line.
    if (c + 1 == cells.size() && !right) {
      line += cells[c];
    } else {
      line += right ? pad_left(cells[c], widths[c]) : pad_right(cells[c], widths[c]);
    }
  }
  // No trailing blanks: an empty last column must not leave spaces at the end of the line.
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

void write_rule(const std::vector<size_t>& widths, std::ostream& out) {
  std::string line;
  for (size_t c = 0; c < widths.size(); ++c) {
    if (c > 0) line += "  ";
    line += std::string(widths[c], '-');
  }
  out << line << '\n';
}

}  // namespace

void write_text(const ReportTable& table, Language lang, std::ostream& out) {
  const std::vector<Column>& columns = table.columns();
  std::vector<size_t> widths(columns.size(), 0);
  for (size_t c = 0; c < columns.size(); ++c) widths[c] = display_width(columns[c].heading(lang));
  // First pass: widths. Cells are formatted again in the second pass rather than kept, so a
  // million-row report does not hold a second copy of itself as strings.
  auto widen = [&widths](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(cells[c]));
    }
  };
  for (const Row& row : table.rows()) widen(display_row(row, nullptr));
  if (table.has_totals()) widen(display_row(table.totals(), totals_label(lang)));

  if (lang == Language::zh) {
    out << table.title(lang) << "（" << table.year() << "年度）\n";
  } else {
    out << table.title(lang) << " (year " << table.year() << ")\n";
  }
  out << ledger_head_label(lang) << ": " << table.ledger_head() << "\n\n";
  std::vector<std::string> headings;
  for (const Column& column : columns) headings.push_back(column.heading(lang));
  write_line(headings, widths, columns, out);
  write_rule(widths, out);
  for (const Row& row : table.rows()) write_line(display_row(row, nullptr), widths, columns, out);
  if (table.has_totals()) {
    write_rule(widths, out);
    write_line(display_row(table.totals(), totals_label(lang)), widths, columns, out);
  }
}

}  // namespace subsidy::reports
