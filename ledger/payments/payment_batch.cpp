// The checks every bank file relies on before a byte of it is written, and the remittance words.
#include "ledger/payments/payment_batch.h"

#include <cstdint>
#include <set>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/utf8.h"
#include "ledger/masterdata/identifiers.h"

namespace subsidy {

namespace {

bool is_identifier(std::string_view text) {
  if (text.empty() || text.size() > 35) return false;
  for (const char c : text) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_digits(std::string_view text, size_t count) {
  SUBSIDY_ASSERT(count > 0);
  if (text.size() != count) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "YYYY-MM-DD" with digits in the right places (the calendar itself is the ledger's business).
bool is_iso_date(std::string_view text) {
  return text.size() == 10 && is_digits(text.substr(0, 4), 4) && text[4] == '-' &&
         is_digits(text.substr(5, 2), 2) && text[7] == '-' && is_digits(text.substr(8, 2), 2);
}

// "YYYY-MM-DDTHH:MM:SSZ".
bool is_utc_time(std::string_view text) {
  return text.size() == 20 && is_iso_date(text.substr(0, 10)) && text[10] == 'T' &&
         is_digits(text.substr(11, 2), 2) && text[13] == ':' && is_digits(text.substr(14, 2), 2) &&
         text[16] == ':' && is_digits(text.substr(17, 2), 2) && text[19] == 'Z';
}

void require(bool ok, const PaymentBatch& batch, std::string_view where, std::string_view what) {
  if (ok) return;
  SUBSIDY_ASSERT(!where.empty() && !what.empty());  // the refusal names the field and the fault
  throw RefusedError("batch " + batch.batch_id + ": " + std::string(where) + ": " +
                     std::string(what));
}

void require_text(const PaymentBatch& batch, std::string_view where, std::string_view field,
                  std::string_view value) {
  SUBSIDY_ASSERT(!field.empty());
  require(!value.empty(), batch, where, std::string(field) + " is empty");
  require(is_clean_utf8(value), batch, where,
          std::string(field) + " is not clean UTF-8 text (control character or bad byte)");
}

void check_item(const PaymentBatch& batch, const PaymentItem& item) {
  const std::string where = "item " + item.end_to_end_id;
  require(is_identifier(item.end_to_end_id), batch, "item '" + item.end_to_end_id + "'",
          "EndToEndId must be 1 to 35 of A-Z a-z 0-9 -");
  require_text(batch, where, "payee name", item.payee_name);
  require_text(batch, where, "account number", item.account_no);
  require_text(batch, where, "bank name", item.bank_name);
  require(!check_cnaps_code(item.cnaps_code), batch, where, "CNAPS code must be 12 digits");
  require(utf8_length(item.account_no) <= 34, batch, where,
          "account number longer than 34 characters");
  require(item.amount.fen() > 0, batch, where, "amount must be more than 0.00");
  require_text(batch, where, "policy document", item.policy_document);
  require(is_clean_utf8(item.clauses), batch, where, "clauses are not clean UTF-8 text");
  require(!item.application_ids.empty(), batch, where, "no application");
  for (const std::string& id : item.application_ids) require_text(batch, where, "application", id);
  SUBSIDY_ASSERT(item.amount.fen() > 0 && !item.application_ids.empty());
}

}  // namespace

bool is_bic(std::string_view text) {
  if (text.size() != 8 && text.size() != 11) return false;
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto alnum = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  for (size_t i = 0; i < text.size(); ++i) {
    if (i < 6 ? !upper(text[i]) : !alnum(text[i])) return false;
  }
  SUBSIDY_ASSERT(text.size() >= 8);
  return text[6] != '0' && text[6] != '1' && text[7] != 'O';
}

Money batch_total(const PaymentBatch& batch) {
  Money total;
  for (const PaymentItem& item : batch.items) total += item.amount;
  return total;
}

void check_payment_batch(const PaymentBatch& batch) {
  require(is_identifier(batch.batch_id), batch, "batch id", "must be 1 to 35 of A-Z a-z 0-9 -");
  require(is_utc_time(batch.created_at), batch, "creation time",
          "must be YYYY-MM-DDTHH:MM:SSZ, got '" + batch.created_at + "'");
  require(is_iso_date(batch.execution_date), batch, "execution date",
          "must be YYYY-MM-DD, got '" + batch.execution_date + "'");
  require_text(batch, "payer", "name (config payer.name)", batch.payer.name);
  require_text(batch, "payer", "account (config payer.account)", batch.payer.account_no);
  require_text(batch, "payer", "bank (config payer.bank)", batch.payer.bank_name);
  require(!batch.payer.cnaps_code.empty() || !batch.payer.bic.empty(), batch, "payer",
          "neither payer.cnaps nor payer.bic is configured");
  require(batch.payer.cnaps_code.empty() || !check_cnaps_code(batch.payer.cnaps_code), batch,
          "payer", "payer.cnaps must be 12 digits");
  require(batch.payer.bic.empty() || is_bic(batch.payer.bic), batch, "payer",
          "payer.bic '" + batch.payer.bic + "' is not a BIC (8 or 11 letters and digits)");
  require(!batch.items.empty(), batch, "items", "the batch has no item");
  require(batch.items.size() <= kMaxBatchItems, batch, "items",
          "more than " + std::to_string(kMaxBatchItems) + " items");
  std::set<std::string> seen;
  for (const PaymentItem& item : batch.items) {
    check_item(batch, item);
    require(seen.insert(item.end_to_end_id).second, batch, "item " + item.end_to_end_id,
            "EndToEndId used twice");
  }
  // Throws OverflowError when the total does not fit; every item is more than 0.00, so is the sum.
  SUBSIDY_ASSERT_MSG(batch_total(batch).fen() > 0, "a checked batch pays more than 0.00");
}

std::string remittance_text(const PaymentItem& item) {
  std::string text = item.policy_document;
  if (!item.clauses.empty()) text += " " + item.clauses;
  text += " 申请";
  for (size_t i = 0; i < item.application_ids.size(); ++i) {
    text += (i == 0 ? " " : ",") + item.application_ids[i];
  }
  SUBSIDY_ASSERT(text.size() >= item.policy_document.size());
  return text;
}

}  // namespace subsidy
