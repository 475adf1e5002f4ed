// The batch file for Chinese banks' corporate online banking (企业网银批量转账): a CSV whose
// columns, headings and encoding follow the bank's template. The default is the common one —
// 收款账号, 收款户名, 收款行名称, 收款行行号, 金额, 用途, 备注 in UTF-8 with a byte-order mark (so
// that Excel shows the Chinese) — a few built-in templates cover GBK and Excel viewing, and a bank
// that wants other columns gets a small TOML template file. 用途 is cut to the template's byte
// limit (banks commonly take 60 GBK bytes) at a character boundary; the ledger keeps the full text.
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
  bool bom = true;     // UTF-8 only: the file starts with EF BB BF (Excel needs it for Chinese)
  // 用途 is cut to at most this many GBK bytes (ASCII 1, every other character 2); 0: no limit.
  size_t remittance_max_bytes = 60;
  // Account, CNAPS and USCC cells are written ="digits", which Excel keeps as text. For a file
  // people open in Excel; a bank's importer would read the formula literally.
  bool excel_text = false;
};

// The first characters of `text` whose GBK width (ASCII 1 byte, any other character 2) is at most
// `max_bytes`; the whole text when max_bytes is 0 or the text fits. Never splits a character.
std::string cut_to_gbk_bytes(std::string_view text, size_t max_bytes);

// The built-in templates by name: "generic" (the default: UTF-8 with BOM), "gbk" (the same
// columns in GBK), "excel" (UTF-8 with BOM, account cells ="…" so Excel keeps every digit; for
// viewing, not uploading). nullopt for another name.
std::optional<BankUploadTemplate> builtin_upload_template(std::string_view name);
// "generic, gbk, excel": for messages.
std::string_view builtin_upload_template_names();

// The cells of the file, headings first when the template has them, as UTF-8 text (用途 cut,
// nothing quoted or encoded): what both the CSV and the XLSX writers lay out. Throws RefusedError
// when the batch fails check_payment_batch.
std::vector<std::vector<std::string>> bank_upload_rows(const PaymentBatch& batch,
                                                       const BankUploadTemplate& bank);

// The common template ("generic"): 收款账号, 收款户名, 收款行名称, 收款行行号, 金额, 用途
// (remittance, cut to 60 GBK bytes), 备注 (EndToEndId), UTF-8 with BOM, with a header row.
BankUploadTemplate default_upload_template();

// Reads a template file (TOML):
//   name = "某银行企业网银批量转账"
//   encoding = "gbk"            # or "utf-8"; optional, default utf-8
//   header = true               # optional
//   bom = true                  # optional, utf-8 only; default true
//   remittance_max_bytes = 60   # optional; 0 for no limit
//   excel_text = false          # optional; ="…" account cells (not for upload)
//   columns = [ { heading = "收款账号", field = "payee_account" }, ... ]
// Throws InputError (FILE:LINE:COLUMN: reason) for bad TOML, an unknown field or encoding, an empty
// or duplicate heading, no columns, more than 50 columns.
BankUploadTemplate parse_upload_template(std::string_view toml_text, const std::string& label);

// The file's bytes (a BOM first for UTF-8 when the template says): one row per item in batch
// order, CRLF line ends (what Windows banking clients
// expect), RFC 4180 quoting where a field holds a comma, quote or leading/trailing space, in the
// template's encoding. Throws RefusedError when the batch fails check_payment_batch or a text
// cannot be written in the encoding (naming the item and the character).
std::string write_bank_upload_csv(const PaymentBatch& batch, const BankUploadTemplate& bank);

}  // namespace subsidy
