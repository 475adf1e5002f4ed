// The simulated bank's pain.002 status reports (simulated_bank.h): valid against the ISO 20022
// schema, the statuses and reasons as chosen, reproducible rejections, refusals of bad requests.
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>

#include "ledger/base/error.h"
#include "ledger/demo/simulated_bank.h"

using subsidy::Money;
using subsidy::Pain002Version;
using subsidy::SentTransfer;
using subsidy::StatusReportRequest;

namespace {

StatusReportRequest five_transfers(Pain002Version version) {
  StatusReportRequest request;
  request.version = version;
  request.message_id = "BANK-RET-0001";
  request.created_at = "2024-12-20T09:30:00";
  request.original_message_id = "B2024-001";
  request.original_message_name = "pain.001.001.09";
  request.original_payment_info_id = "B2024-001";
  for (int i = 1; i <= 5; ++i) {
    request.transfers.push_back({"B2024-001-" + std::to_string(i), Money::from_fen(i * 1'000'001)});
  }
  return request;
}

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

Doc parse(const std::string& xml) {
  Doc doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "report.xml", nullptr,
                        XML_PARSE_NONET),
          &xmlFreeDoc);
  REQUIRE(doc != nullptr);
  return doc;
}

// Problems libxml2 finds when validating `xml` against the shared pain.002.001.10 schema.
int schema_errors(const std::string& xml) {
  const std::string xsd = std::string(SUBSIDY_SHARED_DIR) + "/xsd/pain.002.001.10.xsd";
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(xsd.c_str());
  xmlSchemaPtr schema = xmlSchemaParse(parser);
  REQUIRE(schema != nullptr);
  xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema);
  Doc doc = parse(xml);
  const int result = xmlSchemaValidateDoc(validator, doc.get());
  xmlSchemaFreeValidCtxt(validator);
  xmlSchemaFree(schema);
  xmlSchemaFreeParserCtxt(parser);
  return result;
}

// The text of every node `path` selects, with the document's namespace bound to prefix "p".
std::vector<std::string> select(const std::string& xml, const std::string& ns, const char* path) {
  Doc doc = parse(xml);
  xmlXPathContextPtr context = xmlXPathNewContext(doc.get());
  xmlXPathRegisterNs(context, BAD_CAST "p", BAD_CAST ns.c_str());
  xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST path, context);
  std::vector<std::string> texts;
  for (int i = 0; found != nullptr && found->nodesetval != nullptr && i < found->nodesetval->nodeNr;
       ++i) {
    xmlChar* text = xmlNodeGetContent(found->nodesetval->nodeTab[i]);
    texts.emplace_back(reinterpret_cast<const char*>(text));
    xmlFree(text);
  }
  xmlXPathFreeObject(found);
  xmlXPathFreeContext(context);
  return texts;
}

const std::string kNs10 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10";
const std::string kNs03 = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03";

}  // namespace

TEST_CASE("a report with two rejections is valid pain.002.001.10 and says what was chosen") {
  StatusReportRequest request = five_transfers(Pain002Version::v10);
  request.rejections = subsidy::choose_rejections(request.transfers, 2, 11);
  REQUIRE(request.rejections.size() == 2);
  const std::string xml = subsidy::write_status_report(request);
  CHECK(schema_errors(xml) == 0);
  // The check can fail: a status code longer than the schema's four characters is caught.
  std::string broken = xml;
  broken.replace(broken.find("<GrpSts>PART"), 12, "<GrpSts>PARTLY");
  CHECK(schema_errors(broken) != 0);
  CHECK(select(xml, kNs10, "//p:GrpSts") == std::vector<std::string>{"PART"});
  CHECK(select(xml, kNs10, "//p:OrgnlCtrlSum")[0] == "150000.15");
  const auto rejected = select(xml, kNs10, "//p:TxInfAndSts[p:TxSts='RJCT']/p:OrgnlEndToEndId");
  CHECK(rejected == std::vector<std::string>{request.rejections[0].end_to_end_id,
                                             request.rejections[1].end_to_end_id});
  CHECK(select(xml, kNs10, "//p:TxInfAndSts[p:TxSts='ACSC']").size() == 3);
  CHECK(select(xml, kNs10, "//p:TxInfAndSts[p:TxSts='RJCT']/p:StsRsnInf/p:Rsn/p:Cd")[0] ==
        request.rejections[0].reason_code);
  CHECK(select(xml, kNs10, "//p:TxInfAndSts/p:OrgnlTxRef/p:Amt/p:InstdAmt")[4] == "50000.05");
  CHECK(subsidy::write_status_report(request) == xml);  // the same request, the same bytes
}

TEST_CASE("version 03 carries its own namespace; all or nothing rejected gives RJCT or ACSC") {
  StatusReportRequest request = five_transfers(Pain002Version::v03);
  const std::string settled = subsidy::write_status_report(request);
  CHECK(select(settled, kNs03, "//p:GrpSts") == std::vector<std::string>{"ACSC"});
  CHECK(select(settled, kNs03, "//p:PmtInfSts") == std::vector<std::string>{"ACSC"});
  request.rejections = subsidy::choose_rejections(request.transfers, 99, 1);
  CHECK(request.rejections.size() == 5);
  const std::string refused = subsidy::write_status_report(request);
  CHECK(select(refused, kNs03, "//p:GrpSts") == std::vector<std::string>{"RJCT"});
  CHECK(select(refused, kNs03, "//p:TxInfAndSts[p:TxSts='RJCT']").size() == 5);
}

TEST_CASE("rejections are chosen reproducibly, distinct and in batch order") {
  const StatusReportRequest request = five_transfers(Pain002Version::v10);
  const auto first = subsidy::choose_rejections(request.transfers, 3, 42);
  const auto again = subsidy::choose_rejections(request.transfers, 3, 42);
  REQUIRE(first.size() == 3);
  std::set<std::string> ids;
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].end_to_end_id == again[i].end_to_end_id);
    CHECK(first[i].reason_code == again[i].reason_code);
    CHECK_FALSE(first[i].reason_text.empty());
    ids.insert(first[i].end_to_end_id);
    if (i > 0) CHECK(first[i - 1].end_to_end_id < first[i].end_to_end_id);
  }
  CHECK(ids.size() == 3);
}

TEST_CASE("a request that does not fit its batch is refused") {
  StatusReportRequest request = five_transfers(Pain002Version::v10);
  request.rejections = {{"NOT-IN-BATCH", "AC04", ""}};
  CHECK_THROWS_WITH(subsidy::write_status_report(request), Catch::Contains("NOT-IN-BATCH"));
  request.rejections = {{"B2024-001-1", "AC04", ""}, {"B2024-001-1", "AC01", ""}};
  CHECK_THROWS_WITH(subsidy::write_status_report(request), Catch::Contains("twice"));
  request.rejections.clear();
  request.message_id = std::string(36, 'M');
  CHECK_THROWS_AS(subsidy::write_status_report(request), subsidy::RefusedError);
  request = five_transfers(Pain002Version::v10);
  request.transfers.clear();
  CHECK_THROWS_WITH(subsidy::write_status_report(request), Catch::Contains("no transfer"));
}
