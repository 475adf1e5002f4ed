// 拨付: the batches of payment, each batch's review page (every item with payee, account, bank,
// amount, warnings and the totals), and its approval or rejection by a checker who is not its
// maker — the same operations (ops/batch.h: approve_batch, cancel_batch) as `subsidy batch approve`
// and `subsidy batch cancel`, signed by the logged-in person.
#include "ledger/base/error.h"
#include "ledger/ops/batch.h"
#include "ledger/payments/payments.h"
#include "ledger/tables/writers.h"
#include "tools/server/app.h"

namespace subsidy::server {

namespace {

std::string state_text(Language lang, BatchState state) {
  switch (state) {
    case BatchState::proposed: return tr(lang, "待复核", "proposed");
    case BatchState::approved: return tr(lang, "已复核", "approved");
    case BatchState::exported: return tr(lang, "已导出", "exported");
    case BatchState::cancelled: return tr(lang, "已退回", "cancelled");
  }
  return "";
}

constexpr size_t kMaxReasonBytes = 500;

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
    const ItemProgress* state = number < progress.size() && progress[number].end_to_end_id ==
                                                                 item.end_to_end_id
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
    body += "<tr><td class=\"num\">" + std::to_string(++number) + "</td><td>" +
            html_escape(item.payee_name) + "</td><td>" + html_escape(item.uscc) + "</td><td>" +
            html_escape(item.account_no) + "</td><td>" + html_escape(item.bank_name) + " " +
            html_escape(item.cnaps_code) + "</td><td class=\"num\">" + format_grouped(item.amount) +
            "</td><td class=\"warn\">" + warnings + "</td><td>" +
            (state ? html_escape(state->state + " " + state->bank_status + " " + state->reason) : "") +
            "</td></tr>";
  }
  body += "<tr class=\"total\"><td></td><td>" + tr(lang, "合计", "Total") + "</td><td></td><td></td><td>" +
          reports::format_integer_grouped(summary->item_count) + tr(lang, " 笔", " items") +
          "</td><td class=\"num\">" + format_grouped(summary->total) + "</td><td></td><td></td></tr></table>";
  const bool checker = people::has_role(context.person.roles, "checker");
  if (summary->state == BatchState::proposed && checker) {
    const std::string action = "/batches/" + std::to_string(summary->batch_id);
    body += "<form method=\"post\" action=\"" + action + "/approve\">" + csrf_field(*context.session) +
            "<button type=\"submit\">" + tr(lang, "复核通过", "Approve") + "</button></form>";
    body += "<form method=\"post\" action=\"" + action + "/reject\">" + csrf_field(*context.session) +
            tr(lang, "退回理由 ", "Reason ") + "<input name=\"reason\" maxlength=\"200\" required> "
            "<button type=\"submit\">" + tr(lang, "退回", "Reject") + "</button></form>";
  }
  context.res.set_content(page_html(context, tr(lang, "批次复核 ", "Batch review ") + summary->reference,
                                    body),
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
      return message(context, 400, tr(lang, "退回要写理由（不超过 500 字节）",
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

}  // namespace subsidy::server
