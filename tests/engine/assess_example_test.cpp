// The worked example of ../shared/examples/basic: the 2023 rows typed in by hand as an AssessInput,
// assessed with the built-in policy, must give expected-assess-2023.json exactly (compared as
// parsed JSON, so key order and white space aside); and the explanation of A-09 shows its pro-rata
// arithmetic.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "ledger/base/error.h"
#include "ledger/engine/assess.h"
#include "ledger/engine/assess_output.h"
#include "ledger/policy/policy.h"

using namespace subsidy;

namespace {

Money yuan(const char* text) {
  return *parse_money(text).value;
}

ApplicationInput application(const char* id, const char* project, const char* uscc,
                             const char* scheme) {
  ApplicationInput row;
  row.application_id = id;
  row.project_id = project;
  row.uscc = uscc;
  row.scheme = scheme;
  return row;
}

const char* const kE1 = "91321323L30P8774PE";  // 江苏甲机械
const char* const kE2 = "913213233MPWH2JD13";  // 泗阳乙纺织
const char* const kE3 = "913213230267GK0H6T";  // 泗阳丙电子
const char* const kE4 = "91321323NLNHD7EJ8F";  // 泗阳丁食品
const char* const kE5 = "91321323RU0QR5NDAN";  // 泗阳戊科技
const char* const kE6 = "91321323846YQA32C6";  // 泗阳己数字服务

// applications.csv (the 2023 rows; A-14 is of 2021), projects.csv, enterprises.csv, tax.csv and
// compliance.csv of the example, as the importer would hand them over.
AssessInput example_2023() {
  AssessInput input;
  input.year = 2023;
  auto& apps = input.applications;
  apps.push_back(application("A-01", "P-E1-1", kE1, "robot_purchase"));
  apps.back().inputs.set_money(InputColumn::equipment_amount, yuan("1,234,567.89"));
  apps.push_back(application("A-02", "P-E1-1", kE1, "smart_equipment_project"));
  apps.back().inputs.set_money(InputColumn::equipment_amount, yuan("1234567.89"));
  apps.back().inputs.set_money(InputColumn::software_amount, yuan("300000.00"));
  apps.back().inputs.set_money(InputColumn::total_investment, yuan("1534567.89"));
  apps.push_back(application("A-03", "P-E1-2", kE1, "smart_factory_provincial"));
  apps.push_back(application("A-04", "P-E1-3", kE1, "loan_interest"));
  apps.back().inputs.set_money(InputColumn::loan_amount, yuan("250000000.00"));
  apps.push_back(application("A-05", "P-E1-3", kE1, "loan_interest"));
  apps.back().inputs.set_money(InputColumn::loan_amount, yuan("200000000.00"));
  apps.push_back(application("A-06", "P-E2-1", kE2, "digital_project"));
  apps.back().inputs.set_money(InputColumn::info_investment, yuan("500000.01"));
  apps.push_back(application("A-07", "P-E2-1", kE2, "digital_project"));
  apps.back().inputs.set_money(InputColumn::info_investment, yuan("500000.00"));
  apps.push_back(application("A-08", "P-E3-1", kE3, "smart_workshop_provincial"));
  apps.push_back(application("A-09", "P-E4-1", kE4, "core_tech_rd"));
  apps.back().inputs.set_money(InputColumn::rd_expense, yuan("7000000.00"));
  apps.push_back(application("A-10", "P-E4-2", kE4, "cloud_4star"));
  apps.push_back(application("A-11", "P-E5-1", kE5, "benchmark_factory_municipal"));
  apps.push_back(application("A-12", "P-E6-1", kE6, "service_institution"));
  apps.back().inputs.set_money(InputColumn::service_revenue, yuan("5000000.00"));
  apps.back().inputs.set_count(InputColumn::staff_count, 20);
  apps.push_back(application("A-13", "P-E6-1", kE6, "service_institution"));
  apps.back().inputs.set_money(InputColumn::service_revenue, yuan("3000000.00"));
  apps.back().inputs.set_count(InputColumn::staff_count, 10);

  for (const char* project :
       {"P-E1-1", "P-E1-3", "P-E2-1", "P-E3-1", "P-E4-1", "P-E4-2", "P-E5-1", "P-E6-1"}) {
    input.projects.push_back({project, std::nullopt});
  }
  input.projects.push_back({"P-E1-2", yuan("1000000.00")});

  input.enterprises = {
      {kE1, "P01", yuan("5,000,000.00"), {}},
      {kE2, "T01", yuan("3000000"), {{"general_safety_accident", std::nullopt}}},
      {kE3, "P01", yuan("1000000.00"), {{"major_env_pollution", std::nullopt}}},
      {kE4, "T01", yuan("100000.00"), {}},
      {kE5, "P01", std::nullopt, {}},
      {kE6, "T01", yuan("1000000.00"), {}},
  };
  return input;
}

nlohmann::json expected_json() {
  std::ifstream file(std::string(SUBSIDY_SHARED_DIR) + "/examples/basic/expected-assess-2023.json");
  REQUIRE(file.good());
  return nlohmann::json::parse(file);
}

}  // namespace

TEST_CASE("the worked example of 2023 is reproduced exactly") {
  const Assessment assessment = assess(builtin_policy(), example_2023());
  const nlohmann::json actual = nlohmann::json::parse(assessment_json(assessment).dump());
  const nlohmann::json expected = expected_json();
  INFO(actual.dump(2));
  CHECK(actual == expected);
}

TEST_CASE("the worked example does not depend on the order of the input rows") {
  AssessInput input = example_2023();
  std::reverse(input.applications.begin(), input.applications.end());
  std::reverse(input.enterprises.begin(), input.enterprises.end());
  std::reverse(input.projects.begin(), input.projects.end());
  const nlohmann::json actual =
      nlohmann::json::parse(assessment_json(assess(builtin_policy(), input)).dump());
  CHECK(actual == expected_json());
}

TEST_CASE("explain A-09 shows the tax-retention pro-rata arithmetic") {
  AssessOptions options;
  options.trace_ids = {"A-09"};
  const Assessment assessment = assess(builtin_policy(), example_2023(), options);
  std::ostringstream zh, en;
  write_explanation(assessment, builtin_policy(), "A-09", Language::zh, zh);
  write_explanation(assessment, builtin_policy(), "A-09", Language::en, en);
  INFO(zh.str());
  INFO(en.str());
  // 30% × 7,000,000.00 = 2,100,000.00, capped at 2,000,000.00.
  CHECK(zh.str().find("30% × 7,000,000.00") != std::string::npos);
  CHECK(zh.str().find("min(2,100,000.00, 2,000,000.00)") != std::string::npos);
  // Retention 100,000.00 over 2,000,000.00 + 80,000.00 = 2,080,000.00: in fen
  // 2,000,000.00 × 10,000,000 / 2,080,000.00 = 9,615,384 remainder 128,000,000 of 208,000,000,
  // i.e. 96,153.846153…; A-10 gets 384,615 remainder 80,000,000; 1 fen is left and goes to the
  // larger remainder, A-09 → 96,153.85.
  for (const std::string& text : {zh.str(), en.str()}) {
    CHECK(text.find("100,000.00 × 2,000,000.00 / 2,080,000.00") != std::string::npos);
    CHECK(text.find("96,153.846153…") != std::string::npos);
    CHECK(text.find("2,000,000.00 × 10,000,000 / 2,080,000.00 = 9,615,384") != std::string::npos);
    CHECK(text.find("128,000,000 / 208,000,000") != std::string::npos);
    CHECK(text.find("96,153.85") != std::string::npos);
    // Cost split: region ⌊96,153.85 × 50%⌋ = 48,076.92, county 48,076.93.
    CHECK(text.find("96,153.85 × 50% = 48,076.925") != std::string::npos);
    CHECK(text.find("48,076.93") != std::string::npos);
  }
  CHECK(zh.str().find("余数") != std::string::npos);
  CHECK(en.str().find("remainder") != std::string::npos);
}

TEST_CASE("explain refuses an application without a trace or not assessed") {
  const Assessment assessment = assess(builtin_policy(), example_2023());
  std::ostringstream out;
  CHECK_THROWS_AS(write_explanation(assessment, builtin_policy(), "A-09", Language::zh, out),
                  RefusedError);
  CHECK_THROWS_AS(write_explanation(assessment, builtin_policy(), "A-99", Language::zh, out),
                  RefusedError);
}
