// Status codes and the rule that gives each transaction of a batch one status from a return.
#include "ledger/payments/bank_return.h"

#include <array>

#include "ledger/base/check.h"

namespace subsidy {

std::optional<StatusClass> status_class(std::string_view code) {
  struct Known {
    std::string_view code;
    StatusClass kind;
  };
  // ISO 20022 ExternalPaymentTransactionStatus1Code / ExternalPaymentGroupStatus1Code.
  static constexpr std::array<Known, 16> kKnown = {{
      {"ACSC", StatusClass::settled},
      {"ACCC", StatusClass::settled},
      {"RJCT", StatusClass::rejected},
      {"CANC", StatusClass::rejected},
      {"RCVD", StatusClass::pending},
      {"ACTC", StatusClass::pending},
      {"ACCP", StatusClass::pending},
      {"ACSP", StatusClass::pending},
      {"ACWC", StatusClass::pending},
      {"ACWP", StatusClass::pending},
      {"ACFC", StatusClass::pending},
      {"PDNG", StatusClass::pending},
      {"PART", StatusClass::pending},
      {"PATC", StatusClass::pending},
      {"PRES", StatusClass::pending},
      {"BLCK", StatusClass::pending},
  }};
  for (const Known& known : kKnown) {
    SUBSIDY_ASSERT(known.code.size() == 4);  // ISO 20022 status codes are four letters
    if (known.code == code) return known.kind;
  }
  return std::nullopt;
}

BankReturnIndex::BankReturnIndex(const BankReturn& report) : report_(report) {
  for (const PaymentReturn& payment : report.payments) {
    if (!payment.payment_info_id.empty()) payments_.emplace(payment.payment_info_id, &payment);
    for (const TransactionReturn& transaction : payment.transactions) {
      transactions_.emplace(transaction.end_to_end_id, std::make_pair(&payment, &transaction));
    }
  }
  SUBSIDY_ASSERT(payments_.size() <= report.payments.size());
}

std::optional<ItemStatus> BankReturnIndex::status_for(std::string_view message_id,
                                                      std::string_view payment_info_id,
                                                      std::string_view end_to_end_id) const {
  const bool same_message =
      report_.original_message_id.empty() || report_.original_message_id == message_id;
  const PaymentReturn* payment = nullptr;
  const TransactionReturn* transaction = nullptr;
  if (auto found = transactions_.find(end_to_end_id); found != transactions_.end()) {
    std::tie(payment, transaction) = found->second;
    SUBSIDY_ASSERT(payment != nullptr && transaction != nullptr);
  } else if (auto block = payments_.find(payment_info_id); block != payments_.end()) {
    payment = block->second;
  }
  if (!same_message) return std::nullopt;
  const auto from_group = [&] {
    return ItemStatus{report_.group_status, report_.group_reason, "group", {}, {}, 0};
  };
  const auto from_payment = [&] {
    return ItemStatus{payment->status, payment->reason, "payment", {}, {}, payment->line};
  };
  // A rejection above the transaction level rejects everything under it.
  if (report_.group_status == "RJCT") return from_group();
  if (payment != nullptr && payment->status == "RJCT") return from_payment();
  if (transaction != nullptr && !transaction->status.empty()) {
    return ItemStatus{transaction->status, transaction->reason,   "transaction",
                      transaction->amount, transaction->currency, transaction->line};
  }
  if (payment != nullptr && !payment->status.empty()) return from_payment();
  if (!report_.group_status.empty()) return from_group();
  return std::nullopt;
}

}  // namespace subsidy
