// Fuzz target for the bank's files: read_bank_return (pain.002 XML through the safe parser, or the
// CSV return) on any bytes. Every input must either be refused with a typed error carrying a
// one-line message, or give a report whose statuses are all ISO codes and whose references the
// status index answers for without crashing.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/payments/bank_return.h"
#include "ledger/base/error.h"
#include "ledger/bankfiles/bank_return_file.h"

namespace {

using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 64 * 1024;  // a few hundred transactions; enough for structure

void check_report(const subsidy::BankReturn& report, std::string_view input) {
  const auto known = [](const std::string& status) {
    return status.empty() || subsidy::status_class(status).has_value();
  };
  require(known(report.group_status), "group status is an ISO code", input);
  const subsidy::BankReturnIndex index(report);
  for (const subsidy::PaymentReturn& payment : report.payments) {
    require(known(payment.status), "payment status is an ISO code", input);
    for (const subsidy::TransactionReturn& tx : payment.transactions) {
      require(known(tx.status), "transaction status is an ISO code", input);
      require(!tx.end_to_end_id.empty(), "a transaction names its EndToEndId", input);
      require(!tx.amount || !tx.amount->is_negative(), "amounts are not negative", input);
      const auto status =
          index.status_for(report.original_message_id, payment.payment_info_id, tx.end_to_end_id);
      require(status.has_value() && known(status->status), "a listed transaction has a status",
              input);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    check_report(subsidy::read_bank_return(input, "fuzz"), input);
  } catch (const subsidy::InputError& e) {
    require(!e.problems().empty(), "an input error lists a problem", input);
  } catch (const subsidy::RefusedError& e) {
    const std::string message = e.what();
    require(!message.empty() && message.find('\n') == std::string::npos, "a refusal is one line",
            input);
  }
  return 0;
}
