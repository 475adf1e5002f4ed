// A payment batch as the bank files see it: who pays (the county treasury account), when the batch
// was made, and one item per payee with the amount and the words that travel with the money. Plain
// data, filled by the ledger side (payments.h) from its stored batch; every writer of a bank file
// or voucher takes one of these and nothing else, so that the same stored batch always yields the
// same bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/money/money.h"

namespace subsidy {

// The paying account, configured with `subsidy config set payer.*`.
struct Payer {
  std::string name;        // account holder, e.g. 泗阳县财政局国库
  std::string account_no;  // the treasury account number
  std::string bank_name;   // the bank that holds it
  std::string cnaps_code;  // 12-digit CNAPS bank code (支付系统行号); empty when not configured
  std::string bic;         // SWIFT BIC of that bank; empty when not configured
};

// One transfer: one payee, one amount.
struct PaymentItem {
  std::string end_to_end_id;  // unique, [A-Za-z0-9-], at most 35 characters, names the ledger item
  std::string uscc;           // the payee enterprise's unified social credit code
  std::string payee_name;     // account name as the bank knows it (收款户名)
  std::string account_no;     // 收款账号
  std::string bank_name;      // 收款行名称
  std::string cnaps_code;     // 收款行行号, 12 digits
  Money amount;               // > 0.00
  std::string policy_document;               // e.g. 泗政办发〔2022〕9号
  std::string clauses;                       // the policy clauses paid, e.g. 三(一)、三(三)
  std::vector<std::string> application_ids;  // the applications this amount settles
  std::optional<std::string> account_changed_on;  // set when the account changed within 30 days
  // The payee's master-data version (enterprise_versions.version) the bank details were taken
  // from; nullopt for items made before the ledger recorded it. Not part of any bank file.
  std::optional<int64_t> payee_version;
};

struct PaymentBatch {
  std::string batch_id;        // [A-Za-z0-9-], at most 35 characters; becomes MsgId and PmtInfId
  std::string created_at;      // UTC, "YYYY-MM-DDTHH:MM:SSZ", stored with the batch
  std::string execution_date;  // requested execution date "YYYY-MM-DD"
  std::string created_by;      // the actor who proposed the batch
  std::string approved_by;     // the approver; empty while not approved
  std::string approved_at;     // UTC time of approval; empty while not approved
  Payer payer;
  std::vector<PaymentItem> items;
};

// The largest batch the writers accept. A county pays a few hundred enterprises a year; the bound
// keeps every loop over a batch finite and every file a bank will take.
inline constexpr size_t kMaxBatchItems = 10000;

// True for a SWIFT BIC as the older pain.001.001.03 schema has it (the stricter of the two
// versions): 6 letters, a location code whose first character is not 0 or 1 and whose second is
// not the letter O, and an optional 3-character branch code.
bool is_bic(std::string_view text);

// Sum of the item amounts. Throws OverflowError when it leaves the Money range.
Money batch_total(const PaymentBatch& batch);

// Checks everything the bank files rely on: identifiers' form and uniqueness, dates' form, 12-digit
// CNAPS codes, positive amounts, no control characters in any text, a payer with a bank code, at
// least one and at most kMaxBatchItems items. Throws RefusedError naming the batch, the item's
// EndToEndId and the field. Writers call it before writing anything.
void check_payment_batch(const PaymentBatch& batch);

// The remittance words of an item (附言): policy document, clauses and applications, e.g.
// "泗政办发〔2022〕9号 三(一) 申请 A-001,A-002".
std::string remittance_text(const PaymentItem& item);

}  // namespace subsidy
