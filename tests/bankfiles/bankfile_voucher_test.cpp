// The HTML payment vouchers: one page per item with every field the accountant signs, the amount
// in capitals, text escaped (read back with libxml2's HTML parser), the recent-account warning,
// English labels, and no voucher for a batch that is not approved.
#include <catch2/catch.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include <memory>

#include "bankfile_fixture.h"
#include "ledger/bankfiles/voucher.h"
#include "ledger/base/error.h"
#include "ledger/base/html_escape.h"

using namespace subsidy;

namespace {

// Parses the HTML and returns the text of every node the XPath selects.
std::vector<std::string> select(const std::string& html, const char* xpath) {
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), "v.html", "UTF-8",
                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
      xmlFreeDoc);
  REQUIRE(doc);
  std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(
      xmlXPathNewContext(doc.get()), xmlXPathFreeContext);
  std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
      xmlXPathEvalExpression(BAD_CAST xpath, context.get()), xmlXPathFreeObject);
  REQUIRE(result);
  std::vector<std::string> texts;
  const xmlNodeSet* nodes = result->nodesetval;
  for (int i = 0; nodes != nullptr && i < nodes->nodeNr; ++i) {
    xmlChar* content = xmlNodeGetContent(nodes->nodeTab[i]);
    texts.emplace_back(reinterpret_cast<const char*>(content));
    xmlFree(content);
  }
  return texts;
}

}  // namespace

TEST_CASE("one voucher page per item with payee, account, bank, amounts, policy and approver") {
  const std::string html = write_vouchers_html(testing::sample_batch(), Language::zh);
  CHECK(select(html, "//section[@class='voucher']").size() == 3);
  CHECK(html.find("page-break-after: always") != std::string::npos);
  const auto first = select(html, "(//section)[1]//td");
  const std::vector<std::string> expected = {
      "泗阳县财政局",
      "110801010400001",
      "中国农业银行泗阳县支行",
      "江苏泗阳智造有限公司",
      "91321323MA1XXXXXXX",
      "32012345678900001",
      "中国农业银行泗阳县支行",
      "103308700018",
      "¥1,500,000.00",
      "人民币壹佰伍拾万元整",
      "泗政办发〔2022〕9号 三(一)",
      "A-2023-001, A-2023-002",
      "泗政办发〔2022〕9号 三(一) 申请 A-2023-001,A-2023-002",
      "2024-03-04",
      "clerk-li 2024-03-01T08:30:00Z",
      "director-wang 2024-03-02T09:00:00Z"};
  CHECK(first == expected);
  CHECK(select(html, "(//section)[2]//td[@class='amount']")[1] == "人民币肆万零贰佰元零伍角整");
  CHECK(select(html, "(//section)[3]//td[@class='amount']")[1] == "人民币壹分");
  CHECK(select(html, "(//section)[3]//p[@class='meta']")[0] ==
        "批次 PB2023-0001 · 3 / 3 笔流水号 PB2023-0001-0003");
}

TEST_CASE("every batch text is escaped") {
  PaymentBatch batch = testing::sample_batch();
  batch.items[0].payee_name = "<script>alert('x')</script>";
  const std::string html = write_vouchers_html(batch, Language::zh);
  CHECK(select(html, "//script").empty());
  CHECK(select(html, "(//section)[1]//td")[3] == "<script>alert('x')</script>");
  CHECK(select(html, "(//section)[2]//td")[3] == "泗阳<数转>&\"科技\"有限公司");
  CHECK(html_escape("a&b<c>\"'") == "a&amp;b&lt;c&gt;&quot;&#39;");
}

TEST_CASE("an account changed within 30 days is flagged on its voucher") {
  PaymentBatch batch = testing::sample_batch();
  batch.items[1].account_changed_on = "2024-02-20";
  const std::string html = write_vouchers_html(batch, Language::zh);
  const auto warnings = select(html, "//p[@class='warning']");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("2024-02-20") != std::string::npos);
  CHECK(select(html, "(//section)[2]//p[@class='warning']").size() == 1);
}

TEST_CASE("English labels keep the amount in Chinese capitals") {
  const std::string html = write_vouchers_html(testing::sample_batch(), Language::en);
  CHECK(select(html, "//th")[0] == "Payer");
  CHECK(select(html, "//h1")[0] == "Payment voucher (disbursement notice)");
  CHECK(select(html, "//td[@class='amount']")[1] == "人民币壹佰伍拾万元整");
  CHECK(select(html, "/html/@lang")[0] == "en");
}

TEST_CASE("no vouchers for a batch that is not approved") {
  PaymentBatch batch = testing::sample_batch();
  batch.approved_by.clear();
  CHECK_THROWS_WITH(write_vouchers_html(batch, Language::zh),
                    Catch::Contains("approved batches only"));
}
