// Award posting (award_posting.h): only differences are posted, a rerun posts nothing, reductions
// after payment become clawbacks, closed years send differences to the open year, and the award
// accounts equal the latest assessment exactly — checked on the worked example of ../shared.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "ledger/awards/award_posting.h"
#include "ledger/base/error.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/year_close.h"
#include "tests/books/ledger_fixture.h"

using namespace subsidy;
using subsidy::testing::stepping_clock;
using subsidy::testing::TempLedger;

namespace {

const std::string kUscc = "91321323L30P8774PE";
const std::string kPayable = "award_payable:" + kUscc;
const std::string kClawback = "clawback_receivable:" + kUscc;

AwardTarget target(const std::string& application_id, int64_t amount_fen,
                   Status status = Status::awarded) {
  AwardTarget t;
  t.application_id = application_id;
  t.uscc = kUscc;
  t.region_code = "P01";
  t.scheme = "smart_equipment_project";
  t.fiscal_year = 2023;
  t.status = status;
  t.amount = Money::from_fen(amount_fen);
  t.region_share = Money::from_fen(status == Status::awarded ? amount_fen / 2 : 0);
  t.county_share = status == Status::awarded ? t.amount - t.region_share : Money();
  return t;
}

AwardPostingResult run(Db& db, const std::vector<AwardTarget>& targets, int64_t run_id = 1) {
  Transaction tx(db);
  AwardPostingResult result = post_award_differences(
      db, {2023, "assessor", run_id, "assess --year 2023 run " + std::to_string(run_id)}, targets,
      stepping_clock());
  tx.commit();
  return result;
}

// Posts a payment of `amount_fen` to the enterprise: sent and confirmed by the bank.
void pay(Db& db, const std::string& key, int64_t amount_fen) {
  Transaction tx(db);
  JournalWriter writer(db, stepping_clock());
  EntryDraft sent;
  sent.fiscal_year = 2023;
  sent.kind = "payment_sent";
  sent.actor = "cashier";
  sent.idempotency_key = "sent:" + key;
  sent.lines = {{kPayable, Money::from_fen(amount_fen)},
                {"bank_in_transit", Money::from_fen(-amount_fen)}};
  writer.post(sent);
  EntryDraft confirmed = sent;
  confirmed.kind = "payment_confirmed";
  confirmed.idempotency_key = "confirmed:" + key;
  confirmed.lines = {{"bank_in_transit", Money::from_fen(amount_fen)},
                     {"treasury", Money::from_fen(-amount_fen)}};
  writer.post(confirmed);
  tx.commit();
}

Money fen(int64_t value) {
  return Money::from_fen(value);
}

}  // namespace

TEST_CASE("a new award books the shares and the payable; a rerun posts nothing") {
  TempLedger ledger;
  Db& db = ledger.db();
  AwardTarget loan = target("A-04", 222222222);
  loan.scheme = "loan_interest";
  loan.county_only = true;
  loan.county_share = loan.amount;
  loan.region_share = Money();
  const std::vector<AwardTarget> targets = {target("A-02", 21345679), loan,
                                            target("A-07", 0, Status::rejected),
                                            target("A-11", 5000000, Status::held)};
  const AwardPostingResult first = run(db, targets);
  CHECK(first.posted == 2);
  CHECK(first.unchanged == 2);  // rejected and held: nothing to book
  const Entry a02 = *entry_by_id(db, first.entry_ids[0]);
  CHECK(a02.kind == "award");
  CHECK(a02.application_id == "A-02");
  CHECK(a02.run_id == 1);
  CHECK(a02.idempotency_key == "award:A-02:v1:213456.79/106728.40/106728.39@P01");
  CHECK(a02.lines == std::vector<Line>{{"county_expense", fen(10672840)},
                                       {"region_due:P01", fen(10672839)},
                                       {kPayable, fen(-21345679)}});
  CHECK(entry_by_id(db, first.entry_ids[1])->lines ==
        std::vector<Line>{{"county_expense", fen(222222222)}, {kPayable, fen(-222222222)}});

  const LedgerHead before = head(db);
  const AwardPostingResult again = run(db, targets, 2);
  CHECK(again.posted == 0);
  CHECK(again.unchanged == 4);
  CHECK(head(db) == before);
}

TEST_CASE("changes before payment post only the difference") {
  TempLedger ledger;
  Db& db = ledger.db();
  run(db, {target("A-1", 100000)});

  SECTION("increased") {
    const AwardPostingResult result = run(db, {target("A-1", 150001)}, 2);
    REQUIRE(result.posted == 1);
    const Entry entry = *entry_by_id(db, result.entry_ids[0]);
    CHECK(entry.kind == "award_adjustment");
    CHECK(entry.idempotency_key == "award:A-1:v2:1500.01/750.01/750.00@P01");
    CHECK(entry.lines == std::vector<Line>{{"county_expense", fen(25001)},
                                           {"region_due:P01", fen(25000)},
                                           {kPayable, fen(-50001)}});
    CHECK(balance_of(db, kPayable) == fen(-150001));
  }
  SECTION("reduced") {
    const AwardPostingResult result = run(db, {target("A-1", 60000)}, 2);
    REQUIRE(result.posted == 1);
    CHECK(entry_by_id(db, result.entry_ids[0])->lines ==
          std::vector<Line>{{"county_expense", fen(-20000)},
                            {"region_due:P01", fen(-20000)},
                            {kPayable, fen(40000)}});
    CHECK(balance_of(db, kPayable) == fen(-60000));
    CHECK(balance_of(db, kClawback).is_zero());
  }
  SECTION("rejected after all (a compliance event found later)") {
    run(db, {target("A-1", 0, Status::rejected)}, 2);
    for (const AccountBalance& balance : account_balances(db)) CHECK(balance.balance.is_zero());
  }
  SECTION("moved to another region") {
    AwardTarget moved = target("A-1", 100000);
    moved.region_code = "T01";
    const AwardPostingResult result = run(db, {moved}, 2);
    CHECK(entry_by_id(db, result.entry_ids[0])->lines ==
          std::vector<Line>{{"region_due:P01", fen(-50000)}, {"region_due:T01", fen(50000)}});
  }
  CHECK(verify_ledger(db).ok());
}

TEST_CASE("an award reduced after it was paid becomes a clawback, and an increase settles it") {
  TempLedger ledger;
  Db& db = ledger.db();
  run(db, {target("A-1", 100000)});

  SECTION("fully paid") {
    pay(db, "1", 100000);
    const AwardPostingResult result = run(db, {target("A-1", 60000)}, 2);
    CHECK(entry_by_id(db, result.entry_ids[0])->lines ==
          std::vector<Line>{{"county_expense", fen(-20000)},
                            {"region_due:P01", fen(-20000)},
                            {kClawback, fen(40000)}});
    CHECK(balance_of(db, kPayable).is_zero());
    CHECK(balance_of(db, kClawback) == fen(40000));

    // Raised again to 90,000: the 30,000 first settle what the enterprise owed back.
    const AwardPostingResult raised = run(db, {target("A-1", 90000)}, 3);
    CHECK(entry_by_id(db, raised.entry_ids[0])->lines ==
          std::vector<Line>{{"county_expense", fen(15000)},
                            {"region_due:P01", fen(15000)},
                            {kClawback, fen(-30000)}});
    CHECK(balance_of(db, kClawback) == fen(10000));
  }
  SECTION("partly paid: the unpaid part is reduced first") {
    pay(db, "1", 70000);
    const AwardPostingResult result = run(db, {target("A-1", 60000)}, 2);
    CHECK(entry_by_id(db, result.entry_ids[0])->lines ==
          std::vector<Line>{{"county_expense", fen(-20000)},
                            {"region_due:P01", fen(-20000)},
                            {kPayable, fen(30000)},
                            {kClawback, fen(10000)}});
    CHECK(balance_of(db, kPayable).is_zero());
    CHECK(balance_of(db, kClawback) == fen(10000));
  }
  CHECK(verify_ledger(db).ok());
}

TEST_CASE("an award that goes back and forth posts every change") {
  TempLedger ledger;
  Db& db = ledger.db();
  for (int64_t amount : {100, 200, 100, 200}) run(db, {target("A-1", amount)});
  CHECK(head(db).entry_count == 4);
  CHECK(balance_of(db, kPayable) == fen(-200));
  CHECK(booked_award(db, "A-1").entries == 4);
}

TEST_CASE("differences for a closed year go into the open year, referring to it") {
  TempLedger ledger;
  Db& db = ledger.db();
  run(db, {target("A-1", 100000)});
  {
    Transaction tx(db);
    close_year(db, FiscalYear(2023), "chief", stepping_clock());
    tx.commit();
  }
  subsidy::testing::seal_as_an_operation_would(db);
  const AwardPostingResult result = run(db, {target("A-1", 80000)}, 2);
  const Entry entry = *entry_by_id(db, result.entry_ids[0]);
  CHECK(entry.fiscal_year == 2024);
  CHECK(entry.refers_year == 2023);
  // The close moved 2023's expense (50000) into the fund balance, so county_expense opens 2024
  // at zero and its movement in 2024 is the difference alone; the sealed year is as sealed.
  CHECK(balance_of(db, "county_expense", 2024) == fen(-10000));
  CHECK(balance_of(db, "county_expense") == fen(-10000));
  CHECK(balance_of(db, "county_expense", 2023).is_zero());
  CHECK(balance_of(db, "fund_balance", 2023) == fen(50000));
  CHECK(run(db, {target("A-1", 80000)}, 3).posted == 0);
  CHECK(verify_ledger(db).ok());
}

TEST_CASE("malformed targets are refused before anything is posted") {
  TempLedger ledger;
  Db& db = ledger.db();
  AwardTarget bad_split = target("A-2", 100);
  bad_split.region_share = fen(49);
  AwardTarget county_only = target("A-3", 100);
  county_only.county_only = true;
  AwardTarget other_year = target("A-4", 100);
  other_year.fiscal_year = 2024;
  AwardTarget bad_uscc = target("A-5", 100);
  bad_uscc.uscc = "9132 1323";
  struct Case {
    std::vector<AwardTarget> targets;
    const char* reason;
  };
  for (const Case& c :
       {Case{{target("A-1", 100), bad_split},
             "'A-2' refused: county share 0.50 + region share 0.49"},
        Case{{target("A-1", 100), county_only}, "a county-only award has a region share"},
        Case{{target("A-1", 100), other_year}, "award year 2024 is not the run's year 2023"},
        Case{{target("A-1", 100), bad_uscc}, "account qualifier may only hold"},
        Case{{target("A-1", 100), target("A-1", 100)}, "'A-1' refused: listed twice"}}) {
    INFO(c.reason);
    Transaction tx(db);
    CHECK_THROWS_WITH(post_award_differences(db, {2023, "a", 1, "m"}, c.targets, stepping_clock()),
                      Catch::Contains(c.reason));
    CHECK(head(db).entry_count == 0);
  }
}

// ---- The worked example of ../shared/examples/basic --------------------------------------------

namespace {

std::map<std::string, std::string> regions_by_uscc() {
  std::ifstream in(std::string(SUBSIDY_SHARED_DIR) + "/examples/basic/enterprises.csv");
  REQUIRE(in);
  std::map<std::string, std::string> regions;
  std::string line;
  std::getline(in, line);  // header: uscc,name,region_code,...
  for (int rows = 0; rows < 1000 && std::getline(in, line); ++rows) {
    const size_t first = line.find(',');
    const size_t second = line.find(',', first + 1);
    regions[line.substr(0, first)] =
        line.substr(second + 1, line.find(',', second + 1) - second - 1);
  }
  return regions;
}

Money money_of(const nlohmann::json& value) {
  return *parse_money(value.get<std::string>()).value;
}

std::vector<AwardTarget> expected_targets() {
  std::ifstream in(std::string(SUBSIDY_SHARED_DIR) + "/examples/basic/expected-assess-2023.json");
  REQUIRE(in);
  const nlohmann::json assessment = nlohmann::json::parse(in);
  const std::map<std::string, std::string> regions = regions_by_uscc();
  std::vector<AwardTarget> targets;
  for (const nlohmann::json& a : assessment["applications"]) {
    AwardTarget t;
    t.application_id = a["application_id"];
    t.uscc = a["uscc"];
    t.region_code = regions.at(t.uscc);
    t.scheme = a["scheme"];
    t.fiscal_year = assessment["year"];
    t.county_only = t.scheme == "loan_interest";
    t.status = *status_from_name(a["status"].get<std::string>());
    t.amount = money_of(a["amount"]);
    t.county_share = money_of(a["county_share"]);
    t.region_share = money_of(a["region_share"]);
    targets.push_back(t);
  }
  return targets;
}

// The award accounts the ledger must hold for `targets`, nothing having been paid.
std::map<std::string, Money> expected_balances(const std::vector<AwardTarget>& targets) {
  std::map<std::string, Money> balances;
  for (const AwardTarget& t : targets) {
    if (t.status != Status::awarded) continue;
    balances["county_expense"] += t.county_share;
    balances["region_due:" + t.region_code] += t.region_share;
    balances["award_payable:" + t.uscc] -= t.amount;
  }
  std::erase_if(balances, [](const auto& b) { return b.second.is_zero(); });
  return balances;
}

std::map<std::string, Money> ledger_balances(Db& db) {
  std::map<std::string, Money> balances;
  for (const AccountBalance& b : account_balances(db)) {
    if (!b.balance.is_zero()) balances[b.account] = b.balance;
  }
  return balances;
}

}  // namespace

TEST_CASE("the ledger equals the latest assessment of the worked example exactly") {
  TempLedger ledger;
  Db& db = ledger.db();
  std::vector<AwardTarget> targets = expected_targets();
  REQUIRE(targets.size() == 13);
  const AwardPostingResult first = run(db, targets);
  CHECK(first.posted == 8);  // the awarded ones
  CHECK(first.unchanged == 5);
  CHECK(ledger_balances(db) == expected_balances(targets));

  // A later run: the retention of E5 was imported (A-11 awarded 50,000.00), a compliance event of
  // E4 found (A-09, A-10 rejected) and A-02 recomputed lower.
  for (AwardTarget& t : targets) {
    if (t.application_id == "A-11") {
      t.status = Status::awarded;
      t.region_share = fen(2500000);
      t.county_share = fen(2500000);
    }
    if (t.application_id == "A-09" || t.application_id == "A-10") {
      t = target(t.application_id, 0, Status::rejected);
      t.uscc = "91321323NLNHD7EJ8F";
      t.region_code = "T01";
    }
    if (t.application_id == "A-02") {
      t.amount = fen(20000000);
      t.county_share = fen(10000000);
      t.region_share = fen(10000000);
    }
  }
  const AwardPostingResult second = run(db, targets, 2);
  CHECK(second.posted == 4);
  CHECK(second.unchanged == 9);
  CHECK(ledger_balances(db) == expected_balances(targets));
  CHECK(run(db, targets, 3).posted == 0);
  CHECK(verify_ledger(db).ok());
}
