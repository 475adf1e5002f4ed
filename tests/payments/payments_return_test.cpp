// Bank returns in the ledger: settled items confirmed, rejected ones reversed with the bank's
// reason and proposed again, pending ones only recorded; the same file twice posts nothing; unknown
// references, amount mismatches, contradictions and batches never sent are refused with nothing
// posted; and the full cycle leaves award_payable and bank_in_transit at zero.
#include <catch2/catch.hpp>

#include "payments_fixture.h"
#include "ledger/bankfiles/bank_return_csv.h"

using namespace subsidy;
using namespace payments_fixture;

namespace {

const std::string kTransit(chart::kBankInTransit);
const std::string kTreasury(chart::kTreasury);

// Batch 1 exported, and the number of journal entries so far.
struct Sent : ExportedBatch {
  int64_t entries() { return head(ledger.db()).entry_count; }
};

}  // namespace

TEST_CASE("settled items are confirmed, rejected ones reversed with the reason, pending recorded") {
  Sent sent;
  const ReturnImportResult result = sent.ledger.import_return(pain002(
      "SY2023-000001", {{sent.e2e(0), "ACSC"}, {sent.e2e(1), "RJCT:AC04"}, {sent.e2e(2), "ACSP"}},
      "<OrgnlNbOfTxs>4</OrgnlNbOfTxs><OrgnlCtrlSum>4999456.79</OrgnlCtrlSum><GrpSts>PART</"
      "GrpSts>"));
  CHECK(result.settled == 1);
  CHECK(result.rejected == 1);
  CHECK(result.pending == 2);  // ACSP, and the group's PART for the item not listed
  CHECK(result.batches == std::vector<std::string>{"SY2023-000001"});
  CHECK(sent.ledger.balance(kTreasury) == -sent.amount(0));
  CHECK(sent.ledger.balance(kTransit) == -(sent.amount(2) + sent.amount(3)));
  // 己 is owed again; everything else is on its way or paid.
  CHECK(sent.ledger.balance(chart::award_payable(sent.batch.items[1].uscc)) == -sent.amount(1));
  const auto progress = batch_progress(sent.ledger.db(), sent.id);
  CHECK(progress[0].state == "settled");
  CHECK(progress[1].state == "rejected");
  CHECK(progress[1].reason == "AC04 收款账户已销户");
  CHECK(progress[2].state == "sent");
  CHECK(progress[2].bank_status == "ACSP");
  const auto reversal = entry_by_key(sent.ledger.db(), "payment_rejected:" + sent.e2e(1));
  REQUIRE(reversal);
  CHECK(reversal->kind == "payment_rejected");
  CHECK(reversal->memo.find("RJCT AC04 收款账户已销户") != std::string::npos);
  CHECK(reversal->reverses_entry_id ==
        entry_by_key(sent.ledger.db(), "payment_sent:" + sent.e2e(1))->entry_id);
}

TEST_CASE("the same return twice posts nothing; the same statuses in another file neither") {
  Sent sent;
  const std::string xml =
      pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}, {sent.e2e(1), "RJCT:AC04"}});
  sent.ledger.import_return(xml);
  const int64_t entries = sent.entries();
  const ReturnImportResult again = sent.ledger.import_return(xml);
  CHECK(again.already_imported);
  CHECK(sent.entries() == entries);
  const ReturnImportResult other = sent.ledger.import_return(pain002(
      "SY2023-000001", {{sent.e2e(0), "ACSC"}, {sent.e2e(1), "RJCT:AC04"}}, "", "BANK-STS-2"));
  CHECK_FALSE(other.already_imported);
  CHECK(other.unchanged == 2);
  CHECK(sent.entries() == entries);
}

TEST_CASE("a return that contradicts an earlier one is refused for a person to resolve") {
  Sent sent;
  sent.ledger.import_return(
      pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}, {sent.e2e(1), "RJCT:AC04"}}));
  const int64_t entries = sent.entries();
  CHECK_THROWS_WITH(
      sent.ledger.import_return(pain002("SY2023-000001", {{sent.e2e(0), "RJCT:AC01"}}, "", "B-2")),
      Catch::Contains("contradicts an earlier return") &&
          Catch::Contains(sent.e2e(0) + " (line 2) was settled by an earlier return and is RJCT"));
  CHECK_THROWS_WITH(
      sent.ledger.import_return(pain002("SY2023-000001", {{sent.e2e(1), "ACSC"}}, "", "B-3")),
      Catch::Contains("was rejected by an earlier return and is ACSC"));
  CHECK(sent.entries() == entries);
}

TEST_CASE("unknown references, wrong amounts and unsent batches are refused, nothing posted") {
  Sent sent;
  const int64_t entries = sent.entries();
  struct Case {
    const char* what;
    std::string xml;
    const char* message;
  };
  const Case cases[] = {
      {"unknown message", pain002("SY2023-000099", {{"SY2023-000099-00001", "ACSC"}}),
       "references unknown to this ledger: OrgnlMsgId 'SY2023-000099'; OrgnlEndToEndId "
       "'SY2023-000099-00001' (line 2); nothing posted"},
      {"unknown EndToEndId",
       pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}, {"SY2023-000001-00077", "ACSC"}}),
       "references unknown to this ledger: OrgnlEndToEndId 'SY2023-000001-00077'"},
      {"count", pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}}, "<OrgnlNbOfTxs>5</OrgnlNbOfTxs>"),
       "group OrgnlNbOfTxs 5 but the batch has 4 items"},
      {"control sum",
       pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}}, "<OrgnlCtrlSum>4999456.78</OrgnlCtrlSum>"),
       "group OrgnlCtrlSum 4999456.78 but the batch totals 4999456.79"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK_THROWS_WITH(sent.ledger.import_return(c.xml), Catch::Contains(c.message));
  }
  std::string wrong_amount = pain002("SY2023-000001", {{sent.e2e(0), "ACSC"}});
  wrong_amount.replace(
      wrong_amount.find("</TxSts>") + 8, 0,
      "<OrgnlTxRef><Amt><InstdAmt Ccy=\"CNY\">35999.99</InstdAmt></Amt></OrgnlTxRef>");
  CHECK_THROWS_WITH(
      sent.ledger.import_return(wrong_amount),
      Catch::Contains("amounts differ from the batch: " + sent.e2e(0) +
                      " (line 2): the bank says CNY 35999.99, the batch 36000.00 CNY"));
  CHECK(sent.entries() == entries);
  CHECK(sent.ledger.count("SELECT count(*) FROM bank_returns") == 0);
}

TEST_CASE("a return about a batch never exported is refused") {
  PaymentsLedger ledger;
  const int64_t id = *ledger.create().batch_id;
  approve_batch(ledger.db(), id, "director-wang", ledger.clock);
  const PaymentBatch batch = load_batch(ledger.db(), id);
  CHECK_THROWS_WITH(
      ledger.import_return(pain002(batch.batch_id, {{batch.items[0].end_to_end_id, "RJCT:AC04"}})),
      Catch::Contains("was never exported"));
}

TEST_CASE("the real banks' samples are reported as unknown to the ledger, nothing posted") {
  Sent sent;
  const int64_t entries = sent.entries();
  const std::string dir = SUBSIDY_SHARED_DIR "/samples/bank-returns/";
  for (const char* name :
       {"nordea-pain_002_v3_group_reject.xml", "cross_river-pain_002_credit_accepted.xml",
        "goldman_sachs-pain_002_v3_payment_accepted.xml"}) {
    INFO(name);
    const std::string bytes = fixture::read_file(dir + name);
    CHECK_THROWS_WITH(
        sent.ledger.import_return(bytes, name),
        Catch::StartsWith(std::string(name) + ": references unknown to this ledger: OrgnlMsgId"));
  }
  CHECK(sent.entries() == entries);
}

TEST_CASE("a group rejection reverses every item of the batch") {
  Sent sent;
  sent.ledger.import_return(pain002("SY2023-000001", {}, "<GrpSts>RJCT</GrpSts>"));
  CHECK(sent.ledger.balance(kTransit).is_zero());
  for (const auto& [uscc, fen] : kAwardedFen) {
    CHECK(sent.ledger.balance(chart::award_payable(uscc)) == -Money::from_fen(fen));
  }
  for (const ItemProgress& item : batch_progress(sent.ledger.db(), sent.id)) {
    CHECK(item.state == "rejected");
  }
}

TEST_CASE("a CSV return books the same way") {
  Sent sent;
  const std::string csv = "EndToEndId,status,reason,amount\n" + sent.e2e(0) + ",成功,,36000.00\n" +
                          sent.e2e(3) + ",失败,AC01 账号错误,100000.00\n";
  const BankReturn report = read_bank_return_csv(csv, "return.csv");
  const ReturnImportResult result =
      import_bank_return(sent.ledger.db(), report,
                         ReturnFile{"return.csv", sha256_hex(csv), "clerk"}, sent.ledger.clock);
  CHECK(result.settled == 1);
  CHECK(result.rejected == 1);
  CHECK(batch_progress(sent.ledger.db(), sent.id)[3].reason == "AC01 账号错误");
  const std::string unknown = "EndToEndId,status,reason\nSY2023-000001-00009,ACSC,\n";
  CHECK_THROWS_WITH(
      import_bank_return(sent.ledger.db(), read_bank_return_csv(unknown, "u.csv"),
                         ReturnFile{"u.csv", sha256_hex(unknown), "clerk"}, sent.ledger.clock),
      "u.csv: references unknown to this ledger: EndToEndId 'SY2023-000001-00009' (line 2); "
      "nothing posted");
}

TEST_CASE("full cycle: rejected items come back in the next batch and everything ends at zero") {
  Sent sent;
  PaymentsLedger& ledger = sent.ledger;
  ledger.import_return(pain002("SY2023-000001", {{sent.e2e(0), "ACSC"},
                                                 {sent.e2e(1), "RJCT:AC04"},
                                                 {sent.e2e(2), "ACSC"},
                                                 {sent.e2e(3), "RJCT:AC04"}}));
  const CreatedBatch again = ledger.create();
  REQUIRE(again.batch_id);
  REQUIRE(again.batch.items.size() == 2);
  CHECK(again.batch.items[0].uscc == sent.batch.items[1].uscc);
  CHECK(again.batch.items[1].uscc == sent.batch.items[3].uscc);
  // Flagged for a person: the bank rejected the last payment to these accounts.
  const auto flagged = batch_progress(ledger.db(), *again.batch_id);
  CHECK(flagged[0].previous_rejection == sent.e2e(1) + " RJCT AC04");
  CHECK(flagged[1].previous_rejection == sent.e2e(3) + " RJCT AC04");
  CHECK_FALSE(batch_progress(ledger.db(), sent.id)[1].previous_rejection);
  approve_batch(ledger.db(), *again.batch_id, "director-wang", ledger.clock);
  ledger.export_v9(*again.batch_id);
  const PaymentBatch second = load_batch(ledger.db(), *again.batch_id);
  ledger.import_return(
      pain002(second.batch_id,
              {{second.items[0].end_to_end_id, "ACSC"}, {second.items[1].end_to_end_id, "ACSC"}},
              "", "B-2"));
  for (const auto& [uscc, fen] : kAwardedFen) {
    CHECK(ledger.balance(chart::award_payable(uscc)).is_zero());
  }
  CHECK(ledger.balance(kTransit).is_zero());
  CHECK(ledger.balance(kTreasury) == -Money::from_fen(499945679));
  CHECK_FALSE(ledger.create().batch_id);
}
