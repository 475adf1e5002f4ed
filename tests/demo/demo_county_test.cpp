// The generated county (demo_county.h): the same seed gives the same bytes, every file is well
// formed and consistent with the others, every USCC passes the import's check, every scheme of
// POLICY.md occurs, the counts are as asked, and the cases the policy's limits exist for are there.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "ledger/base/csv.h"
#include "ledger/demo/demo_county.h"
#include "ledger/base/embedded.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/importer.h"
#include "ledger/money/money.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/store/store.h"

using subsidy::CountyOptions;
using subsidy::CountySummary;
using subsidy::generate_county;

namespace {

// A fresh scratch directory, removed with everything in it at the end of the test.
struct ScratchDir {
  std::string path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "demo_county_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~ScratchDir() { std::filesystem::remove_all(path); }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A CSV file as rows of column name -> value, read with the import's own CSV reader.
std::vector<std::map<std::string, std::string>> read_rows(const std::string& path) {
  const std::string bytes = read_file(path);
  const subsidy::CsvTable table = subsidy::parse_csv(bytes, path);
  std::vector<std::map<std::string, std::string>> rows;
  for (const subsidy::CsvRecord& record : table.records) {
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < table.header.size(); ++i) row[table.header[i]] = record.fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// The scheme codes of POLICY.md's table (section 1), expanding "`integration_5a` / `_4a`" forms.
std::set<std::string> policy_scheme_codes() {
  std::istringstream policy(read_file(std::string(SUBSIDY_SHARED_DIR) + "/spec/POLICY.md"));
  std::set<std::string> codes;
  std::string line;
  while (std::getline(policy, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::string cell = line.substr(2, line.find('|', 2) - 2);
    std::string prefix;
    for (size_t at = cell.find('`'); at != std::string::npos; at = cell.find('`', at + 1)) {
      const size_t end = cell.find('`', at + 1);
      std::string code = cell.substr(at + 1, end - at - 1);
      if (code[0] == '_') code = prefix + code;
      prefix = code.substr(0, code.rfind('_'));
      codes.insert(code);
      at = end;
    }
  }
  return codes;
}

int64_t fen_of(const std::string& text) {
  const auto parsed = subsidy::parse_money(text);
  REQUIRE(parsed);
  return parsed.value->fen();
}

}  // namespace

TEST_CASE("the same seed gives the same bytes, another seed other bytes") {
  ScratchDir first, second, third;
  const CountySummary a = generate_county(first.path, CountyOptions::siyang(7));
  const CountySummary b = generate_county(second.path, CountyOptions::siyang(7));
  const CountySummary c = generate_county(third.path, CountyOptions::siyang(8));
  REQUIRE(a.files.size() == 6);
  for (const auto& [kind, path] : a.files) {
    INFO(kind);
    CHECK(read_file(path) == read_file(b.files.at(kind)));
    if (kind != "regions") CHECK(read_file(path) != read_file(c.files.at(kind)));
  }
}

TEST_CASE("the Siyang-sized county is consistent and valid") {
  ScratchDir dir;
  const CountySummary summary = generate_county(dir.path, CountyOptions::siyang(2022));
  const auto regions = read_rows(summary.files.at("regions"));
  const auto enterprises = read_rows(summary.files.at("enterprises"));
  const auto projects = read_rows(summary.files.at("projects"));
  const auto applications = read_rows(summary.files.at("applications"));
  CHECK(regions.size() == 16);
  CHECK(enterprises.size() == 400);
  CHECK(applications.size() == 1500);
  CHECK(summary.applications == 1500);
  CHECK(static_cast<int64_t>(projects.size()) == summary.projects);

  std::set<std::string> region_codes, usccs, project_ids, application_ids;
  for (const auto& row : regions) region_codes.insert(row.at("region_code"));
  CHECK(region_codes.count("P01") == 1);
  int without_bank = 0;
  for (const auto& row : enterprises) {
    INFO(row.at("uscc"));
    CHECK_FALSE(subsidy::check_uscc(row.at("uscc")));
    CHECK(usccs.insert(row.at("uscc")).second);
    CHECK(region_codes.count(row.at("region_code")) == 1);
    if (row.at("cnaps_code").empty()) {
      ++without_bank;
      CHECK(row.at("account_no").empty());
      continue;
    }
    CHECK_FALSE(subsidy::check_cnaps_code(row.at("cnaps_code")));
    CHECK_FALSE(subsidy::check_account_no(row.at("account_no")));
    CHECK(row.at("account_name") == row.at("name"));
  }
  CHECK(without_bank == summary.enterprises_without_bank);
  CHECK(without_bank >= 2);
  for (const auto& row : projects) {
    CHECK(usccs.count(row.at("uscc")) == 1);
    CHECK(project_ids.insert(row.at("project_id")).second);
  }
  for (const auto& row : applications) {
    CHECK(application_ids.insert(row.at("application_id")).second);
    CHECK(project_ids.count(row.at("project_id")) == 1);
    const int year = std::stoi(row.at("year"));
    CHECK(year >= 2022);
    CHECK(year <= 2024);
  }
}

TEST_CASE("every scheme of POLICY.md occurs, in the generator's list and in the file") {
  const std::set<std::string> policy = policy_scheme_codes();
  REQUIRE(policy.size() == 24);
  std::set<std::string> listed(subsidy::county_scheme_codes().begin(),
                               subsidy::county_scheme_codes().end());
  CHECK(listed == policy);

  ScratchDir dir;
  const CountySummary summary = generate_county(dir.path, CountyOptions::siyang(1));
  std::map<int, std::set<std::string>> per_year;
  for (const auto& row : read_rows(summary.files.at("applications"))) {
    per_year[std::stoi(row.at("year"))].insert(row.at("scheme"));
  }
  REQUIRE(per_year.size() == 3);
  for (const auto& [year, schemes] : per_year) {
    INFO(year);
    CHECK(schemes == policy);
  }
}

TEST_CASE("the cases the policy's limits exist for are in the data") {
  ScratchDir dir;
  const CountySummary summary = generate_county(dir.path, CountyOptions::siyang(3));
  std::map<std::string, std::string> owner;  // project -> uscc
  int superior_awards = 0;
  for (const auto& row : read_rows(summary.files.at("projects"))) {
    owner[row.at("project_id")] = row.at("uscc");
    if (!row.at("superior_award").empty()) ++superior_awards;
  }
  std::map<std::pair<std::string, int>, int64_t> tax_fen;
  for (const auto& row : read_rows(summary.files.at("tax"))) {
    tax_fen[{row.at("uscc"), std::stoi(row.at("year"))}] = fen_of(row.at("local_retained_tax"));
  }
  std::map<std::pair<std::string, int>, int64_t> loans_fen;
  int held = 0, over_retention = 0, boundary = 0;
  for (const auto& row : read_rows(summary.files.at("applications"))) {
    const std::pair<std::string, int> key{owner.at(row.at("project_id")),
                                          std::stoi(row.at("year"))};
    const auto tax = tax_fen.find(key);
    if (tax == tax_fen.end()) ++held;
    if (row.at("scheme") == "loan_interest") loans_fen[key] += fen_of(row.at("loan_amount"));
    // 30% of an R&D expense above the whole retention: rule T must share the retention out.
    if (row.at("scheme") == "core_tech_rd" && tax != tax_fen.end() &&
        fen_of(row.at("rd_expense")) * 3 / 10 > tax->second) {
      ++over_retention;
    }
    if (row.at("scheme") == "digital_project" && row.at("info_investment") == "500000.00") {
      ++boundary;
    }
  }
  int over_loan_limit = 0;  // 1% of the loans above 4,000,000.00
  for (const auto& [key, fen] : loans_fen) over_loan_limit += fen / 100 > 400'000'000 ? 1 : 0;
  CHECK(held >= 3);
  CHECK(summary.missing_tax_rows >= 3);
  CHECK(static_cast<int64_t>(tax_fen.size()) + summary.missing_tax_rows == 3 * 400);
  CHECK(over_retention >= 3);
  CHECK(over_loan_limit >= 3);
  CHECK(superior_awards >= 1);
  CHECK(boundary >= 1);

  std::set<std::string> events;
  for (const auto& row : read_rows(summary.files.at("compliance"))) {
    events.insert(row.at("event"));
    if (!row.at("factor").empty()) {
      CHECK(row.at("event") == "general_safety_accident");
      CHECK(row.at("factor") <= "0.90");  // the factors are written as 0.xx
    }
  }
  CHECK(events.count("general_safety_accident") == 1);
  CHECK(events.size() >= 3);
}

TEST_CASE("a scaled county has exactly the applications asked for, over a tenth as many firms") {
  ScratchDir dir;
  const CountySummary summary = generate_county(dir.path, CountyOptions::scaled(10'000, 5));
  CHECK(summary.applications == 10'000);
  CHECK(summary.enterprises == 1'000);
  CHECK(read_rows(summary.files.at("applications")).size() == 10'000);
  CHECK(read_rows(summary.files.at("enterprises")).size() == 1'000);
  int64_t per_year = 0;
  for (const auto& [year, count] : summary.applications_per_year) per_year += count;
  CHECK(per_year == 10'000);
  for (std::string_view scheme : subsidy::county_scheme_codes()) {
    CHECK(summary.applications_per_scheme.count(std::string(scheme)) == 1);
  }
}

TEST_CASE("a county outside the bounds is refused and nothing is written") {
  ScratchDir dir;
  CHECK_THROWS_AS(generate_county(dir.path, CountyOptions{1, 5, 1000}), subsidy::RefusedError);
  CHECK_THROWS_AS(generate_county(dir.path, CountyOptions{1, 100, 10}), subsidy::RefusedError);
  CHECK(std::filesystem::is_empty(dir.path));
}

TEST_CASE("an unwritable directory is refused with its path and no partial file remains") {
  ScratchDir dir;
  const std::string blocked = dir.path + "/not-a-directory";
  std::ofstream(blocked) << "a file where the directory should be";
  CHECK_THROWS_AS(generate_county(blocked, CountyOptions::siyang(1)), subsidy::RefusedError);
  CHECK_THROWS_WITH(generate_county(blocked + "/sub", CountyOptions::siyang(1)),
                    Catch::Contains("not-a-directory"));
}

TEST_CASE("the generated files import cleanly into a new ledger, and again without change") {
  ScratchDir dir;
  const CountySummary summary = generate_county(dir.path + "/csv", CountyOptions::siyang(9));
  subsidy::Db db = subsidy::Db::open({dir.path + "/ledger.db", std::nullopt, true});
  for (const subsidy::EmbeddedFile& file : subsidy::embedded_policies::files()) {
    if (file.name == "siyang-2022-9.toml") {
      subsidy::store_policy(db, file.content, file.name, "test", "2024-01-01T00:00:00Z");
    }
  }
  const subsidy::PolicySchemeCatalog catalog(subsidy::load_stored_policies(db));
  const std::map<std::string, int64_t> rows = {
      {"regions", summary.regions},   {"enterprises", summary.enterprises},
      {"tax", summary.tax_rows},      {"compliance", summary.compliance_rows},
      {"projects", summary.projects}, {"applications", summary.applications}};
  for (int pass = 0; pass < 2; ++pass) {
    for (const char* kind :
         {"regions", "enterprises", "tax", "compliance", "projects", "applications"}) {
      INFO(kind);
      subsidy::ImportOptions options;
      options.file_name = std::string(kind) + ".csv";
      options.actor = "test";
      options.recorded_at = "2024-01-01T00:00:00Z";
      options.schemes = &catalog;
      const auto result = subsidy::import_file(db, *subsidy::import_kind_from_name(kind),
                                               read_file(summary.files.at(kind)), options);
      CHECK(result.rows == rows.at(kind));
      CHECK(result.new_count == (pass == 0 ? rows.at(kind) : 0));
      CHECK(result.unchanged_count == (pass == 0 ? 0 : rows.at(kind)));
    }
  }
}
