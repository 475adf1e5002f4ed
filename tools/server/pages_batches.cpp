// 拨付: the batches of payment, a new batch proposed by a maker, each batch's review page (every
// item with payee, account, bank, amount, warnings and the totals), its approval or rejection by a
// checker who is not its maker, the export of its bank file by a cashier (downloaded at once) and
// its vouchers — the same operations (ops/batch.h: create_batch, approve_batch, cancel_batch,
// export_batch) as `subsidy batch create|approve|cancel|export`, signed by the logged-in person,
// and the same renderings as `subsidy batch vouchers`.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/bankfiles/voucher.h"
#include "ledger/bankfiles/voucher_pdf.h"
#include "ledger/base/error.h"
#include "ledger/ops/batch.h"
#include "ledger/payments/payments.h"
#include "ledger/tables/writers.h"
#include "tools/server/app.h"

namespace subsidy::server {

namespace {

std::string state_text(Language lang, BatchState state) {
  switch (state) {
    case BatchState::proposed:
      return tr(lang, "待复核", "proposed");
    case BatchState::approved:
      return tr(lang, "已复核", "approved");
    case BatchState::exported:
      return tr(lang, "已导出", "exported");
    case BatchState::cancelled:
      return tr(lang, "已退回", "cancelled");
  }
  return "";
}

constexpr size_t kMaxReasonBytes = 500;

// The bank file formats offered to a cashier: the form's value, the export's format and built-in
// template, the file's extension and its label.
struct BankFileChoice {
  const char* value;
  ops::BankFileFormat format;
  const char* bank;  // nullptr: the format's default
  const char* extension;
  const char* label;
};
constexpr BankFileChoice kBankFileChoices[] = {
    {"pain001v9", ops::BankFileFormat::pain001v9, nullptr, "xml", "pain.001.001.09 XML"},
    {"pain001v3", ops::BankFileFormat::pain001v3, nullptr, "xml", "pain.001.001.03 XML"},
    {"csv", ops::BankFileFormat::csv, nullptr, "csv", "网银批量 CSV (UTF-8)"},
    {"csv-gbk", ops::BankFileFormat::csv, "gbk", "csv", "网银批量 CSV (GBK)"},
};

// The export form (a cashier, an approved or exported batch) and the voucher links (a batch that
// was approved).
std::string batch_file_links(const RequestContext& context, const BatchSummary& summary) {
  const Language lang = context.lang;
  const std::string base = "/batches/" + std::to_string(summary.batch_id);
  std::string html;
  const bool exportable =
      summary.state == BatchState::approved || summary.state == BatchState::exported;
  if (exportable && people::has_role(context.person.roles, "cashier")) {
    html += "<form method=\"post\" action=\"" + base + "/export\" id=\"export\">" +
            csrf_field(*context.session) + tr(lang, "银行文件格式 ", "Bank file format ") +
            "<select name=\"format\">";
    for (const BankFileChoice& choice : kBankFileChoices) {
      html += "<option value=\"" + std::string(choice.value) + "\">" + choice.label + "</option>";
    }
    html += "</select> <button type=\"submit\">" +
            tr(lang, "导出并下载银行文件", "Export and download the bank file") +
            "</button></form>";
    if (summary.state == BatchState::exported) {
      html +=
          "<p class=\"warn\">" +
          tr(lang, "本批已导出：同一格式再次导出得到相同文件；不要向银行重复上传，否则会重复付款",
             "Exported before: the same format gives the same file; never upload twice") +
          "</p>";
    }
  }
  if (exportable) {
    html += "<p>" + tr(lang, "付款凭证：", "Vouchers: ") + "<a href=\"" + base +
            "/vouchers.html\">HTML</a>";
    if (summary.state == BatchState::exported) {
      html +=
          " · <a href=\"" + base + "/vouchers.pdf\">" + tr(lang, "记账凭证 PDF", "PDF") + "</a>";
    }
    html += "</p>";
  }
  return html;
}

// The display name of a recorded actor (a login), as the vouchers print it.
std::string display_name(Db& db, const std::string& actor) {
  if (actor.empty()) return actor;
  try {
    const std::optional<people::Person> person =
        people::find_person(db, people::person_login(actor));
    if (person && !person->display_name.empty()) return person->display_name;
  } catch (const RefusedError&) {
  }
  return actor;
}

// Bytes written by a library that writes files (the PDF writer): a private directory, removed
// before returning.
std::string through_temporary_file(const std::function<void(const std::string&)>& write) {
  std::string pattern = (std::filesystem::temp_directory_path() / "subsidy-web-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw RefusedError("cannot make a temporary directory");
  const std::filesystem::path directory(pattern);
  std::string bytes;
  try {
    const std::string path = (directory / "file").string();
    write(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  } catch (...) {
    std::filesystem::remove_all(directory);
    throw;
  }
  std::filesystem::remove_all(directory);
  return bytes;
}

}  // namespace

void App::batches(RequestContext& context) {
  const Language lang = context.lang;
  std::vector<BatchSummary> all;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    all = list_batches(db_);
  }
  std::string body = "<table><tr><th>" + tr(lang, "批次", "Batch") + "</th><th>" +
                     tr(lang, "年度", "Year") + "</th><th>" + tr(lang, "状态", "State") +
                     "</th><th>" + tr(lang, "笔数", "Items") + "</th><th>" +
                     tr(lang, "金额", "Total") + "</th><th>" + tr(lang, "制单", "Made by") +
                     "</th><th>" + tr(lang, "复核", "Approved by") + "</th></tr>";
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    body += "<tr><td><a href=\"/batches/" + std::to_string(it->batch_id) + "\">" +
            html_escape(it->reference) + "</a></td><td>" + std::to_string(it->year) + "</td><td>" +
            state_text(lang, it->state) + "</td><td class=\"num\">" +
            reports::format_integer_grouped(it->item_count) + "</td><td class=\"num\">" +
            format_grouped(it->total) + "</td><td>" + html_escape(it->created_by) + "</td><td>" +
            html_escape(it->approved_by) + "</td></tr>";
  }
  body += "</table>";
  if (all.empty()) body += "<p>" + tr(lang, "还没有批次", "No batches yet") + "</p>";
  if (people::has_role(context.person.roles, "maker")) {
    std::optional<int64_t> year;
    {
      std::lock_guard lock(ledger_mutex_);
      year = year_of(context);
    }
    body += "<form method=\"post\" action=\"/batches/create\" id=\"create\">" +
            csrf_field(*context.session) + tr(lang, "奖补年度 ", "Award year ") +
            "<input name=\"year\" size=\"5\" value=\"" + std::to_string(year.value_or(0)) +
            "\"> <button type=\"submit\">" + tr(lang, "生成拨付批次", "Propose a batch") +
            "</button></form>";
  }
  context.res.set_content(page_html(context, tr(lang, "拨付", "Payments"), body),
                          "text/html; charset=utf-8");
}

void App::batch_view(RequestContext& context) {
  const Language lang = context.lang;
  const std::string id = context.req.matches[1];
  std::optional<BatchSummary> summary;
  PaymentBatch batch;
  std::vector<ItemProgress> progress;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    int64_t batch_id = 0;
    try {
      batch_id = find_batch(db_, id);
    } catch (const RefusedError&) {
      context.res.status = 404;
      return;
    }
    summary = batch_summary(db_, batch_id);
    batch = load_batch(db_, batch_id);
    progress = batch_progress(db_, batch_id);
  }
  std::string body = "<p>" + html_escape(summary->reference) + " · " +
                     state_text(lang, summary->state) + " · " + tr(lang, "制单 ", "made by ") +
                     html_escape(summary->created_by) + " " + html_escape(summary->created_at);
  if (!summary->approved_by.empty()) {
    body += " · " + tr(lang, "复核 ", "approved by ") + html_escape(summary->approved_by) + " " +
            html_escape(summary->approved_at);
  }
  body += "</p><table><tr><th>#</th><th>" + tr(lang, "收款人", "Payee") + "</th><th>" +
          tr(lang, "统一社会信用代码", "USCC") + "</th><th>" + tr(lang, "账号", "Account") +
          "</th><th>" + tr(lang, "开户行", "Bank") + "</th><th>" + tr(lang, "金额", "Amount") +
          "</th><th>" + tr(lang, "提示", "Warnings") + "</th><th>" + tr(lang, "状态", "State") +
          "</th></tr>";
  size_t number = 0;
  for (const PaymentItem& item : batch.items) {
    const ItemProgress* state =
        number < progress.size() && progress[number].end_to_end_id == item.end_to_end_id
            ? &progress[number]
            : nullptr;
    std::string warnings;
    if (item.account_changed_on) {
      warnings += tr(lang, "账户 30 天内变更（", "account changed within 30 days (") +
                  html_escape(*item.account_changed_on) + tr(lang, "）", ")");
    }
    if (state && state->previous_rejection) {
      warnings += (warnings.empty() ? "" : "; ") + tr(lang, "以前被退回：", "rejected before: ") +
                  html_escape(*state->previous_rejection);
    }
    body +=
        "<tr><td class=\"num\">" + std::to_string(++number) + "</td><td>" +
        html_escape(item.payee_name) + "</td><td>" + html_escape(item.uscc) + "</td><td>" +
        html_escape(item.account_no) + "</td><td>" + html_escape(item.bank_name) + " " +
        html_escape(item.cnaps_code) + "</td><td class=\"num\">" + format_grouped(item.amount) +
        "</td><td class=\"warn\">" + warnings + "</td><td>" +
        (state ? html_escape(state->state + " " + state->bank_status + " " + state->reason) : "") +
        "</td></tr>";
  }
  body += "<tr class=\"total\"><td></td><td>" + tr(lang, "合计", "Total") +
          "</td><td></td><td></td><td>" + reports::format_integer_grouped(summary->item_count) +
          tr(lang, " 笔", " items") + "</td><td class=\"num\">" + format_grouped(summary->total) +
          "</td><td></td><td></td></tr></table>";
  const bool checker = people::has_role(context.person.roles, "checker");
  if (summary->state == BatchState::proposed && checker) {
    const std::string action = "/batches/" + std::to_string(summary->batch_id);
    body += "<form method=\"post\" action=\"" + action + "/approve\">" +
            csrf_field(*context.session) + "<button type=\"submit\">" +
            tr(lang, "复核通过", "Approve") + "</button></form>";
    body += "<form method=\"post\" action=\"" + action + "/reject\">" +
            csrf_field(*context.session) + tr(lang, "退回理由 ", "Reason ") +
            "<input name=\"reason\" maxlength=\"200\" required> "
            "<button type=\"submit\">" +
            tr(lang, "退回", "Reject") + "</button></form>";
  }
  body += batch_file_links(context, *summary);
  context.res.set_content(
      page_html(context, tr(lang, "批次复核 ", "Batch review ") + summary->reference, body),
      "text/html; charset=utf-8");
}

void App::batch_action(RequestContext& context, bool approve) {
  const Language lang = context.lang;
  const std::string id = context.req.matches[1];
  std::string reason;
  if (!approve) {
    const auto it = context.form.find("reason");
    reason = it == context.form.end() ? "" : it->second;
    if (reason.empty() || reason.size() > kMaxReasonBytes) {
      return message(context, 400,
                     tr(lang, "退回要写理由（不超过 500 字节）",
                        "A rejection needs a reason (at most 500 bytes)"));
    }
  }
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      if (approve) {
        ops::OpContext op = op_context(*context.session, "batch approve", "batch approve " + id);
        const BatchSummary summary = ops::approve_batch(op, {id}).summary;
        line = tr(lang, "批次 ", "Batch ") + summary.reference +
               tr(lang, " 已复核通过，复核人 ", " approved by ") + summary.approved_by;
      } else {
        ops::OpContext op = op_context(*context.session, "batch cancel", "batch cancel " + id);
        const BatchSummary summary = ops::cancel_batch(op, {id, reason}).summary;
        line = tr(lang, "批次 ", "Batch ") + summary.reference + tr(lang, " 已退回", " cancelled");
      }
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  message(context, 200, line);
}

void App::batch_create(RequestContext& context) {
  const Language lang = context.lang;
  const std::optional<int64_t> year = form_year(context);
  if (!year)
    return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
  std::optional<int64_t> batch_id;
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      ops::OpContext op = op_context(*context.session, "batch create",
                                     "batch create --year " + std::to_string(*year));
      const ops::CreateBatchOutcome outcome =
          ops::create_batch(op, {AwardYear::known(*year), {}, {}});
      batch_id = outcome.created.batch_id;
      if (!batch_id) {
        line = tr(lang, "没有可以支付的款项（", "Nothing to pay (") +
               std::to_string(outcome.created.exclusions.size()) +
               tr(lang, " 项不能支付，见 subsidy batch create 的清单）", " excluded)");
      }
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  if (!batch_id) return message(context, 200, line);
  context.res.status = 303;
  context.res.set_header("Location", "/batches/" + std::to_string(*batch_id));
}

void App::batch_export(RequestContext& context) {
  const Language lang = context.lang;
  const std::string id = context.req.matches[1];
  const std::string value = form_value(context, "format");
  const BankFileChoice* choice = nullptr;
  for (const BankFileChoice& c : kBankFileChoices) {
    if (value == c.value) choice = &c;
  }
  if (choice == nullptr)
    return message(context, 400, tr(lang, "没有这种银行文件格式", "No such bank file format"));
  ops::BankFileSpec spec;
  spec.format = choice->format;
  if (choice->bank != nullptr) spec.bank = choice->bank;
  std::string bytes;
  ops::ExportBatchResult result;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      ops::OpContext op =
          op_context(*context.session, "batch export", "batch export " + id + " --format " + value);
      ops::Delivery delivery{"web download", [&bytes](const std::string& file) { bytes = file; }};
      result = ops::export_batch(op, {id, ops::bank_file_writer(spec), delivery}).result;
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  const std::string file = result.summary.reference + "-" + value + "." + choice->extension;
  context.res.set_content(bytes,
                          std::string(choice->extension) == "xml" ? "application/xml" : "text/csv");
  context.res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
}

void App::batch_vouchers(RequestContext& context, bool pdf) {
  const std::string id = context.req.matches[1];
  std::string bytes;
  std::string reference;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    try {
      const PaymentBatch batch = load_batch(db_, find_batch(db_, id));
      reference = batch.batch_id;
      if (!pdf) {
        bytes = write_vouchers_html(batch, context.lang);
      } else {
        std::vector<VoucherBooking> bookings;
        const std::vector<Entry> entries = batch_sent_entries(db_, batch);
        for (const Entry& entry : entries) {
          VoucherBooking booking{entry.entry_id, entry.posted_at, {}};
          for (const Line& line : entry.lines)
            booking.lines.emplace_back(line.account, line.amount);
          bookings.push_back(std::move(booking));
        }
        VoucherSigners signers;
        signers.maker = display_name(db_, batch.created_by);
        signers.checker = display_name(db_, batch.approved_by);
        if (!entries.empty()) signers.cashier = display_name(db_, entries.front().actor);
        const auto printed_at = options_.clock();
        bytes = through_temporary_file([&](const std::string& path) {
          write_vouchers_pdf(batch, bookings, signers, context.lang, printed_at, path);
        });
      }
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  if (pdf) {
    context.res.set_content(bytes, "application/pdf");
    context.res.set_header("Content-Disposition",
                           "attachment; filename=\"" + reference + "-vouchers.pdf\"");
    return;
  }
  // The vouchers page carries its own print stylesheet inline.
  context.res.headers.erase("Content-Security-Policy");
  context.res.set_header("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  context.res.set_content(bytes, "text/html; charset=utf-8");
}

}  // namespace subsidy::server
