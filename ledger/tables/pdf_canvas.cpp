// The drawing canvas of the PDF prints: one Cairo PDF surface, one Pango layout reused for every
// piece of text, and the dates printed on them in Beijing time.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <cmath>

#include "ledger/base/check.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/tables/pdf.h"

namespace subsidy::reports {

struct PdfCanvas::State {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;
  PangoFontDescription* font = nullptr;

  ~State() {
    if (font != nullptr) pango_font_description_free(font);
    if (layout != nullptr) g_object_unref(layout);
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
  }
};

namespace pdf_canvas {  // named, so that a unity batch never mixes these with another writer's
namespace {

constexpr double kBeijingOffsetHours = 8;

// Sets `text` into the canvas's layout in `style`, `box_width` wide (0: one unwrapped line).
void prepare_layout(PangoLayout* layout, PangoFontDescription* font, const std::string& text,
                    const TextStyle& style, double box_width) {
  pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width(layout, box_width > 0 ? static_cast<int>(box_width * PANGO_SCALE) : -1);
  PangoAlignment alignment = PANGO_ALIGN_LEFT;
  if (style.align == TextStyle::Align::center) alignment = PANGO_ALIGN_CENTER;
  if (style.align == TextStyle::Align::right) alignment = PANGO_ALIGN_RIGHT;
  pango_layout_set_alignment(layout, alignment);
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
}

}  // namespace
}  // namespace pdf_canvas

using pdf_canvas::prepare_layout;

std::string print_date(std::chrono::system_clock::time_point time, Language lang) {
  using namespace std::chrono;
  const auto beijing = time + hours(static_cast<int>(pdf_canvas::kBeijingOffsetHours));
  const year_month_day day{floor<days>(beijing)};
  const int y = static_cast<int>(day.year());
  const unsigned m = static_cast<unsigned>(day.month());
  const unsigned d = static_cast<unsigned>(day.day());
  if (lang == Language::zh) {
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  }
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
  return text;
}

std::string print_date(const std::string& utc_iso8601, Language lang) {
  const auto time = parse_utc(utc_iso8601);
  return time ? print_date(*time, lang) : utc_iso8601;
}

PdfCanvas::PdfCanvas(const std::string& path, double width_pt, double height_pt,
                     const std::string& title, std::chrono::system_clock::time_point created)
    : state_(std::make_unique<State>()), width_(width_pt), height_(height_pt) {
  state_->surface = cairo_pdf_surface_create(path.c_str(), width_pt, height_pt);
  if (cairo_surface_status(state_->surface) != CAIRO_STATUS_SUCCESS) {
    throw RefusedError("cannot write " + path + ": " +
                       cairo_status_to_string(cairo_surface_status(state_->surface)));
  }
  const std::string date = format_utc(created);
  cairo_pdf_surface_set_metadata(state_->surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(state_->surface, CAIRO_PDF_METADATA_CREATOR, "subsidy-ledger");
  cairo_pdf_surface_set_metadata(state_->surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(state_->surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  state_->cr = cairo_create(state_->surface);
  state_->layout = pango_cairo_create_layout(state_->cr);
  state_->font = pango_font_description_from_string(kPdfFontFamily);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_layout_get_context(state_->layout), options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(state_->layout);
  cairo_set_source_rgb(state_->cr, 0, 0, 0);
}

PdfCanvas::~PdfCanvas() = default;

void PdfCanvas::set_page_size(double width_pt, double height_pt) {
  cairo_pdf_surface_set_size(state_->surface, width_pt, height_pt);
  width_ = width_pt;
  height_ = height_pt;
}

double PdfCanvas::text_height(const std::string& text, const TextStyle& style, double box_width) {
  prepare_layout(state_->layout, state_->font, text, style, box_width);
  int width = 0;
  int height = 0;
  pango_layout_get_size(state_->layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double PdfCanvas::text_width(const std::string& text, const TextStyle& style) {
  prepare_layout(state_->layout, state_->font, text, style, 0);
  PangoRectangle logical;
  pango_layout_get_extents(state_->layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

double PdfCanvas::draw_text(double x, double y, double box_width, const std::string& text,
                            const TextStyle& style) {
  prepare_layout(state_->layout, state_->font, text, style, box_width);
  cairo_move_to(state_->cr, x, y);
  pango_cairo_show_layout(state_->cr, state_->layout);
  int width = 0;
  int height = 0;
  pango_layout_get_size(state_->layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

void PdfCanvas::draw_line(double x1, double y1, double x2, double y2, double line_width) {
  cairo_set_line_width(state_->cr, line_width);
  cairo_move_to(state_->cr, x1, y1);
  cairo_line_to(state_->cr, x2, y2);
  cairo_stroke(state_->cr);
}

void PdfCanvas::draw_rect(double x, double y, double w, double h, double line_width) {
  cairo_set_line_width(state_->cr, line_width);
  cairo_rectangle(state_->cr, x, y, w, h);
  cairo_stroke(state_->cr);
}

void PdfCanvas::draw_page_mark() {
  if (page_mark_.empty()) return;
  constexpr double kMarkMargin = 14.0;
  const TextStyle style{14.0, true, TextStyle::Align::right};
  const double box = text_width(page_mark_, style) + 8;
  const double x = width_ - kMarkMargin - box;
  const double h = text_height(page_mark_, style, 0) + 4;
  cairo_save(state_->cr);
  cairo_set_source_rgb(state_->cr, 0.8, 0, 0);
  draw_rect(x, kMarkMargin, box, h, 1.2);
  draw_text(x, kMarkMargin + 2, box, page_mark_, {14.0, true, TextStyle::Align::center});
  cairo_restore(state_->cr);
}

void PdfCanvas::next_page() {
  draw_page_mark();
  cairo_show_page(state_->cr);
}

void PdfCanvas::finish() {
  draw_page_mark();
  cairo_show_page(state_->cr);
  cairo_surface_finish(state_->surface);
  const cairo_status_t status = cairo_surface_status(state_->surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw RefusedError(std::string("cannot write the PDF: ") + cairo_status_to_string(status));
  }
}

}  // namespace subsidy::reports
