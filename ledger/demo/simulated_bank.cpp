// Writing the pain.002 status report a bank would return for one of our batches (simulated_bank.h).
// The XML is written as text: every value is escaped, and the element order is the one of the XSD
// (checked against ../shared/xsd/pain.002.001.10.xsd by the tests).
#include "ledger/demo/simulated_bank.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "ledger/base/error.h"
#include "ledger/base/html_escape.h"
#include "ledger/demo/seeded_random.h"

namespace subsidy {

namespace {

constexpr size_t kMaxIdLength = 35;

void check_id(std::string_view what, std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) {
    throw RefusedError("status report: " + std::string(what) + " '" + std::string(id) +
                       "' must have 1 to 35 characters");
  }
}

void element(std::string& out, int depth, std::string_view name, std::string_view value) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += '<';
  out += name;
  out += '>';
  out += html_escape(value);  // HTML's five escapes are all valid XML
  out += "</";
  out += name;
  out += ">\n";
}

void open(std::string& out, int depth, std::string_view name) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += '<';
  out += name;
  out += ">\n";
}

void close(std::string& out, int depth, std::string_view name) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += "</";
  out += name;
  out += ">\n";
}

void reason(std::string& out, int depth, const Rejection& rejection) {
  open(out, depth, "StsRsnInf");
  open(out, depth + 1, "Rsn");
  element(out, depth + 2, "Cd", rejection.reason_code);
  close(out, depth + 1, "Rsn");
  if (!rejection.reason_text.empty()) element(out, depth + 1, "AddtlInf", rejection.reason_text);
  close(out, depth, "StsRsnInf");
}

void transaction(std::string& out, const SentTransfer& transfer, const Rejection* rejection) {
  constexpr int kDepth = 4;
  open(out, kDepth, "TxInfAndSts");
  element(out, kDepth + 1, "OrgnlInstrId", transfer.end_to_end_id);
  element(out, kDepth + 1, "OrgnlEndToEndId", transfer.end_to_end_id);
  element(out, kDepth + 1, "TxSts", rejection != nullptr ? "RJCT" : "ACSC");
  if (rejection != nullptr) reason(out, kDepth + 1, *rejection);
  open(out, kDepth + 1, "OrgnlTxRef");
  open(out, kDepth + 2, "Amt");
  out.append(static_cast<size_t>(kDepth + 3) * 2, ' ');
  out += "<InstdAmt Ccy=\"CNY\">" + format_plain(transfer.amount) + "</InstdAmt>\n";
  close(out, kDepth + 2, "Amt");
  close(out, kDepth + 1, "OrgnlTxRef");
  close(out, kDepth, "TxInfAndSts");
}

// The rejections by EndToEndId, checked against the batch.
std::map<std::string, const Rejection*> index_rejections(const StatusReportRequest& request) {
  std::set<std::string> sent;
  for (const SentTransfer& transfer : request.transfers) {
    check_id("EndToEndId", transfer.end_to_end_id);
    sent.insert(transfer.end_to_end_id);
  }
  std::map<std::string, const Rejection*> rejected;
  for (const Rejection& rejection : request.rejections) {
    if (sent.count(rejection.end_to_end_id) == 0) {
      throw RefusedError("status report: rejection of '" + rejection.end_to_end_id +
                         "', which is not a transfer of batch " + request.original_message_id);
    }
    if (!rejected.emplace(rejection.end_to_end_id, &rejection).second) {
      throw RefusedError("status report: transfer '" + rejection.end_to_end_id +
                         "' is rejected twice");
    }
  }
  return rejected;
}

}  // namespace

std::string write_status_report(const StatusReportRequest& request) {
  check_id("MsgId", request.message_id);
  check_id("OrgnlMsgId", request.original_message_id);
  check_id("OrgnlPmtInfId", request.original_payment_info_id);
  if (request.transfers.empty()) throw RefusedError("status report: the batch has no transfer");
  const auto rejected = index_rejections(request);
  Money total;
  for (const SentTransfer& transfer : request.transfers) total += transfer.amount;
  const std::string count = std::to_string(request.transfers.size());
  const std::string status = rejected.empty()                              ? "ACSC"
                             : rejected.size() == request.transfers.size() ? "RJCT"
                                                                           : "PART";
  const bool v10 = request.version == Pain002Version::v10;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += std::string("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.") +
         (v10 ? "10" : "03") + "\">\n";
  open(out, 1, "CstmrPmtStsRpt");
  open(out, 2, "GrpHdr");
  element(out, 3, "MsgId", request.message_id);
  element(out, 3, "CreDtTm", request.created_at);
  close(out, 2, "GrpHdr");
  open(out, 2, "OrgnlGrpInfAndSts");
  element(out, 3, "OrgnlMsgId", request.original_message_id);
  element(out, 3, "OrgnlMsgNmId", request.original_message_name);
  element(out, 3, "OrgnlNbOfTxs", count);
  element(out, 3, "OrgnlCtrlSum", format_plain(total));
  element(out, 3, "GrpSts", status);
  close(out, 2, "OrgnlGrpInfAndSts");
  open(out, 2, "OrgnlPmtInfAndSts");
  element(out, 3, "OrgnlPmtInfId", request.original_payment_info_id);
  element(out, 3, "OrgnlNbOfTxs", count);
  element(out, 3, "OrgnlCtrlSum", format_plain(total));
  element(out, 3, "PmtInfSts", status);
  for (const SentTransfer& transfer : request.transfers) {
    const auto found = rejected.find(transfer.end_to_end_id);
    transaction(out, transfer, found == rejected.end() ? nullptr : found->second);
  }
  close(out, 2, "OrgnlPmtInfAndSts");
  close(out, 1, "CstmrPmtStsRpt");
  out += "</Document>\n";
  return out;
}

std::vector<Rejection> choose_rejections(std::span<const SentTransfer> transfers, size_t count,
                                         uint64_t seed) {
  struct Reason {
    const char* code;
    const char* text;
  };
  static constexpr std::array<Reason, 4> kReasons = {
      Reason{"AC04", "账户已销户"}, Reason{"AC01", "收款账号不存在"},
      Reason{"BE01", "收款户名与账号不符"}, Reason{"AC06", "收款账户已冻结"}};
  SeededRandom random(seed);
  std::vector<size_t> order(transfers.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  count = std::min(count, order.size());
  for (size_t i = 0; i < count; ++i) std::swap(order[i], order[i + random.index(order.size() - i)]);
  std::vector<size_t> chosen(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
  std::sort(chosen.begin(), chosen.end());
  std::vector<Rejection> rejections;
  for (size_t index : chosen) {
    const Reason& why = kReasons[random.index(kReasons.size())];
    rejections.push_back({transfers[index].end_to_end_id, why.code, why.text});
  }
  return rejections;
}

}  // namespace subsidy
