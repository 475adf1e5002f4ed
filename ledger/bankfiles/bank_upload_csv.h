// The batch file for Chinese banks' corporate online banking (企业网银批量转账): a CSV whose
// columns, headings and encoding follow the bank's template. The default is the common one —
// 收款账号, 收款户名, 收款行名称, 收款行行号, 金额, 用途, 备注 in UTF-8 — and a bank that wants
// other columns or GBK gets a small TOML template file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/payments/payment_batch.h"
#include "ledger/bankfiles/text_encoding.h"

namespace subsidy {

// What a column holds.
enum class UploadField {
  payee_account,    // 收款账号
  payee_name,       // 收款户名
  payee_bank_name,  // 收款行名称
  payee_cnaps,      // 收款行行号
  amount,           // 金额, yuan with two decimals: 1500000.00
  remittance,       // 用途: remittance_text(item), what the payee sees on its statement
  end_to_end_id,    // 备注: our reference, which the bank's return quotes back
  uscc,             // the payee's unified social credit code
  batch_id,         // the batch
};

// "payee_account", ... as in the enum; nullopt for another name.
std::optional<UploadField> upload_field_from_name(std::string_view name);

struct UploadColumn {
  std::string heading;
  UploadField field;
};

struct BankUploadTemplate {
  std::string name;                   // whose template, for messages
  std::vector<UploadColumn> columns;  // in file order
  Encoding encoding = Encoding::utf8;
  bool header = true;  // first row holds the headings
};

// The common template: 收款账号, 收款户名, 收款行名称, 收款行行号, 金额, 用途 (remittance), 备注
// (EndToEndId), UTF-8, with a header row.
BankUploadTemplate default_upload_template();

// Reads a template file (TOML):
//   name = "某银行企业网银批量转账"
//   encoding = "gbk"            # or "utf-8"; optional, default utf-8
//   header = true               # optional
//   columns = [ { heading = "收款账号", field = "payee_account" }, ... ]
// Throws InputError (FILE:LINE:COLUMN: reason) for bad TOML, an unknown field or encoding, an empty
// or duplicate heading, no columns, more than 50 columns.
BankUploadTemplate parse_upload_template(std::string_view toml_text, const std::string& label);

// The file's bytes: one row per item in batch order, CRLF line ends (what Windows banking clients
// expect), RFC 4180 quoting where a field holds a comma, quote or leading/trailing space, in the
// template's encoding. Throws RefusedError when the batch fails check_payment_batch or a text
// cannot be written in the encoding (naming the item and the character).
std::string write_bank_upload_csv(const PaymentBatch& batch, const BankUploadTemplate& bank);

}  // namespace subsidy
