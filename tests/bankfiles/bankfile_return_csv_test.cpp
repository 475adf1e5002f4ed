// The CSV bank return: rows with ISO codes or the bank's Chinese words, reasons split into code and
// text, RFC 4180 quoting; every bad row listed as FILE:LINE:COLUMN: reason; and the dispatcher
// telling XML from CSV.
#include <catch2/catch.hpp>

#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/bankfiles/bank_return_file.h"
#include "ledger/base/error.h"
#include "ledger/payments/bank_return.h"

using namespace subsidy;

TEST_CASE("a CSV return is read row by row") {
  const std::string csv =
      "\xEF\xBB\xBF"
      "EndToEndId,status,reason,amount\r\n"
      "PB2023-0001-0001,ACSC,,1500000.00\r\n"
      "PB2023-0001-0002,失败,\"AC04 账户已销户, 请核实\",40200.50\r\n"
      "PB2023-0001-0003,处理中,\"银行\"\"系统\"\"繁忙\",0.01\r\n";
  const BankReturn report = read_bank_return(csv, "return.csv");
  CHECK(report.format == "csv");
  REQUIRE(report.payments.size() == 1);
  const auto& rows = report.payments[0].transactions;
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].status == "ACSC");
  CHECK(rows[0].amount == Money::from_fen(150000000));
  CHECK(rows[1].status == "RJCT");
  CHECK(rows[1].reason.code == "AC04");
  CHECK(rows[1].reason.text == "账户已销户, 请核实");
  CHECK(rows[1].line == 3);
  CHECK(rows[2].status == "PDNG");
  CHECK(rows[2].reason.code.empty());
  CHECK(rows[2].reason.text == "银行\"系统\"繁忙");
  CHECK(rows[2].line == 4);
  const BankReturnIndex index(report);
  CHECK(index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0002")->status == "RJCT");
  CHECK_FALSE(index.status_for("PB2023-0001", "PB2023-0001", "PB2023-0001-0004"));
}

TEST_CASE("columns may come in any order and amount is optional") {
  const BankReturn report =
      read_bank_return_csv("reason,status,EndToEndId\nAC01:账号错误,RJCT,E-1\n", "r.csv");
  const auto& row = report.payments.at(0).transactions.at(0);
  CHECK(row.end_to_end_id == "E-1");
  CHECK(row.reason.code == "AC01");
  CHECK(row.reason.text == "账号错误");
  CHECK_FALSE(row.amount);
}

TEST_CASE("every bad row of a CSV return is listed with its line and column") {
  const std::string csv =
      "EndToEndId,status,reason,amount\n"
      "E-1,OK,,1.00\n"
      ",ACSC,,1.00\n"
      "E-2,ACSC,,1.005\n"
      "E-2,RJCT,AC04,1.00\n"
      "E-3,RJCT,AC04,-1.00\n";
  try {
    read_bank_return_csv(csv, "r.csv");
    FAIL("no error");
  } catch (const InputError& e) {
    std::vector<std::string> lines;
    for (const auto& p : e.problems()) lines.push_back(p.to_string());
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].rfind("r.csv:2:status: unknown status 'OK'", 0) == 0);
    CHECK(lines[1] == "r.csv:3:EndToEndId: empty");
    CHECK(lines[2].rfind("r.csv:4:amount:", 0) == 0);
    CHECK(lines[3] == "r.csv:5:EndToEndId: appears twice");
    CHECK(lines[4] == "r.csv:6:amount: negative");
  }
}

TEST_CASE("a CSV return without its columns or rows is refused") {
  REQUIRE_THROWS_WITH(
      read_bank_return_csv("EndToEndId,status\nE-1,ACSC\n", "r.csv"),
      Catch::StartsWith("r.csv:1:reason: missing column") && Catch::Contains("原因"));
  REQUIRE_THROWS_WITH(read_bank_return_csv("EndToEndId,status,reason\n", "r.csv"),
                      "r.csv:1:: no rows after the header");
  REQUIRE_THROWS_WITH(read_bank_return_csv("", "r.csv"), Catch::StartsWith("r.csv:1:"));
  // The file's structure is the CSV reader's (csv.h): its located refusals come through.
  REQUIRE_THROWS_AS(read_bank_return_csv("EndToEndId,status,reason\nE-1,ACSC,\"x\n", "r.csv"),
                    InputError);
  REQUIRE_THROWS_WITH(read_bank_return_csv("EndToEndId,status,reason\nE-1,ACSC\n", "r.csv"),
                      Catch::StartsWith("r.csv:2:"));
  REQUIRE_THROWS_WITH(read_bank_return_csv("EndToEndId,status,reason\nE-1\x01,ACSC,x\n", "r.csv"),
                      "r.csv:2:reason: holds a control character");
}

TEST_CASE("the dispatcher reads XML as pain.002 and anything else as CSV") {
  CHECK_THROWS_WITH(read_bank_return("\xEF\xBB\xBF  \n<Document/>", "x"),
                    Catch::Contains("no namespace"));
  CHECK_THROWS_AS(read_bank_return("EndToEndId;status;reason\n", "x"), InputError);
}

TEST_CASE("a return with Chinese headings is read through the built-in mapping") {
  // The headings of `subsidy template bank-return`, and the words a bank's online banking uses.
  const std::string csv = bank_return_template_csv() +
                          "PB2023-0001-0001,交易成功,,1500000.00\r\n"
                          "PB2023-0001-0002,已退票,AC04 账户已销户,40200.50\r\n";
  CHECK(bank_return_template_csv() == "\xEF\xBB\xBF支付编号,状态,原因,金额\r\n");
  const BankReturn report = read_bank_return(csv, "回单.csv");
  REQUIRE(report.payments.size() == 1);
  const auto& rows = report.payments[0].transactions;
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].end_to_end_id == "PB2023-0001-0001");
  CHECK(rows[0].status == "ACSC");
  CHECK(rows[0].amount == Money::from_fen(150000000));
  CHECK(rows[1].status == "RJCT");
  CHECK(rows[1].reason.code == "AC04");
  // Other common names: 备注 (what the upload file called our reference), 交易状态, 失败原因.
  const BankReturn other =
      read_bank_return_csv("备注,交易状态,失败原因\nPB2023-0001-0003,失败,户名不符\n", "r.csv");
  CHECK(other.payments[0].transactions[0].status == "RJCT");
  CHECK(other.payments[0].transactions[0].reason.text == "户名不符");
}

TEST_CASE("a bank's own column mapping names its headings and its status words") {
  const BankReturnMapping mapping = parse_return_mapping(
      "name = \"某银行网银回单\"\n"
      "[columns]\n"
      "end_to_end_id = [\"客户附言\", \"摘要\"]\n"
      "status = \"处理结果\"\n"
      "reason = \"结果说明\"\n"
      "amount = \"付款金额\"\n"
      "[status]\n"
      "\"已入账\" = \"ACSC\"\n"
      "\"户名不符\" = \"RJCT\"\n",
      "bank.toml");
  CHECK(mapping.name == "某银行网银回单");
  const std::string csv =
      "序号,摘要,付款金额,处理结果,结果说明\n"
      "1,PB2023-0001-0001,1500000.00,已入账,\n"
      "2,PB2023-0001-0002,40200.50,户名不符,收款人户名与账号不符\n";
  const BankReturn report = read_bank_return(csv, "bank.csv", mapping);
  const auto& rows = report.payments[0].transactions;
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].end_to_end_id == "PB2023-0001-0001");
  CHECK(rows[0].status == "ACSC");
  CHECK(rows[1].status == "RJCT");
  CHECK(rows[1].amount == Money::from_fen(4020050));
  // Without the mapping the file's headings are not known: one line naming the column.
  CHECK_THROWS_WITH(read_bank_return(csv, "bank.csv"),
                    Catch::StartsWith("bank.csv:1:EndToEndId: missing column"));
  // A mapping that lacks a column, or maps a word to no ISO status, is refused with its line.
  CHECK_THROWS_WITH(parse_return_mapping("[columns]\nstatus = \"s\"\nreason = \"r\"\n", "m.toml"),
                    Catch::StartsWith("m.toml:") && Catch::Contains("end_to_end_id"));
  CHECK_THROWS_WITH(parse_return_mapping("[columns]\nend_to_end_id = \"e\"\nstatus = \"s\"\n"
                                         "reason = \"r\"\n[status]\n\"好\" = \"OK\"\n",
                                         "m.toml"),
                    Catch::StartsWith("m.toml:6:好:"));
}
