// Playing the bank, for the demo, the benchmark and the tests of bank-return import: the ISO 20022
// customer payment status report (pain.002.001.10 or .03) a bank would send back for a payment
// batch we exported, settling every transfer but the ones chosen to be rejected. A real ledger
// never writes one of these; it only reads them (the payments area's readers).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ledger/money/money.h"

namespace subsidy {

enum class Pain002Version { v03, v10 };

// One transfer of the batch as it was sent.
struct SentTransfer {
  std::string end_to_end_id;  // EndToEndId (also taken as the InstrId) of the pain.001
  Money amount;               // CNY
};

// A transfer the bank refuses, with its ISO reason code and the words the bank adds.
struct Rejection {
  std::string end_to_end_id;
  std::string reason_code;  // ExternalStatusReason1Code, e.g. "AC04" (closed account)
  std::string reason_text;  // AddtlInf, at most 105 characters, e.g. "账户已销户"
};

struct StatusReportRequest {
  Pain002Version version = Pain002Version::v10;
  std::string message_id;                // the bank's own GrpHdr/MsgId, at most 35 characters
  std::string created_at;                // GrpHdr/CreDtTm, ISO date-time, e.g. 2024-12-20T09:30:00
  std::string original_message_id;       // MsgId of the pain.001 (our batch id)
  std::string original_message_name;     // e.g. "pain.001.001.09"
  std::string original_payment_info_id;  // PmtInfId of the pain.001 (our batch id again)
  std::vector<SentTransfer> transfers;   // every transfer of the batch, in the order sent
  std::vector<Rejection> rejections;     // each names one of `transfers`
};

// The UTF-8 bytes of the status report: group and payment-block status ACSC when nothing is
// rejected, RJCT when everything is, PART otherwise; one TxInfAndSts per transfer, ACSC or RJCT
// with its reason, quoting the original amount in CNY. The same request gives the same bytes.
// Throws RefusedError when a rejection names no transfer of the batch or names one twice, when an
// identifier is empty or longer than 35 characters, or when there is no transfer at all.
std::string write_status_report(const StatusReportRequest& request);

// `count` distinct transfers to reject (at most all of them), drawn reproducibly from `seed`, each
// with one of the return reasons Chinese banks commonly give (closed account, wrong account number,
// name and account do not match, frozen account). Returned in the order of `transfers`.
std::vector<Rejection> choose_rejections(std::span<const SentTransfer> transfers, size_t count,
                                         uint64_t seed);

}  // namespace subsidy
