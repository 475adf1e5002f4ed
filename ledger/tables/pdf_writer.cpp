// The PDF writer of a ReportTable: measures every cell with Pango, chooses portrait or landscape
// and the column widths, splits the rows into pages (a row is never split; the closing block stays
// with the last row), then draws each page with its header, heading row and page number.
#include <algorithm>
#include <numeric>

#include "ledger/base/check.h"
#include "ledger/tables/pdf.h"
#include "ledger/tables/writers.h"

namespace subsidy::reports {

namespace pdf_print {  // named, so that a unity batch never mixes these with another writer's
namespace {

// Page geometry in PostScript points (1/72 inch), the unit Cairo draws in. No amount passes through
// a double here: amounts reach the page as the text the table writer formatted from exact fen.
constexpr double kMargin = 36.0;         // 12.7 mm on every side
constexpr double kFooterSpace = 26.0;    // the page number under the body
constexpr double kPadX = 3.0;            // inside a cell, left and right
constexpr double kPadY = 2.5;            // inside a cell, top and bottom
constexpr double kMaxNaturalText = 240;  // a text column wider than this wraps anyway
constexpr double kMinTextColumn = 42;    // a wrapped text column keeps at least this width
constexpr size_t kMaxPages = 100000;     // bounds the pagination loop

const TextStyle kTitle{15.0, true, TextStyle::Align::center};
const TextStyle kMeta{9.0, false, TextStyle::Align::left};
constexpr double kCellSize = 8.5;     // the type of the cells, unless the table is too wide
constexpr double kMinCellSize = 6.0;  // the smallest type a wide table is set in
constexpr int kMaxFitRounds = 6;      // bounds the search for a type size that fits

struct PrintRow {
  std::vector<std::string> cells;
  bool bold = false;
  double height = 0;
};

struct Layout {
  bool landscape = false;
  double cell_size = kCellSize;  // points
  std::vector<double> widths;    // per column, points, padding included
  double heading_height = 0;
  double first_header = 0;  // title, meta line and details on page 1
  double later_header = 0;  // title and meta line on the following pages
  double trailer = 0;       // notes, digest and signatures after the last row
};

TextStyle heading_style(double size) {
  return {size, true, TextStyle::Align::center};
}

TextStyle cell_style(const Column& column, bool bold, double size) {
  TextStyle style{size, bold, TextStyle::Align::left};
  style.align = column.right_aligned() ? TextStyle::Align::right : TextStyle::Align::left;
  return style;
}

std::string title_line(const ReportTable& table, Language lang) {
  if (table.year() <= 0) return table.title(lang);
  return lang == Language::zh ? table.title(lang) + "（" + std::to_string(table.year()) + "年度）"
                              : table.title(lang) + " (" + std::to_string(table.year()) + ")";
}

bool has_money(const ReportTable& table) {
  return std::any_of(table.columns().begin(), table.columns().end(),
                     [](const Column& c) { return c.type == ColumnType::money; });
}

std::vector<PrintRow> print_rows(const ReportTable& table, Language lang) {
  std::vector<PrintRow> rows;
  rows.reserve(table.rows().size() + table.footers().size() + 1);
  const auto add = [&rows](const Row& row, bool bold) {
    PrintRow out;
    out.bold = bold;
    out.cells.reserve(row.size());
    for (const Cell& cell : row) out.cells.push_back(cell_display(cell));
    rows.push_back(std::move(out));
  };
  for (const Row& row : table.rows()) add(row, false);
  for (const Row& row : table.closing_rows(lang)) add(row, true);
  return rows;
}

// Each column's width on one line (capped for text), and the widths that fit `usable`.
std::vector<double> natural_widths(PdfCanvas& canvas, const ReportTable& table, Language lang,
                                   const std::vector<PrintRow>& rows, double size) {
  const std::vector<Column>& columns = table.columns();
  std::vector<double> widths(columns.size(), 0);
  for (size_t c = 0; c < columns.size(); ++c) {
    // A heading may wrap: it asks for its whole width only up to 6 characters.
    widths[c] =
        std::min(canvas.text_width(columns[c].heading(lang), heading_style(size)), 6 * size) + 1;
  }
  for (const PrintRow& row : rows) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (row.cells[c].empty() || (c == 0 && row.bold)) continue;  // labels may wrap
      widths[c] =
          std::max(widths[c], canvas.text_width(row.cells[c], cell_style(columns[c], true, size)));
    }
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].type == ColumnType::text) {
      widths[c] = std::min(widths[c], kMaxNaturalText * size / kCellSize);
    }
    widths[c] += 2 * kPadX + 1;
  }
  return widths;
}

// Fits the natural widths into `usable`: spreads what is left over every column, or narrows the
// text columns (numbers never wrap) in proportion to their natural width.
std::vector<double> fit_widths(const ReportTable& table, std::vector<double> widths, double usable,
                               double size) {
  const double total = std::accumulate(widths.begin(), widths.end(), 0.0);
  if (total <= usable) {
    for (double& w : widths) w += (usable - total) * w / total;
    return widths;
  }
  double fixed = 0;
  double text = 0;
  for (size_t c = 0; c < widths.size(); ++c) {
    (table.columns()[c].type == ColumnType::text ? text : fixed) += widths[c];
  }
  const double room = std::max(usable - fixed, 0.0);
  const double least = kMinTextColumn * size / kCellSize;
  for (size_t c = 0; c < widths.size(); ++c) {
    if (table.columns()[c].type != ColumnType::text) continue;
    widths[c] = std::max(least, text > 0 ? room * widths[c] / text : least);
  }
  // At the smallest type and still too wide: everything narrower (numbers may then wrap), never
  // off the page.
  double fitted = std::accumulate(widths.begin(), widths.end(), 0.0);
  double squeezable = 0;  // what the text columns have above a floor of two characters
  for (size_t c = 0; c < widths.size(); ++c) {
    if (table.columns()[c].type == ColumnType::text) squeezable += widths[c] - 2.5 * size;
  }
  if (fitted > usable && squeezable > 0) {
    const double keep = std::max(0.0, 1 - (fitted - usable) / squeezable);
    for (size_t c = 0; c < widths.size(); ++c) {
      if (table.columns()[c].type != ColumnType::text) continue;
      widths[c] = 2.5 * size + (widths[c] - 2.5 * size) * keep;
    }
    fitted = std::accumulate(widths.begin(), widths.end(), 0.0);
  }
  if (fitted > usable) {
    for (double& w : widths) w *= usable / fitted;
  }
  return widths;
}

// The width the table needs at least: numbers whole, text columns at their least width.
double least_width(const ReportTable& table, const std::vector<double>& natural, double size) {
  double total = 0;
  for (size_t c = 0; c < natural.size(); ++c) {
    const bool text = table.columns()[c].type == ColumnType::text;
    total += text ? std::min(natural[c], kMinTextColumn * size / kCellSize) : natural[c];
  }
  return total;
}

double row_height(PdfCanvas& canvas, const ReportTable& table, const Layout& layout,
                  const std::vector<std::string>& cells, bool bold, bool heading) {
  const std::vector<double>& widths = layout.widths;
  double height = 0;
  for (size_t c = 0; c < cells.size(); ++c) {
    const TextStyle style = heading ? heading_style(layout.cell_size)
                                    : cell_style(table.columns()[c], bold, layout.cell_size);
    height = std::max(height, canvas.text_height(cells[c], style, widths[c] - 2 * kPadX));
  }
  return height + 2 * kPadY;
}

std::vector<std::string> headings(const ReportTable& table, Language lang) {
  std::vector<std::string> out;
  for (const Column& column : table.columns()) out.push_back(column.heading(lang));
  return out;
}

// The labels of the header, the page numbers and the digest in `lang`.
struct Words {
  std::string organisation, date, unit;
  std::string page(size_t n, size_t m) const {
    return zh ? "第" + std::to_string(n) + "页 共" + std::to_string(m) + "页"
              : "Page " + std::to_string(n) + " of " + std::to_string(m);
  }
  bool zh = true;
};

Words words(Language lang) {
  if (lang == Language::zh) return {"编制单位：", "编制日期：", "单位：元", true};
  return {"Organisation: ", "Date: ", "Unit: yuan", false};
}

// What one document needs while pages are drawn.
struct Print {
  const ReportTable& table;
  Language lang;
  const PrintInfo& info;
  Layout layout;
  std::vector<PrintRow> rows;
  std::vector<std::string> heading_cells;
  std::vector<std::string> trailer_lines;  // notes and the digest line
  double usable_width = 0;
};

double meta_line(PdfCanvas& canvas, const Print& p, double y, bool draw) {
  const Words w = words(p.lang);
  const std::string left =
      w.organisation + (p.info.organisation.empty() ? "________________" : p.info.organisation);
  const std::string middle = w.date + print_date(p.info.printed_at, p.lang);
  const double third = p.usable_width / 3;
  TextStyle style = kMeta;
  double height = canvas.text_height(left, style, third * 1.4);
  if (!draw) return height + 4;
  canvas.draw_text(kMargin, y, third * 1.4, left, style);
  style.align = TextStyle::Align::center;
  canvas.draw_text(kMargin + third * 1.2, y, third * 0.8, middle, style);
  if (has_money(p.table)) {
    style.align = TextStyle::Align::right;
    canvas.draw_text(kMargin + 2 * third, y, third, w.unit, style);
  }
  return height + 4;
}

// The title, the meta line and (on page 1) the details; returns the height used.
double draw_header(PdfCanvas& canvas, const Print& p, bool first, bool draw) {
  double y = kMargin;
  const std::string title = title_line(p.table, p.lang);
  y += (draw ? canvas.draw_text(kMargin, y, p.usable_width, title, kTitle)
             : canvas.text_height(title, kTitle, p.usable_width)) +
       8;
  y += meta_line(canvas, p, y, draw);
  if (first) {
    for (const auto& detail : p.info.details) {
      const std::string text =
          detail.first + (p.lang == Language::zh ? "：" : ": ") + detail.second;
      y += (draw ? canvas.draw_text(kMargin, y, p.usable_width, text, kMeta)
                 : canvas.text_height(text, kMeta, p.usable_width)) +
           2;
    }
  }
  return y - kMargin + 4;
}

// One row of cells with its grid lines, at `y`.
void draw_row(PdfCanvas& canvas, const Print& p, double y, const std::vector<std::string>& cells,
              double height, bool bold, bool heading) {
  double x = kMargin;
  for (size_t c = 0; c < cells.size(); ++c) {
    const double w = p.layout.widths[c];
    const TextStyle style = heading ? heading_style(p.layout.cell_size)
                                    : cell_style(p.table.columns()[c], bold, p.layout.cell_size);
    canvas.draw_rect(x, y, w, height);
    canvas.draw_text(x + kPadX, y + kPadY, w - 2 * kPadX, cells[c], style);
    x += w;
  }
}

// The notes, the digest and the signature row after the last row; returns the height used.
double draw_trailer(PdfCanvas& canvas, const Print& p, double y, bool draw) {
  const double top = y;
  y += 8;
  for (const std::string& line : p.trailer_lines) {
    y += (draw ? canvas.draw_text(kMargin, y, p.usable_width, line, kMeta)
               : canvas.text_height(line, kMeta, p.usable_width)) +
         3;
  }
  y += 16;
  const auto& signatures =
      p.info.signatures.empty() ? default_signatures(p.lang) : p.info.signatures;
  const double slot = p.usable_width / static_cast<double>(std::max<size_t>(signatures.size(), 1));
  double height = 0;
  for (size_t i = 0; i < signatures.size(); ++i) {
    const std::string text =
        signatures[i].first + (p.lang == Language::zh ? "：" : ": ") + signatures[i].second;
    const double x = kMargin + slot * static_cast<double>(i);
    const double h = draw ? canvas.draw_text(x, y, slot - 6, text, kMeta)
                          : canvas.text_height(text, kMeta, slot - 6);
    if (draw) canvas.draw_line(x + canvas.text_width(text, kMeta) + 2, y + h, x + slot - 10, y + h);
    height = std::max(height, h);
  }
  return y + height + 4 - top;
}

// Splits the rows into pages: the index of the first row of each page. A row goes to the next
// page when it would cross the foot; the last row also needs room for the trailer.
std::vector<size_t> paginate(const Print& p, double page_height) {
  const double limit = page_height - kMargin - kFooterSpace;
  std::vector<size_t> starts{0};
  double y = kMargin + p.layout.first_header + p.layout.heading_height;
  for (size_t i = 0; i < p.rows.size(); ++i) {
    SUBSIDY_ASSERT(starts.size() < kMaxPages);
    const bool last = i + 1 == p.rows.size();
    const double need = p.rows[i].height + (last ? p.layout.trailer : 0);
    if (y + need > limit && starts.back() != i) {
      starts.push_back(i);
      y = kMargin + p.layout.later_header + p.layout.heading_height;
    }
    y += p.rows[i].height;
  }
  return starts;
}

void draw_pages(PdfCanvas& canvas, const Print& p, const std::vector<size_t>& starts) {
  const Words w = words(p.lang);
  for (size_t page = 0; page < starts.size(); ++page) {
    if (page > 0) canvas.next_page();
    double y = kMargin + draw_header(canvas, p, page == 0, true);
    draw_row(canvas, p, y, p.heading_cells, p.layout.heading_height, false, true);
    y += p.layout.heading_height;
    const size_t end = page + 1 < starts.size() ? starts[page + 1] : p.rows.size();
    for (size_t i = starts[page]; i < end; ++i) {
      draw_row(canvas, p, y, p.rows[i].cells, p.rows[i].height, p.rows[i].bold, false);
      y += p.rows[i].height;
    }
    if (page + 1 == starts.size()) draw_trailer(canvas, p, y, true);
    TextStyle foot = kMeta;
    foot.align = TextStyle::Align::center;
    canvas.draw_text(kMargin, canvas.height() - kMargin - 12, p.usable_width,
                     w.page(page + 1, starts.size()), foot);
  }
}

}  // namespace
}  // namespace pdf_print

std::vector<std::pair<std::string, std::string>> default_signatures(Language lang) {
  if (lang == Language::zh) return {{"制表", ""}, {"复核", ""}, {"负责人", ""}};
  return {{"Prepared by", ""}, {"Checked by", ""}, {"Head", ""}};
}

void write_pdf(const ReportTable& table, Language lang, const PrintInfo& info,
               const std::string& path) {
  using namespace pdf_print;
  PdfCanvas canvas(path, kA4WidthPt, kA4HeightPt, title_line(table, lang), info.printed_at);
  canvas.set_page_mark(info.page_mark);
  Print p{table,      lang, info, Layout{}, print_rows(table, lang), headings(table, lang),
          info.notes, 0};
  if (info.digest_line && !table.ledger_head().empty()) {
    p.trailer_lines.push_back(std::string(ledger_head_label(lang)) + ": " + table.ledger_head());
  }
  std::vector<double> natural = natural_widths(canvas, table, lang, p.rows, kCellSize);
  const double total = std::accumulate(natural.begin(), natural.end(), 0.0);
  p.layout.landscape = total > kA4WidthPt - 2 * kMargin;
  if (p.layout.landscape) canvas.set_page_size(kA4HeightPt, kA4WidthPt);
  p.usable_width = canvas.width() - 2 * kMargin;
  // Smaller type while even the narrowest layout is wider than the page.
  for (int round = 0; round < kMaxFitRounds && p.layout.cell_size > kMinCellSize; ++round) {
    const double least = least_width(table, natural, p.layout.cell_size);
    if (least <= p.usable_width) break;
    p.layout.cell_size = std::max(kMinCellSize, p.layout.cell_size * p.usable_width / least - 0.25);
    natural = natural_widths(canvas, table, lang, p.rows, p.layout.cell_size);
  }
  p.layout.widths = fit_widths(table, natural, p.usable_width, p.layout.cell_size);
  p.layout.heading_height = row_height(canvas, table, p.layout, p.heading_cells, true, true);
  for (PrintRow& row : p.rows) {
    row.height = row_height(canvas, table, p.layout, row.cells, row.bold, false);
  }
  p.layout.first_header = draw_header(canvas, p, true, false);
  p.layout.later_header = draw_header(canvas, p, false, false);
  p.layout.trailer = draw_trailer(canvas, p, 0, false);
  draw_pages(canvas, p, paginate(p, canvas.height()));
  canvas.finish();
}

}  // namespace subsidy::reports
