// What a bank says back about a payment batch, whatever file it came in (pain.002 status report or
// CSV return): statuses at group, payment-information and transaction level with the bank's reason
// codes, and the rule that turns them into one status per item of the batch we sent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/money/decimal.h"
#include "ledger/money/money.h"

namespace subsidy {

// What a status means for the ledger. Only a completed settlement confirms a payment: the earlier
// acceptances (ACTC, ACCP, ACSP, ...) can still end in RJCT, and a confirmation posted on them
// would have to be undone.
enum class StatusClass {
  settled,   // ACSC, ACCC: the money reached the payee's bank; post the confirmation
  rejected,  // RJCT, CANC: the money did not leave; reverse the sent entry
  pending,  // RCVD, ACTC, ACCP, ACSP, ACWC, ACWP, ACFC, PDNG, PART, PATC, PRES, BLCK: recorded only
};

// The class of an ISO 20022 payment status code (ExternalPaymentTransactionStatus1Code and the
// group status codes); nullopt for a code outside that list.
std::optional<StatusClass> status_class(std::string_view code);

// The bank's reason: a code (StsRsnInf/Rsn/Cd or Prtry, e.g. AC04) and its free text.
struct StatusReason {
  std::string code;  // the first reason code given; empty when none
  std::string text;  // every AddtlInf, joined with "; "
};

struct TransactionReturn {
  std::string end_to_end_id;   // OrgnlEndToEndId
  std::string instruction_id;  // OrgnlInstrId; may be empty
  std::string status;          // TxSts; empty when the bank gave none
  StatusReason reason;
  std::optional<Money> amount;  // OrgnlTxRef/Amt/InstdAmt when the bank repeats it
  std::string currency;         // its Ccy
  int64_t line = 0;             // where in the file, for messages
};

struct PaymentReturn {
  std::string payment_info_id;  // OrgnlPmtInfId
  std::string status;           // PmtInfSts; may be empty
  StatusReason reason;
  std::optional<int64_t> transaction_count;  // OrgnlNbOfTxs
  std::optional<Decimal> control_sum;        // OrgnlCtrlSum, exact as written
  std::vector<TransactionReturn> transactions;
  int64_t line = 0;
};

struct BankReturn {
  std::string format;                 // "pain.002.001.03", "pain.002.001.10" or "csv"
  std::string message_id;             // GrpHdr/MsgId (empty for CSV)
  std::string created_at;             // GrpHdr/CreDtTm as written
  std::string original_message_id;    // OrgnlMsgId: our batch id when it is one of ours
  std::string original_message_name;  // OrgnlMsgNmId, e.g. pain.001.001.09
  std::optional<int64_t> original_transaction_count;
  std::optional<Decimal> original_control_sum;
  std::string group_status;  // GrpSts; may be empty
  StatusReason group_reason;
  std::vector<PaymentReturn> payments;  // CSV returns: one with an empty id holding every row
  std::vector<std::string> notes;       // tolerated irregularities, for the person importing it
};

// The status the return gives one transaction of the batch, and where it came from.
struct ItemStatus {
  std::string status;
  StatusReason reason;
  std::string level;            // "group", "payment" or "transaction"
  std::optional<Money> amount;  // the amount the bank quotes for it, if any
  std::string currency;
  int64_t line = 0;
};

// Looks statuses up by transaction. A transaction takes the TxInfAndSts naming its EndToEndId,
// else the status of its payment-information block, else the group status; a RJCT of the group or
// of its payment block applies to every transaction under it whatever their own status says.
// Keeps a reference to `report`, which must outlive the index.
class BankReturnIndex {
 public:
  explicit BankReturnIndex(const BankReturn& report);
  // The status for the transaction `end_to_end_id` sent in payment block `payment_info_id` of
  // message `message_id`; nullopt when the return says nothing about it.
  std::optional<ItemStatus> status_for(std::string_view message_id,
                                       std::string_view payment_info_id,
                                       std::string_view end_to_end_id) const;

 private:
  const BankReturn& report_;
  std::map<std::string, std::pair<const PaymentReturn*, const TransactionReturn*>, std::less<>>
      transactions_;
  std::map<std::string, const PaymentReturn*, std::less<>> payments_;
};

}  // namespace subsidy
