// The 记账凭证 PDF: drawn on the PdfCanvas of ledger/tables like the paper form — a title, the date
// and number line, a grid of 摘要 / 会计科目 / 借方金额 / 贷方金额 with five line rows and a 合计
// row (大写 beside it), 附单据, and the signature row.
#include "ledger/bankfiles/voucher_pdf.h"

#include <algorithm>

#include "ledger/base/error.h"
#include "ledger/books/chart.h"
#include "ledger/tables/pdf.h"

namespace subsidy {

namespace voucher_print {  // named, so that a unity batch never mixes these with another file's
namespace {

using reports::PdfCanvas;
using reports::TextStyle;

constexpr double kMargin = 48;
constexpr size_t kLineRows = 5;  // the paper form's rows; more lines would add rows
constexpr double kRowHeight = 36;
constexpr double kColumns[] = {0.28, 0.38, 0.17, 0.17};  // 摘要, 会计科目, 借方, 贷方

const TextStyle kText{10, false, TextStyle::Align::left};
const TextStyle kHead{10.5, true, TextStyle::Align::center};
const TextStyle kAmount{10.5, false, TextStyle::Align::right};

// `text` in the cell from x to x_end, one row high at y, centred vertically.
void cell_text(PdfCanvas& canvas, double x, double x_end, double y, const std::string& text,
               const TextStyle& style) {
  const double width = x_end - x - 8;
  const double height = canvas.text_height(text, style, width);
  canvas.draw_text(x + 4, y + std::max(0.0, (kRowHeight - height) / 2), width, text, style);
}

struct Words {
  const char* title;
  const char* number;  // "记字第 %s 号"
  const char* summary;
  const char* subject;
  const char* debit;
  const char* credit;
  const char* total;
  const char* attachments;
  const char* batch;
  const char* item;
  const char* account_changed;
  const char* signers[5];
};

constexpr Words kZh = {"记 账 凭 证",
                       "记字第 ",
                       "摘要",
                       "会计科目",
                       "借方金额",
                       "贷方金额",
                       "合计",
                       "附单据",
                       "批次",
                       "笔",
                       "收款账户近30日内变更，付款前请与企业核实：",
                       {"单位负责人", "会计主管", "复核", "出纳", "制单"}};
constexpr Words kEn = {"Accounting voucher",
                       "Voucher no. ",
                       "Summary",
                       "Account",
                       "Debit",
                       "Credit",
                       "Total",
                       "Attachments",
                       "Batch",
                       "item",
                       "Payee account changed within 30 days; confirm before paying: ",
                       {"Head", "Chief accountant", "Checked", "Cashier", "Prepared"}};

std::string date_line(const std::string& posted_at, Language lang) {
  return reports::print_date(posted_at, lang);
}

std::string summary_text(const PaymentItem& item, Language lang) {
  const std::string basis = item.policy_document + (item.clauses.empty() ? "" : " " + item.clauses);
  if (lang == Language::zh) return "拨付" + item.payee_name + "奖补资金（" + basis + "）";
  return "Subsidy paid to " + item.payee_name + " (" + basis + ")";
}

std::string subject_text(const std::string& account, const PaymentItem& item, Language lang) {
  std::string text(chart::subject_name(account, lang));
  const size_t colon = account.find(':');
  if (colon == std::string::npos) return text;
  const std::string qualifier = account.substr(colon + 1);
  return text + "—" +
         (qualifier == item.uscc ? item.payee_name + "（" + qualifier + "）" : qualifier);
}

// The grid: headings, one row per line (at least kLineRows), the 合计 row. Returns its bottom.
double draw_grid(PdfCanvas& canvas, const PaymentItem& item, const VoucherBooking& booking,
                 const Words& w, Language lang, double y) {
  const double width = canvas.width() - 2 * kMargin;
  double x[5] = {kMargin, 0, 0, 0, 0};
  for (size_t c = 0; c < 4; ++c) x[c + 1] = x[c] + width * kColumns[c];
  const char* heads[4] = {w.summary, w.subject, w.debit, w.credit};
  for (size_t c = 0; c < 4; ++c) {
    canvas.draw_rect(x[c], y, x[c + 1] - x[c], kRowHeight);
    cell_text(canvas, x[c], x[c + 1], y, heads[c], kHead);
  }
  y += kRowHeight;
  Money debit;
  Money credit;
  const size_t rows = std::max(kLineRows, booking.lines.size());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < 4; ++c) canvas.draw_rect(x[c], y, x[c + 1] - x[c], kRowHeight);
    if (r < booking.lines.size()) {
      const auto& [account, amount] = booking.lines[r];
      if (r == 0) cell_text(canvas, x[0], x[1], y, summary_text(item, lang), kText);
      cell_text(canvas, x[1], x[2], y, subject_text(account, item, lang), kText);
      const size_t column = amount.is_negative() ? 3 : 2;
      const Money shown = amount.is_negative() ? -amount : amount;
      (column == 2 ? debit : credit) += shown;
      cell_text(canvas, x[column], x[column + 1], y, format_grouped(shown), kAmount);
    }
    y += kRowHeight;
  }
  canvas.draw_rect(x[0], y, x[2] - x[0], kRowHeight);
  canvas.draw_rect(x[2], y, x[3] - x[2], kRowHeight);
  canvas.draw_rect(x[3], y, x[4] - x[3], kRowHeight);
  const std::string words = std::string(w.total) +
                            (lang == Language::zh ? "（大写）：" : " (in words): ") +
                            format_chinese_capital(debit);
  cell_text(canvas, x[0], x[2], y, words, kText);
  cell_text(canvas, x[2], x[3], y, format_grouped(debit), kAmount);
  cell_text(canvas, x[3], x[4], y, format_grouped(credit), kAmount);
  return y + kRowHeight;
}

void draw_voucher(PdfCanvas& canvas, const PaymentBatch& batch, size_t index,
                  const VoucherBooking& booking, const VoucherSigners& signers, Language lang) {
  const Words& w = lang == Language::zh ? kZh : kEn;
  const PaymentItem& item = batch.items[index];
  const double width = canvas.width() - 2 * kMargin;
  double y = kMargin;
  y += canvas.draw_text(kMargin, y, width, w.title, {20, true, TextStyle::Align::center});
  canvas.draw_line(kMargin + width * 0.38, y + 1, kMargin + width * 0.62, y + 1, 0.8);
  canvas.draw_line(kMargin + width * 0.38, y + 3.5, kMargin + width * 0.62, y + 3.5, 0.8);
  y += 14;
  const std::string where = std::string(w.batch) + " " + batch.batch_id + " · " +
                            std::to_string(index + 1) + "/" + std::to_string(batch.items.size()) +
                            " " + w.item;
  canvas.draw_text(kMargin, y, width / 3, where, kText);
  canvas.draw_text(kMargin + width / 3, y, width / 3, date_line(booking.posted_at, lang),
                   {10.5, false, TextStyle::Align::center});
  const std::string number = std::string(w.number) + std::to_string(booking.entry_id) +
                             (lang == Language::zh ? " 号" : "");
  canvas.draw_text(kMargin + 2 * width / 3, y, width / 3, number, kAmount);
  y = draw_grid(canvas, item, booking, w, lang, y + 22) + 8;
  const std::string attachments = std::string(w.attachments) + " " +
                                  std::to_string(item.application_ids.size()) +
                                  (lang == Language::zh ? " 张" : "");
  canvas.draw_text(kMargin, y, width, attachments, kAmount);
  if (item.account_changed_on) {
    canvas.draw_text(kMargin, y, width * 0.8, w.account_changed + *item.account_changed_on, kText);
  }
  y += 34;
  const std::string names[5] = {signers.head, signers.supervisor, signers.checker, signers.cashier,
                                signers.maker};
  const double slot = width / 5;
  for (size_t i = 0; i < 5; ++i) {
    const std::string text =
        std::string(w.signers[i]) + (lang == Language::zh ? "：" : ": ") + names[i];
    canvas.draw_text(kMargin + slot * static_cast<double>(i), y, slot - 6, text, kText);
  }
}

}  // namespace
}  // namespace voucher_print

void write_vouchers_pdf(const PaymentBatch& batch, const std::vector<VoucherBooking>& bookings,
                        const VoucherSigners& signers, Language language,
                        std::chrono::system_clock::time_point printed_at, const std::string& path,
                        const std::string& page_mark) {
  check_payment_batch(batch);
  if (bookings.size() != batch.items.size()) {
    throw RefusedError("批次 " + batch.batch_id +
                       " 尚未导出：记账凭证打印已入账的付款分录，请先 batch export (batch " +
                       batch.batch_id + " was not exported: no payment entries to print)");
  }
  const std::string title =
      std::string(language == Language::zh ? "记账凭证 " : "Vouchers ") + batch.batch_id;
  reports::PdfCanvas canvas(path, reports::kA4HeightPt, reports::kA4WidthPt, title, printed_at);
  canvas.set_page_mark(page_mark);
  for (size_t i = 0; i < batch.items.size(); ++i) {
    if (i > 0) canvas.next_page();
    voucher_print::draw_voucher(canvas, batch, i, bookings[i], signers, language);
  }
  canvas.finish();
}

}  // namespace subsidy
