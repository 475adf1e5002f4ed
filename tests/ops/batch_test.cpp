// ops::create_batch, approve_batch, cancel_batch, export_batch and import_bank_return: a year's
// payments from proposal to the bank's answer, each a line in the operations log.
#include "tests/ops/ops_fixture.h"

#include "ledger/base/sha256.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/bank_return.h"
#include "ledger/ops/batch.h"
#include "tests/payments/payments_fixture.h"

using namespace ops_fixture;

namespace {

// The example ledger with its 2023 awards posted and the payer configured.
struct PayingLedger : OpsLedger {
  PayingLedger() {
    ops::OpContext clerk = context();
    ops::assess_and_post(clerk, {AwardYear(2023)});
    log->lines.clear();
  }
  std::string path(const std::string& name) const { return (dir() / name).string(); }
};

ops::BankFileWriter pain001v9() {
  return ops::bank_file_writer({ops::BankFileFormat::pain001v9});
}

}  // namespace

TEST_CASE("a batch is proposed, approved by a second person and exported, each logged") {
  PayingLedger ledger;
  ops::OpContext clerk = ledger.context("clerk-li");
  ops::OpContext director = ledger.context("director-wang");

  const ops::CreateBatchOutcome created = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
  REQUIRE(created.created.batch_id);
  const PaymentBatch& batch = created.created.batch;
  CHECK(batch.batch_id == "SY2023-000001");
  CHECK(batch.created_at == kFixedTime);
  CHECK(created.record.command == "batch create --year 2023");
  CHECK(created.record.counts == ops::created_batch_counts(created.created));
  CHECK(created.record.counts.rfind(
            "batch=SY2023-000001 items=" + std::to_string(batch.items.size()) + " total=", 0) == 0);
  CHECK(journal_part(created.record.digest_before) ==
        journal_part(created.record.digest_after));  // nothing posted yet
  REQUIRE(ledger.log->lines.size() == 1);

  SECTION("nothing more to pay: no batch and no line") {
    const ops::CreateBatchOutcome none = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
    CHECK_FALSE(none.created.batch_id);
    CHECK(none.record.command.empty());
    CHECK(ledger.log->lines.size() == 1);
  }

  SECTION("its maker cannot approve it; export before approval is refused") {
    check_refused<RefusedError>(ledger, [&] { ops::approve_batch(clerk, {"SY2023-000001"}); });
    check_refused<RefusedError>(ledger, [&] {
      ops::export_batch(clerk, {"1", pain001v9(), ops::file_delivery(ledger.path("b.xml"))});
    });
    CHECK_FALSE(std::filesystem::exists(ledger.path("b.xml")));
  }

  SECTION("approved, exported twice with the same bytes, posted once") {
    const ops::BatchOutcome approved = ops::approve_batch(director, {"SY2023-000001"});
    CHECK(approved.summary.state == BatchState::approved);
    CHECK(approved.summary.approved_by == "director-wang");
    CHECK(approved.summary.approved_at == kFixedTime);
    CHECK(approved.record.command == "batch approve SY2023-000001");
    CHECK(approved.record.counts == "content_sha256=" + approved.summary.approval_sha256);

    const std::string file = ledger.path("b1.xml");
    const ops::ExportBatchOutcome first =
        ops::export_batch(clerk, {"1", pain001v9(), ops::file_delivery(file)});
    CHECK(first.result.format_key == "pain001v9");
    CHECK(first.result.destination == file);
    CHECK(first.result.entries_posted == static_cast<int64_t>(batch.items.size()));
    CHECK(first.result.sha256 == sha256_hex(fixture::read_file(file)));
    CHECK(first.record.command == "batch export SY2023-000001 --format pain001v9");
    CHECK(first.record.counts == "file=" + file + " sha256=" + first.result.sha256 +
                                     " entries_posted=" + std::to_string(batch.items.size()));
    CHECK(first.record.digest_before != first.record.digest_after);

    std::string delivered;
    const ops::ExportBatchOutcome second = ops::export_batch(
        clerk, {"SY2023-000001", pain001v9(), {"memory", [&](const std::string& bytes) {
                                                 delivered = bytes;
                                               }}});
    CHECK(second.result.entries_posted == 0);
    CHECK(second.result.sha256 == first.result.sha256);
    CHECK(delivered == fixture::read_file(file));
    CHECK(second.record.counts.ends_with(" entries_posted=0"));
    CHECK(second.result.earlier_other_keys.empty());  // the same format again: no warning
    CHECK(ledger.log->lines.size() == 4);

    SECTION("a failed delivery leaves the export recorded; exporting again writes the file") {
      const ops::BankFileWriter csv = ops::bank_file_writer({ops::BankFileFormat::csv});
      CHECK_THROWS_WITH(
          ops::export_batch(
              clerk,
              {"1", csv, {"nowhere", [](const std::string&) { throw RefusedError("disk full"); }}}),
          Catch::Contains("is recorded"));
      CHECK(ledger.log->lines.size() == 5);
      const std::string file_csv = ledger.path("b1.csv");
      const ops::ExportBatchOutcome again =
          ops::export_batch(clerk, {"1", csv, ops::file_delivery(file_csv)});
      CHECK(again.result.entries_posted == 0);
      CHECK(again.result.sha256 == sha256_hex(fixture::read_file(file_csv)));
      check_refused<RefusedError>(ledger, [&] { ops::cancel_batch(clerk, {"1", "wrong"}); });
    }
    SECTION("the CSV's key names its encoding and template") {
      const ops::ExportBatchOutcome csv = ops::export_batch(
          clerk, {"1", ops::bank_file_writer({ops::BankFileFormat::csv, Encoding::gbk}),
                  ops::file_delivery(ledger.path("b1.csv"))});
      CHECK(csv.result.format_key == "csv:gbk:generic:remit60");
      // Exported as pain.001 before: the front end warns not to upload both.
      CHECK(csv.result.earlier_other_keys == std::vector<std::string>{"pain001v9"});
      const ops::ExportBatchOutcome xlsx = ops::export_batch(
          clerk, {"1", ops::bank_file_writer({ops::BankFileFormat::xlsx}),
                  ops::file_delivery(ledger.path("b1.xlsx"))});
      CHECK(xlsx.result.entries_posted == 0);
      CHECK(xlsx.result.earlier_other_keys ==
            std::vector<std::string>{"pain001v9", "csv:gbk:generic:remit60"});
      CHECK(csv.record.command == "batch export SY2023-000001 --format csv");
    }
    SECTION("an exported batch cannot be cancelled") {
      check_refused<RefusedError>(ledger, [&] { ops::cancel_batch(clerk, {"1", "wrong"}); });
    }
  }

  SECTION("cancelled: its items are free again") {
    const ops::BatchOutcome cancelled = ops::cancel_batch(clerk, {"1", "wrong year"});
    CHECK(cancelled.summary.state == BatchState::cancelled);
    CHECK(cancelled.record.command == "batch cancel SY2023-000001");
    CHECK(cancelled.record.counts == "reason=wrong year");
    check_refused<RefusedError>(ledger, [&] { ops::cancel_batch(clerk, {"1", "again"}); });
    check_refused<RefusedError>(ledger, [&] { ops::approve_batch(director, {"1"}); });
    const ops::CreateBatchOutcome next = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
    REQUIRE(next.created.batch_id);
    CHECK(next.created.batch.items.size() == batch.items.size());
  }

  SECTION("an unknown batch is refused") {
    check_refused<RefusedError>(ledger, [&] { ops::approve_batch(director, {"SY2023-000099"}); });
  }
}

TEST_CASE("the bank file's key names every option that changes its bytes") {
  CHECK(ops::bank_file_writer({ops::BankFileFormat::pain001v3}).key == "pain001v3");
  CHECK(ops::bank_file_writer({ops::BankFileFormat::csv}).key == "csv:utf-8-bom:generic:remit60");
  CHECK(ops::bank_file_writer({ops::BankFileFormat::xlsx}).key == "xlsx:generic:remit60");
  CHECK(ops::bank_file_writer({ops::BankFileFormat::csv, {}, {}, {}, "gbk"}).key ==
        "csv:gbk:gbk:remit60");
  CHECK(ops::bank_file_writer({ops::BankFileFormat::csv, {}, {}, {}, "excel"}).key ==
        "csv:utf-8-bom:excel:remit60:excel");
  CHECK_THROWS_AS(ops::bank_file_writer({ops::BankFileFormat::csv, {}, {}, {}, "icbc"}),
                  UsageError);
  CHECK_THROWS_AS(ops::bank_file_writer({ops::BankFileFormat::xlsx, Encoding::gbk}), UsageError);
  CHECK_THROWS_AS(ops::bank_file_writer({ops::BankFileFormat::pain001v9, {}, {}, {}, "gbk"}),
                  UsageError);
  const std::string text =
      "name = \"某银行\"\nencoding = \"gbk\"\ncolumns = [ { heading = \"账号\", field = "
      "\"payee_account\" }, { heading = \"金额\", field = \"amount\" } ]\n";
  const ops::BankFileWriter custom = ops::bank_file_writer(
      {ops::BankFileFormat::csv, std::nullopt, ops::UploadTemplateFile{"bank.toml", text}});
  CHECK(custom.key == "csv:gbk:" + sha256_hex(text) + ":remit60");
  const ops::BankFileWriter utf8 = ops::bank_file_writer(
      {ops::BankFileFormat::csv, Encoding::utf8, ops::UploadTemplateFile{"bank.toml", text}});
  CHECK(utf8.key == "csv:utf-8-bom:" + sha256_hex(text) + ":remit60");
  CHECK_THROWS_AS(ops::bank_file_writer({ops::BankFileFormat::pain001v9, Encoding::gbk}),
                  UsageError);
  CHECK_THROWS_AS(
      ops::bank_file_writer({ops::BankFileFormat::csv, std::nullopt, std::nullopt, "x.xsd"}),
      UsageError);
  CHECK_THROWS_AS(ops::bank_file_writer({ops::BankFileFormat::csv, std::nullopt,
                                         ops::UploadTemplateFile{"bad.toml", "columns = 1\n"}}),
                  InputError);
  CHECK(ops::bank_file_format_from_name("pain001v9") == ops::BankFileFormat::pain001v9);
  CHECK_FALSE(ops::bank_file_format_from_name("mt101"));
}

TEST_CASE("a bank return is booked once and logged once") {
  PayingLedger ledger;
  ops::OpContext clerk = ledger.context("clerk-li");
  ops::OpContext director = ledger.context("director-wang");
  ops::create_batch(clerk, {AwardYear(2023), {}, {}});
  ops::approve_batch(director, {"1"});
  ops::export_batch(clerk, {"1", pain001v9(), {"memory", [](const std::string&) {}}});
  const PaymentBatch batch = load_batch(ledger.db(), 1);
  REQUIRE(batch.items.size() >= 2);
  ledger.log->lines.clear();

  std::vector<std::pair<std::string, std::string>> statuses;
  for (const PaymentItem& item : batch.items) statuses.emplace_back(item.end_to_end_id, "ACSC");
  statuses[1].second = "RJCT:AC04";
  const std::string xml = payments_fixture::pain002("SY2023-000001", statuses);
  const ops::BankReturnFile file = ops::read_bank_return_file("r1.xml", xml);
  CHECK(file.sha256 == sha256_hex(xml));

  const ops::BankReturnOutcome outcome = ops::import_bank_return(clerk, file);
  const int64_t settled = static_cast<int64_t>(batch.items.size()) - 1;
  CHECK(outcome.result.settled == settled);
  CHECK(outcome.result.rejected == 1);
  CHECK(outcome.record.command == "bank-return import r1.xml");
  CHECK(outcome.record.counts == "return=" + std::to_string(outcome.result.return_id) +
                                     " sha256=" + file.sha256 + " batches=SY2023-000001 settled=" +
                                     std::to_string(settled) + " rejected=1 pending=0 unchanged=0");
  REQUIRE(ledger.log->lines.size() == 1);
  CHECK(balance_of(ledger.db(), chart::award_payable(batch.items[1].uscc)) ==
        -batch.items[1].amount);

  SECTION("the same file again: nothing done, no line") {
    const std::string before = ledger.state();
    const ops::BankReturnOutcome again = ops::import_bank_return(clerk, file);
    CHECK(again.result.already_imported);
    CHECK(again.result.imported_at == kFixedTime);
    CHECK(again.record.command.empty());
    CHECK(ledger.state() == before);
    CHECK(ledger.log->lines.size() == 1);
  }
  SECTION("a return about an unknown batch is refused") {
    const std::string unknown = payments_fixture::pain002("SY2023-000042", statuses);
    check_refused<RefusedError>(ledger, [&] {
      ops::import_bank_return(clerk, ops::read_bank_return_file("r2.xml", unknown));
    });
  }
}
