// The pain.002 reader: real banks' status reports from ../shared/samples/bank-returns parse, a
// pain.002.001.10 report (itself valid against its XSD) parses, statuses resolve per transaction by
// the group/payment/transaction rule, and unsafe or wrong files are refused with one clear line.
#include <catch2/catch.hpp>

#include <filesystem>

#include "ledger/payments/bank_return.h"
#include "ledger/base/error.h"
#include "ledger/bankfiles/pain002.h"
#include "ledger/bankfiles/safe_xml.h"
#include "ledger/bankfiles/xsd_check.h"

using namespace subsidy;

namespace {

const std::string kSamples = SUBSIDY_SHARED_DIR "/samples/bank-returns/";

BankReturn read_sample(const std::string& name) {
  return read_pain002(read_file_limited(kSamples + name, kMaxXmlBytes), name);
}

// A pain.002.001.10 report about our batch PB2023-0001: the payment block partly accepted, one
// transaction settled, one rejected for a closed account, one still in process.
const char* const kV10 = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10">
  <CstmrPmtStsRpt>
    <GrpHdr>
      <MsgId>ABC-STS-20240305-01</MsgId>
      <CreDtTm>2024-03-05T10:00:00+08:00</CreDtTm>
    </GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>PB2023-0001</OrgnlMsgId>
      <OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>
      <OrgnlNbOfTxs>3</OrgnlNbOfTxs>
      <OrgnlCtrlSum>1540200.51</OrgnlCtrlSum>
      <GrpSts>PART</GrpSts>
    </OrgnlGrpInfAndSts>
    <OrgnlPmtInfAndSts>
      <OrgnlPmtInfId>PB2023-0001</OrgnlPmtInfId>
      <PmtInfSts>PART</PmtInfSts>
      <TxInfAndSts>
        <OrgnlEndToEndId>PB2023-0001-0001</OrgnlEndToEndId>
        <TxSts>ACSC</TxSts>
        <OrgnlTxRef>
          <Amt>
            <InstdAmt Ccy="CNY">1500000.00</InstdAmt>
          </Amt>
        </OrgnlTxRef>
      </TxInfAndSts>
      <TxInfAndSts>
        <OrgnlEndToEndId>PB2023-0001-0002</OrgnlEndToEndId>
        <TxSts>RJCT</TxSts>
        <StsRsnInf>
          <Rsn>
            <Cd>AC04</Cd>
          </Rsn>
          <AddtlInf>收款账户已销户</AddtlInf>
          <AddtlInf>closed account</AddtlInf>
        </StsRsnInf>
      </TxInfAndSts>
      <TxInfAndSts>
        <OrgnlEndToEndId>PB2023-0001-0003</OrgnlEndToEndId>
        <TxSts>ACSP</TxSts>
      </TxInfAndSts>
    </OrgnlPmtInfAndSts>
  </CstmrPmtStsRpt>
</Document>
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("every real bank status report in the shared samples parses") {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
    if (entry.path().extension() != ".xml") continue;
    INFO(entry.path().filename().string());
    ++files;
    BankReturn report;
    REQUIRE_NOTHROW(report = read_sample(entry.path().filename().string()));
    CHECK(report.format == "pain.002.001.03");
    CHECK_FALSE(report.original_message_id.empty());
  }
  CHECK(files == 7);
}

TEST_CASE("group, payment and transaction levels of the samples are read") {
  const BankReturn group = read_sample("nordea-pain_002_v3_group_reject.xml");
  CHECK(group.group_status == "RJCT");
  CHECK(group.group_reason.code == "DU01");
  CHECK(group.group_reason.text == "ISO Duplicate Message ID");
  CHECK(group.payments.empty());

  const BankReturn payment = read_sample("nordea-pain_002_v3_txn_reject.xml");
  REQUIRE(payment.payments.size() == 1);
  CHECK(payment.payments[0].status == "RJCT");
  REQUIRE(payment.payments[0].transactions.size() == 2);
  CHECK(payment.payments[0].transactions[0].end_to_end_id == "ENDTOENDID-950-TEST2-2807-02");
  CHECK(payment.payments[0].transactions[0].reason.code == "NARR");

  const BankReturn padded = read_sample("goldman_sachs-pain_002_v3_payment_accepted.xml");
  CHECK(padded.original_message_id == "XXX001_20220315_B_DZSOXXXX");  // leading spaces trimmed
  CHECK(padded.original_control_sum == Decimal::parse_plain("72.54").value);

  const BankReturn accepted = read_sample("goldman_sachs-pain_002_v3_accepted.xml");
  const TransactionReturn& tx = accepted.payments.at(0).transactions.at(0);
  CHECK(tx.status == "ACCP");
  CHECK(tx.amount == Money::from_fen(1000));
  CHECK(tx.currency == "USD");
}

TEST_CASE("the Cross River files, namespace spelled as an Xmlns attribute, are read with a note") {
  const BankReturn report = read_sample("cross_river-pain_002_transaction_rejected.xml");
  CHECK(report.format == "pain.002.001.03");
  REQUIRE(report.notes.size() == 1);
  CHECK(report.notes[0].find("Xmlns") != std::string::npos);
  REQUIRE(report.payments.at(0).transactions.size() == 3);
  CHECK(report.payments[0].transactions[0].reason.text ==
        "Instruction ID example01234567 already exist");
}

TEST_CASE("a pain.002.001.10 report is valid against its XSD and read by the same rules") {
  REQUIRE(xsd_problems(kV10, SUBSIDY_SHARED_DIR "/xsd/pain.002.001.10.xsd").empty());
  const BankReturn report = read_pain002(kV10, "v10.xml");
  CHECK(report.format == "pain.002.001.10");
  CHECK(report.original_message_name == "pain.001.001.09");
  CHECK(report.original_transaction_count == 3);
  const BankReturnIndex index(report);
  const auto settled = index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0001");
  REQUIRE(settled);
  CHECK(settled->status == "ACSC");
  CHECK(settled->amount == Money::from_fen(150000000));
  const auto rejected = index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0002");
  REQUIRE(rejected);
  CHECK(rejected->status == "RJCT");
  CHECK(rejected->reason.code == "AC04");
  CHECK(rejected->reason.text == "收款账户已销户; closed account");
  CHECK(rejected->level == "transaction");
  CHECK(index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0003")->status == "ACSP");
  // Not listed: the payment block's PART applies; another message: nothing.
  CHECK(index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0009")->status == "PART");
  CHECK_FALSE(index.status_for("PB2023-0002", "PB2023-0002", "PB2023-0002-0001"));
}

TEST_CASE("a rejection of the group or payment block overrides every transaction under it") {
  const std::string payment_rejected =
      replaced(kV10, "<PmtInfSts>PART</PmtInfSts>", "<PmtInfSts>RJCT</PmtInfSts>");
  const BankReturn by_payment = read_pain002(payment_rejected, "p.xml");
  const BankReturnIndex payment_index(by_payment);
  const auto first = payment_index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0001");
  CHECK(first->status == "RJCT");
  CHECK(first->level == "payment");

  const BankReturn by_group =
      read_pain002(replaced(kV10, "<GrpSts>PART</GrpSts>", "<GrpSts>RJCT</GrpSts>"), "g.xml");
  const BankReturnIndex group_index(by_group);
  CHECK(group_index.status_for("PB2023-0001", "X", "PB2023-0001-0001")->level == "group");

  const BankReturn group_only = read_sample("nordea-pain_002_v3_group_reject.xml");
  const BankReturnIndex only(group_only);
  CHECK(only.status_for("MSGID-PS-TEST-0708-01", "ANY", "ANY-1")->status == "RJCT");
}

TEST_CASE("unsafe, malformed and foreign files are refused with one clear line") {
  struct Case {
    const char* what;
    std::string xml;
    const char* reason;
  };
  const std::string billion_laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\">&lol3;</Document>\n";
  const std::string external =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<Document>&x;</Document>";
  const Case cases[] = {
      {"billion laughs", billion_laughs, "billion laughs"},
      {"external entity", external, "DOCTYPE"},
      {"malformed", replaced(kV10, "</TxSts>", "</TxStatus>"), "v.xml:20: malformed XML"},
      {"truncated", std::string(kV10).substr(0, 300), "malformed XML"},
      {"wrong namespace", replaced(kV10, "pain.002.001.10\">", "pain.001.001.09\">"),
       "wrong namespace 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'"},
      {"no namespace",
       replaced(kV10, " xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"", ""),
       "no namespace"},
      {"not a status report", replaced(kV10, "CstmrPmtStsRpt>", "CstmrCdtTrfInitn>"),
       "malformed XML"},
      {"unknown status", replaced(kV10, "<TxSts>ACSP</TxSts>", "<TxSts>OKAY</TxSts>"),
       "v.xml:40: unknown payment status code 'OKAY'"},
      {"amount below the fen", replaced(kV10, "1500000.00<", "1500000.005<"), "exact to the fen"},
      {"bad count", replaced(kV10, "<OrgnlNbOfTxs>3<", "<OrgnlNbOfTxs>three<"), "not a count"},
      {"UTF-16", std::string("<\0D\0o\0c\0", 8), "UTF-8"},
      {"empty", "", "empty"},
      {"other root", "<?xml version=\"1.0\"?><html/>", "root element is <html>"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    REQUIRE_THROWS_AS(read_pain002(c.xml, "v.xml"), RefusedError);
    REQUIRE_THROWS_WITH(read_pain002(c.xml, "v.xml"), Catch::Contains(c.reason));
    try {
      read_pain002(c.xml, "v.xml");
    } catch (const RefusedError& e) {
      CHECK(std::string(e.what()).find('\n') == std::string::npos);  // one line
    }
  }
}

TEST_CASE("a status report without its status report element is refused by name") {
  const std::string renamed =
      replaced(replaced(kV10, "<CstmrPmtStsRpt>", "<Other>"), "</CstmrPmtStsRpt>", "</Other>");
  REQUIRE_THROWS_WITH(read_pain002(renamed, "r.xml"), Catch::Contains("no <CstmrPmtStsRpt>"));
}

TEST_CASE("files over the size limit are refused before parsing") {
  REQUIRE_THROWS_WITH(parse_untrusted_xml(kV10, "big.xml", 100),
                      Catch::Contains("larger than 100 bytes"));
}
