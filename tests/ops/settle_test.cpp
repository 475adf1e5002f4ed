// ops::settle and ops::close_year: a region's payment of its share, and sealing a year.
#include "tests/ops/ops_fixture.h"

#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/year_close.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/close_year.h"
#include "ledger/ops/settle.h"

using namespace ops_fixture;

TEST_CASE("settle books a region's payment once per reference") {
  AssessedLedger ledger;
  ops::OpContext context = ledger.context("clerk-li");
  const Money owed = balance_of(ledger.db(), chart::region_due("T01"));
  REQUIRE(owed.fen() > 0);
  const Money part = Money::from_fen(owed.fen() / 2);
  const ops::SettleOutcome outcome = ops::settle(context, {"T01", part, 2023, "BANK-0001"});
  CHECK(outcome.result.posted);
  CHECK(outcome.result.region == "T01");
  CHECK(outcome.result.amount == part);
  CHECK(outcome.record.command == "settle");
  CHECK(outcome.record.counts ==
        "region=T01 amount=" + format_plain(part) + " ref=BANK-0001 posted=1");
  CHECK(balance_of(ledger.db(), chart::region_due("T01")) == owed - part);
  const std::optional<Entry> entry = entry_by_id(ledger.db(), outcome.result.entry_id);
  REQUIRE(entry);
  CHECK(entry->idempotency_key == "region_payment:BANK-0001");
  CHECK(entry->actor == "clerk-li");
  CHECK(entry->posted_at == kFixedTime);
  REQUIRE(ledger.log->lines.size() == 1);
  CHECK(ledger.log->lines[0].rfind("actor=clerk-li command=settle region=T01 amount=", 0) == 0);

  SECTION("the same settlement again posts nothing") {
    const ops::SettleOutcome again = ops::settle(context, {"T01", part, 2023, "BANK-0001"});
    CHECK_FALSE(again.result.posted);
    CHECK(again.result.entry_id == outcome.result.entry_id);
    CHECK(again.record.counts.ends_with(" posted=0"));
    CHECK(again.record.digest_before == again.record.digest_after);
  }
  SECTION("refused: more than owed, unknown region, nothing paid, no reference") {
    check_refused<RefusedError>(ledger, [&] {
      ops::settle(context, {"T01", owed, 2023, "BANK-0002"});
    });
    check_refused<RefusedError>(ledger, [&] {
      ops::settle(context, {"X99", Money::from_fen(100), 2023, "BANK-0003"});
    });
    check_refused<RefusedError>(ledger, [&] {
      ops::settle(context, {"T01", Money::from_fen(0), 2023, "BANK-0004"});
    });
    check_refused<RefusedError>(ledger, [&] {
      ops::settle(context, {"T01", Money::from_fen(100), 2023, ""});
    });
  }
}

TEST_CASE("close seals the year once") {
  AssessedLedger ledger;
  ops::OpContext context = ledger.context("chief");
  const std::string before = current_digest(ledger.db());
  // T01 owes its shares: an open item, so the close is forced (close_year_test.cpp).
  const ops::CloseYearOutcome outcome =
      ops::close_year(context, {FiscalYear(2023), true, "regions settle next year"});
  CHECK(outcome.closing.fiscal_year == 2023);
  CHECK(outcome.closing.actor == "chief");
  CHECK(outcome.closing.closed_at == kFixedTime);
  CHECK(outcome.record.command == "close --year 2023");
  CHECK(outcome.record.counts.starts_with(
      "entries_posted=1 closing_entry=" + std::to_string(outcome.closing.entry_id) +
      " open_items="));
  CHECK(outcome.record.digest_before == before);
  CHECK(outcome.record.digest_after == current_digest(ledger.db()));
  CHECK(closing_of(ledger.db(), FiscalYear(2023)));
  CHECK(ledger.log->lines.size() == 1);
  check_refused<RefusedError>(ledger, [&] {
    ops::close_year(context, {FiscalYear(2023), true, "again"});
  });
}
