// Payment batches in the ledger: what `batch create` proposes and leaves out (with reasons), the
// four-eyes approval that freezes a batch, cancellation, and export posting payment_sent once
// with the same bytes every time.
#include <catch2/catch.hpp>

#include <algorithm>

#include "ledger/bankfiles/xsd_check.h"
#include "ledger/base/embedded.h"
#include "ledger/masterdata/policy_store.h"
#include "payments_fixture.h"

using namespace subsidy;
using namespace payments_fixture;

namespace {

std::map<std::string, std::string> reasons(const std::vector<Exclusion>& exclusions) {
  std::map<std::string, std::string> out;
  for (const Exclusion& exclusion : exclusions) out[exclusion.uscc] = exclusion.reason;
  return out;
}

}  // namespace

TEST_CASE("a batch proposes every payable that can be paid, sorted by USCC") {
  PaymentsLedger ledger;
  const CreatedBatch created = ledger.create();
  REQUIRE(created.batch_id);
  const PaymentBatch& batch = created.batch;
  CHECK(batch.batch_id == "SY2023-000001");
  CHECK(batch.created_at == "2024-01-31T08:00:00Z");
  CHECK(batch.execution_date == "2024-01-31");
  CHECK(batch.payer.name == "泗阳县财政局");
  REQUIRE(batch.items.size() == kAwardedFen.size());
  size_t i = 0;
  for (const auto& [uscc, fen] : kAwardedFen) {
    INFO(uscc);
    CHECK(batch.items[i].uscc == uscc);
    CHECK(batch.items[i].amount == Money::from_fen(fen));
    CHECK(batch.items[i].end_to_end_id == "SY2023-000001-0000" + std::to_string(i + 1));
    ++i;
  }
  const PaymentItem& jia = batch.items[2];  // 甲: four awards under three clauses
  CHECK(jia.payee_name == "江苏甲机械有限公司");
  CHECK(jia.account_no == "1110020109000123456");
  CHECK(jia.cnaps_code == "102308200012");
  CHECK(jia.application_ids == std::vector<std::string>{"A-02", "A-03", "A-04", "A-05"});
  CHECK(jia.clauses == "三(一)、三(七)");
  CHECK(jia.policy_document == "泗政办发〔2022〕9号");
  CHECK(created.exclusions.empty());
  // Stored exactly as proposed.
  const PaymentBatch stored = load_batch(ledger.db(), *created.batch_id);
  CHECK(stored.items.size() == batch.items.size());
  CHECK(stored.items[2].application_ids == jia.application_ids);
  CHECK(batch_summary(ledger.db(), *created.batch_id).state == BatchState::proposed);
  CHECK(batch_summary(ledger.db(), *created.batch_id).total == Money::from_fen(499945679));
}

TEST_CASE("payables that cannot be paid are left out, each with its reason") {
  PaymentsLedger ledger;
  Db& db = ledger.db();
  // 丙 had a major pollution accident in 2023; 戊 has no bank account; 己's award was held by the
  // current assessment. (Bank details come complete or not at all: the importer sees to that.)
  post_award(db, "A-X1", "913213230267GK0H6T", "P01", Money::from_yuan(1000), Money());
  post_award(db, "A-X2", "91321323RU0QR5NDAN", "P01", Money::from_yuan(2000), Money());
  db.exec(
      "INSERT INTO assessment_runs VALUES (1, 2023, 'siyang-2022-9', 'x', '2026-01-05T00:00:00Z',"
      " '" +
      std::string(64, '0') +
      "', 0, 0);"
      "INSERT INTO assessment_results VALUES (1, 'A-12', 'P', '91321323846YQA32C6', 'T01',"
      " 'service_institution', 'held', 0, 0, 0, 0, NULL, '[]', '', NULL);");
  const CreatedBatch created = ledger.create();
  REQUIRE(created.batch_id);
  CHECK(created.batch.items.size() == 3);
  const auto why = reasons(created.exclusions);
  CHECK(why ==
        std::map<std::string, std::string>{{"913213230267GK0H6T", "ineligible:major_env_pollution"},
                                           {"91321323846YQA32C6", "held:A-12"},
                                           {"91321323RU0QR5NDAN", "no_bank_account"}});
  CHECK(reasons(batch_exclusions(db, *created.batch_id)) == why);
  CHECK(created.exclusions[0].payable == Money::from_yuan(1000));
}

TEST_CASE("an enterprise that owes money back is left out for a person to net") {
  PaymentsLedger ledger;
  EntryDraft clawback;
  clawback.fiscal_year = 2023;
  clawback.kind = "award_adjustment";
  clawback.actor = "assess";
  clawback.idempotency_key = "test-clawback";
  clawback.lines = {{chart::clawback_receivable("91321323NLNHD7EJ8F"), Money::from_yuan(500)},
                    {std::string(chart::kCountyExpense), -Money::from_yuan(500)}};
  Transaction tx(ledger.db());
  post_entry(ledger.db(), clawback);
  tx.commit();
  const CreatedBatch created = ledger.create();
  CHECK(created.batch.items.size() == 3);
  CHECK(reasons(created.exclusions) ==
        std::map<std::string, std::string>{{"91321323NLNHD7EJ8F", "clawback_outstanding:500.00"}});
}

TEST_CASE("an account changed within 30 days is flagged, an older change is not") {
  PaymentsLedger ledger;
  ImportOptions options;
  options.file_name = "enterprises-v2.csv";
  options.actor = "clerk";
  options.recorded_at = "2024-01-02T08:00:00Z";  // 29 days before the clock's 2024-01-31
  import_file(ledger.db(), ImportKind::enterprises,
              "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n"
              "91321323L30P8774PE,江苏甲机械有限公司,P01,中国银行股份有限公司泗阳支行,"
              "104308200017,5555000011112222,江苏甲机械有限公司\n",
              options);
  options.recorded_at = "2023-12-31T08:00:00Z";  // 31 days before
  options.file_name = "enterprises-v3.csv";
  import_file(ledger.db(), ImportKind::enterprises,
              "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n"
              "91321323NLNHD7EJ8F,泗阳丁食品有限公司,T01,江苏泗阳农村商业银行股份有限公司,"
              "314308200018,3213230011200099999,泗阳丁食品有限公司\n",
              options);
  const CreatedBatch created = ledger.create();
  REQUIRE(created.batch_id);
  const auto& items = created.batch.items;
  CHECK(items[2].uscc == "91321323L30P8774PE");
  CHECK(items[2].account_no == "5555000011112222");
  CHECK(items[2].account_changed_on == "2024-01-02");
  CHECK(items[3].account_no == "3213230011200099999");
  CHECK_FALSE(items[3].account_changed_on);
  CHECK(load_batch(ledger.db(), *created.batch_id).items[2].account_changed_on == "2024-01-02");
}

TEST_CASE("--max-items limits the batch and lists the rest") {
  PaymentsLedger ledger;
  const CreatedBatch created = ledger.create(3);
  CHECK(created.batch.items.size() == 3);
  REQUIRE(created.exclusions.size() == 1);
  CHECK(created.exclusions[0].uscc == "91321323NLNHD7EJ8F");
  CHECK(created.exclusions[0].reason == "over_max_items");
  CHECK_THROWS_WITH(ledger.create(0), Catch::Contains("at least 1"));
}

TEST_CASE("an enterprise in an open batch is not proposed again; nothing payable stores nothing") {
  PaymentsLedger ledger;
  REQUIRE(ledger.create(2).batch_id);
  const CreatedBatch second = ledger.create();
  CHECK(second.batch.items.size() == 2);
  CHECK(reasons(second.exclusions).at("913213233MPWH2JD13") == "in_open_batch:SY2023-000001");
  const CreatedBatch third = ledger.create();
  CHECK_FALSE(third.batch_id);
  CHECK(third.exclusions.size() == 4);
  CHECK(list_batches(ledger.db()).size() == 2);
}

TEST_CASE("no batch without a configured payer") {
  fixture::TempLedger bare;
  bare.import_example();
  post_award(bare.db(), "A-02", "91321323L30P8774PE", "P01", Money::from_yuan(1), Money());
  CHECK_THROWS_WITH(
      create_batch(bare.db(), BatchRequest{AwardYear(2023), {}, {}, "clerk"}, siyang_policy()),
      Catch::Contains("config set payer.name VALUE"));
  CHECK(bare.count("SELECT count(*) FROM payment_batches") == 0);
}

TEST_CASE("approval needs a second person and freezes the batch") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "clerk-li", ledger.clock),
                    Catch::Contains("clerk-li created this batch and cannot approve it"));
  CHECK_THROWS_WITH(ledger.export_v9(id), Catch::Contains("not approved"));
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  const BatchSummary summary = batch_summary(ledger.db(), id);
  CHECK(summary.state == BatchState::approved);
  CHECK(summary.approved_by == "director-wang");
  CHECK(summary.approval_sha256.size() == 64);
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "deputy-zhao", ledger.clock),
                    Catch::Contains("already approved by director-wang"));
  // Frozen: the schema refuses changed or added items.
  CHECK_THROWS(ledger.db().exec("UPDATE payment_batch_items SET amount_fen = 1"));
  CHECK_THROWS(ledger.db().exec(
      "INSERT INTO payment_batch_items SELECT batch_id, 99, 'X-1', uscc, payee_name, account_no, "
      "bank_name, cnaps_code, 1, policy_document, clauses, application_ids, NULL "
      "FROM payment_batch_items LIMIT 1"));
}

TEST_CASE("four eyes compares names, not bytes: the creator under another spelling is refused") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;  // created by clerk-li
  for (const char* same : {"clerk-li ", " clerk-li", "Clerk-Li", "\xef\xbd\x83lerk-li"}) {
    CHECK_THROWS_WITH(approve_batch(ledger.db(), id, same, ledger.clock),
                      Catch::Contains("created this batch and cannot approve it"));
  }
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "clerk-li\x7f", ledger.clock),
                    Catch::Contains("U+007F"));
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "clerk-li\xe2\x80\x8b", ledger.clock),
                    Catch::Contains("U+200B"));
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "   ", ledger.clock),
                    Catch::Contains("not a clean name"));
  CHECK(batch_summary(ledger.db(), id).approved_by.empty());
  approve_batch(ledger.db(), id, " director-wang ", ledger.clock);
  CHECK(batch_summary(ledger.db(), id).approved_by == "director-wang");
}

TEST_CASE("a cancel reason with a bidi override is refused") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  CHECK_THROWS_WITH(cancel_batch(ledger.db(), id, "clerk-li", "dup\xe2\x80\xae", ledger.clock),
                    Catch::Contains("cancel reason: character 4 is U+202E"));
  CHECK(batch_summary(ledger.db(), id).state != BatchState::cancelled);
}

TEST_CASE("an item changed behind the approval's back stops the export") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  ledger.db().exec(
      "DROP TRIGGER payment_batch_items_no_update;"
      "UPDATE payment_batch_items SET account_no = '6222000000000000' WHERE item_no = 1;");
  CHECK_THROWS_WITH(ledger.export_v9(id), Catch::Contains("no longer matches what was approved"));
  CHECK(ledger.balance(std::string(chart::kBankInTransit)).is_zero());
}

TEST_CASE("a payable lowered after the batch was made stops approval") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  // An award adjustment takes 100.00 back from 乙.
  post_award(ledger.db(), "A-06-adjusted", "913213233MPWH2JD13", "T01", Money::from_yuan(-100),
             Money());
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "director-wang", ledger.clock),
                    Catch::Contains("913213233MPWH2JD13 is now owed 35900.00"));
}

TEST_CASE("export posts payment_sent once and always gives the same bytes") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  const ExportResult first = export_batch(
      ledger.db(), id, "pain001v9",
      [](const PaymentBatch& batch) { return write_pain001(batch, Pain001Version::v09); },
      "clerk-li", ledger.clock);
  CHECK(first.entries_posted == 4);
  CHECK(first.sha256 == sha256_hex(first.bytes));
  CHECK(xsd_problems(first.bytes, SUBSIDY_SHARED_DIR "/xsd/pain.001.001.09.xsd").empty());
  for (const auto& [uscc, fen] : kAwardedFen) {
    CHECK(ledger.balance(chart::award_payable(uscc)).is_zero());
  }
  CHECK(ledger.balance(std::string(chart::kBankInTransit)) == -Money::from_fen(499945679));
  const ExportResult again = ledger.export_v9(id, "director-wang");
  CHECK(again.entries_posted == 0);
  CHECK(again.bytes == first.bytes);
  CHECK(batch_summary(ledger.db(), id).state == BatchState::exported);
  CHECK(batch_summary(ledger.db(), id).export_count == 2);
  CHECK(batch_progress(ledger.db(), id)[0].state == "sent");
  CHECK_THROWS_WITH(cancel_batch(ledger.db(), id, "director-wang", "", ledger.clock),
                    Catch::Contains("was exported"));
}

TEST_CASE("an export that would differ from the earlier one in that format is refused") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  ledger.export_v9(id);
  const auto different = [](const PaymentBatch& batch) {
    return write_pain001(batch, Pain001Version::v09) + "\n";
  };
  CHECK_THROWS_WITH(export_batch(ledger.db(), id, "pain001v9", different, "clerk-li", ledger.clock),
                    Catch::Contains("differs from the one made at"));
}

TEST_CASE("an export that cannot be made records and posts nothing") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  CHECK_THROWS_AS(export_batch(
                      ledger.db(), id, "pain001v9",
                      [](const PaymentBatch&) -> std::string { throw RefusedError("not valid"); },
                      "clerk-li", ledger.clock),
                  RefusedError);
  CHECK(ledger.balance(std::string(chart::kBankInTransit)).is_zero());
  CHECK(batch_summary(ledger.db(), id).export_count == 0);
}

TEST_CASE("a cancelled batch gives its items back and cannot be approved or exported") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  cancel_batch(ledger.db(), id, "clerk-li", "wrong execution date", ledger.clock);
  CHECK(batch_summary(ledger.db(), id).state == BatchState::cancelled);
  CHECK_THROWS_WITH(approve_batch(ledger.db(), id, "director-wang", ledger.clock),
                    Catch::Contains("cancelled"));
  CHECK_THROWS_WITH(ledger.export_v9(id), Catch::Contains("cancelled"));
  CHECK_THROWS_WITH(cancel_batch(ledger.db(), id, "clerk-li", "", ledger.clock),
                    Catch::Contains("already cancelled"));
  const CreatedBatch next = ledger.create();
  CHECK(next.batch.items.size() == 4);
  CHECK(next.batch.batch_id == "SY2023-000002");
  CHECK(find_batch(ledger.db(), "SY2023-000002") == *next.batch_id);
  CHECK(find_batch(ledger.db(), "2") == *next.batch_id);
  CHECK_THROWS_WITH(find_batch(ledger.db(), "SY2023-000009"), Catch::Contains("no payment batch"));
}

TEST_CASE("the payment facts come from the stored policy of the award year") {
  PaymentsLedger ledger;
  std::string text;
  for (const EmbeddedFile& file : embedded_policies::files()) {
    if (file.name == "siyang-2022-9.toml") text = std::string(file.content);
  }
  REQUIRE_FALSE(text.empty());
  store_policy(ledger.db(), text, "siyang-2022-9.toml", "admin", "2026-01-01T00:00:00Z");
  const PaymentPolicy facts = payment_policy_for_year(ledger.db(), AwardYear(2023));
  CHECK(facts.document_number == "泗政办发〔2022〕9号");
  CHECK(facts.clause_of_scheme.at("loan_interest") == "三(七)");
  CHECK(facts.clause_of_scheme.at("digital_project") == "三(三)");
  std::vector<std::string> events = facts.ineligible_events;
  std::vector<std::string> expected = siyang_policy().ineligible_events;
  std::sort(events.begin(), events.end());
  std::sort(expected.begin(), expected.end());
  CHECK(events == expected);
  CHECK_THROWS_WITH(payment_policy_for_year(ledger.db(), AwardYear(2025)),
                    Catch::Contains("no policy stored in this ledger covers award year 2025"));
}
