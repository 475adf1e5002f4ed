// The PDF form of what the bureau prints and signs, laid out with Pango (text shaping and line
// breaking of Chinese, Noto CJK fonts) on Cairo's PDF surface: a small drawing canvas (PdfCanvas)
// for forms such as the 记账凭证, and the writer of a ReportTable as an A4 print (write_pdf):
// title, 编制单位, 编制日期, 单位：元, the heading row on every page, rows never split, long cells
// wrapped, amounts right-aligned, 第 N 页 共 M 页 and a signature row. No PDF is written by hand.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ledger/tables/table.h"

namespace subsidy::reports {

// The family every print uses (fonts-noto-cjk); Pango falls back to another font only for a
// character it lacks.
inline constexpr const char* kPdfFontFamily = "Noto Sans CJK SC";

// A date as people in China read it on a print: the Beijing time (UTC+8) of `time`,
// "2026年1月20日" (zh) or "2026-01-20" (en).
std::string print_date(std::chrono::system_clock::time_point time, Language lang);
// The same from a stored UTC time "2026-01-20T08:00:00Z"; the text unchanged when it is not one.
std::string print_date(const std::string& utc_iso8601, Language lang);

// How a piece of text is set: size in points, weight, alignment within its box.
struct TextStyle {
  double size_pt = 9.0;
  bool bold = false;
  enum class Align { left, center, right } align = Align::left;
};

// A PDF file being drawn, page by page, in points from the top-left corner of the page. Text
// wraps at the given width (Chinese between any two characters, other text at word boundaries).
// The file is complete after finish(); a canvas destroyed without finish() leaves a partial file
// (callers write to a temporary name and rename, see output.h).
class PdfCanvas {
 public:
  // Opens `path` for writing, pages of `width_pt` × `height_pt`; `title` and `created` (a UTC
  // time, which keeps the file's bytes the same for the same input) go into the document
  // properties. Throws RefusedError when the file cannot be created.
  PdfCanvas(const std::string& path, double width_pt, double height_pt, const std::string& title,
            std::chrono::system_clock::time_point created);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  double width() const { return width_; }
  double height() const { return height_; }
  // Sets the size of the pages from the current one on; only before anything is drawn on it.
  void set_page_size(double width_pt, double height_pt);
  // The height `text` takes when set in `style` within `box_width` points (0: no wrapping).
  double text_height(const std::string& text, const TextStyle& style, double box_width);
  // The width of `text` on one line in `style`.
  double text_width(const std::string& text, const TextStyle& style);
  // Sets `text` with its top-left corner at (x, y), wrapped within `box_width` (and aligned in
  // it). Returns the height it took.
  double draw_text(double x, double y, double box_width, const std::string& text,
                   const TextStyle& style);
  // A straight line, `line_width` points wide.
  void draw_line(double x1, double y1, double x2, double y2, double line_width = 0.5);
  // The outline of a rectangle.
  void draw_rect(double x, double y, double w, double h, double line_width = 0.5);
  // A mark set in the top-right corner of every page from the current one on, in bold red, when
  // the page ends (e.g. 未结账 on every page of an open year's audit pack); "" for none.
  void set_page_mark(const std::string& mark) { page_mark_ = mark; }
  // Ends the page and starts the next one.
  void next_page();
  // Ends the last page and writes the rest of the file. Throws RefusedError when Cairo reports
  // an error (e.g. the disk is full).
  void finish();

 private:
  struct State;
  // Draws page_mark_ on the current page, if any.
  void draw_page_mark();

  std::unique_ptr<State> state_;
  std::string page_mark_;
  double width_ = 0;
  double height_ = 0;
};

// A4 in points, portrait.
inline constexpr double kA4WidthPt = 595.276;
inline constexpr double kA4HeightPt = 841.890;

// What a print states besides the table's cells.
struct PrintInfo {
  std::string organisation;  // 编制单位; "" prints the label with a blank to fill in by hand
  std::chrono::system_clock::time_point printed_at;  // 编制日期 (shown in Beijing time)
  // Lines under the title, each "label：value", e.g. {"批次", "SY2023-000001"}.
  std::vector<std::pair<std::string, std::string>> details;
  // Paragraphs after the table (e.g. warnings, the total in 大写), each set in full width.
  std::vector<std::string> notes;
  // The signature row: labels and, at the same index, the name printed beside it ("" leaves a
  // blank for a hand signature). Empty: 制表 / 复核 / 负责人 (Prepared / Checked / Head), blank.
  std::vector<std::pair<std::string, std::string>> signatures;
  bool digest_line = true;  // print the ledger head digest the table was read from
  // Set in the top-right corner of every page (PdfCanvas::set_page_mark); "" for none.
  std::string page_mark = {};
};

// Writes `table` as an A4 PDF at `path` (overwriting it): portrait when its columns fit, else
// landscape, text columns wrapped to fit the width; the title (and year), 编制单位, 编制日期,
// 单位：元 (when the table has a money column), the details, the heading row on every page, the
// rows (never split over two pages), the totals and footer rows, the notes, the ledger head
// digest, the signature row, and 第 N 页 共 M 页 at the foot of every page. Headings, labels and
// page numbers in `lang`. Throws RefusedError when the file cannot be written (it may then be
// partial: callers write to a temporary name and rename).
void write_pdf(const ReportTable& table, Language lang, const PrintInfo& info,
               const std::string& path);

// The default signature row of a report in `lang`: 制表 / 复核 / 负责人, all blank.
std::vector<std::pair<std::string, std::string>> default_signatures(Language lang);

}  // namespace subsidy::reports
