// The importer (importer.h) on good input: the worked example imports cleanly and reads back
// exactly, re-import is a no-op, a changed row becomes a new version with its history, format
// variations (BOM, CRLF, column order, thousands separators, GBK) are the same content, and the
// version tables refuse UPDATE and DELETE.
#include "import_fixture.h"
// assess.h is included as well so that a name clash between the engine's input structs and the
// master-data structs (both in namespace subsidy) fails to compile here.
#include "ledger/awards/award_posting.h"
#include "ledger/base/sha256.h"
#include "ledger/engine/assess.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/money/money.h"

using fixture::example;
using fixture::TempLedger;
using subsidy::ImportKind;

TEST_CASE("the worked example imports cleanly and reads back exactly") {
  TempLedger ledger;
  ledger.import_example();
  CHECK(subsidy::load_regions(ledger.db()).size() == 2);
  const auto enterprises = subsidy::load_enterprises(ledger.db());
  REQUIRE(enterprises.size() == 6);
  const auto first = subsidy::find_enterprise(ledger.db(), "91321323L30P8774PE");
  REQUIRE(first);
  CHECK(first->name == "江苏甲机械有限公司");
  CHECK(first->region_code == "P01");
  REQUIRE(first->bank);
  CHECK(first->bank->cnaps_code == "102308200012");
  CHECK_FALSE(subsidy::find_enterprise(ledger.db(), "913213230267GK0H6T")->bank);

  const auto tax = subsidy::load_tax_retention(ledger.db(), 2023);
  REQUIRE(tax.size() == 5);
  CHECK(subsidy::format_plain(tax[0].local_retained_tax) == "1000000.00");  // 913213230267GK0H6T
  const auto events = subsidy::load_compliance_events(ledger.db(), 2023);
  REQUIRE(events.size() == 2);
  CHECK(events[1].event == "general_safety_accident");
  CHECK_FALSE(events[1].factor);

  const auto projects = subsidy::load_projects(ledger.db());
  REQUIRE(projects.size() == 9);
  CHECK(subsidy::format_plain(*projects[1].superior_award) == "1000000.00");  // P-E1-2
  CHECK_FALSE(projects[0].superior_award);

  const auto applications = subsidy::load_applications(ledger.db(), 2023);
  REQUIRE(applications.size() == 13);  // A-14 is of 2021
  CHECK(applications[0].application_id == "A-01");
  CHECK(applications[0].uscc == "91321323L30P8774PE");
  CHECK(subsidy::format_plain(
            *applications[0].inputs.money(subsidy::InputColumn::equipment_amount)) == "1234567.89");
  CHECK_FALSE(applications[0].inputs.money(subsidy::InputColumn::software_amount));
  CHECK(applications[11].inputs.count(subsidy::InputColumn::staff_count) == 20);
  CHECK(applications[0].version == 1);
  CHECK(subsidy::load_applications(ledger.db(), 2021).size() == 1);
}

TEST_CASE("importing the same file again changes nothing and says so") {
  TempLedger ledger;
  ledger.import_example();
  const int64_t versions = ledger.count("SELECT count(*) FROM application_versions");
  const auto again = ledger.import(ImportKind::applications, example("applications.csv"));
  CHECK(again.new_count == 0);
  CHECK(again.changed_count == 0);
  CHECK(again.unchanged_count == 14);
  CHECK(again.rows == 14);
  CHECK(again.changed.empty());
  CHECK(ledger.count("SELECT count(*) FROM application_versions") == versions);
  // The attempt itself is on record.
  CHECK(ledger.count("SELECT unchanged_count FROM imports WHERE import_id = " +
                     std::to_string(again.import_id)) == 14);
}

TEST_CASE("the same rows in another form are the same content") {
  TempLedger ledger;
  ledger.import_example();
  // BOM, CRLF, columns in another order, amounts with and without thousands separators, spaces
  // around cells, trailing blank lines.
  const std::string tax =
      "\xEF\xBB\xBFyear,local_retained_tax,uscc\r\n"
      "2023,5000000,91321323L30P8774PE\r\n"
      "2023,\"3,000,000.00\",913213233MPWH2JD13\r\n"
      " 2023 , 1000000.0 , 913213230267GK0H6T\r\n"
      "\r\n\r\n";
  const auto result = ledger.import(ImportKind::tax, tax);
  CHECK(result.new_count == 0);
  CHECK(result.changed_count == 0);
  CHECK(result.unchanged_count == 3);
}

TEST_CASE("a changed row is a new version; the old one stays, with who, when and which file") {
  TempLedger ledger;
  ledger.import_example();
  const std::string changed =
      "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n"
      "91321323L30P8774PE,江苏甲机械有限公司,P01,中国银行股份有限公司泗阳支行,104308200011,"
      "99990000111122223333,江苏甲机械有限公司\n";
  const auto result = ledger.import(ImportKind::enterprises, changed, "new-bank.csv", "clerk2");
  CHECK(result.changed_count == 1);
  REQUIRE(result.changed.size() == 1);
  CHECK(result.changed[0].key == "91321323L30P8774PE");
  CHECK(result.changed[0].version == 2);

  CHECK(subsidy::find_enterprise(ledger.db(), "91321323L30P8774PE")->bank->account_no ==
        "99990000111122223333");
  const auto history = subsidy::enterprise_history(ledger.db(), "91321323L30P8774PE");
  REQUIRE(history.size() == 2);
  CHECK(history[0].enterprise.bank->account_no == "1110020109000123456");
  CHECK(history[0].info.file_name == "enterprises.csv");
  CHECK(history[0].info.file_sha256 == subsidy::sha256_hex(example("enterprises.csv")));
  CHECK(history[1].info.actor == "clerk2");
  CHECK(history[1].info.file_name == "new-bank.csv");
  CHECK(history[1].info.file_sha256 == result.file_sha256);
  CHECK(history[1].info.source_line == 2);
  CHECK(subsidy::last_bank_account_change(ledger.db(), "91321323L30P8774PE") ==
        history[1].info.recorded_at);
  // Untouched enterprises have one version and no bank change.
  CHECK(subsidy::enterprise_history(ledger.db(), "913213233MPWH2JD13").size() == 1);
  CHECK_FALSE(subsidy::last_bank_account_change(ledger.db(), "913213233MPWH2JD13"));
}

TEST_CASE("a change that leaves the bank details alone is not a bank-account change") {
  TempLedger ledger;
  ledger.import_example();
  ledger.import(ImportKind::enterprises,
                "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n"
                "913213233MPWH2JD13,泗阳乙纺织股份有限公司,T01,中国农业银行股份有限公司泗阳县支行,"
                "103308200016,10358501040001234,泗阳乙纺织有限公司\n");
  CHECK(subsidy::enterprise_history(ledger.db(), "913213233MPWH2JD13").size() == 2);
  CHECK_FALSE(subsidy::last_bank_account_change(ledger.db(), "913213233MPWH2JD13"));
  // Adding details where there were none is a change.
  ledger.import(ImportKind::enterprises,
                "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n"
                "913213230267GK0H6T,泗阳丙电子有限公司,P01,某银行,102308200012,123456,丙\n");
  CHECK(subsidy::last_bank_account_change(ledger.db(), "913213230267GK0H6T"));
}

TEST_CASE("a changed application is reported with its new version") {
  TempLedger ledger;
  ledger.import_example();
  std::string applications = example("applications.csv");
  const std::string before = "A-06,P-E2-1,2023,digital_project,,,,,500000.01,";
  REQUIRE(applications.find(before) != std::string::npos);
  applications.replace(applications.find(before), before.size(),
                       "A-06,P-E2-1,2023,digital_project,,,,,600000.00,");
  const auto result = ledger.import(ImportKind::applications, applications);
  CHECK(result.new_count == 0);
  CHECK(result.changed_count == 1);
  CHECK(result.unchanged_count == 13);
  REQUIRE(result.changed.size() == 1);
  CHECK(result.changed[0].key == "A-06");
  CHECK(result.changed[0].version == 2);
  const auto current = subsidy::load_applications(ledger.db(), 2023);
  CHECK(subsidy::format_plain(*current[5].inputs.money(subsidy::InputColumn::info_investment)) ==
        "600000.00");
  CHECK(current[5].version == 2);
  CHECK(ledger.count("SELECT count(*) FROM application_versions WHERE application_id = 'A-06'") ==
        2);
}

TEST_CASE("composite keys: tax per enterprise-year, compliance per enterprise-year-event") {
  TempLedger ledger;
  ledger.import_example();
  const auto tax = ledger.import(ImportKind::tax,
                                 "uscc,year,local_retained_tax\n"
                                 "91321323L30P8774PE,2023,4000000\n"
                                 "91321323L30P8774PE,2024,100\n");
  CHECK(tax.new_count == 1);
  REQUIRE(tax.changed.size() == 1);
  CHECK(tax.changed[0].key == "91321323L30P8774PE/2023");
  const auto compliance = ledger.import(ImportKind::compliance,
                                        "uscc,year,event,factor\n"
                                        "913213233MPWH2JD13,2023,general_safety_accident,0.5\n");
  REQUIRE(compliance.changed.size() == 1);
  CHECK(compliance.changed[0].key == "913213233MPWH2JD13/2023/general_safety_accident");
  const auto events = subsidy::load_compliance_events(ledger.db(), 2023);
  CHECK(events[1].factor->to_plain_string() == "0.50");
  // "0.50" is the same factor as "0.5".
  CHECK(
      ledger
          .import(ImportKind::compliance,
                  "uscc,year,event,factor\n913213233MPWH2JD13,2023,general_safety_accident,0.50\n")
          .unchanged_count == 1);
}

TEST_CASE("a GBK file is converted and imported") {
  TempLedger ledger;
  // "P09,众兴工业园,park" with the name in GBK.
  subsidy::ImportOptions options;
  options.file_name = "gbk.csv";
  options.actor = "tester";
  options.recorded_at = "2026-01-01T00:00:00Z";
  options.encoding = subsidy::Encoding::gbk;
  const std::string gbk =
      "region_code,name,kind\nP09,\xD6\xDA\xD0\xCB\xB9\xA4\xD2\xB5\xD4\xB0,park\n";
  const auto result = subsidy::import_file(ledger.db(), ImportKind::regions, gbk, options);
  CHECK(result.new_count == 1);
  CHECK(subsidy::load_regions(ledger.db())[0].name == "众兴工业园");
  CHECK(ledger.count("SELECT count(*) FROM imports WHERE encoding = 'gbk'") == 1);
}

TEST_CASE("progress is reported for large files") {
  TempLedger ledger;
  std::string regions = "region_code,name,kind\n";
  for (int i = 0; i < 25'000; ++i)
    regions += "R" + std::to_string(i) + ",区" + std::to_string(i) + ",park\n";
  subsidy::ImportOptions options;
  options.file_name = "many.csv";
  options.actor = "tester";
  options.recorded_at = "2026-01-01T00:00:00Z";
  std::vector<std::pair<int64_t, int64_t>> calls;
  options.progress = [&calls](int64_t done, int64_t total) { calls.emplace_back(done, total); };
  const auto result = subsidy::import_file(ledger.db(), ImportKind::regions, regions, options);
  CHECK(result.new_count == 25'000);
  REQUIRE(calls.size() == 3);  // at 10,000 and 20,000 records, and at the end
  CHECK(calls[0] == std::pair<int64_t, int64_t>{10'001, 25'001});
  CHECK(calls[2] == std::pair<int64_t, int64_t>{25'001, 25'001});
}

TEST_CASE("version tables and the imports log refuse UPDATE and DELETE") {
  TempLedger ledger;
  ledger.import_example();
  for (const char* table : {"imports", "region_versions", "enterprise_versions", "tax_versions",
                            "compliance_versions", "project_versions", "application_versions"}) {
    INFO(table);
    CHECK_THROWS_WITH(ledger.db().exec(std::string("DELETE FROM ") + table),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(ledger.db().exec(std::string("UPDATE ") + table + " SET import_id = 99"),
                      Catch::Contains("append-only"));
  }
}

TEST_CASE("import kinds have the names of INTERFACE.md") {
  for (const char* name :
       {"regions", "enterprises", "tax", "compliance", "projects", "applications"}) {
    const auto kind = subsidy::import_kind_from_name(name);
    REQUIRE(kind);
    CHECK(subsidy::import_kind_name(*kind) == name);
  }
  CHECK_FALSE(subsidy::import_kind_from_name("region"));
}
