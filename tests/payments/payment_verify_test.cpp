// Payments as the chain says them (issue 15): payment_problems finds a payment_sent entry without
// an approved, unchanged item or to other bank details than the payee's master data, and two final
// statuses for one EndToEndId; export refuses payees that differ from the master data; a bank
// return cannot contradict the chain's confirmation or rejection whatever bank_return_items say;
// batch create proposes an exported item again only after the chain shows it rejected.
#include <catch2/catch.hpp>

#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/payments/payment_verify.h"
#include "payments_fixture.h"

using namespace subsidy;
using namespace payments_fixture;

namespace {

const std::string kTransit(chart::kBankInTransit);

// Batch 1 proposed, approved and exported, and a CSV return to import against it.
struct Exported : ExportedBatch {
  // The attacker's step: the bank-return rows about item `i` removed from the tables (the chain's
  // entries stay).
  void delete_return_rows(size_t i) {
    ledger.db().exec(
        "DROP TRIGGER bank_return_items_no_delete; DELETE FROM bank_return_items WHERE "
        "end_to_end_id = '" +
        e2e(i) + "'");
  }
  ReturnImportResult import_csv(const std::string& csv, const std::string& name) {
    return import_bank_return(ledger.db(), read_bank_return_csv(csv, name),
                              ReturnFile{name, sha256_hex(csv), "clerk"}, ledger.clock);
  }
};

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const std::string& problem : problems) {
    if (problem.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a clean payment cycle has no payment problems") {
  Exported sent;
  CHECK(payment_problems(sent.ledger.db()).empty());
  sent.ledger.import_return(
      pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}, {sent.e2e(1), "RJCT:AC04"}}));
  CHECK(payment_problems(sent.ledger.db()).empty());
  VerifyReport report;
  add_payment_problems(sent.ledger.db(), report);
  CHECK(report.ok());
}

TEST_CASE("master data edited in place after the export: verify names the payment") {
  Exported sent;
  sent.ledger.db().exec(
      "DROP TRIGGER enterprise_versions_no_update; UPDATE enterprise_versions SET account_no = "
      "'6222999988887777666' WHERE uscc = '" +
      sent.batch.items[0].uscc + "'");
  const std::vector<std::string> problems = payment_problems(sent.ledger.db());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("(payment_sent " + sent.e2e(0) + "): " + sent.e2e(0) +
                         ": account_no is") != std::string::npos);
  CHECK(problems[0].find("says '6222999988887777666'") != std::string::npos);
  VerifyReport report;
  add_payment_problems(sent.ledger.db(), report);
  CHECK(report.problem_count == 1);
}

TEST_CASE("an item edited after approval: verify says the batch no longer matches") {
  Exported sent;
  sent.ledger.db().exec(
      "DROP TRIGGER payment_batch_items_no_update; UPDATE payment_batch_items SET account_no = "
      "'6222999988887777666' WHERE end_to_end_id = '" +
      sent.e2e(2) + "'");
  const std::vector<std::string> problems = payment_problems(sent.ledger.db());
  CHECK(problems.size() == sent.batch.items.size());  // every payment of that batch
  CHECK(mentions(problems, "no longer matches the content its approval froze"));
}

TEST_CASE("a payment_sent entry for no item, and two final statuses, are problems") {
  Exported sent;
  JournalWriter writer(sent.ledger.db(), sent.ledger.clock);
  EntryDraft forged;
  forged.fiscal_year = 2023;
  forged.kind = std::string(chart::kPaymentSent);
  forged.actor = "mallory";
  forged.idempotency_key = "payment_sent:SY2023-000099-00001";
  forged.lines = {{chart::award_payable(sent.batch.items[0].uscc), Money::from_fen(100)},
                  {kTransit, Money::from_fen(-100)}};
  EntryDraft confirmed;
  confirmed.fiscal_year = 2023;
  confirmed.kind = std::string(chart::kPaymentConfirmed);
  confirmed.actor = "mallory";
  confirmed.idempotency_key = "payment_confirmed:" + sent.e2e(1);
  confirmed.lines = {{kTransit, Money::from_fen(100)},
                     {std::string(chart::kTreasury), Money::from_fen(-100)}};
  EntryDraft rejected = confirmed;
  rejected.kind = std::string(chart::kPaymentRejected);
  rejected.idempotency_key = "payment_rejected:" + sent.e2e(1);
  {
    Transaction tx(sent.ledger.db());
    writer.post(forged);
    writer.post(confirmed);
    writer.post(rejected);
    tx.commit();
  }
  const std::vector<std::string> problems = payment_problems(sent.ledger.db());
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("SY2023-000099-00001): pays no item of any payment batch") !=
        std::string::npos);
  CHECK(problems[1].find(sent.e2e(1) + " already has a final status, payment_confirmed") !=
        std::string::npos);
}

TEST_CASE("export refuses an item whose account differs from the payee's master data") {
  PaymentsLedger ledger;
  // An implanted trigger rewrites one enterprise's account in every new item.
  ledger.db().exec(
      "CREATE TRIGGER implant AFTER INSERT ON payment_batch_items "
      "WHEN NEW.uscc = '91321323L30P8774PE' BEGIN "
      "UPDATE payment_batch_items SET account_no = '6222999988887777666' "
      "WHERE end_to_end_id = NEW.end_to_end_id; END; "
      "DROP TRIGGER payment_batch_items_no_update");
  const int64_t id = *ledger.create().batch_id;
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  CHECK_THROWS_WITH(ledger.export_v9(id), Catch::Contains("account_no is '6222999988887777666'") &&
                                              Catch::Contains("do not pay it"));
  CHECK(batch_summary(ledger.db(), id).export_count == 0);
  CHECK(ledger.balance(kTransit).is_zero());
}

TEST_CASE("a forged CSV rejection of a confirmed item is refused whatever the tables say") {
  Exported sent;
  sent.ledger.import_return(pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}}));
  const Money in_transit = sent.ledger.balance(kTransit);
  // The attacker removes the confirmation from the tables; the chain still holds it.
  sent.delete_return_rows(0);
  const std::string csv = "EndToEndId,status,reason\n" + sent.e2e(0) + ",RJCT,AC04\n";
  CHECK_THROWS_WITH(sent.import_csv(csv, "forged.csv"),
                    Catch::Contains("is settled in the ledger's entries and is RJCT"));
  CHECK(sent.ledger.balance(kTransit) == in_transit);
  CHECK(sent.ledger.balance(chart::award_payable(sent.batch.items[0].uscc)).is_zero());
  // The next batch does not pay that enterprise again.
  const CreatedBatch next = sent.ledger.create();
  for (const PaymentItem& item : next.batch.items) CHECK(item.uscc != sent.batch.items[0].uscc);
  CHECK(payment_problems(sent.ledger.db()).empty());
}

TEST_CASE("a confirmation after the chain's rejection is refused whatever the tables say") {
  Exported sent;
  sent.ledger.import_return(pain002("SY2023-000001", {{sent.e2e(1), "RJCT:AC04"}}));
  sent.delete_return_rows(1);
  const std::string csv = "EndToEndId,status,reason\n" + sent.e2e(1) + ",ACSC,\n";
  CHECK_THROWS_WITH(sent.import_csv(csv, "late.csv"),
                    Catch::Contains("is rejected in the ledger's entries and is ACSC"));
}

TEST_CASE("a CSV return is recorded as unauthenticated, a pain.002 is not") {
  Exported sent;
  const ReturnImportResult xml =
      sent.ledger.import_return(pain002("SY2023-000001", {{sent.e2e(0), "ACSP"}}));
  CHECK(xml.authenticated);
  CHECK_FALSE(batch_progress(sent.ledger.db(), sent.id)[0].bank_status_unauthenticated);
  const ReturnImportResult csv =
      sent.import_csv("EndToEndId,status,reason\n" + sent.e2e(0) + ",ACSC,\n", "r.csv");
  CHECK_FALSE(csv.authenticated);
  CHECK(csv.settled == 1);
  CHECK(batch_progress(sent.ledger.db(), sent.id)[0].bank_status_unauthenticated);
}

TEST_CASE("an exported batch cannot be cancelled even when its export events are gone") {
  Exported sent;
  sent.ledger.db().exec(
      "DROP TRIGGER payment_batch_events_no_delete; DELETE FROM payment_batch_events WHERE "
      "event = 'exported'");
  CHECK_THROWS_WITH(cancel_batch(sent.ledger.db(), sent.id, "clerk-li", "", sent.ledger.clock),
                    Catch::Contains("was exported"));
}
