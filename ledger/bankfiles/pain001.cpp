// Writes pain.001.001.09 and pain.001.001.03 with libxml2's xmlTextWriter, which escapes every
// text and attribute; the element order follows the two XSDs (../shared/xsd/pain.001.001.0*.xsd).
#include "ledger/bankfiles/pain001.h"

#include <libxml/xmlwriter.h>

#include <memory>

#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/base/utf8.h"

namespace subsidy {

namespace {

// The pieces of xmlTextWriter we use, with every return code checked: a failure there means memory
// ran out or a programmer passed invalid text, never a property of the batch.
class XmlOut {
 public:
  XmlOut() : buffer_(xmlBufferCreate(), xmlBufferFree) {
    if (!buffer_) throw RefusedError("pain.001: out of memory");
    writer_ = xmlNewTextWriterMemory(buffer_.get(), 0);
    if (writer_ == nullptr) throw RefusedError("pain.001: out of memory");
    check(xmlTextWriterSetIndent(writer_, 1));
    check(xmlTextWriterSetIndentString(writer_, BAD_CAST "  "));
    check(xmlTextWriterStartDocument(writer_, nullptr, "UTF-8", nullptr));
  }
  XmlOut(const XmlOut&) = delete;
  XmlOut& operator=(const XmlOut&) = delete;
  ~XmlOut() { xmlFreeTextWriter(writer_); }

  void open(const char* name) { check(xmlTextWriterStartElement(writer_, BAD_CAST name)); }
  void close() { check(xmlTextWriterEndElement(writer_)); }
  void attribute(const char* name, std::string_view value) {
    check(xmlTextWriterWriteAttribute(writer_, BAD_CAST name, BAD_CAST std::string(value).c_str()));
  }
  void leaf(const char* name, std::string_view value) {
    check(xmlTextWriterWriteElement(writer_, BAD_CAST name, BAD_CAST std::string(value).c_str()));
  }
  void text(std::string_view value) {
    check(xmlTextWriterWriteString(writer_, BAD_CAST std::string(value).c_str()));
  }
  std::string finish() {
    check(xmlTextWriterEndDocument(writer_));
    check(xmlTextWriterFlush(writer_));
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_.get())),
                       static_cast<size_t>(xmlBufferLength(buffer_.get())));
  }

 private:
  static void check(int rc) {
    if (rc < 0) throw RefusedError("pain.001: the XML writer failed");
  }
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer_;
  xmlTextWriterPtr writer_ = nullptr;
};

// BICFI in .09, BIC in .03: the same identifier under two names.
const char* bic_element(Pain001Version version) {
  return version == Pain001Version::v09 ? "BICFI" : "BIC";
}

// Party and agent names are Max140Text in both versions. Names are never cut: the bank matches the
// payee's name against the account, and a cut name bounces the payment.
void require_name_fits(const PaymentBatch& batch, std::string_view who, const std::string& name) {
  constexpr size_t kMaxNameChars = kBankNameMaxChars;  // the import holds names to it too
  if (utf8_length(name) > kMaxNameChars) {
    throw RefusedError("batch " + batch.batch_id + ": " + std::string(who) + " name '" + name +
                       "' is longer than the 140 characters pain.001 allows");
  }
}

// FinInstnId: BIC when known, the CNAPS code as clearing system member, the bank's name.
void write_agent(XmlOut& out, Pain001Version version, const std::string& bic,
                 const std::string& cnaps, const std::string& bank_name) {
  out.open("FinInstnId");
  if (!bic.empty()) out.leaf(bic_element(version), bic);
  if (!cnaps.empty()) {
    out.open("ClrSysMmbId");
    out.open("ClrSysId");
    out.leaf("Cd", "CNAPS");
    out.close();
    out.leaf("MmbId", cnaps);
    out.close();
  }
  out.leaf("Nm", bank_name);
  out.close();
}

void write_account(XmlOut& out, const std::string& account_no, bool with_currency) {
  out.open("Id");
  out.open("Othr");
  out.leaf("Id", account_no);
  out.close();
  out.close();
  if (with_currency) out.leaf("Ccy", "CNY");
}

void write_remittance(XmlOut& out, const PaymentItem& item) {
  constexpr size_t kMaxUnstructuredChars = 140;  // Max140Text
  out.open("RmtInf");
  for (const std::string& piece : split_utf8(remittance_text(item), kMaxUnstructuredChars)) {
    out.leaf("Ustrd", piece);
  }
  out.close();
}

void write_transaction(XmlOut& out, Pain001Version version, const PaymentItem& item) {
  out.open("CdtTrfTxInf");
  out.open("PmtId");
  out.leaf("InstrId", item.end_to_end_id);
  out.leaf("EndToEndId", item.end_to_end_id);
  out.close();
  out.open("Amt");
  out.open("InstdAmt");
  out.attribute("Ccy", "CNY");
  out.text(format_plain(item.amount));
  out.close();
  out.close();
  out.open("CdtrAgt");
  write_agent(out, version, "", item.cnaps_code, item.bank_name);
  out.close();
  out.open("Cdtr");
  out.leaf("Nm", item.payee_name);
  out.close();
  out.open("CdtrAcct");
  write_account(out, item.account_no, false);
  out.close();
  write_remittance(out, item);
  out.close();
}

void write_payment_information(XmlOut& out, Pain001Version version, const PaymentBatch& batch,
                               const std::string& total) {
  out.open("PmtInf");
  out.leaf("PmtInfId", batch.batch_id);
  out.leaf("PmtMtd", "TRF");
  out.leaf("NbOfTxs", std::to_string(batch.items.size()));
  out.leaf("CtrlSum", total);
  if (version == Pain001Version::v09) {
    out.open("ReqdExctnDt");  // a choice of Dt and DtTm since version 08
    out.leaf("Dt", batch.execution_date);
    out.close();
  } else {
    out.leaf("ReqdExctnDt", batch.execution_date);
  }
  out.open("Dbtr");
  out.leaf("Nm", batch.payer.name);
  out.close();
  out.open("DbtrAcct");
  write_account(out, batch.payer.account_no, true);
  out.close();
  out.open("DbtrAgt");
  write_agent(out, version, batch.payer.bic, batch.payer.cnaps_code, batch.payer.bank_name);
  out.close();
  out.leaf("ChrgBr", "DEBT");
  for (const PaymentItem& item : batch.items) write_transaction(out, version, item);
  out.close();
}

}  // namespace

std::string_view pain001_namespace(Pain001Version version) {
  return version == Pain001Version::v09 ? "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
                                        : "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
}

std::string_view pain001_message_name(Pain001Version version) {
  return version == Pain001Version::v09 ? "pain.001.001.09" : "pain.001.001.03";
}

std::string write_pain001(const PaymentBatch& batch, Pain001Version version) {
  check_payment_batch(batch);
  require_name_fits(batch, "payer", batch.payer.name);
  require_name_fits(batch, "payer bank", batch.payer.bank_name);
  for (const PaymentItem& item : batch.items) {
    require_name_fits(batch, "item " + item.end_to_end_id + " payee", item.payee_name);
    require_name_fits(batch, "item " + item.end_to_end_id + " bank", item.bank_name);
  }
  const std::string total = format_plain(batch_total(batch));
  XmlOut out;
  out.open("Document");
  out.attribute("xmlns", pain001_namespace(version));
  out.open("CstmrCdtTrfInitn");
  out.open("GrpHdr");
  out.leaf("MsgId", batch.batch_id);
  out.leaf("CreDtTm", batch.created_at);
  out.leaf("NbOfTxs", std::to_string(batch.items.size()));
  out.leaf("CtrlSum", total);
  out.open("InitgPty");
  out.leaf("Nm", batch.payer.name);
  out.close();
  out.close();
  write_payment_information(out, version, batch, total);
  out.close();
  out.close();
  return out.finish();
}

}  // namespace subsidy
