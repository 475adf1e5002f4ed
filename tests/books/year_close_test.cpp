// Closing a fiscal year (year_close.h): the closing entry carries the digest and seals the year's
// turnover without moving a balance; nothing posts into the year afterwards; verify checks
// closings.
#include <catch2/catch.hpp>

#include "ledger/base/error.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/year_close.h"
#include "ledger_fixture.h"

using namespace subsidy;
using subsidy::testing::award_draft;
using subsidy::testing::stepping_clock;
using subsidy::testing::TempLedger;

namespace {

void post(Db& db, const EntryDraft& draft) {
  Transaction tx(db);
  post_entry(db, draft, stepping_clock());
  tx.commit();
}

YearClosing close(Db& db, int64_t year) {
  Transaction tx(db);
  YearClosing closing =
      close_year(db, FiscalYear::known(year), "chief accountant", stepping_clock());
  tx.commit();
  subsidy::testing::seal_as_an_operation_would(db);
  return closing;
}

}  // namespace

TEST_CASE("closing a year posts an entry with the digest and seals the year") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 300, 200, 2023));
  post(db, award_draft("2", 10, 10, 2024));
  const LedgerHead before = head(db);
  const std::vector<AccountBalance> balances_before = account_balances(db, 2023);

  const YearClosing closing = close(db, 2023);
  CHECK(closing.entry_id == 3);
  CHECK(closing.digest == before);
  const Entry entry = *entry_by_id(db, 3);
  CHECK(entry.kind == "year_close");
  CHECK(entry.idempotency_key == "year-close:2023");
  CHECK_THAT(entry.memo, Catch::Contains("entries=2 head=" + before.head_hash));
  REQUIRE(entry.lines.size() == 2);
  CHECK(entry.lines[0] == Line{"year_close:2023", Money::from_fen(500)});  // debit turnover
  CHECK(entry.lines[1] == Line{"year_close:2023", Money::from_fen(-500)});
  CHECK(closing_of(db, FiscalYear(2023))->entry_id == 3);
  CHECK_FALSE(closing_of(db, FiscalYear(2024)));

  // No balance of the year moved; the memorandum account nets to zero.
  std::vector<AccountBalance> balances_after = account_balances(db, 2023);
  REQUIRE(balances_after.size() == balances_before.size() + 1);
  CHECK(balances_after.back().account == "year_close:2023");
  CHECK(balances_after.back().balance.is_zero());
  balances_after.pop_back();
  CHECK(balances_after == balances_before);

  Transaction tx(db);
  CHECK_THROWS_WITH(post_entry(db, award_draft("3", 1, 1, 2023), stepping_clock()),
                    Catch::Contains("fiscal year 2023 is closed (entry 3)"));
  CHECK_THROWS_WITH(close_year(db, FiscalYear(2023), "x", stepping_clock()),
                    Catch::Contains("fiscal year 2023 is already closed (entry 3"));
  EntryDraft correction = award_draft("3", 1, 1, 2024);
  correction.refers_year = 2023;
  CHECK(post_entry(db, correction, stepping_clock()).posted);
  tx.commit();
  subsidy::testing::seal_as_an_operation_would(db);
  CHECK(verify_ledger(db).ok());
}

TEST_CASE("differences of a closed year go to the next open year") {
  TempLedger ledger;
  Db& db = ledger.db();
  CHECK(open_year_for(db, FiscalYear(2023)) == FiscalYear(2023));
  close(db, 2023);  // an empty year closes with a zero turnover
  CHECK(entry_by_id(db, 1)->lines[0].amount.is_zero());
  CHECK(open_year_for(db, FiscalYear(2023)) == FiscalYear(2024));
  close(db, 2024);
  CHECK(open_year_for(db, FiscalYear(2023)) == FiscalYear(2025));
  CHECK(open_year_for(db, FiscalYear(2022)) == FiscalYear(2022));
  CHECK(closings(db).size() == 2);
  CHECK(verify_ledger(db).ok());
}

TEST_CASE("verify finds a closing that is not what it claims") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 300, 200, 2023));
  post(db, award_draft("2", 300, 200, 2024));
  close(db, 2023);
  CHECK(verify_ledger(db).ok());
  // A closing row forged for 2024 that points at an award entry.
  db.exec("INSERT INTO ledger_closings VALUES (2024, 2, 1, '" + entry_by_id(db, 1)->entry_hash +
          "', '2024-01-01T00:00:00Z', 'mallory');");
  const VerifyReport report = verify_ledger(db);
  CHECK_FALSE(report.ok());
  CHECK(report.first_bad_entry == 2);
  CHECK_THAT(report.problems.front(),
             Catch::Contains("entry 2: closing of 2024 does not point at a year_close entry"));
}
