// 银行回单: a cashier uploads the bank's status report (pain.002 or CSV), sees its confirmations
// and rejections before anything is booked, and confirms — the same operation
// (ops/bank_return.h: import_bank_return) as `subsidy bank-return import`; the CSV rejections held
// for a checker are listed, and a checker other than the importer confirms or dismisses them
// (ops::decide_held_rejections, as `subsidy bank-return confirm|dismiss`). Signed by the
// logged-in person.
#include <charconv>
#include <filesystem>

#include "ledger/bankfiles/safe_xml.h"
#include "ledger/base/error.h"
#include "ledger/ops/bank_return.h"
#include "ledger/payments/bank_return_hold.h"
#include "tools/server/app.h"

namespace subsidy::server {

namespace {

constexpr size_t kMaxNoteBytes = 500;

std::string status_text(Language lang, const std::string& status, const StatusReason& reason) {
  std::string text;
  if (status == "ACSC" || status == "ACCC" || status == "ACSP" || status == "ACCP") {
    text = tr(lang, "成功 ", "settled ");
  } else if (status == "RJCT" || status == "CANC") {
    text = tr(lang, "退回 ", "rejected ");
  } else if (status == "PDNG" || status == "ACTC") {
    text = tr(lang, "处理中 ", "pending ");
  }
  text += status.empty() ? "-" : status;
  if (!reason.code.empty()) text += " " + reason.code;
  if (!reason.text.empty()) text += " " + reason.text;
  return text;
}

// The statuses of a return as a table: one row per transaction.
std::string return_table(Language lang, const BankReturn& report) {
  std::string html =
      "<p>" + tr(lang, "格式 ", "Format ") + html_escape(report.format) +
      (report.original_message_id.empty()
           ? ""
           : tr(lang, " · 原批次 ", " · batch ") + html_escape(report.original_message_id)) +
      tr(lang, " · 整体状态 ", " · group ") +
      html_escape(status_text(lang, report.group_status, report.group_reason)) + "</p>";
  for (const std::string& note : report.notes)
    html += "<p class=\"warn\">" + html_escape(note) + "</p>";
  html += "<table><tr><th>EndToEndId</th><th>" + tr(lang, "状态", "Status") + "</th><th>" +
          tr(lang, "金额", "Amount") + "</th></tr>";
  int64_t settled = 0, rejected = 0, other = 0;
  for (const PaymentReturn& payment : report.payments) {
    for (const TransactionReturn& tx : payment.transactions) {
      const bool is_rejected = tx.status == "RJCT" || tx.status == "CANC";
      const bool is_settled = tx.status == "ACSC" || tx.status == "ACCC";
      (is_rejected ? rejected : is_settled ? settled : other) += 1;
      html += "<tr><td>" + html_escape(tx.end_to_end_id) + "</td><td" +
              (is_rejected ? " class=\"warn\"" : "") + ">" +
              html_escape(status_text(lang, tx.status, tx.reason)) + "</td><td class=\"num\">" +
              (tx.amount ? html_escape(tx.currency + " " + format_grouped(*tx.amount)) : "") +
              "</td></tr>";
    }
  }
  html += "</table><p>" + tr(lang, "成功 ", "Settled ") + std::to_string(settled) +
          tr(lang, " 笔，退回 ", ", rejected ") + std::to_string(rejected) +
          tr(lang, " 笔，其他 ", ", other ") + std::to_string(other) + tr(lang, " 笔", "") + "</p>";
  return html;
}

std::string held_table(const RequestContext& context, const std::vector<HeldRejection>& held) {
  const Language lang = context.lang;
  std::string html = "<table><tr><th>" + tr(lang, "回单", "Return") +
                     "</th><th>EndToEndId</th><th>" + tr(lang, "收款人", "Payee") + "</th><th>" +
                     tr(lang, "金额", "Amount") + "</th><th>" +
                     tr(lang, "银行说明", "Bank's reason") + "</th><th>" +
                     tr(lang, "导入", "Imported by") + "</th></tr>";
  for (const HeldRejection& item : held) {
    html += "<tr><td>" + std::to_string(item.return_id) + " " + html_escape(item.file_name) +
            "</td><td>" + html_escape(item.end_to_end_id) + "</td><td>" +
            html_escape(item.payee_name) + "</td><td class=\"num\">" + format_grouped(item.amount) +
            "</td><td>" +
            html_escape(item.status + " " + item.reason_code + " " + item.reason_text) +
            "</td><td>" + html_escape(item.imported_by + " " + item.imported_at) + "</td></tr>";
  }
  return html + "</table>";
}

}  // namespace

void App::bank_returns(RequestContext& context) {
  const Language lang = context.lang;
  std::vector<HeldRejection> held;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    held = held_rejections(db_, std::nullopt, true);
  }
  std::string body;
  if (people::has_role(context.person.roles, "cashier")) {
    body +=
        "<form method=\"post\" action=\"/bank-returns/preview\" enctype=\"multipart/form-data\" "
        "id=\"upload\">" +
        csrf_field(*context.session) +
        tr(lang, "回单文件（pain.002 XML 或 CSV）", "Return file (pain.002 XML or CSV)") +
        " <input type=\"file\" name=\"file\" required> " + tr(lang, "CSV 编码 ", "CSV encoding ") +
        "<select name=\"encoding\"><option value=\"utf-8\">UTF-8</option>"
        "<option value=\"gbk\">GBK</option></select> <button type=\"submit\">" +
        tr(lang, "上传并预览", "Upload and preview") + "</button></form>";
  }
  body += "<h2>" +
          tr(lang, "待复核的银行退回（CSV 回单）", "Rejections held for a checker (CSV returns)") +
          "</h2>";
  if (held.empty()) {
    body += "<p class=\"ok\">" + tr(lang, "没有待复核的银行退回", "None waiting") + "</p>";
  } else {
    body += held_table(context, held);
    if (people::has_role(context.person.roles, "checker")) {
      std::vector<int64_t> returns;
      for (const HeldRejection& item : held) {
        if (returns.empty() || returns.back() != item.return_id) returns.push_back(item.return_id);
      }
      for (const int64_t id : returns) {
        const std::string action = "/bank-returns/" + std::to_string(id);
        body += "<p>" + tr(lang, "回单 ", "Return ") + std::to_string(id) + "：</p>";
        body += "<form class=\"inline\" method=\"post\" action=\"" + action + "/confirm\">" +
                csrf_field(*context.session) + "<button type=\"submit\">" +
                tr(lang, "确认退回并入账", "Confirm and book") + "</button></form>";
        body += "<form class=\"inline\" method=\"post\" action=\"" + action + "/dismiss\">" +
                csrf_field(*context.session) + tr(lang, "驳回理由 ", "Reason ") +
                "<input name=\"reason\" maxlength=\"200\" required> <button type=\"submit\">" +
                tr(lang, "驳回（不入账）", "Dismiss (book nothing)") + "</button></form>";
      }
    }
  }
  context.res.set_content(page_html(context, tr(lang, "银行回单", "Bank returns"), body),
                          "text/html; charset=utf-8");
}

void App::bank_return_preview(RequestContext& context) {
  const Language lang = context.lang;
  const httplib::MultipartFormData* file = uploaded_file(context, "file");
  if (file == nullptr)
    return message(context, 400, tr(lang, "请选择回单文件", "Choose a return file"));
  if (file->content.size() > kMaxXmlBytes) {
    return message(context, 413, tr(lang, "回单文件太大", "The return file is too large"));
  }
  const std::string encoding = form_value(context, "encoding") == "gbk" ? "gbk" : "utf-8";
  const std::string name = std::filesystem::path(file->filename).filename().string();
  std::string body;
  try {
    const ops::BankReturnFile read = ops::read_bank_return_file(
        name, file->content, encoding == "gbk" ? Encoding::gbk : Encoding::utf8);
    body = "<p>" + html_escape(name) + " · sha256 " + read.sha256 + "</p>" +
           return_table(lang, read.report);
  } catch (const RefusedError& e) {
    return message(context, 400, e.what());
  }
  const std::string token =
      keep_upload(*context.session, "return", {"", encoding, name, file->content, 0});
  body += "<form method=\"post\" action=\"/bank-returns/import\" id=\"confirm\">" +
          csrf_field(*context.session) + "<input type=\"hidden\" name=\"upload\" value=\"" + token +
          "\"><button type=\"submit\">" + tr(lang, "确认导入（入账）", "Import (book it)") +
          "</button></form>";
  if (form_value(context, "encoding") == "gbk" || name.ends_with(".csv")) {
    body +=
        "<p>" +
        tr(lang, "CSV 回单中的退回先暂挂，由另一位复核人员确认后入账。",
           "A CSV return's rejections are held until another person, a checker, confirms them.") +
        "</p>";
  }
  context.res.set_content(
      page_html(context, tr(lang, "回单预览（未入账）", "Return preview (nothing booked)"), body),
      "text/html; charset=utf-8");
}

void App::bank_return_import(RequestContext& context) {
  const Language lang = context.lang;
  const std::optional<PendingUpload> upload =
      take_upload(*context.session, "return", form_value(context, "upload"));
  if (!upload) {
    return message(
        context, 409,
        tr(lang, "预览已过期，请重新上传回单", "The preview expired: upload the file again"));
  }
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      const ops::BankReturnFile read = ops::read_bank_return_file(
          upload->file_name, upload->bytes, upload->kind == "gbk" ? Encoding::gbk : Encoding::utf8);
      ops::OpContext op = op_context(*context.session, "bank-return import",
                                     "bank-return import " + upload->file_name);
      const ReturnImportResult r = ops::import_bank_return(op, read).result;
      if (r.already_imported) {
        line = upload->file_name + tr(lang, "：此前已导入（", ": imported before (") +
               r.imported_at + tr(lang, "），没有入账", "); nothing posted");
      } else {
        line = upload->file_name + tr(lang, "：回单 ", ": return ") + std::to_string(r.return_id) +
               tr(lang, "，成功 ", ", settled ") + std::to_string(r.settled) +
               tr(lang, " 笔，退回 ", ", rejected ") + std::to_string(r.rejected) +
               tr(lang, " 笔，处理中 ", ", pending ") + std::to_string(r.pending) +
               tr(lang, " 笔，待复核 ", ", held for a checker ") + std::to_string(r.held) +
               tr(lang, " 笔", "");
      }
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  message(context, 200, line);
}

void App::bank_return_decide(RequestContext& context, bool confirm) {
  const Language lang = context.lang;
  const std::string id = context.req.matches[1];
  HoldDecisionRequest request;
  std::from_chars(id.data(), id.data() + id.size(), request.return_id);
  request.confirm = confirm;
  if (!confirm) {
    request.note = form_value(context, "reason");
    if (request.note.empty() || request.note.size() > kMaxNoteBytes) {
      return message(context, 400,
                     tr(lang, "驳回要写理由（不超过 500 字节）",
                        "A dismissal needs a reason (at most 500 bytes)"));
    }
  }
  const std::string command = confirm ? "bank-return confirm" : "bank-return dismiss";
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      ops::OpContext op = op_context(*context.session, command, command + " " + id);
      const HoldDecisionResult r = ops::decide_held_rejections(op, request).result;
      line = tr(lang, "回单 ", "Return ") + id +
             (confirm ? tr(lang, "：", ": ") + std::to_string(r.booked) +
                            tr(lang, " 笔退回已入账（付款冲回，可在新批次中重新支付）",
                               " rejections booked (paid again in the next batch)")
                      : tr(lang, "：", ": ") + std::to_string(r.dismissed) +
                            tr(lang, " 笔退回已驳回（未入账）", " dismissed (nothing booked)"));
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  message(context, 200, line);
}

}  // namespace subsidy::server
