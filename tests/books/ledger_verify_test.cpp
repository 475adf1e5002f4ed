// verify (ledger_verify.h): a clean ledger passes; every kind of tampering done through SQL with
// the triggers dropped is found and the first bad entry named; a rollback or a consistently
// rewritten chain passes the plain check but not the check against a saved digest.
#include <catch2/catch.hpp>

#include "ledger/books/chain.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger_fixture.h"

using namespace subsidy;
using subsidy::testing::award_draft;
using subsidy::testing::stepping_clock;
using subsidy::testing::TempLedger;

namespace {

// A ledger of `count` award entries posted in one transaction.
void fill(Db& db, int count) {
  Transaction tx(db);
  JournalWriter writer(db, stepping_clock());
  for (int i = 1; i <= count; ++i) writer.post(award_draft(std::to_string(i), 100 * i, 50 * i));
  tx.commit();
}

// Drops the journal's append-only triggers as an attacker with the key would; returns the SQL
// that puts them back (so the attacker can hide that they were gone).
std::string drop_triggers(Db& db) {
  Statement rows = db.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
      "('ledger_entries', 'ledger_lines');");
  std::string drop;
  std::string restore;
  while (rows.step()) {
    drop += "DROP TRIGGER " + rows.text(0) + ";";
    restore += rows.text(1) + ";";
  }
  db.exec(drop + "PRAGMA foreign_keys = OFF;");  // off by default in the sqlcipher shell
  return restore;
}

std::string joined(const VerifyReport& report) {
  std::string text;
  for (const std::string& problem : report.problems) text += problem + "\n";
  return text;
}

}  // namespace

TEST_CASE("a ledger as posted verifies, and its head is the digest") {
  TempLedger ledger;
  fill(ledger.db(), 20);
  const VerifyReport report = verify_ledger(ledger.db());
  INFO(joined(report));
  CHECK(report.ok());
  CHECK(report.entries_checked == 20);
  CHECK(report.lines_checked == 60);
  CHECK(report.accounts_checked == 3);
  CHECK(report.head == head(ledger.db()));
  CHECK_FALSE(report.first_bad_entry);
  CHECK(verify_against(ledger.db(), report.head).ok());
}

TEST_CASE("an empty ledger verifies") {
  TempLedger ledger;
  const VerifyReport report = verify_ledger(ledger.db());
  CHECK(report.ok());
  CHECK(report.head == LedgerHead{0, std::string(kGenesisHash)});
}

TEST_CASE("tampering is found and the first bad entry is named") {
  TempLedger ledger;
  Db& db = ledger.db();
  fill(db, 10);
  drop_triggers(db);
  std::string expected;
  int64_t first_bad = 0;

  SECTION("an amount changed") {
    db.exec(
        "UPDATE ledger_lines SET amount_fen = amount_fen + 1 WHERE entry_id = 4 AND line_no = 1;");
    first_bad = 4;
    expected = "entry 4: lines do not balance: they sum to 1 fen";
  }
  SECTION("two amounts changed so that the entry still balances") {
    db.exec(
        "UPDATE ledger_lines SET amount_fen = amount_fen + 5 WHERE entry_id = 6 AND line_no = 1;"
        "UPDATE ledger_lines SET amount_fen = amount_fen - 5 WHERE entry_id = 6 AND line_no = 2;");
    first_bad = 6;
    expected = "entry 6: hash does not match";
  }
  SECTION("an entry deleted with its lines") {
    db.exec(
        "DELETE FROM ledger_lines WHERE entry_id = 5; DELETE FROM ledger_entries WHERE entry_id = "
        "5;");
    first_bad = 5;
    expected = "entry 5: missing: entry ids jump from 4 to 6";
  }
  SECTION("an entry row deleted, its lines left") {
    db.exec("DELETE FROM ledger_entries WHERE entry_id = 3;");
    first_bad = 3;
    expected = "entry 3: missing: entry ids jump from 2 to 4";
  }
  SECTION("two entries swapped") {
    db.exec(
        "UPDATE ledger_entries SET entry_id = -7 WHERE entry_id = 7;"
        "UPDATE ledger_entries SET entry_id = 7 WHERE entry_id = 8;"
        "UPDATE ledger_entries SET entry_id = 8 WHERE entry_id = -7;"
        "UPDATE ledger_lines SET entry_id = -7 WHERE entry_id = 7;"
        "UPDATE ledger_lines SET entry_id = 7 WHERE entry_id = 8;"
        "UPDATE ledger_lines SET entry_id = 8 WHERE entry_id = -7;");
    first_bad = 7;
    expected = "entry 7: hash does not match";
  }
  SECTION("a memo reworded") {
    db.exec("UPDATE ledger_entries SET memo = 'nothing to see' WHERE entry_id = 9;");
    first_bad = 9;
    expected = "entry 9: hash does not match";
  }
  SECTION("a line added to an old entry") {
    db.exec("INSERT INTO ledger_lines VALUES (2, 4, 'treasury', 0);");
    first_bad = 2;
    expected = "entry 2: has 4 lines, its line_count says 3";
  }
  const VerifyReport report = verify_ledger(db);
  INFO(joined(report));
  CHECK_FALSE(report.ok());
  CHECK(report.first_bad_entry == first_bad);
  REQUIRE_FALSE(report.problems.empty());
  CHECK_THAT(report.problems.front(), Catch::StartsWith(expected));
  CHECK_THAT(joined(report),
             Catch::Contains("append-only trigger ledger_entries_no_update is missing"));
}

TEST_CASE("account totals that disagree with the lines are named") {
  TempLedger ledger;
  Db& db = ledger.db();
  fill(db, 3);
  db.exec(
      "UPDATE ledger_account_totals SET debit_fen = debit_fen - 100 WHERE account = "
      "'county_expense';");
  const VerifyReport report = verify_ledger(db);
  CHECK_FALSE(report.ok());
  CHECK_FALSE(report.first_bad_entry);
  REQUIRE(report.problems.size() == 1);
  CHECK_THAT(report.problems[0],
             Catch::StartsWith("account totals of county_expense in 2023 say debit 500 credit 0 "
                               "fen in 3 lines; the lines sum to debit 600"));
}

TEST_CASE("a rolled-back or rewritten ledger fails against a saved digest") {
  TempLedger ledger;
  Db& db = ledger.db();
  fill(db, 5);
  const LedgerHead at_five = head(db);
  {
    Transaction tx(db);
    JournalWriter writer(db, stepping_clock());
    for (int i = 6; i <= 8; ++i) writer.post(award_draft(std::to_string(i), 10, 10));
    tx.commit();
  }
  const LedgerHead at_eight = head(db);
  CHECK(verify_against(db, at_five).ok());  // the ledger still extends an older digest

  SECTION("rolled back to five entries") {
    const std::string restore = drop_triggers(db);
    db.exec(
        "DELETE FROM ledger_lines WHERE entry_id > 5; DELETE FROM ledger_entries WHERE entry_id > "
        "5;"
        "UPDATE ledger_account_totals SET debit_fen = debit_fen - 30, line_count = line_count - 3"
        " WHERE account = 'county_expense';"
        "UPDATE ledger_account_totals SET debit_fen = debit_fen - 30, line_count = line_count - 3"
        " WHERE account = 'region_due:P01';"
        "UPDATE ledger_account_totals SET credit_fen = credit_fen - 60, line_count = line_count - 3"
        " WHERE account = 'award_payable:91321323L30P8774PE';");
    db.exec(restore);
    CHECK(verify_ledger(db).ok());  // consistent in itself: only the saved digest can tell
    const VerifyReport report = verify_against(db, at_eight);
    CHECK_FALSE(report.ok());
    CHECK(report.first_bad_entry == 6);
    CHECK_THAT(report.problems.front(),
               Catch::Contains("the saved digest has 8 entries, the ledger only 5"));
  }
  SECTION("an amount changed and the chain recomputed after it") {
    const std::string restore = drop_triggers(db);
    db.exec(
        "UPDATE ledger_lines SET amount_fen = amount_fen + 7 WHERE entry_id = 3 AND line_no = 1;"
        "UPDATE ledger_lines SET amount_fen = amount_fen - 7 WHERE entry_id = 3 AND line_no = 2;"
        "UPDATE ledger_account_totals SET debit_fen = debit_fen + 7 WHERE account = "
        "'county_expense';"
        "UPDATE ledger_account_totals SET debit_fen = debit_fen - 7 WHERE account = "
        "'region_due:P01';");
    std::string previous(kGenesisHash);
    for (int64_t id = 1; id <= 8; ++id) {
      Entry entry = *entry_by_id(db, id);
      entry.entry_hash = chain_hash(entry, previous);
      Statement update = db.prepare("UPDATE ledger_entries SET entry_hash = ? WHERE entry_id = ?;");
      update.bind(1, entry.entry_hash).bind(2, id);
      update.run();
      previous = entry.entry_hash;
    }
    db.exec(restore);
    CHECK(verify_ledger(db).ok());
    const VerifyReport report = verify_against(db, at_eight);
    CHECK_FALSE(report.ok());
    CHECK(report.first_bad_entry == 8);
    CHECK_THAT(report.problems.front(),
               Catch::Contains("entry 8: its hash is not the one in the saved digest"));
  }
}

TEST_CASE("a digest is printed in one line and read back") {
  const LedgerHead head{1234, std::string(64, 'a')};
  const std::string text = format_digest(head);
  CHECK(text == "subsidy-ledger digest: entries=1234 head=" + std::string(64, 'a'));
  CHECK(parse_digest("saved by the auditor 2024-02-01\n" + text + "\n", "d.txt") == head);

  struct Case {
    std::string text;
    const char* message;
  };
  for (const Case& c :
       {Case{"hello\n", "d.txt:1:1: not a ledger digest"},
        Case{"x\nsubsidy-ledger digest: entries= head=" + std::string(64, 'a'),
             "d.txt:2:32: entries= must be followed by the entry count"},
        Case{"entries=12 head=" + std::string(63, 'a'), "d.txt:1:17: head= must be followed by 64"},
        Case{"entries=12 hash=" + std::string(64, 'a'), "d.txt:1:11: expected ' head='"}}) {
    INFO(c.text);
    try {
      parse_digest(c.text, "d.txt");
      FAIL("not refused");
    } catch (const InputError& e) {
      CHECK_THAT(e.what(), Catch::StartsWith(c.message));
    }
  }
}
