// The pain.002 reader: namespace and version, then a walk down CstmrPmtStsRpt that reads only the
// elements of the status report's namespace, with a bound on every repeated element.
#include "ledger/bankfiles/pain002.h"

#include <cstring>

#include "ledger/base/error.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/base/utf8.h"
#include "ledger/bankfiles/safe_xml.h"

namespace subsidy {

namespace {

constexpr std::string_view kNamespaceV03 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03";
constexpr std::string_view kNamespaceV10 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10";
constexpr size_t kMaxReasons = 20;

std::string_view as_view(const xmlChar* text) {
  return text == nullptr ? std::string_view() : reinterpret_cast<const char*>(text);
}

// Runs of white space (line breaks included) as one space: reasons are shown on one line.
std::string one_line(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    const bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (is_space && !space) out += ' ';
    if (!is_space) out += c;
    space = is_space;
  }
  return out;
}

// Walks the tree of one report. `ns_` is the namespace every element must be in; empty for the
// Cross River files, whose elements are in no namespace at all.
class Walker {
 public:
  Walker(std::string label, std::string ns) : label_(std::move(label)), ns_(std::move(ns)) {}

  [[noreturn]] void refuse(const xmlNode* at, const std::string& reason) const {
    const std::string where = at != nullptr ? ":" + std::to_string(xmlGetLineNo(at)) : "";
    throw RefusedError(label_ + where + ": " + reason);
  }

  bool is(const xmlNode* node, const char* name) const {
    if (node->type != XML_ELEMENT_NODE || as_view(node->name) != name) return false;
    return as_view(node->ns != nullptr ? node->ns->href : nullptr) == ns_;
  }

  std::vector<const xmlNode*> children(const xmlNode* parent, const char* name,
                                       size_t limit) const {
    std::vector<const xmlNode*> found;
    for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
      if (!is(child, name)) continue;
      if (found.size() == limit) {
        refuse(child, "more than " + std::to_string(limit) + " <" + name + "> elements");
      }
      found.push_back(child);
    }
    return found;
  }

  const xmlNode* child(const xmlNode* parent, const char* name) const {
    if (parent == nullptr) return nullptr;
    for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
      if (is(child, name)) return child;
    }
    return nullptr;
  }

  // The trimmed text of the child `name`, or "" when there is none.
  std::string text(const xmlNode* parent, const char* name) const {
    const xmlNode* node = child(parent, name);
    return node != nullptr ? xml_trimmed_text(node) : std::string();
  }

  std::string status(const xmlNode* parent, const char* name) const {
    const xmlNode* node = child(parent, name);
    if (node == nullptr) return {};
    std::string code = xml_trimmed_text(node);
    if (!status_class(code)) refuse(node, "unknown payment status code '" + printable(code) + "' in " + name);
    return code;
  }

  StatusReason reason(const xmlNode* parent) const {
    StatusReason reason;
    for (const xmlNode* info : children(parent, "StsRsnInf", kMaxReasons)) {
      const xmlNode* why = child(info, "Rsn");
      std::string code = text(why, "Cd");
      if (code.empty()) code = text(why, "Prtry");
      if (reason.code.empty()) reason.code = code;
      for (const xmlNode* more : children(info, "AddtlInf", kMaxReasons)) {
        reason.text += (reason.text.empty() ? "" : "; ") + one_line(xml_trimmed_text(more));
      }
    }
    return reason;
  }

  std::optional<int64_t> count(const xmlNode* parent, const char* name) const {
    const xmlNode* node = child(parent, name);
    if (node == nullptr) return std::nullopt;
    const std::string digits = xml_trimmed_text(node);
    const bool ok = !digits.empty() && digits.size() <= 15 &&
                    digits.find_first_not_of("0123456789") == std::string::npos;
    if (!ok) refuse(node, std::string(name) + " '" + printable(digits) + "' is not a count");
    return std::stoll(digits);
  }

  std::optional<Decimal> decimal(const xmlNode* parent, const char* name) const {
    const xmlNode* node = child(parent, name);
    if (node == nullptr) return std::nullopt;
    const std::string text = xml_trimmed_text(node);
    auto parsed = Decimal::parse_plain(text);
    if (!parsed) refuse(node, std::string(name) + " '" + printable(text) + "': " + parsed.error);
    return parsed.value;
  }

  void amount(const xmlNode* transaction, TransactionReturn& out) const {
    const xmlNode* node = child(child(child(transaction, "OrgnlTxRef"), "Amt"), "InstdAmt");
    if (node == nullptr) return;
    const std::string text = xml_trimmed_text(node);
    auto parsed = Decimal::parse_plain(text);
    if (!parsed || parsed.value->is_negative() ||
        parsed.value->quantize(-2, Rounding::down) != *parsed.value) {
      refuse(node, "InstdAmt '" + printable(text) + "' is not an amount exact to the fen");
    }
    out.amount = Money::from_decimal(*parsed.value, Rounding::down);  // exact, checked above
    std::unique_ptr<xmlChar, void (*)(xmlChar*)> currency(xmlGetNoNsProp(node, BAD_CAST "Ccy"),
                                                          [](xmlChar* text) { xmlFree(text); });
    out.currency = std::string(as_view(currency.get()));
  }

 private:
  std::string label_;
  std::string ns_;
};

std::string version_of(std::string_view ns) {
  if (ns == kNamespaceV03) return "pain.002.001.03";
  if (ns == kNamespaceV10) return "pain.002.001.10";
  return {};
}

// The version and the namespace the elements are in, from the root element.
std::pair<std::string, std::string> identify(const xmlNode* root, const std::string& label,
                                             std::vector<std::string>& notes) {
  const std::string root_name(as_view(root->name));
  const std::string ns(as_view(root->ns != nullptr ? root->ns->href : nullptr));
  if (root_name != "Document") {
    throw RefusedError(label + ": not an ISO 20022 status report: the root element is <" +
                       printable(root_name) + ">, not <Document>");
  }
  if (!ns.empty()) {
    const std::string version = version_of(ns);
    if (version.empty()) {
      throw RefusedError(label + ": wrong namespace '" + printable(ns, 100) + "': expected " +
                         std::string(kNamespaceV03) + " or pain.002.001.10");
    }
    return {version, ns};
  }
  std::unique_ptr<xmlChar, void (*)(xmlChar*)> quirk(xmlGetNoNsProp(root, BAD_CAST "Xmlns"),
                                                     [](xmlChar* text) { xmlFree(text); });
  const std::string version = version_of(as_view(quirk.get()));
  if (version.empty()) {
    throw RefusedError(label + ": no namespace on <Document>: expected " +
                       std::string(kNamespaceV03) + " or pain.002.001.10");
  }
  notes.push_back(
      "the namespace is written as an attribute 'Xmlns' (not an XML namespace); read "
      "as " +
      version);
  return {version, ""};
}

TransactionReturn read_transaction(const Walker& walk, const xmlNode* node) {
  TransactionReturn transaction;
  transaction.end_to_end_id = walk.text(node, "OrgnlEndToEndId");
  transaction.instruction_id = walk.text(node, "OrgnlInstrId");
  transaction.status = walk.status(node, "TxSts");
  transaction.reason = walk.reason(node);
  transaction.line = xmlGetLineNo(node);
  walk.amount(node, transaction);
  if (transaction.end_to_end_id.empty()) walk.refuse(node, "TxInfAndSts without OrgnlEndToEndId");
  return transaction;
}

void read_payments(const Walker& walk, const xmlNode* report, BankReturn& out) {
  size_t transactions = 0;
  for (const xmlNode* node : walk.children(report, "OrgnlPmtInfAndSts", kMaxBatchItems)) {
    PaymentReturn payment;
    payment.payment_info_id = walk.text(node, "OrgnlPmtInfId");
    payment.status = walk.status(node, "PmtInfSts");
    payment.reason = walk.reason(node);
    payment.transaction_count = walk.count(node, "OrgnlNbOfTxs");
    payment.control_sum = walk.decimal(node, "OrgnlCtrlSum");
    payment.line = xmlGetLineNo(node);
    for (const xmlNode* tx : walk.children(node, "TxInfAndSts", kMaxBatchItems)) {
      if (++transactions > kMaxBatchItems) walk.refuse(tx, "too many transactions");
      payment.transactions.push_back(read_transaction(walk, tx));
    }
    out.payments.push_back(std::move(payment));
  }
}

}  // namespace

BankReturn read_pain002(std::string_view bytes, const std::string& label) {
  XmlDocument doc = parse_untrusted_xml(bytes, label);
  BankReturn out;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  auto [version, ns] = identify(root, label, out.notes);
  out.format = version;
  const Walker walk(label, ns);
  const xmlNode* report = walk.child(root, "CstmrPmtStsRpt");
  if (report == nullptr) walk.refuse(root, "not a status report: no <CstmrPmtStsRpt>");
  const xmlNode* header = walk.child(report, "GrpHdr");
  out.message_id = walk.text(header, "MsgId");
  out.created_at = walk.text(header, "CreDtTm");
  if (out.message_id.empty()) walk.refuse(report, "no GrpHdr/MsgId");
  const xmlNode* group = walk.child(report, "OrgnlGrpInfAndSts");
  if (group == nullptr) walk.refuse(report, "no <OrgnlGrpInfAndSts>");
  out.original_message_id = walk.text(group, "OrgnlMsgId");
  out.original_message_name = walk.text(group, "OrgnlMsgNmId");
  out.original_transaction_count = walk.count(group, "OrgnlNbOfTxs");
  out.original_control_sum = walk.decimal(group, "OrgnlCtrlSum");
  out.group_status = walk.status(group, "GrpSts");
  out.group_reason = walk.reason(group);
  if (out.original_message_id.empty()) walk.refuse(group, "no OrgnlMsgId");
  read_payments(walk, report, out);
  return out;
}

}  // namespace subsidy
