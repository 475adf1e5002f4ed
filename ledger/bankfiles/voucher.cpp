// The HTML payment vouchers. Built as text with every batch value passed through html_escape; the
// page layout is a bordered table like the paper 付款凭证 it replaces, A4, one item per page.
#include "ledger/bankfiles/voucher.h"

#include "ledger/base/error.h"
#include "ledger/base/html_escape.h"

namespace subsidy {

namespace {

struct Labels {
  const char* lang;
  const char* title;
  const char* batch;
  const char* item;
  const char* reference;
  const char* payer;
  const char* payer_account;
  const char* payer_bank;
  const char* payee;
  const char* uscc;
  const char* account;
  const char* bank;
  const char* cnaps;
  const char* figures;
  const char* capitals;
  const char* policy;
  const char* applications;
  const char* remittance;
  const char* execution;
  const char* made_by;
  const char* approved_by;
  const char* account_changed;
};

constexpr Labels kChinese = {"zh-CN",        "付款凭证（拨付通知）",
                             "批次",         "笔",
                             "流水号",       "付款人",
                             "付款账号",     "付款行",
                             "收款人",       "统一社会信用代码",
                             "收款账号",     "收款行",
                             "行号",         "金额（小写）",
                             "金额（大写）", "政策依据",
                             "申请",         "用途",
                             "要求付款日",   "制单",
                             "审批",         "收款账户近30日内变更，付款前请与企业核实：变更日期"};

constexpr Labels kEnglish = {"en",
                             "Payment voucher (disbursement notice)",
                             "Batch",
                             "item",
                             "Reference",
                             "Payer",
                             "Payer account",
                             "Payer bank",
                             "Payee",
                             "Unified social credit code",
                             "Account",
                             "Bank",
                             "CNAPS code",
                             "Amount",
                             "Amount in Chinese capitals",
                             "Policy",
                             "Applications",
                             "Remittance",
                             "Requested execution date",
                             "Prepared by",
                             "Approved by",
                             "Payee account changed within 30 days; confirm with the enterprise "
                             "before paying. Changed on"};

const char* const kStyle =
    "@page { size: A4; margin: 18mm; }\n"
    "body { font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", serif; margin: 0; }\n"
    ".voucher { break-after: page; page-break-after: always; padding: 4mm 0; }\n"
    ".voucher:last-child { break-after: auto; page-break-after: auto; }\n"
    "h1 { text-align: center; font-size: 20pt; letter-spacing: 0.2em; margin: 0 0 4mm; }\n"
    ".meta { display: flex; justify-content: space-between; margin: 0 0 2mm; }\n"
    "table { border-collapse: collapse; width: 100%; }\n"
    "th, td { border: 1px solid #000; padding: 2.5mm 3mm; text-align: left; }\n"
    "th { width: 22%; font-weight: normal; background: #f2f2f2; }\n"
    ".amount { font-size: 14pt; font-weight: bold; }\n"
    ".warning { border: 2px solid #b00; color: #b00; padding: 2mm 3mm; margin: 2mm 0; }\n"
    ".signatures td, .signatures th { border: none; padding-top: 6mm; }\n";

std::string row(const char* label, const std::string& value, const char* cls = nullptr) {
  const std::string open = cls != nullptr ? "<td colspan=\"3\" class=\"" + std::string(cls) + "\">"
                                          : "<td colspan=\"3\">";
  return "<tr><th>" + std::string(label) + "</th>" + open + html_escape(value) + "</td></tr>\n";
}

std::string row2(const char* label1, const std::string& value1, const char* label2,
                 const std::string& value2) {
  return "<tr><th>" + std::string(label1) + "</th><td>" + html_escape(value1) + "</td><th>" +
         label2 + "</th><td>" + html_escape(value2) + "</td></tr>\n";
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

std::string voucher(const PaymentBatch& batch, size_t index, const Labels& l) {
  const PaymentItem& item = batch.items[index];
  std::string out = "<section class=\"voucher\">\n<h1>" + std::string(l.title) + "</h1>\n";
  out += "<p class=\"meta\"><span>" + std::string(l.batch) + " " + html_escape(batch.batch_id) +
         " · " + std::to_string(index + 1) + " / " + std::to_string(batch.items.size()) + " " +
         l.item + "</span><span>" + l.reference + " " + html_escape(item.end_to_end_id) +
         "</span></p>\n";
  if (item.account_changed_on) {
    out += "<p class=\"warning\">" + std::string(l.account_changed) + " " +
           html_escape(*item.account_changed_on) + "</p>\n";
  }
  out += "<table>\n";
  out += row2(l.payer, batch.payer.name, l.payer_account, batch.payer.account_no);
  out += row(l.payer_bank, batch.payer.bank_name);
  out += row(l.payee, item.payee_name);
  out += row(l.uscc, item.uscc);
  out += row(l.account, item.account_no);
  out += row2(l.bank, item.bank_name, l.cnaps, item.cnaps_code);
  out += row(l.figures, "¥" + format_grouped(item.amount), "amount");
  out += row(l.capitals, format_chinese_capital(item.amount), "amount");
  out += row(l.policy, item.policy_document + (item.clauses.empty() ? "" : " " + item.clauses));
  out += row(l.applications, joined(item.application_ids));
  out += row(l.remittance, remittance_text(item));
  out += row(l.execution, batch.execution_date);
  out += "</table>\n<table class=\"signatures\">\n";
  out += row2(l.made_by, batch.created_by + " " + batch.created_at, l.approved_by,
              batch.approved_by + " " + batch.approved_at);
  out += "</table>\n</section>\n";
  return out;
}

}  // namespace

std::string write_vouchers_html(const PaymentBatch& batch, Language language) {
  check_payment_batch(batch);
  if (batch.approved_by.empty()) {
    throw RefusedError("batch " + batch.batch_id +
                       ": vouchers are printed for approved batches "
                       "only");
  }
  const Labels& labels = language == Language::zh ? kChinese : kEnglish;
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(labels.lang) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + labels.title + " " +
                    html_escape(batch.batch_id) + "</title>\n<style>\n" + kStyle +
                    "</style>\n</head>\n<body>\n";
  for (size_t i = 0; i < batch.items.size(); ++i) out += voucher(batch, i, labels);
  return out + "</body>\n</html>\n";
}

}  // namespace subsidy
