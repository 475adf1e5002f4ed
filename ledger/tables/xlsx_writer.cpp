// Writes reports as one XLSX workbook through libxlsxwriter (constant-memory mode, so a report of a
// million rows streams to disk instead of being held as cells). Those streamed sheets are plaintext
// XML in libxlsxwriter's temporary files, so they go into a private directory (mode 0700) beside
// the output, removed again on every path. Each sheet is set up to print for signature: title
// rows, landscape A4 one page wide, the heading row on every page, page numbers in the footer, the
// totals as =SUM() formulas and a 制表人/复核人/负责人 row under the table.
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "ledger/base/clock.h"
#include "ledger/base/display_width.h"
#include "ledger/base/error.h"
#include "ledger/tables/writers.h"
#include "ledger/tables/xlsx.h"

namespace subsidy::reports {

namespace {

// Excel's limits: rows per sheet, and a column width beyond which a column stops being useful.
constexpr size_t kMaxSheetRows = 1'048'576;
constexpr size_t kMaxColumnWidth = 70;
constexpr size_t kMaxSheetNameChars = 31;
// Charts are placed under the table (so that they print with it), one below the other.
constexpr lxw_row_t kChartRowStep = 18;
// The title rows above the heading row: the title, 编制单位 and 单位：元, 编制日期.
constexpr lxw_row_t kHeadingRow = 3;
constexpr uint8_t kPaperA4 = 9;
constexpr double kRowHeightPt = 15;  // Excel's default row height
// Beijing time, in which people read the 编制日期.
constexpr std::chrono::hours kBeijingOffset{8};

struct Formats {
  lxw_format* heading = nullptr;
  lxw_format* money = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* total_text = nullptr;
  lxw_format* total_money = nullptr;
  lxw_format* total_integer = nullptr;
  lxw_format* title = nullptr;
  lxw_format* unit = nullptr;     // "单位：元", right-aligned
  lxw_format* top = nullptr;      // aligned to the top of a tall row
  lxw_format* wrapped = nullptr;  // wrapped within its column, top-aligned
};

Formats make_formats(lxw_workbook* book) {
  Formats formats;
  formats.heading = workbook_add_format(book);
  format_set_bold(formats.heading);
  format_set_bg_color(formats.heading, 0xDDEBF7);
  format_set_bottom(formats.heading, LXW_BORDER_THIN);
  format_set_align(formats.heading, LXW_ALIGN_CENTER);
  formats.money = workbook_add_format(book);
  format_set_num_format(formats.money, "#,##0.00");
  formats.integer = workbook_add_format(book);
  format_set_num_format(formats.integer, "#,##0");
  formats.percent = workbook_add_format(book);
  format_set_num_format(formats.percent, "0.0%");
  formats.total_text = workbook_add_format(book);
  format_set_bold(formats.total_text);
  format_set_top(formats.total_text, LXW_BORDER_THIN);
  formats.total_money = workbook_add_format(book);
  format_set_bold(formats.total_money);
  format_set_top(formats.total_money, LXW_BORDER_THIN);
  format_set_num_format(formats.total_money, "#,##0.00");
  formats.total_integer = workbook_add_format(book);
  format_set_bold(formats.total_integer);
  format_set_top(formats.total_integer, LXW_BORDER_THIN);
  format_set_num_format(formats.total_integer, "#,##0");
  formats.title = workbook_add_format(book);
  format_set_bold(formats.title);
  format_set_font_size(formats.title, 14);
  format_set_align(formats.title, LXW_ALIGN_CENTER_ACROSS);
  formats.unit = workbook_add_format(book);
  format_set_align(formats.unit, LXW_ALIGN_RIGHT);
  formats.top = workbook_add_format(book);
  format_set_align(formats.top, LXW_ALIGN_VERTICAL_TOP);
  formats.wrapped = workbook_add_format(book);
  format_set_text_wrap(formats.wrapped);
  format_set_align(formats.wrapped, LXW_ALIGN_VERTICAL_TOP);
  return formats;
}

// Cuts `text` to at most `limit` code points (never inside a UTF-8 sequence).
std::string cut_code_points(const std::string& text, size_t limit) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80 && count++ == limit) return text.substr(0, i);
  }
  return text;
}

// A valid sheet name from a title: no []:*?/\ , at most 31 characters, unique in the workbook.
std::string sheet_name(const std::string& title, std::set<std::string>& used) {
  std::string clean;
  for (char c : title)
    clean.push_back(std::string_view("[]:*?/\\").find(c) == std::string::npos ? c : '_');
  if (clean.empty()) clean = "report";
  std::string name = cut_code_points(clean, kMaxSheetNameChars);
  for (int n = 2; !used.insert(name).second; ++n) {  // bounded by the number of tables
    const std::string suffix = " (" + std::to_string(n) + ")";
    name = cut_code_points(clean, kMaxSheetNameChars - suffix.size()) + suffix;
  }
  return name;
}

void check(lxw_error error, const std::string& path) {
  if (error != LXW_NO_ERROR) {
    throw RefusedError("cannot write " + path + ": " + lxw_strerror(error));
  }
}

// Display widths of each column (headings and every cell in display form), in Excel characters.
std::vector<size_t> column_widths(const ReportTable& table, Language lang) {
  const auto& columns = table.columns();
  std::vector<size_t> widths(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) widths[c] = display_width(columns[c].heading(lang));
  auto widen = [&widths](const Row& row) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (!std::holds_alternative<std::monostate>(row[c])) {
        widths[c] = std::max(widths[c], display_width(cell_display(row[c])));
      }
    }
  };
  for (const Row& row : table.rows()) widen(row);
  for (const Row& closing : table.closing_rows(lang)) widen(closing);
  widths[0] = std::max(widths[0], display_width(ledger_head_label(lang)));
  // +2: Excel's character width is that of a digit; bold headings and the filter margin need room.
  for (size_t& width : widths) width = std::min(width + 2, kMaxColumnWidth);
  return widths;
}

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& cell,
                lxw_format* money, lxw_format* integer, lxw_format* text, const std::string& path,
                lxw_format* percent) {
  if (const auto* value = std::get_if<std::string>(&cell)) {
    check(worksheet_write_string(sheet, row, col, value->c_str(), text), path);
  } else if (const auto* amount = std::get_if<Money>(&cell)) {
    check(worksheet_write_number(sheet, row, col, xlsx_number_from_fen(amount->fen()), money),
          path);
  } else if (const auto* count = std::get_if<int64_t>(&cell)) {
    check(worksheet_write_number(sheet, row, col, xlsx_number_from_count(*count), integer), path);
  } else if (const auto* ratio = std::get_if<Permille>(&cell)) {
    check(worksheet_write_number(sheet, row, col, xlsx_number_from_permille(ratio->value),
                                 percent),
          path);
  } else if (text != nullptr) {
    check(worksheet_write_blank(sheet, row, col, text), path);  // keeps the totals border
  }
}

// "2026年1月20日" (zh) or "2026-01-20" (en): the date in Beijing of `time`.
std::string print_date(std::chrono::system_clock::time_point time, Language lang) {
  const std::chrono::year_month_day day{
      std::chrono::floor<std::chrono::days>(time + kBeijingOffset)};
  const int year = static_cast<int>(day.year());
  const auto month = static_cast<unsigned>(day.month());
  const auto date = static_cast<unsigned>(day.day());
  if (lang == Language::zh) {
    return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(date) + "日";
  }
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, date);
  return text;
}

bool has_money_column(const ReportTable& table) {
  return std::any_of(table.columns().begin(), table.columns().end(),
                     [](const Column& column) { return column.type == ColumnType::money; });
}

// The title rows: the title (centred across the table's columns), 编制单位 and 单位：元, 编制日期.
void write_title_rows(lxw_worksheet* sheet, const Formats& formats, const ReportTable& table,
                      Language lang, const std::string& path) {
  const bool zh = lang == Language::zh;
  const auto last_col = static_cast<lxw_col_t>(table.columns().size() - 1);
  const std::string title = table.title(lang) + (table.year() > 0 ? (zh ? "（" : " (") +
                                                                        std::to_string(table.year()) +
                                                                        (zh ? "年度）" : ")")
                                                                  : "");
  check(worksheet_write_string(sheet, 0, 0, title.c_str(), formats.title), path);
  for (lxw_col_t c = 1; c <= last_col; ++c) {
    check(worksheet_write_blank(sheet, 0, c, formats.title), path);  // the span it centres in
  }
  const std::string organisation =
      (zh ? "编制单位：" : "Prepared by (unit): ") + table.organisation();
  const std::string unit = has_money_column(table) ? (zh ? "单位：元" : "Unit: yuan") : "";
  if (last_col == 0) {
    const std::string both = unit.empty() ? organisation : organisation + "    " + unit;
    check(worksheet_write_string(sheet, 1, 0, both.c_str(), nullptr), path);
  } else {
    check(worksheet_write_string(sheet, 1, 0, organisation.c_str(), nullptr), path);
    if (!unit.empty()) {
      check(worksheet_write_string(sheet, 1, last_col, unit.c_str(), formats.unit), path);
    }
  }
  std::optional<std::chrono::system_clock::time_point> printed_at;
  if (!table.printed_at().empty()) printed_at = parse_utc(table.printed_at());
  const std::string date = (zh ? "编制日期：" : "Date: ") +
                           print_date(printed_at.value_or(system_clock()()), lang);
  check(worksheet_write_string(sheet, 2, 0, date.c_str(), nullptr), path);
}

// Landscape A4, one page wide (as many pages long as it takes), the title and heading rows on
// every page, "第 N 页 共 M 页" in the footer.
void set_up_page(lxw_worksheet* sheet, Language lang, const std::string& path) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, kPaperA4);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_center_horizontally(sheet);
  check(worksheet_repeat_rows(sheet, kHeadingRow, kHeadingRow), path);
  check(worksheet_set_footer(sheet, lang == Language::zh ? "&C第 &P 页 共 &N 页" : "&CPage &P of &N"),
        path);
}

// The signature row: 制表人 / 复核人 / 负责人, spread over the table's width, blanks to sign.
void write_signature_row(lxw_worksheet* sheet, lxw_row_t row, size_t columns, Language lang,
                         const std::string& path) {
  const bool zh = lang == Language::zh;
  const std::array<const char*, 3> labels =
      zh ? std::array<const char*, 3>{"制表人：", "复核人：", "负责人："}
         : std::array<const char*, 3>{"Prepared by:", "Checked by:", "Approved by:"};
  if (columns < labels.size()) {
    const std::string all = std::string(labels[0]) + "          " + labels[1] + "          " +
                            labels[2];
    check(worksheet_write_string(sheet, row, 0, all.c_str(), nullptr), path);
    return;
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i * columns / labels.size());
    check(worksheet_write_string(sheet, row, col, labels[i], nullptr), path);
  }
}

// A totals cell of a summed column: =SUM() over the data rows, its cached value the exact total.
void write_sum(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Cell& total,
               lxw_row_t first, lxw_row_t last, lxw_format* format, const std::string& path) {
  double value = 0;
  if (const auto* amount = std::get_if<Money>(&total)) {
    value = xlsx_number_from_fen(amount->fen());
  } else if (const auto* count = std::get_if<int64_t>(&total)) {
    value = xlsx_number_from_count(*count);
  }
  char range[32];
  lxw_rowcol_to_range(range, first, col, last, col);
  const std::string formula = "=SUM(" + std::string(range) + ")";
  check(worksheet_write_formula_num(sheet, row, col, formula.c_str(), format, value), path);
}

// The value axis of a chart of amounts reads in 万元 (the cells stay in yuan).
void set_value_axis(lxw_chart* chart, const ChartSpec& spec, const ReportTable& table,
                    Language lang) {
  const bool amounts =
      std::all_of(spec.value_columns.begin(), spec.value_columns.end(),
                  [&table](size_t c) { return table.columns()[c].type == ColumnType::money; });
  if (!amounts) return;
  lxw_chart_axis* axis = spec.kind == ChartSpec::Kind::bar ? chart->x_axis : chart->y_axis;
  // One comma scales by a thousand, the escaped point puts the last digit behind it: yuan / 10,000
  // with one decimal, in both Excel and LibreOffice.
  chart_axis_set_num_format(axis, "0\\.0,");
  chart_axis_set_name(axis, lang == Language::zh ? "万元" : "10,000 yuan");
}

void add_charts(lxw_workbook* book, lxw_worksheet* sheet, const std::string& name,
                const ReportTable& table, Language lang, lxw_row_t anchor_row,
                const std::string& path) {
  if (table.rows().empty()) return;  // an empty chart says nothing
  const lxw_row_t first = kHeadingRow + 1;
  const auto last_row = static_cast<lxw_row_t>(kHeadingRow + table.rows().size());
  for (const ChartSpec& spec : table.charts()) {
    lxw_chart* chart = workbook_add_chart(
        book, spec.kind == ChartSpec::Kind::bar ? LXW_CHART_BAR : LXW_CHART_COLUMN);
    chart_title_set_name(chart, spec.title(lang).c_str());
    const auto category = static_cast<lxw_col_t>(spec.category_column);
    for (size_t column : spec.value_columns) {
      const auto value = static_cast<lxw_col_t>(column);
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, name.c_str(), first, category, last_row, category);
      chart_series_set_values(series, name.c_str(), first, value, last_row, value);
      chart_series_set_name_range(series, name.c_str(), kHeadingRow, value);
    }
    set_value_axis(chart, spec, table, lang);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    check(worksheet_insert_chart(sheet, anchor_row, 0, chart), path);
    anchor_row += kChartRowStep;
  }
}

void write_closing_rows(lxw_worksheet* sheet, const Formats& formats, const ReportTable& table,
                        const std::vector<Row>& closing_rows, lxw_row_t row_number,
                        const std::string& path) {
  const lxw_row_t first = kHeadingRow + 1;
  const auto last = static_cast<lxw_row_t>(kHeadingRow + table.rows().size());
  const bool sums = table.has_totals() && table.totals_are_sums() && !table.rows().empty();
  for (size_t r = 0; r < closing_rows.size(); ++r) {
    const Row& closing = closing_rows[r];
    for (size_t c = 0; c < closing.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (r == 0 && sums && c > 0 && table.columns()[c].summed) {
        write_sum(sheet, row_number, col, closing[c], first, last,
                  table.columns()[c].type == ColumnType::money ? formats.total_money
                                                               : formats.total_integer,
                  path);
      } else {
        write_cell(sheet, row_number, col, closing[c], formats.total_money,
                   formats.total_integer, formats.total_text, path, formats.percent);
      }
    }
    ++row_number;
  }
}

// The row [ledger_head_label, digest]. The digest wraps within its column (a row as tall as that
// takes) instead of running on to the right, which would widen the printed page.
void write_digest_row(lxw_worksheet* sheet, const Formats& formats, const ReportTable& table,
                      Language lang, const std::vector<size_t>& widths, lxw_row_t row,
                      const std::string& path) {
  if (table.columns().size() > 1) {
    const size_t per_line = std::max<size_t>(widths[1], 3) - 2;
    const size_t lines = std::max<size_t>(1, (display_width(table.ledger_head()) + per_line - 1) /
                                                 per_line);
    check(worksheet_set_row(sheet, row, kRowHeightPt * static_cast<double>(lines), nullptr),
          path);
  }
  check(worksheet_write_string(sheet, row, 0, ledger_head_label(lang), formats.top), path);
  if (table.columns().size() > 1) {
    check(worksheet_write_string(sheet, row, 1, table.ledger_head().c_str(), formats.wrapped),
          path);
  }
}

void write_sheet(lxw_workbook* book, const Formats& formats, const ReportTable& table,
                 Language lang, const std::string& name, const std::string& path) {
  const std::vector<Row> closing_rows = table.closing_rows(lang);
  const size_t rows_needed = kHeadingRow + table.rows().size() + closing_rows.size() + 4;
  if (rows_needed > kMaxSheetRows) {
    throw RefusedError("report " + table.name() + " has " + std::to_string(table.rows().size()) +
                       " rows, more than an XLSX sheet holds; use --format csv or json");
  }
  lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
  if (sheet == nullptr) throw RefusedError("cannot add sheet '" + name + "' to " + path);
  const auto& columns = table.columns();
  const std::vector<size_t> widths = column_widths(table, lang);
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    check(worksheet_set_column(sheet, col, col, static_cast<uint16_t>(widths[c]), nullptr), path);
  }
  set_up_page(sheet, lang, path);
  worksheet_freeze_panes(sheet, kHeadingRow + 1, 0);
  write_title_rows(sheet, formats, table, lang, path);
  for (size_t c = 0; c < columns.size(); ++c) {
    check(worksheet_write_string(sheet, kHeadingRow, static_cast<lxw_col_t>(c),
                                 columns[c].heading(lang).c_str(), formats.heading),
          path);
  }
  lxw_row_t row_number = kHeadingRow + 1;
  for (const Row& row : table.rows()) {
    for (size_t c = 0; c < row.size(); ++c) {
      write_cell(sheet, row_number, static_cast<lxw_col_t>(c), row[c], formats.money,
                 formats.integer, nullptr, path, formats.percent);
    }
    ++row_number;
  }
  write_closing_rows(sheet, formats, table, closing_rows, row_number, path);
  row_number += static_cast<lxw_row_t>(closing_rows.size());
  write_digest_row(sheet, formats, table, lang, widths, row_number, path);
  write_signature_row(sheet, row_number + 2, columns.size(), lang, path);
  add_charts(book, sheet, name, table, lang, row_number + 4, path);
}

// A directory only this user can enter (mkdtemp: mode 0700), removed with what is in it when it
// goes out of scope, whatever the path out.
class PrivateTempDir {
 public:
  // Creates DIR/.subsidy-xlsx-XXXXXX, DIR being the directory of `beside`. Throws RefusedError.
  explicit PrivateTempDir(const std::string& beside) {
    const std::filesystem::path parent = std::filesystem::path(beside).parent_path();
    path_ =
        ((parent.empty() ? std::filesystem::path(".") : parent) / ".subsidy-xlsx-XXXXXX").string();
    if (::mkdtemp(path_.data()) == nullptr) {
      throw RefusedError("cannot write " + beside +
                         ": temporary directory: " + std::strerror(errno));
    }
  }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
  ~PrivateTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct WorkbookCloser {
  void operator()(lxw_workbook* book) const { workbook_close(book); }
};

}  // namespace

void write_xlsx(const std::vector<const ReportTable*>& tables, Language lang,
                const std::string& path) {
  const PrivateTempDir temporary(path);  // declared first: removed after the workbook is closed
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.use_zip64 = LXW_TRUE;
  std::string tmpdir = temporary.path();
  options.tmpdir = tmpdir.data();
  std::unique_ptr<lxw_workbook, WorkbookCloser> book(workbook_new_opt(path.c_str(), &options));
  if (!book) throw RefusedError("cannot create " + path);
  const Formats formats = make_formats(book.get());

  std::string names;
  std::string digests;
  std::set<std::string> used;
  for (const ReportTable* table : tables) {
    write_sheet(book.get(), formats, *table, lang, sheet_name(table->title(lang), used), path);
    names += (names.empty() ? "" : " ") + table->name();
    if (digests.find(table->ledger_head()) == std::string::npos) {
      digests += (digests.empty() ? "" : " ") + table->ledger_head();
    }
  }
  const std::string comments = std::string(ledger_head_label(lang)) + ": " + digests;
  lxw_doc_properties properties{};
  properties.title = names.data();
  properties.subject = names.data();
  properties.keywords = digests.data();
  properties.comments = const_cast<char*>(comments.c_str());
  check(workbook_set_properties(book.get(), &properties), path);
  const lxw_error closed = workbook_close(book.release());
  check(closed, path);
}

}  // namespace subsidy::reports
