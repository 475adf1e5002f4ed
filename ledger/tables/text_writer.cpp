// The aligned text table for people at a terminal (`--format table`, the default), laid out as the
// table's TextLayout says (the reports' layout by default).
#include <algorithm>
#include <vector>

#include "ledger/base/check.h"
#include "ledger/base/display_width.h"
#include "ledger/tables/writers.h"

namespace subsidy::reports {

namespace {

// The text of every cell of `row` in display form; a labelled row (totals, footer) gets its label
// in column 0.
std::vector<std::string> display_row(const Row& row, const std::string* label) {
  std::vector<std::string> cells;
  cells.reserve(row.size());
  for (const Cell& cell : row) cells.push_back(cell_display(cell));
  if (label != nullptr && !cells.empty()) cells[0] = *label;
  return cells;
}

// What the lines of one table share: the columns, their widths and the layout.
struct Grid {
  const std::vector<Column>& columns;
  const TextLayout& layout;
  std::vector<size_t> widths;
  size_t first_number = 0;  // the first non-text column: where a spanning label stops

  // The width a spanning label may take: columns [0, first_number) and the gaps between them.
  size_t label_span() const {
    size_t span = 0;
    for (size_t c = 0; c < first_number; ++c) span += widths[c] + (c > 0 ? 2 : 0);
    return span;
  }
};

// The cell `c` of a line padded to its column (the last left-aligned column is not padded: no
// trailing blanks on a line).
std::string aligned(const std::string& cell, size_t c, const Grid& grid) {
  const bool right = grid.columns[c].right_aligned();
  if (c + 1 == grid.columns.size() && !right) return cell;
  return right ? pad_left(cell, grid.widths[c]) : pad_right(cell, grid.widths[c]);
}

void finish_line(std::string& line, const Grid& grid, std::ostream& out) {
  // No trailing blanks: an empty last column must not leave spaces at the end of the line.
  line.erase(line.find_last_not_of(' ') + 1);
  out << grid.layout.indent << line << '\n';
}

void write_line(const std::vector<std::string>& cells, const Grid& grid, std::ostream& out) {
  std::string line;
  for (size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) line += "  ";
    line += aligned(cells[c], c, grid);
  }
  finish_line(line, grid, out);
}

// A totals or footer row: the label in column 0, or over the text columns when the layout spans.
void write_labelled(const Row& row, const std::string& label, const Grid& grid, std::ostream& out) {
  const std::vector<std::string> cells = display_row(row, &label);
  if (!grid.layout.span_labels) {
    write_line(cells, grid, out);
    return;
  }
  std::string line = pad_right(label, grid.label_span());
  for (size_t c = grid.first_number; c < cells.size(); ++c) {
    line += (c > 0 ? "  " : "") + aligned(cells[c], c, grid);
  }
  finish_line(line, grid, out);
}

void write_rule(const Grid& grid, std::ostream& out) {
  std::string line;
  for (size_t c = 0; c < grid.widths.size(); ++c) {
    if (c > 0) line += grid.layout.rule == TextLayout::Rule::full_width ? "--" : "  ";
    line += std::string(grid.widths[c], '-');
  }
  out << grid.layout.indent << line << '\n';
}

void write_header(const ReportTable& table, Language lang, std::ostream& out) {
  switch (table.text_layout().header) {
    case TextLayout::Header::title_year_digest:
      if (lang == Language::zh) {
        out << table.title(lang) << "（" << table.year() << "年度）\n";
      } else {
        out << table.title(lang) << " (year " << table.year() << ")\n";
      }
      if (const auto& policy = table.policy()) {
        out << (lang == Language::zh ? "政策: " : "Policy: ") << policy->id << " "
            << policy->document << (lang == Language::zh ? "（第 " : " (version ")
            << policy->version << (lang == Language::zh ? " 版）\n" : ")\n");
      }
      out << ledger_head_label(lang) << ": " << table.ledger_head() << "\n\n";
      return;
    case TextLayout::Header::title:
      out << table.title(lang) << '\n';
      return;
    case TextLayout::Header::none:
      return;
  }
}

// The column widths: headings, rows, then the totals and footers (whose labels widen column 0,
// or, when they span, only as far as the span falls short).
Grid measure(const ReportTable& table, Language lang) {
  const std::vector<Column>& columns = table.columns();
  Grid grid{columns, table.text_layout(), std::vector<size_t>(columns.size(), 0), columns.size()};
  for (size_t c = 0; c < columns.size(); ++c) {
    grid.widths[c] = display_width(columns[c].heading(lang));
    if (columns[c].type != ColumnType::text && grid.first_number == columns.size()) {
      grid.first_number = c;
    }
  }
  // Cells are formatted again when written rather than kept, so a million-row report does not
  // hold a second copy of itself as strings.
  auto widen = [&grid](const std::vector<std::string>& cells, size_t from) {
    for (size_t c = from; c < cells.size(); ++c) {
      grid.widths[c] = std::max(grid.widths[c], display_width(cells[c]));
    }
  };
  for (const Row& row : table.rows()) widen(display_row(row, nullptr), 0);
  std::vector<std::pair<const Row*, std::string>> labelled;
  if (table.has_totals()) labelled.emplace_back(&table.totals(), table.totals_row_label(lang));
  for (const FooterRow& footer : table.footers())
    labelled.emplace_back(&footer.cells, footer.label(lang));
  const bool span = grid.layout.span_labels;
  for (const auto& [row, label] : labelled)
    widen(display_row(*row, &label), span ? grid.first_number : 0);
  if (span) {
    for (const auto& [row, label] : labelled) {
      const size_t width = display_width(label);
      if (width > grid.label_span()) grid.widths[0] += width - grid.label_span();
    }
  }
  return grid;
}

}  // namespace

void write_text(const ReportTable& table, Language lang, std::ostream& out) {
  SUBSIDY_ASSERT(!table.columns().empty());
  const Grid grid = measure(table, lang);
  const bool rules = grid.layout.rule != TextLayout::Rule::none;
  write_header(table, lang, out);
  std::vector<std::string> headings;
  for (const Column& column : table.columns()) headings.push_back(column.heading(lang));
  write_line(headings, grid, out);
  if (rules) write_rule(grid, out);
  for (const Row& row : table.rows()) write_line(display_row(row, nullptr), grid, out);
  if (!table.has_totals() && table.footers().empty()) return;
  if (rules) write_rule(grid, out);
  if (table.has_totals()) write_labelled(table.totals(), table.totals_row_label(lang), grid, out);
  for (const FooterRow& footer : table.footers()) {
    write_labelled(footer.cells, footer.label(lang), grid, out);
  }
}

}  // namespace subsidy::reports
