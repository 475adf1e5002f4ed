// Closing a fiscal year (year_close.h): the closing entry carries the digest and closes every
// revenue and expense account into fund_balance; balance-sheet accounts carry forward; nothing
// posts into the year (or an earlier one) afterwards; years close in order; verify re-derives that
// a closing zeroes the nominal accounts and accepts old memorandum closings as they were booked.
#include <catch2/catch.hpp>

#include <algorithm>

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
  // The expense of 2023 is closed into the fund balance; nothing of 2024 is touched.
  CHECK(entry.lines == std::vector<Line>{{"county_expense", Money::from_fen(-300)},
                                         {"fund_balance", Money::from_fen(300)}});
  CHECK(closing_of(db, FiscalYear(2023))->entry_id == 3);
  CHECK_FALSE(closing_of(db, FiscalYear(2024)));

  // After it the expense account is zero over 2023 and before; the balance-sheet accounts are as
  // they were, and they alone carry into 2024.
  CHECK(balance_of(db, "county_expense", 2023).is_zero());
  CHECK(balance_of(db, "fund_balance", 2023) == Money::from_fen(300));
  std::vector<AccountBalance> balances_after = account_balances(db, 2023);
  for (const AccountBalance& kept : balances_before) {
    if (kept.account == "county_expense") continue;
    CHECK(std::find(balances_after.begin(), balances_after.end(), kept) != balances_after.end());
  }
  CHECK(balance_of(db, "county_expense") == Money::from_fen(10));  // 2024's own expense only

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
  close(db, 2023);  // an empty year closes with two zero lines on the fund balance
  CHECK(entry_by_id(db, 1)->lines ==
        std::vector<Line>{{"fund_balance", Money()}, {"fund_balance", Money()}});
  CHECK(open_year_for(db, FiscalYear(2023)) == FiscalYear(2024));
  close(db, 2024);
  CHECK(open_year_for(db, FiscalYear(2023)) == FiscalYear(2025));
  // A year before a closed one is closed too: the later closing swept it.
  CHECK(open_year_for(db, FiscalYear(2022)) == FiscalYear(2025));
  Transaction tx(db);
  CHECK_THROWS_WITH(post_entry(db, award_draft("old", 1, 1, 2022), stepping_clock()),
                    Catch::Contains("fiscal year 2022 is closed (entry 1, which closed 2023)"));
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

TEST_CASE("years close in order, and revenue is closed with the expense") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 300, 200, 2022));
  post(db, award_draft("2", 40, 0, 2023));
  EntryDraft funding;
  funding.fiscal_year = 2023;
  funding.kind = "county_funding";
  funding.actor = "tester";
  funding.idempotency_key = "fund:2023";
  funding.memo = "funding";
  funding.lines = {{"treasury", Money::from_fen(1000)},
                   {"county_appropriation", Money::from_fen(-1000)}};
  post(db, funding);
  {
    Transaction tx(db);
    CHECK_THROWS_WITH(close_year(db, FiscalYear(2023), "x", stepping_clock()),
                      Catch::Contains("fiscal year 2022 has entries and is not closed"));
  }
  close(db, 2022);
  const YearClosing closing = close(db, 2023);
  CHECK(entry_by_id(db, closing.entry_id)->lines ==
        std::vector<Line>{{"county_appropriation", Money::from_fen(1000)},
                          {"county_expense", Money::from_fen(-40)},
                          {"fund_balance", Money::from_fen(-960)}});
  CHECK(balance_of(db, "fund_balance") == Money::from_fen(300 - 960));
  const VerifyReport report = verify_ledger(db);
  CHECK(report.ok());
  CHECK(report.memorandum_closings == 0);
}

TEST_CASE("an old memorandum closing is re-read as it is, and the next closing sweeps its year") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 300, 200, 2022));
  {  // A closing as ledgers before the fund balance booked it: turnover on year_close:2022.
    Transaction tx(db);
    const LedgerHead before = head(db);
    EntryDraft memo;
    memo.fiscal_year = 2022;
    memo.kind = "year_close";
    memo.actor = "chief";
    memo.idempotency_key = "year-close:2022";
    memo.memo = "old closing";
    memo.lines = {{"year_close:2022", Money::from_fen(500)},
                  {"year_close:2022", Money::from_fen(-500)}};
    const PostResult posted = post_entry(db, memo, stepping_clock());
    db.exec("INSERT INTO ledger_closings VALUES (2022, " + std::to_string(posted.entry.entry_id) +
            ", " + std::to_string(before.entry_count) + ", '" + before.head_hash + "', '" +
            posted.entry.posted_at + "', 'chief');");
    tx.commit();
  }
  subsidy::testing::seal_as_an_operation_would(db);
  VerifyReport report = verify_ledger(db);
  CHECK(report.ok());
  CHECK(report.memorandum_closings == 1);
  CHECK(balance_of(db, "county_expense") == Money::from_fen(300));  // carried, as it was

  post(db, award_draft("2", 40, 0, 2023));
  const YearClosing closing = close(db, 2023);
  CHECK(entry_by_id(db, closing.entry_id)->lines ==
        std::vector<Line>{{"county_expense", Money::from_fen(-340)},
                          {"fund_balance", Money::from_fen(340)}});
  report = verify_ledger(db);
  CHECK(report.ok());
  CHECK(report.memorandum_closings == 1);
}

TEST_CASE("verify finds a closing that does not close the revenue and expense accounts") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 300, 200, 2023));
  const LedgerHead before = head(db);
  {  // A forged closing that moves only part of the expense, and a payable, into the fund.
    Transaction tx(db);
    EntryDraft forged;
    forged.fiscal_year = 2023;
    forged.kind = "year_close";
    forged.actor = "mallory";
    forged.idempotency_key = "year-close:2023";
    forged.memo = "forged";
    forged.lines = {{"county_expense", Money::from_fen(-200)},
                    {"award_payable:91321323L30P8774PE", Money::from_fen(-50)},
                    {"fund_balance", Money::from_fen(250)}};
    const PostResult posted = post_entry(db, forged, stepping_clock());
    db.exec("INSERT INTO ledger_closings VALUES (2023, " + std::to_string(posted.entry.entry_id) +
            ", " + std::to_string(before.entry_count) + ", '" + before.head_hash + "', '" +
            posted.entry.posted_at + "', 'mallory');");
    tx.commit();
  }
  subsidy::testing::seal_as_an_operation_would(db);
  const VerifyReport report = verify_ledger(db);
  CHECK_FALSE(report.ok());
  CHECK(report.first_bad_entry == 2);
  std::string all;
  for (const std::string& problem : report.problems) all += problem + "\n";
  CHECK_THAT(all, Catch::Contains("closing of 2023 books award_payable:91321323L30P8774PE"));
  CHECK_THAT(all, Catch::Contains("closing of 2023 leaves county_expense at 100 fen"));
}
