// The record chain (sealed_tables.h, records.h): the canonical bytes of a group and of a record
// pinned to docs/ledger-format.md, the declared columns equal to each table's own, sealing once,
// and what verify_records, unsealed_groups and schema_problems name after tampering; the digest
// line with and without its records part.
#include <catch2/catch.hpp>

#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/books/chain.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/records.h"
#include "ledger/books/sealed_tables.h"
#include "ledger_fixture.h"

using namespace subsidy;
using subsidy::testing::TempLedger;

namespace {

std::string all_of(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

void set_payer_name(Db& db, const std::string& value) {
  db.prepare(
        "INSERT INTO config_changes (key, value, changed_at, actor) VALUES ('payer.name', ?, "
        "'2024-01-31T08:00:00Z', '张会计');")
      .bind(1, value)
      .run();
}

int64_t seal(Db& db) {
  Transaction tx(db);
  const int64_t added = seal_new_groups(db, "张会计", "2024-01-31T08:00:00Z");
  tx.commit();
  return added;
}

}  // namespace

TEST_CASE("the canonical bytes of a group are those of docs/ledger-format.md") {
  GroupHasher hasher("config_changes", "1");
  hasher.keep_bytes();
  for (const std::optional<std::string_view> value :
       {std::optional<std::string_view>("1"), std::optional<std::string_view>("payer.name"),
        std::optional<std::string_view>("泗阳县财政局"),
        std::optional<std::string_view>("2024-01-31T08:00:00Z"),
        std::optional<std::string_view>("张会计")}) {
    hasher.add_value(value);
  }
  hasher.end_row();
  const std::string hash = hasher.finish_hex();
  const std::string expected =
      "21:subsidy-ledger-rows/1,14:config_changes,1:1,1:1,10:payer.name,18:泗阳县财政局,"
      "20:2024-01-31T08:00:00Z,9:张会计,1:1,";
  CHECK(hasher.bytes() == expected);
  CHECK(hash == sha256_hex(expected));

  GroupHasher with_null("t", "g");
  with_null.keep_bytes();
  with_null.add_value(std::nullopt);
  with_null.add_value(std::optional<std::string_view>(""));
  with_null.end_row();
  with_null.finish_hex();
  CHECK(with_null.bytes() == "21:subsidy-ledger-rows/1,1:t,1:g,~,0:,1:1,");
}

TEST_CASE("the canonical bytes of a record chain the previous hash") {
  SealRecord record{1,        "config_changes",          "1",
                    1,        std::string(64, 'a'),      "2024-01-31T08:00:00Z",
                    "张会计", std::string(kGenesisHash), ""};
  const std::string bytes = canonical_record_bytes(record, kGenesisHash);
  CHECK(bytes == "23:subsidy-ledger-record/1,64:" + std::string(kGenesisHash) +
                     ",1:1,14:config_changes,1:1,1:1,64:" + std::string(64, 'a') +
                     ",20:2024-01-31T08:00:00Z,9:张会计,");
  CHECK(record_chain_hash(record, kGenesisHash) == sha256_hex(bytes));
  CHECK(record_chain_hash(record, std::string(64, 'b')) != sha256_hex(bytes));
}

TEST_CASE("every sealed table is declared with its own columns in order, and its key") {
  TempLedger ledger;
  for (const SealedTable& table : sealed_tables()) {
    INFO(table.name);
    Statement info = ledger.db().prepare("PRAGMA table_info(" + std::string(table.name) + ");");
    std::vector<std::string> columns;
    std::vector<std::pair<int64_t, std::string>> key;
    while (info.step()) {
      columns.push_back(info.text(1));
      if (info.int64(5) > 0) key.emplace_back(info.int64(5), info.text(1));
    }
    std::sort(key.begin(), key.end());
    CHECK(columns == std::vector<std::string>(table.columns.begin(), table.columns.end()));
    std::vector<std::string> key_names;
    for (const auto& [position, name] : key) key_names.push_back(name);
    CHECK(key_names ==
          std::vector<std::string>(table.key_columns.begin(), table.key_columns.end()));
    CHECK(std::find(table.columns.begin(), table.columns.end(), table.group_column) !=
          table.columns.end());
  }
}

TEST_CASE("groups are sealed once, and changes to them are named") {
  TempLedger ledger;
  Db& db = ledger.db();
  CHECK(records_head(db).record_count == 0);
  CHECK(format_digest(head(db)).find("records=") == std::string::npos);
  set_payer_name(db, "泗阳县财政局");
  CHECK(all_of(unsealed_groups(db)) ==
        "config_changes change_id=1: 1 row(s) that no record seals\n");
  CHECK(seal(db) == 1);
  CHECK(seal(db) == 0);  // sealed once, never again
  CHECK(unsealed_groups(db).empty());
  set_payer_name(db, "泗阳县财政局国库科");
  CHECK(seal(db) == 1);
  const RecordsCheck clean = verify_records(db);
  INFO(all_of(clean.chain_problems) + all_of(clean.content_problems) +
       all_of(clean.schema_problems));
  CHECK(clean.chain_problems.empty());
  CHECK(clean.content_problems.empty());
  CHECK(clean.schema_problems.empty());
  CHECK(clean.head == records_head(db));
  CHECK(clean.head.record_count == 2);

  db.exec("DROP TRIGGER config_changes_no_update;");
  db.exec("UPDATE config_changes SET value = '某某公司' WHERE change_id = 2;");
  const RecordsCheck changed = verify_records(db);
  CHECK_THAT(all_of(changed.content_problems),
             Catch::Contains("config_changes change_id=2: rows changed since they were sealed "
                             "(record 2)"));
  CHECK_THAT(all_of(changed.schema_problems),
             Catch::Contains("append-only trigger config_changes_no_update is missing"));
  // A write would refuse to start; the cheap check sees the schema, not the content.
  CHECK_FALSE(schema_problems(db).empty());
}

TEST_CASE("the record chain itself: a record rewritten is named") {
  TempLedger ledger;
  Db& db = ledger.db();
  set_payer_name(db, "A");
  set_payer_name(db, "B");
  seal(db);
  db.exec("DROP TRIGGER ledger_records_no_update;");
  db.exec("UPDATE ledger_records SET actor = 'someone' WHERE record_id = 1;");
  const RecordsCheck check = verify_records(db);
  REQUIRE_FALSE(check.chain_problems.empty());
  CHECK_THAT(check.chain_problems.front(), Catch::StartsWith("record 1: hash does not match"));
}

TEST_CASE("an implanted trigger is an extra schema object, named with its SQL") {
  TempLedger ledger;
  Db& db = ledger.db();
  CHECK(schema_problems(db).empty());
  db.exec("CREATE TRIGGER sneaky AFTER INSERT ON config_changes\nBEGIN SELECT 1;\nEND;");
  const std::vector<std::string> problems = schema_problems(db);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front() ==
        "extra trigger sneaky on config_changes that no migration creates: CREATE TRIGGER "
        "sneaky AFTER INSERT ON config_changes BEGIN SELECT 1; END");
}

TEST_CASE("verify reports problems of the records after those of entries, and the digest") {
  TempLedger ledger;
  Db& db = ledger.db();
  set_payer_name(db, "A");
  seal(db);
  const VerifyReport report = verify_ledger(db);
  CHECK(report.ok());
  CHECK(report.records_checked == 1);
  CHECK(report.rows_checked == 1);
  const std::string digest = format_digest(report.head);
  CHECK_THAT(digest, Catch::Matches("subsidy-ledger digest: entries=0 head=0{64} records=1 "
                                    "records_head=[0-9a-f]{64}"));
  CHECK(parse_digest(digest, "d.txt") == report.head);
  const LedgerHead old = parse_digest(
      "subsidy-ledger digest: entries=0 head=" + std::string(kGenesisHash) + "\n", "old.txt");
  CHECK_FALSE(old.records.has_value());
  CHECK(verify_against(db, old).ok());
  CHECK_THROWS_AS(parse_digest(digest.substr(0, digest.size() - 3), "cut.txt"), InputError);

  set_payer_name(db, "B");  // not sealed
  const VerifyReport unsealed = verify_against(db, report.head);
  CHECK_THAT(unsealed.problems.front(),
             Catch::StartsWith("config_changes change_id=2: 1 row(s) that no record seals"));
  db.exec("DROP TRIGGER ledger_records_no_delete; DELETE FROM ledger_records;");
  const VerifyReport removed = verify_against(db, report.head);
  CHECK_THAT(all_of(removed.problems),
             Catch::Contains("the saved digest has 1 records, the ledger only 0"));
}
