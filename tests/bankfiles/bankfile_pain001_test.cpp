// The pain.001 writers: every file is valid against the ISO 20022 XSDs in ../shared/xsd, carries
// the batch's figures exactly, escapes what it must, is byte-for-byte deterministic, and refuses
// batches a bank would bounce.
#include <catch2/catch.hpp>

#include "bankfile_fixture.h"
#include "ledger/base/error.h"
#include "ledger/bankfiles/pain001.h"
#include "ledger/bankfiles/xsd_check.h"

using namespace subsidy;

namespace {

std::string xsd_for(Pain001Version version) {
  return std::string(SUBSIDY_SHARED_DIR "/xsd/") + std::string(pain001_message_name(version)) +
         ".xsd";
}

void require_valid(const std::string& xml, Pain001Version version) {
  const auto problems = xsd_problems(xml, xsd_for(version));
  for (const auto& problem : problems) UNSCOPED_INFO(problem);
  REQUIRE(problems.empty());
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("pain.001.001.09 and .03 for a batch validate against the XSDs") {
  for (const Pain001Version version : {Pain001Version::v09, Pain001Version::v03}) {
    INFO(pain001_message_name(version));
    const std::string xml = write_pain001(testing::sample_batch(), version);
    require_valid(xml, version);
    CHECK(xml.find(std::string(pain001_namespace(version))) != std::string::npos);
    CHECK(xml.find("<MsgId>PB2023-0001</MsgId>") != std::string::npos);
    CHECK(xml.find("<CreDtTm>2024-03-01T08:30:00Z</CreDtTm>") != std::string::npos);
    // 1,500,000.00 + 40,200.50 + 0.01, in group header and payment information.
    CHECK(count(xml, "<CtrlSum>1540200.51</CtrlSum>") == 2);
    CHECK(count(xml, "<NbOfTxs>3</NbOfTxs>") == 2);
    CHECK(xml.find("<InstdAmt Ccy=\"CNY\">1500000.00</InstdAmt>") != std::string::npos);
    CHECK(xml.find("<InstdAmt Ccy=\"CNY\">0.01</InstdAmt>") != std::string::npos);
    CHECK(xml.find("<EndToEndId>PB2023-0001-0002</EndToEndId>") != std::string::npos);
    CHECK(count(xml, "<Cd>CNAPS</Cd>") == 4);  // the payer's bank and three payees' banks
    CHECK(xml.find("<Ustrd>泗政办发〔2022〕9号 三(七) 申请 A-2023-107</Ustrd>") !=
          std::string::npos);
    CHECK(xml.find("<Nm>泗阳&lt;数转&gt;&amp;&quot;科技&quot;有限公司</Nm>") != std::string::npos);
    CHECK(xml.find("<ChrgBr>DEBT</ChrgBr>") != std::string::npos);
  }
}

TEST_CASE("the BIC element is named by version and the execution date shaped by version") {
  const std::string v09 = write_pain001(testing::sample_batch(), Pain001Version::v09);
  const std::string v03 = write_pain001(testing::sample_batch(), Pain001Version::v03);
  CHECK(v09.find("<BICFI>ABOCCNBJ</BICFI>") != std::string::npos);
  CHECK(v03.find("<BIC>ABOCCNBJ</BIC>") != std::string::npos);
  CHECK(v09.find("<ReqdExctnDt>\n        <Dt>2024-03-04</Dt>") != std::string::npos);
  CHECK(v03.find("<ReqdExctnDt>2024-03-04</ReqdExctnDt>") != std::string::npos);
}

TEST_CASE("the same batch yields the same bytes") {
  for (const Pain001Version version : {Pain001Version::v09, Pain001Version::v03}) {
    CHECK(write_pain001(testing::sample_batch(), version) ==
          write_pain001(testing::sample_batch(), version));
  }
}

TEST_CASE("a payer known only by CNAPS code, and long remittance text, stay valid") {
  PaymentBatch batch = testing::sample_batch();
  batch.payer.bic.clear();
  for (int i = 0; i < 30; ++i)
    batch.items[0].application_ids.push_back("A-2023-1" + std::to_string(i));
  for (const Pain001Version version : {Pain001Version::v09, Pain001Version::v03}) {
    const std::string xml = write_pain001(batch, version);
    require_valid(xml, version);
    CHECK(xml.find("BIC") == std::string::npos);
    CHECK(count(xml, "<Ustrd>") == 5);  // the long text in 140-character pieces, then two short
  }
}

TEST_CASE("batches a bank would bounce are refused before anything is written") {
  struct Case {
    const char* what;
    void (*spoil)(PaymentBatch&);
    const char* reason;
  };
  const Case cases[] = {
      {"short CNAPS", [](PaymentBatch& b) { b.items[1].cnaps_code = "10330870001"; }, "CNAPS"},
      {"zero amount", [](PaymentBatch& b) { b.items[0].amount = Money(); }, "more than 0.00"},
      {"duplicate id", [](PaymentBatch& b) { b.items[2].end_to_end_id = b.items[0].end_to_end_id; },
       "used twice"},
      {"long id", [](PaymentBatch& b) { b.items[0].end_to_end_id = std::string(36, 'A'); },
       "EndToEndId"},
      {"newline in name", [](PaymentBatch& b) { b.items[0].payee_name = "A\nB"; }, "control"},
      {"bad UTF-8", [](PaymentBatch& b) { b.items[0].payee_name = "\xE6\xB3"; }, "UTF-8"},
      {"no payer bank code",
       [](PaymentBatch& b) {
         b.payer.cnaps_code.clear();
         b.payer.bic.clear();
       },
       "payer.cnaps"},
      {"bad BIC", [](PaymentBatch& b) { b.payer.bic = "ABOC1NBJ"; }, "BIC"},
      {"no items", [](PaymentBatch& b) { b.items.clear(); }, "no item"},
      {"bad time", [](PaymentBatch& b) { b.created_at = "2024-03-01 08:30"; }, "creation time"},
      {"long name", [](PaymentBatch& b) { b.items[0].payee_name = std::string(141, 'X'); },
       "140 characters"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    PaymentBatch batch = testing::sample_batch();
    c.spoil(batch);
    REQUIRE_THROWS_AS(write_pain001(batch, Pain001Version::v09), RefusedError);
    REQUIRE_THROWS_WITH(write_pain001(batch, Pain001Version::v03), Catch::Contains(c.reason));
  }
}

TEST_CASE("a name of exactly 140 Chinese characters is kept whole and valid") {
  PaymentBatch batch = testing::sample_batch();
  std::string name;
  for (int i = 0; i < 140; ++i) name += "泗";
  batch.items[0].payee_name = name;
  const std::string xml = write_pain001(batch, Pain001Version::v03);
  require_valid(xml, Pain001Version::v03);
  CHECK(xml.find("<Nm>" + name + "</Nm>") != std::string::npos);
}

TEST_CASE("the validator reports a file that breaks the schema") {
  std::string xml = write_pain001(testing::sample_batch(), Pain001Version::v09);
  const size_t at = xml.find("<PmtMtd>TRF</PmtMtd>");
  REQUIRE(at != std::string::npos);
  xml.replace(at, 20, "<PmtMtd>XXX</PmtMtd>");
  CHECK_FALSE(xsd_problems(xml, xsd_for(Pain001Version::v09)).empty());
  CHECK_THROWS_AS(xsd_problems(xml, "/nonexistent.xsd"), RefusedError);
}
