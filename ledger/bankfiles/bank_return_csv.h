// Reading the CSV return some banks' online banking gives instead of a pain.002: one row per
// transfer with its EndToEndId, status and reason.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/payments/bank_return.h"

namespace subsidy {

// How one bank's CSV return names its columns and statuses. Each field lists the headings that
// may name it, in order of preference (the first one the file has is read).
struct BankReturnMapping {
  std::string name;                        // for messages: "generic" or the bank's file
  std::vector<std::string> end_to_end_id;  // our EndToEndId, quoted back (the upload's 备注)
  std::vector<std::string> status;         // the status: an ISO code or one of status_words
  std::vector<std::string> reason;         // the reason: code and/or text
  std::vector<std::string> amount;         // optional: the amount the bank paid
  std::map<std::string, std::string> status_words;  // the bank's words → ISO 20022 code
};

// The built-in mapping: the English headings (EndToEndId, status, reason, amount) and the Chinese
// ones banks' online banking uses (支付编号 / 备注 / 客户流水号 …, 状态 / 交易状态 / 处理结果 …,
// 原因 / 失败原因 / 返回信息 …, 金额 / 交易金额); statuses 成功, 交易成功 (ACSC), 失败, 交易失败,
// 退票, 已退票 (RJCT), 处理中 (PDNG).
BankReturnMapping default_return_mapping();

// A bank's own mapping from its TOML file, on top of the built-in statuses:
//   name = "某银行网银回单"
//   [columns]
//   end_to_end_id = "客户备注"        # or a list of headings: ["客户备注", "摘要"]
//   status = "交易结果"
//   reason = "失败原因"
//   amount = "金额"                   # optional
//   [status]
//   "已入账" = "ACSC"
//   "户名不符" = "RJCT"
// Throws InputError (FILE:LINE:COLUMN: reason) for bad TOML, a missing column entry, an empty
// heading, or a status mapped to something other than an ISO status code.
BankReturnMapping parse_return_mapping(std::string_view toml_text, const std::string& label);

// The empty return file `subsidy template bank-return` writes: UTF-8 with a BOM, one row of the
// Chinese headings 支付编号, 状态, 原因, 金额 (CRLF).
std::string bank_return_template_csv();

// Parses UTF-8 CSV (BOM accepted, RFC 4180 quoting, one header row, columns in any order) whose
// headings `mapping` names: EndToEndId, status, reason, and optionally amount (the amount the bank
// paid, checked against the batch). A status is an ISO 20022 code (ACSC, RJCT, ...) or one of the
// mapping's words (成功 (ACSC), 失败 (RJCT), 处理中 (PDNG) …). The reason is a code, a code and
// text separated by a space or colon ("AC04 账户已销户"), or free text. Returns one PaymentReturn
// with an empty id holding every row. Throws InputError listing every bad row (FILE:LINE:COLUMN:
// reason) — missing column, unknown status, empty or duplicate EndToEndId, bad amount, bad UTF-8,
// ragged row — or when there are no rows or more than kMaxBatchItems.
BankReturn read_bank_return_csv(std::string_view bytes, const std::string& label,
                                const BankReturnMapping& mapping = default_return_mapping());

}  // namespace subsidy
