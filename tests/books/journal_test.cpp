// Posting entries (journal.h): balance and chart checks before writing, idempotency keys, the hash
// chain links, the transaction requirement, append-only triggers, and the read API.
#include <catch2/catch.hpp>

#include "ledger/books/chain.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger_fixture.h"

using namespace subsidy;
using subsidy::testing::award_draft;
using subsidy::testing::stepping_clock;
using subsidy::testing::TempLedger;

namespace {

PostResult post(Db& db, const EntryDraft& draft, const Clock& clock = stepping_clock()) {
  Transaction tx(db);
  PostResult result = post_entry(db, draft, clock);
  tx.commit();
  return result;
}

int64_t count_rows(Db& db, const std::string& table) {
  Statement row = db.prepare("SELECT count(*) FROM " + table + ";");
  row.step();
  return row.int64(0);
}

}  // namespace

TEST_CASE("a balanced entry is posted, read back and linked into the chain") {
  TempLedger ledger;
  Db& db = ledger.db();
  CHECK(head(db) == LedgerHead{0, std::string(kGenesisHash)});

  const PostResult first = post(db, award_draft("1", 50000, 50000));
  REQUIRE(first.posted);
  CHECK(first.entry.entry_id == 1);
  CHECK(first.entry.posted_at == "2024-01-31T08:00:00Z");
  CHECK(first.entry.lines.size() == 3);
  CHECK(first.entry.entry_hash == chain_hash(first.entry, kGenesisHash));

  const PostResult second = post(db, award_draft("2", 7, 6));
  CHECK(second.entry.entry_id == 2);
  CHECK(second.entry.entry_hash == chain_hash(second.entry, first.entry.entry_hash));
  CHECK(head(db) == LedgerHead{2, second.entry.entry_hash});

  ledger.reopen();  // what was committed is what a new connection reads
  const std::optional<Entry> again = entry_by_id(ledger.db(), 1);
  REQUIRE(again);
  CHECK(*again == first.entry);
  CHECK(entry_by_key(ledger.db(), "2") == second.entry);
  CHECK_FALSE(entry_by_id(ledger.db(), 3));
}

TEST_CASE("drafts that break the rules are refused and nothing is written") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("ok", 10, 10));
  const LedgerHead before = head(db);

  struct Case {
    const char* what;
    EntryDraft draft;
    const char* reason;
  };
  EntryDraft unbalanced = award_draft("u", 10, 10);
  unbalanced.lines[0].amount = Money::from_fen(11);
  EntryDraft one_line = award_draft("one", 10, 10);
  one_line.lines.resize(1);
  EntryDraft unknown_account = award_draft("acct", 10, 10);
  unknown_account.lines[0].account = "county_expens";
  EntryDraft unqualified = award_draft("unq", 10, 10);
  unqualified.lines[2].account = "award_payable";
  EntryDraft bad_kind = award_draft("kind", 10, 10);
  bad_kind.kind = "Award!";
  EntryDraft control_memo = award_draft("memo", 10, 10);
  control_memo.memo = "line one\nline two";
  EntryDraft bad_utf8 = award_draft("utf8", 10, 10);
  bad_utf8.memo = "\xE6\xB3";  // a cut-off 泗
  EntryDraft no_actor = award_draft("actor", 10, 10);
  no_actor.actor.clear();
  EntryDraft no_key = award_draft("", 10, 10);
  EntryDraft same_refers = award_draft("refers", 10, 10);
  same_refers.refers_year = 2023;

  for (const Case& c :
       {Case{"unbalanced", unbalanced, "do not balance: debits and credits differ by 0.01"},
        Case{"one line", one_line, "at least 2 lines"},
        Case{"unknown account", unknown_account, "unknown account 'county_expens'"},
        Case{"unqualified", unqualified, "needs a qualifier"},
        Case{"bad kind", bad_kind, "entry kind may only hold"},
        Case{"newline in memo", control_memo, "memo is not UTF-8 or holds a control"},
        Case{"bad UTF-8", bad_utf8, "memo is not UTF-8"},
        Case{"no actor", no_actor, "actor is empty"},
        Case{"no key", no_key, "idempotency key is empty"},
        Case{"refers to itself", same_refers, "refers_year must be another"}}) {
    INFO(c.what);
    Transaction tx(db);
    try {
      post_entry(db, c.draft, stepping_clock());
      FAIL("not refused");
    } catch (const RefusedError& e) {
      CHECK_THAT(e.what(), Catch::Contains(c.reason));
    }
  }
  CHECK(head(db) == before);
  CHECK(count_rows(db, "ledger_lines") == 3);
}

TEST_CASE("an idempotency key posts once; reusing it for other content is refused") {
  TempLedger ledger;
  Db& db = ledger.db();
  const PostResult first = post(db, award_draft("k", 100, 100));
  EntryDraft retry = award_draft("k", 100, 100);
  retry.memo = "the same posting, described again";
  retry.actor = "someone else";
  const PostResult second = post(db, retry);
  CHECK_FALSE(second.posted);
  CHECK(second.entry == first.entry);
  CHECK(head(db).entry_count == 1);

  Transaction tx(db);
  CHECK_THROWS_WITH(post_entry(db, award_draft("k", 100, 101), stepping_clock()),
                    Catch::Contains("idempotency key already used by entry 1 with other content"));
}

TEST_CASE("posting outside a transaction is a programmer error") {
  TempLedger ledger;
  CHECK_THROWS_AS(post_entry(ledger.db(), award_draft("x", 1, 1)), std::logic_error);
  CHECK(head(ledger.db()).entry_count == 0);
}

TEST_CASE("a rolled-back transaction leaves no entry, line or total behind") {
  TempLedger ledger;
  Db& db = ledger.db();
  {
    Transaction tx(db);
    JournalWriter writer(db, stepping_clock());
    writer.post(award_draft("a", 5, 5));
    writer.post(award_draft("b", 5, 5));
  }  // no commit
  CHECK(head(db).entry_count == 0);
  CHECK(count_rows(db, "ledger_lines") == 0);
  CHECK(account_balances(db).empty());
}

TEST_CASE("posted rows cannot be updated or deleted through SQL") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 10, 10));
  post(db, award_draft("2", 10, 10));
  CHECK_THROWS_WITH(db.exec("UPDATE ledger_lines SET amount_fen = 1 WHERE entry_id = 1;"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(db.exec("DELETE FROM ledger_entries WHERE entry_id = 2;"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(db.exec("UPDATE ledger_entries SET memo = 'x' WHERE entry_id = 1;"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(db.exec("INSERT INTO ledger_lines VALUES (1, 4, 'treasury', 0);"),
                    Catch::Contains("lines can only be added to the entry being posted"));
  CHECK(head(db).entry_count == 2);
}

TEST_CASE("balances come per account, per year or over all years") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 300, 200, 2023));
  post(db, award_draft("2", 50, 0, 2024));
  const std::string payable = chart::award_payable("91321323L30P8774PE");

  CHECK(balance_of(db, payable) == Money::from_fen(-550));
  CHECK(balance_of(db, payable, 2023) == Money::from_fen(-500));
  CHECK(balance_of(db, "county_expense", 2024) == Money::from_fen(50));
  CHECK(balance_of(db, "treasury").is_zero());

  const std::vector<AccountBalance> all = account_balances(db);
  REQUIRE(all.size() == 3);
  CHECK(all[0] == AccountBalance{payable, Money(), Money::from_fen(550), Money::from_fen(-550), 2});
  CHECK(all[1].account == "county_expense");
  CHECK(all[1].balance == Money::from_fen(350));
  CHECK(all[2] ==
        AccountBalance{"region_due:P01", Money::from_fen(200), Money(), Money::from_fen(200), 2});
  const std::vector<AccountBalance> in_2024 = account_balances(db, 2024);
  CHECK(in_2024.size() == 3);
  CHECK(in_2024[2].line_count == 1);
}

TEST_CASE("entries are found by application, batch, kind and year") {
  TempLedger ledger;
  Db& db = ledger.db();
  post(db, award_draft("1", 10, 10, 2023));
  EntryDraft sent;
  sent.fiscal_year = 2023;
  sent.kind = "payment_sent";
  sent.actor = "cashier";
  sent.idempotency_key = "sent-1";
  sent.application_id = "A-1";
  sent.batch_id = 7;
  sent.lines = {{chart::award_payable("91321323L30P8774PE"), Money::from_fen(20)},
                {"bank_in_transit", Money::from_fen(-20)}};
  post(db, sent);
  post(db, award_draft("2", 1, 1, 2024));

  EntryQuery by_application;
  by_application.application_id = "A-1";
  CHECK(find_entries(db, by_application).size() == 2);
  EntryQuery by_batch;
  by_batch.batch_id = 7;
  const std::vector<Entry> batch = find_entries(db, by_batch);
  REQUIRE(batch.size() == 1);
  CHECK(batch[0].idempotency_key == "sent-1");
  CHECK(batch[0].lines.size() == 2);
  EntryQuery by_kind;
  by_kind.kind = "award";
  CHECK(find_entries(db, by_kind).size() == 2);
  by_kind.fiscal_year = 2024;
  CHECK(find_entries(db, by_kind).size() == 1);
  EntryQuery all;
  CHECK(find_entries(db, all).size() == 3);
  all.limit = 2;
  CHECK(find_entries(db, all).size() == 2);
}

TEST_CASE("a reversal negates every line and names what it reverses") {
  TempLedger ledger;
  Db& db = ledger.db();
  const Entry original = post(db, award_draft("1", 30, 20)).entry;
  const Entry reversal =
      post(db, reversal_of(original, "reversal", "auditor", "rev-1", "entered twice")).entry;
  CHECK(reversal.reverses_entry_id == 1);
  CHECK(reversal.application_id == original.application_id);
  REQUIRE(reversal.lines.size() == 3);
  CHECK(reversal.lines[2].amount == Money::from_fen(50));
  for (const AccountBalance& balance : account_balances(db)) CHECK(balance.balance.is_zero());
}

TEST_CASE("an encrypted ledger posts and reads the same way") {
  TempLedger ledger(std::string("correct horse battery staple"));
  post(ledger.db(), award_draft("1", 10, 10));
  ledger.reopen();
  CHECK(head(ledger.db()).entry_count == 1);
  CHECK(balance_of(ledger.db(), "county_expense") == Money::from_fen(10));
}
