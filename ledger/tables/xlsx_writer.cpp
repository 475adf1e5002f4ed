// Writes reports as one XLSX workbook through libxlsxwriter (constant-memory mode, so a report of a
// million rows streams to disk instead of being held as cells). Those streamed sheets are plaintext
// XML in libxlsxwriter's temporary files, so they go into a private directory (mode 0700) beside
// the output, removed again on every path.
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

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
// Charts are placed to the right of the table, one below the other, this many rows apart.
constexpr lxw_row_t kChartRowStep = 18;

struct Formats {
  lxw_format* heading = nullptr;
  lxw_format* money = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* total_text = nullptr;
  lxw_format* total_money = nullptr;
  lxw_format* total_integer = nullptr;
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
                lxw_format* money, lxw_format* integer, lxw_format* text, const std::string& path) {
  if (const auto* value = std::get_if<std::string>(&cell)) {
    check(worksheet_write_string(sheet, row, col, value->c_str(), text), path);
  } else if (const auto* amount = std::get_if<Money>(&cell)) {
    check(worksheet_write_number(sheet, row, col, xlsx_number_from_fen(amount->fen()), money),
          path);
  } else if (const auto* count = std::get_if<int64_t>(&cell)) {
    check(worksheet_write_number(sheet, row, col, xlsx_number_from_count(*count), integer), path);
  } else if (text != nullptr) {
    check(worksheet_write_blank(sheet, row, col, text), path);  // keeps the totals border
  }
}

void add_charts(lxw_workbook* book, lxw_worksheet* sheet, const std::string& name,
                const ReportTable& table, Language lang, const std::string& path) {
  if (table.rows().empty()) return;  // an empty chart says nothing
  const auto last_row = static_cast<lxw_row_t>(table.rows().size());
  const auto anchor_col = static_cast<lxw_col_t>(table.columns().size() + 1);
  lxw_row_t anchor_row = 1;
  for (const ChartSpec& spec : table.charts()) {
    lxw_chart* chart = workbook_add_chart(
        book, spec.kind == ChartSpec::Kind::bar ? LXW_CHART_BAR : LXW_CHART_COLUMN);
    chart_title_set_name(chart, spec.title(lang).c_str());
    const auto category = static_cast<lxw_col_t>(spec.category_column);
    for (size_t column : spec.value_columns) {
      const auto value = static_cast<lxw_col_t>(column);
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, name.c_str(), 1, category, last_row, category);
      chart_series_set_values(series, name.c_str(), 1, value, last_row, value);
      chart_series_set_name_range(series, name.c_str(), 0, value);
    }
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    check(worksheet_insert_chart(sheet, anchor_row, anchor_col, chart), path);
    anchor_row += kChartRowStep;
  }
}

void write_sheet(lxw_workbook* book, const Formats& formats, const ReportTable& table,
                 Language lang, const std::string& name, const std::string& path) {
  const std::vector<Row> closing_rows = table.closing_rows(lang);
  const size_t rows_needed = table.rows().size() + closing_rows.size() + 2;
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
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t c = 0; c < columns.size(); ++c) {
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c),
                                 columns[c].heading(lang).c_str(), formats.heading),
          path);
  }
  lxw_row_t row_number = 1;
  for (const Row& row : table.rows()) {
    for (size_t c = 0; c < row.size(); ++c) {
      write_cell(sheet, row_number, static_cast<lxw_col_t>(c), row[c], formats.money,
                 formats.integer, nullptr, path);
    }
    ++row_number;
  }
  for (const Row& closing : closing_rows) {
    for (size_t c = 0; c < closing.size(); ++c) {
      write_cell(sheet, row_number, static_cast<lxw_col_t>(c), closing[c], formats.total_money,
                 formats.total_integer, formats.total_text, path);
    }
    ++row_number;
  }
  check(worksheet_write_string(sheet, row_number, 0, ledger_head_label(lang), nullptr), path);
  if (columns.size() > 1) {
    check(worksheet_write_string(sheet, row_number, 1, table.ledger_head().c_str(), nullptr), path);
  }
  add_charts(book, sheet, name, table, lang, path);
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
