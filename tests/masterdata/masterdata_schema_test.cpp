// Migration 001 (the master-data schema): a ledger made before it gets it on the next open, and its
// current views pick the highest version of each key.
#include <sqlite3.h>

#include <cstdio>
#include <string>
#include <vector>

#include "import_fixture.h"
#include "ledger/policy/input_columns.h"

using fixture::TempLedger;

TEST_CASE("a ledger from before migration 001 gets the master-data tables on open") {
  TempLedger scratch_dir_holder;  // only for a scratch directory that is cleaned up
  const std::string path = scratch_dir_holder.db().path() + ".old";
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, "CREATE TABLE notes (text TEXT); PRAGMA user_version = 0;", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);

  subsidy::OpenOptions options;
  options.path = path;
  subsidy::Db db = subsidy::Db::open(options);
  CHECK(db.schema_version() >= 1);
  for (const char* table :
       {"imports", "region_versions", "enterprise_versions", "tax_versions", "compliance_versions",
        "project_versions", "application_versions", "policies", "config"}) {
    INFO(table);
    subsidy::Statement statement =
        // config is the view of config_changes since migration 006
        db.prepare(
            "SELECT count(*) FROM sqlite_master WHERE name = ?1 AND type IN ('table', 'view')");
    statement.bind(1, table);
    statement.step();
    CHECK(statement.int64(0) == 1);
  }
  std::remove(path.c_str());
}

TEST_CASE("the current views show the highest version of every key") {
  TempLedger ledger;
  ledger.import(subsidy::ImportKind::regions,
                "region_code,name,kind\nP01,甲,park\nT01,乙,township\n");
  ledger.import(subsidy::ImportKind::regions, "region_code,name,kind\nP01,甲园区,park\n");
  ledger.import(subsidy::ImportKind::regions, "region_code,name,kind\nP01,甲开发区,park\n");
  CHECK(ledger.count("SELECT count(*) FROM region_versions") == 4);
  CHECK(ledger.count("SELECT count(*) FROM regions") == 2);
  CHECK(ledger.count("SELECT version FROM regions WHERE region_code = 'P01'") == 3);
  subsidy::Statement name = ledger.db().prepare(
      "SELECT name, actor, file_name FROM region_history WHERE region_code = 'P01' AND version = "
      "3");
  REQUIRE(name.step());
  CHECK(name.text(0) == "甲开发区");
  CHECK(name.text(1) == "tester");
  CHECK(name.text(2) == "f.csv");
}

TEST_CASE("application_versions holds the inputs of input_columns.h, in the table's order") {
  TempLedger ledger;
  subsidy::Statement columns =
      ledger.db().prepare("PRAGMA table_info(application_versions)");  // cid, name, type, ...
  std::vector<std::string> names;
  std::vector<std::string> types;
  while (columns.step()) {
    names.push_back(columns.text(1));
    types.push_back(columns.text(2));
  }
  // application_id, version, project_id, year, scheme, the eight inputs, then the record columns.
  REQUIRE(names.size() >= 5 + subsidy::kInputColumnCount);
  for (size_t i = 0; i < subsidy::kInputColumnCount; ++i) {
    INFO(i);
    CHECK(names[5 + i] == subsidy::kInputColumns[i].schema_column);
    CHECK(types[5 + i] == "INTEGER");  // fen or a count: never REAL, never TEXT
  }
  CHECK(names[5 + subsidy::kInputColumnCount] == "content_sha256");
  CHECK(subsidy::input_column(subsidy::InputColumn::staff_count).kind == subsidy::InputKind::count);
}
