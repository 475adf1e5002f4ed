// The online-banking batch CSV: the default columns and their values, quoting, GBK bytes that
// iconv reads back to the same text, characters GBK lacks refused by item, and bank templates.
#include <catch2/catch.hpp>

#include <iconv.h>

#include "bankfile_fixture.h"
#include "ledger/base/error.h"
#include "ledger/bankfiles/bank_upload_csv.h"

using namespace subsidy;

namespace {

// An independent GBK → UTF-8 conversion to read the written bytes back.
std::string gbk_back_to_utf8(const std::string& gbk) {
  iconv_t cd = iconv_open("UTF-8", "GBK");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(gbk.size() * 2 + 4, '\0');
  char* in = const_cast<char*>(gbk.data());
  size_t in_left = gbk.size();
  char* to = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &to, &out_left);
  iconv_close(cd);
  REQUIRE(rc != static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

TEST_CASE("the default template writes the seven columns banks take") {
  const std::string csv = write_bank_upload_csv(testing::sample_batch(), default_upload_template());
  // The first row, whose remittance text holds a comma and so is quoted.
  CHECK(csv.find("\r\n32012345678900001,江苏泗阳智造有限公司,中国农业银行泗阳县支行,103308700018,"
                 "1500000.00,\"泗政办发〔2022〕9号 三(一) 申请 A-2023-001,A-2023-002\","
                 "PB2023-0001-0001\r\n") != std::string::npos);
  CHECK(csv.find(",\"泗阳<数转>&\"\"科技\"\"有限公司\",") != std::string::npos);
  CHECK(csv.find(",0.01,泗政办发〔2022〕9号 三(七) 申请 A-2023-107,PB2023-0001-0003\r\n") !=
        std::string::npos);
  // UTF-8 with a byte-order mark, so that Excel shows the Chinese.
  CHECK(csv.rfind("\xEF\xBB\xBF收款账号,收款户名,收款行名称,收款行行号,金额,用途,备注\r\n", 0) == 0);
}

TEST_CASE("GBK output reads back to the same text") {
  BankUploadTemplate gbk = default_upload_template();
  gbk.encoding = Encoding::gbk;
  const std::string utf8 =
      write_bank_upload_csv(testing::sample_batch(), default_upload_template());
  const std::string bytes = write_bank_upload_csv(testing::sample_batch(), gbk);
  CHECK(bytes != utf8);
  CHECK(bytes.size() < utf8.size());  // two bytes per Chinese character instead of three
  CHECK(bytes.rfind("\xEF\xBB\xBF", 0) != 0);  // no BOM in GBK
  CHECK(gbk_back_to_utf8(bytes) == utf8.substr(3));
}

TEST_CASE("a character GBK cannot carry is refused naming the item") {
  PaymentBatch batch = testing::sample_batch();
  batch.items[1].payee_name = "泗阳𠮷野家有限公司";  // U+20BB7, outside GBK
  BankUploadTemplate gbk = default_upload_template();
  gbk.encoding = Encoding::gbk;
  REQUIRE_THROWS_WITH(write_bank_upload_csv(batch, gbk),
                      Catch::Contains("item PB2023-0001-0002: the character '𠮷' cannot be "
                                      "written in GBK"));
  CHECK_NOTHROW(write_bank_upload_csv(batch, default_upload_template()));
}

TEST_CASE("a bank's template chooses columns, headings, encoding and header") {
  const std::string toml = R"(
name = "某银行企业网银"
encoding = "GBK"
header = false
columns = [
  { heading = "金额", field = "amount" },
  { heading = "账号", field = "payee_account" },
  { heading = "户名", field = "payee_name" },
  { heading = "流水", field = "end_to_end_id" },
]
)";
  const BankUploadTemplate bank = parse_upload_template(toml, "bank.toml");
  CHECK(bank.name == "某银行企业网银");
  CHECK(bank.encoding == Encoding::gbk);
  REQUIRE(bank.columns.size() == 4);
  const std::string csv = gbk_back_to_utf8(write_bank_upload_csv(testing::sample_batch(), bank));
  CHECK(csv.rfind("1500000.00,32012345678900001,江苏泗阳智造有限公司,PB2023-0001-0001\r\n", 0) ==
        0);
  CHECK(csv.find("金额") == std::string::npos);
}

TEST_CASE("bad templates are refused with their line") {
  struct Case {
    const char* toml;
    const char* message;
  };
  const Case cases[] = {
      {"columns = [ { heading = \"金额\", field = \"money\" } ]",
       "bank.toml:1:field: unknown field 'money'"},
      {"encoding = \"big5\"\ncolumns = [ { heading = \"a\", field = \"amount\" } ]",
       "bank.toml:1:encoding: 'big5': utf-8 or gbk"},
      {"columns = []", "bank.toml:1:columns: 1 to 50 columns are needed"},
      {"columns = [\n { heading = \"a\", field = \"amount\" },\n { heading = \"a\", field = "
       "\"uscc\" } ]",
       "bank.toml:3:heading: 'a' appears twice"},
      {"columns = [ { heading = \"\", field = \"amount\" } ]", "bank.toml:1:heading: missing"},
      {"columns = [ \"amount\" ]", "bank.toml:1:columns: each column"},
      {"name = \n", "bank.toml:1::"},
  };
  for (const Case& c : cases) {
    INFO(c.toml);
    REQUIRE_THROWS_AS(parse_upload_template(c.toml, "bank.toml"), InputError);
    REQUIRE_THROWS_WITH(parse_upload_template(c.toml, "bank.toml"), Catch::StartsWith(c.message));
  }
}

TEST_CASE("the upload file refuses a batch that fails the checks") {
  PaymentBatch batch = testing::sample_batch();
  batch.items[0].cnaps_code = "1033";
  CHECK_THROWS_WITH(write_bank_upload_csv(batch, default_upload_template()),
                    Catch::Contains("CNAPS code must be 12 digits"));
}

TEST_CASE("the built-in templates: generic (UTF-8 with BOM), gbk, excel") {
  const auto generic = builtin_upload_template("generic");
  REQUIRE(generic);
  CHECK(generic->encoding == Encoding::utf8);
  CHECK(generic->bom);
  CHECK(generic->remittance_max_bytes == 60);
  CHECK(builtin_upload_template("gbk")->encoding == Encoding::gbk);
  CHECK_FALSE(builtin_upload_template("icbc"));
  BankUploadTemplate no_bom = *generic;
  no_bom.bom = false;
  const std::string plain = write_bank_upload_csv(testing::sample_batch(), no_bom);
  CHECK(plain.rfind("收款账号,", 0) == 0);
  CHECK(write_bank_upload_csv(testing::sample_batch(), *generic) == "\xEF\xBB\xBF" + plain);
  // excel: digit-only codes become ="…", which Excel shows as text with every digit.
  const std::string excel =
      write_bank_upload_csv(testing::sample_batch(), *builtin_upload_template("excel"));
  CHECK(excel.find("\r\n\"=\"\"32012345678900001\"\"\",江苏泗阳智造有限公司,中国农业银行泗阳县支行,"
                   "\"=\"\"103308700018\"\"\",1500000.00,") != std::string::npos);
  CHECK(parse_upload_template("columns = [ { heading = \"a\", field = \"amount\" } ]", "t")
            .bom);
  CHECK_FALSE(parse_upload_template(
                  "bom = false\ncolumns = [ { heading = \"a\", field = \"amount\" } ]", "t")
                  .bom);
}

TEST_CASE("用途 is cut to the byte limit at a character boundary") {
  CHECK(cut_to_gbk_bytes("abc", 0) == "abc");
  CHECK(cut_to_gbk_bytes("abc", 2) == "ab");
  CHECK(cut_to_gbk_bytes("中文ab", 3) == "中");   // 文 would take bytes 3-4: left out whole
  CHECK(cut_to_gbk_bytes("中文ab", 5) == "中文a");
  CHECK(cut_to_gbk_bytes("a𠮷b", 3) == "a𠮷");  // a 4-byte UTF-8 character counts 2
  PaymentBatch batch = testing::sample_batch();
  batch.items[0].policy_document = "关于印发泗阳县促进制造业高质量发展若干政策措施的通知（泗政办发〔2022〕9号）";
  const std::string full = remittance_text(batch.items[0]);
  BankUploadTemplate bank = default_upload_template();
  bank.bom = false;
  const std::vector<std::vector<std::string>> rows = bank_upload_rows(batch, bank);
  const std::string& cut = rows[1][5];
  CHECK(cut == "关于印发泗阳县促进制造业高质量发展若干政策措施的通知（泗政办");  // 30 characters
  CHECK(full.rfind(cut, 0) == 0);
  CHECK(full.size() > cut.size());
  CHECK(remittance_text(batch.items[0]) == full);  // the ledger's text is untouched
  // In GBK the cut text is at most 60 bytes.
  bank.encoding = Encoding::gbk;
  CHECK(utf8_to_gbk(cut, "test").size() <= 60);
  CHECK(gbk_back_to_utf8(write_bank_upload_csv(batch, bank)).find("," + cut + ",") !=
        std::string::npos);
  // A limit of 0 keeps the whole text; a template can set its own.
  bank.remittance_max_bytes = 0;
  CHECK(bank_upload_rows(batch, bank)[1][5] == full);
  CHECK(parse_upload_template(
            "remittance_max_bytes = 40\ncolumns = [ { heading = \"a\", field = \"amount\" } ]",
            "t")
            .remittance_max_bytes == 40);
  CHECK_THROWS_AS(parse_upload_template("remittance_max_bytes = -1\ncolumns = [ { heading = "
                                        "\"a\", field = \"amount\" } ]",
                                        "t"),
                  InputError);
}
