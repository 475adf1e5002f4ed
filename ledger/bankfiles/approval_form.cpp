// The 拨付审批表: the batch's items as a ReportTable and the lines around them, printed by
// reports::write_pdf.
#include "ledger/bankfiles/approval_form.h"

#include "ledger/base/check.h"

namespace subsidy {

namespace approval_print {  // named, so that a unity batch never mixes these with another file's
namespace {

std::string warnings(const ItemProgress& item, Language lang) {
  const bool zh = lang == Language::zh;
  std::string text;
  const auto add = [&text](const std::string& part) { text += (text.empty() ? "" : "；") + part; };
  if (item.account_changed_on) {
    add((zh ? "收款账户30日内变更 " : "account changed ") + *item.account_changed_on);
  }
  if (item.previous_rejection) {
    add((zh ? "此前被银行退回 " : "rejected before ") + *item.previous_rejection);
  }
  if (!item.bank_status.empty())
    add((zh ? "银行状态 " : "bank status ") + item.bank_status +
        (item.reason.empty() ? "" : " " + item.reason));
  return text;
}

const char* state_text_of(BatchState state, Language lang) {
  const bool zh = lang == Language::zh;
  switch (state) {
    case BatchState::proposed:
      return zh ? "待审批" : "proposed";
    case BatchState::approved:
      return zh ? "已审批，未导出" : "approved, not exported";
    case BatchState::exported:
      return zh ? "已导出" : "exported";
    case BatchState::cancelled:
      return zh ? "已作废" : "cancelled";
  }
  return "";
}

}  // namespace
}  // namespace approval_print

reports::ReportTable approval_form_table(const ApprovalFormData& data, Language lang) {
  using approval_print::warnings;
  using reports::ColumnType;
  reports::ReportTable table("approval-form", "奖补资金拨付审批表", "Payment approval form",
                             data.summary.year, data.ledger_head);
  table.add_column({"no", "序号", "No.", ColumnType::text, false, reports::Align::right});
  table.add_column({"payee", "收款单位", "Payee", ColumnType::text});
  table.add_column({"uscc", "统一社会信用代码", "USCC", ColumnType::text});
  table.add_column({"account_no", "收款账号", "Account", ColumnType::text});
  table.add_column({"bank", "开户银行", "Bank", ColumnType::text});
  table.add_column({"amount", "金额", "Amount", ColumnType::money, true});
  table.add_column({"basis", "政策依据", "Policy basis", ColumnType::text});
  table.add_column({"warnings", "提示", "Warnings", ColumnType::text});
  SUBSIDY_ASSERT(data.progress.empty() || data.progress.size() == data.batch.items.size());
  table.reserve_rows(data.batch.items.size());
  for (size_t i = 0; i < data.batch.items.size(); ++i) {
    const PaymentItem& item = data.batch.items[i];
    const std::string basis =
        item.policy_document + (item.clauses.empty() ? "" : " " + item.clauses);
    table.add_row({std::to_string(i + 1), item.payee_name, item.uscc, item.account_no,
                   item.bank_name, item.amount, basis,
                   data.progress.empty() ? std::string() : warnings(data.progress[i], lang)});
  }
  table.compute_totals();
  return table;
}

const char* batch_state_text(BatchState state, Language lang) {
  return approval_print::state_text_of(state, lang);
}

reports::PrintInfo approval_form_print(const ApprovalFormData& data, Language lang,
                                       reports::PrintInfo info) {
  const bool zh = lang == Language::zh;
  const BatchSummary& s = data.summary;
  const Payer& payer = data.batch.payer;
  info.details = {
      {zh ? "批次" : "Batch", s.reference + (zh ? "（奖补年度 " : " (award year ") +
                                  std::to_string(s.year) + (zh ? "）" : ")")},
      {zh ? "状态" : "State", batch_state_text(s.state, lang)},
      {zh ? "付款人" : "Payer", payer.name + " " + payer.account_no + " " + payer.bank_name},
      {zh ? "要求付款日" : "Requested execution date", data.batch.execution_date},
  };
  info.notes = {
      (zh ? "合计（小写）：¥" : "Total (figures): ¥") + format_grouped(s.total) +
          (zh ? "，共 " : ", ") + std::to_string(s.item_count) + (zh ? " 笔" : " items"),
      (zh ? "合计（大写）：" : "Total (in words): ") + format_chinese_capital(s.total),
  };
  if (!s.approval_sha256.empty()) {
    info.notes.push_back((zh ? "审批冻结内容 SHA-256：" : "Approved content SHA-256: ") +
                         s.approval_sha256);
  }
  for (const Exclusion& e : data.exclusions) {
    info.notes.push_back((zh ? "未纳入本批次：" : "Left out: ") + e.uscc + " " +
                         format_grouped(e.payable) + " " + e.reason);
  }
  info.signatures = {{zh ? "经办（制单）" : "Prepared by", data.maker_name},
                     {zh ? "复核（审批）" : "Approved by", data.checker_name},
                     {zh ? "负责人" : "Head", ""}};
  return info;
}

void write_approval_form_pdf(const ApprovalFormData& data, Language lang,
                             const reports::PrintInfo& base, const std::string& path) {
  reports::write_pdf(approval_form_table(data, lang), lang, approval_form_print(data, lang, base),
                     path);
}

}  // namespace subsidy
