// The online-banking batch as XLSX: the CSV's cells (用途 cut) as text cells, read back through
// the importer's XLSX reader, and the same bytes on every write (exports are compared by hash).
#include <catch2/catch.hpp>

#include "bankfile_fixture.h"
#include "ledger/bankfiles/bank_upload_xlsx.h"
#include "ledger/masterdata/xlsx_reader.h"

using namespace subsidy;

TEST_CASE("the XLSX upload file holds the template's cells as text") {
  PaymentBatch batch = testing::sample_batch();
  batch.items[0].account_no = "6222021234567890123";  // 19 digits: Excel would round a number
  batch.items[0].policy_document = "关于印发泗阳县促进制造业高质量发展若干政策措施的通知";
  const BankUploadTemplate bank = default_upload_template();
  const std::string bytes = write_bank_upload_xlsx(batch, bank);
  REQUIRE(looks_like_zip(bytes));
  const auto rows = read_xlsx_first_sheet(bytes, "upload.xlsx");
  CHECK(rows == bank_upload_rows(batch, bank));
  REQUIRE(rows.size() == batch.items.size() + 1);
  CHECK(rows[0][0] == "收款账号");
  CHECK(rows[1][0] == "6222021234567890123");
  CHECK(rows[1][4] == "1500000.00");
  CHECK(rows[1][5] == cut_to_gbk_bytes(remittance_text(batch.items[0]), 60));
  CHECK(bytes == write_bank_upload_xlsx(batch, bank));  // deterministic
  BankUploadTemplate excel = *builtin_upload_template("excel");
  CHECK(read_xlsx_first_sheet(write_bank_upload_xlsx(batch, excel), "x")[1][0] ==
        "6222021234567890123");  // no ="…" in a workbook
}
