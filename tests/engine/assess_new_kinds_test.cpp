// The rule kinds of issue 19 item 3 in the engine, under tests/data/policies/new-kinds-example.toml
// (and edited copies of it): band rate and its progressive form, the base factor, named
// enterprise-year limits beside the loan limit, the year's fund, and the once scopes, each with its
// amounts worked out by hand in the comments and its explanation in both languages.
#include "assess_fixture.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "ledger/engine/assess_output.h"

using namespace subsidy;
using namespace subsidy::testing;

namespace {

using Codes = std::vector<std::string>;

std::string kinds_text() {
  std::ifstream file(std::string(SUBSIDY_SOURCE_DIR) +
                     "/tests/data/policies/new-kinds-example.toml");
  REQUIRE(file.good());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The example policy with each `from` replaced by its `to` (each must be found).
Policy kinds_policy(const std::vector<std::pair<std::string, std::string>>& edits = {}) {
  std::string text = kinds_text();
  for (const auto& edit : edits) {
    const size_t at = text.find(edit.first);
    REQUIRE(at != std::string::npos);
    text.replace(at, edit.first.size(), edit.second);
  }
  return load_policy(text, "new-kinds-example.toml");
}

ApplicationInput& with(ApplicationInput& app, InputColumn column, const char* amount) {
  app.inputs.set_money(column, yuan(amount));
  return app;
}

std::string explained(const Policy& policy, const AssessInput& input, const std::string& id,
                      Language language) {
  AssessOptions options;
  options.trace_ids = {id};
  std::ostringstream out;
  write_explanation(assess(policy, input, options), policy, id, language, out);
  return out.str();
}

// The county of the hand-checked test (award year 2026).
AssessInput example_county() {
  CountyBuilder county(2026);
  county.enterprise("E1").project("P11");
  // 32,000,000.00 reaches the 30,000,000.00 band: 1.8% × 32,000,000.00 = 576,000.00, the whole.
  with(county.application("A-01", "tech_upgrade"), InputColumn::total_investment, "32000000.00");
  county.project("P12");
  // 4,999,999.99 < 5,000,000.00: below the lowest band.
  with(county.application("A-02", "tech_upgrade"), InputColumn::total_investment, "4999999.99");
  county.project("P13");
  // Progressive: 1.5% × 25,000,000.00 + 1.8% × 20,000,000.00 + 2% × 10,000,000.00
  //   = 375,000.00 + 360,000.00 + 200,000.00 = 935,000.00.
  with(county.application("A-03", "tech_upgrade_progressive"), InputColumn::total_investment,
       "60000000.00");
  county.project("P14");
  // 10% × 150% × 8,000,000.00 = 1,200,000.00 (at 100% it would be 800,000.00).
  with(county.application("A-04", "first_set_equipment"), InputColumn::equipment_amount,
       "8000000.00");
  county.project("P15");
  // 1% × 300,000,000.00 = 3,000,000.00 and 1% × 200,000,000.00 = 2,000,000.00: 5,000,000.00 >
  // 4,000,000.00, so 4,000,000 × 3/5 = 2,400,000.00 and 4,000,000 × 2/5 = 1,600,000.00.
  with(county.application("A-05", "loan_interest"), InputColumn::loan_amount, "300000000.00");
  with(county.application("A-06", "loan_interest"), InputColumn::loan_amount, "200000000.00");
  // E2: demo_project once per project; service_institution's earlier award of 2024 is before the
  // period (2025–2027) and does not count.
  county.enterprise("E2").project("P21");
  county.application("A-11", "demo_project");
  county.application("A-12", "demo_project");  // same project, same amount: A-11 is kept
  county.project("P22");
  county.application("A-13", "demo_project");  // another project: awarded
  county.project("P23");
  county.application("A-14", "demo_project");  // P23 had its award in 2025
  county.application("A-15", "service_institution");
  county.application("A-16", "benchmark");  // awarded in 2019: once ever
  county.input().earlier_awards.push_back({"E2", "demo_project", "P23", 2025});
  county.input().earlier_awards.push_back({"E2", "service_institution", "P21", 2024});
  county.input().earlier_awards.push_back({"E2", "benchmark", "P21", 2019});
  // E3: service_institution already awarded in 2025, within the period.
  county.enterprise("E3").project("P31");
  county.application("A-21", "service_institution");
  county.application("A-22", "benchmark");
  county.input().earlier_awards.push_back({"E3", "service_institution", "P31", 2025});
  // E4: two benchmark applications in one year: the first (tie) is kept.
  county.enterprise("E4").project("P41");
  county.application("A-31", "benchmark");
  county.project("P42");
  county.application("A-32", "benchmark");
  return county.input();
}

}  // namespace

TEST_CASE("the example policy: every new kind computes the hand-checked amounts") {
  const Policy policy = kinds_policy();
  const Assessment result = assess(policy, example_county());
  const auto amount = [&](const char* id) { return result_of(result, id).amount; };
  const auto reasons = [&](const char* id) { return reasons_of(result_of(result, id)); };
  // Overall limit of E1: 576,000.00 + 935,000.00 + 1,200,000.00 + 2,400,000.00 + 1,600,000.00
  // = 6,711,000.00 > 6,000,000.00. In fen, 600,000,000 × claim / 671,100,000:
  //   A-01 57,600,000  → 51,497,541 rem 234,900,000
  //   A-03 93,500,000  → 83,594,099 rem 161,100,000
  //   A-04 120,000,000 → 107,286,544 rem 321,600,000
  //   A-05 240,000,000 → 214,573,088 rem 643,200,000
  //   A-06 160,000,000 → 143,048,725 rem 652,500,000
  // The floors leave 3 fen: to, A-04 (the largest remainders).
  CHECK(amount("A-01") == yuan("514975.41"));
  CHECK(amount("A-03") == yuan("835940.99"));
  CHECK(amount("A-04") == yuan("1072865.45"));
  CHECK(amount("A-05") == yuan("2145730.89"));
  CHECK(amount("A-06") == yuan("1430487.26"));
  CHECK(result.enterprises[0].total == yuan("6000000.00"));
  CHECK(reasons("A-01") == Codes{"capped_by_limit:overall"});
  CHECK(reasons("A-04") == Codes{"base_multiplied", "capped_by_limit:overall"});
  CHECK(reasons("A-05") == Codes{"capped_by_loan_limit", "capped_by_limit:overall"});
  CHECK(result_of(result, "A-02").status == Status::rejected);
  CHECK(reasons("A-02") == Codes{"below_lowest_band:total_investment"});
  CHECK(result_of(result, "A-01").formula_amount == yuan("576000.00"));
  CHECK(result_of(result, "A-03").formula_amount == yuan("935000.00"));
  CHECK(result_of(result, "A-04").formula_amount == yuan("1200000.00"));
  // Once scopes.
  CHECK(reasons("A-12") == Codes{"already_awarded:project"});
  CHECK(reasons("A-14") == Codes{"already_awarded:project"});
  CHECK(reasons("A-16") == Codes{"already_awarded"});
  CHECK(reasons("A-21") == Codes{"already_awarded:enterprise_in_period"});
  CHECK(reasons("A-32") == Codes{"already_awarded"});
  // The fund, 1,000,000.00 over A-11 200,000, A-13 200,000, A-15 100,000, A-22 500,000,
  // A-31 500,000 = 1,500,000.00: each 2/3 of its claim. Floors 13,333,333 ×2, 6,666,666,
  // 33,333,333 ×2 fen = 99,999,998; remainders (of 150,000,000) 50,000,000 ×2, 100,000,000,
  // 50,000,000 ×2: the 2 fen go to A-15, then A-11 (the tie to the smallest id).
  CHECK(amount("A-11") == yuan("133333.34"));
  CHECK(amount("A-13") == yuan("133333.33"));
  CHECK(amount("A-15") == yuan("66666.67"));
  CHECK(amount("A-22") == yuan("333333.33"));
  CHECK(amount("A-31") == yuan("333333.33"));
  CHECK(reasons("A-15") == Codes{"capped_by_fund"});
  // Cost split: region ⌊514,975.41 / 2⌋ = 257,487.70, county 257,487.71; loan interest county only.
  CHECK(result_of(result, "A-01").region_share == yuan("257487.70"));
  CHECK(result_of(result, "A-01").county_share == yuan("257487.71"));
  CHECK(result_of(result, "A-05").county_share == yuan("2145730.89"));
}

TEST_CASE("band rate: the bounds belong to the band they open; the whole base at its rate") {
  const Policy policy = kinds_policy();
  const struct {
    const char* base;
    const char* amount;  // worked by hand
  } cases[] = {
      {"5000000.00", "75000.00"},     // 1.5% × 5,000,000.00
      {"29999999.99", "450000.00"},   // 1.5% × 29,999,999.99 = 449,999.99985 → 450,000.00
      {"30000000.00", "540000.00"},   // 1.8% × 30,000,000.00
      {"49999999.99", "900000.00"},   // 1.8% × 49,999,999.99 = 899,999.99982 → 900,000.00
      {"50000000.00", "1000000.00"},  // 2% × 50,000,000.00
      {"60000000.00", "1000000.00"},  // 2% × 60,000,000.00 = 1,200,000.00, capped
      {"5000000.33", "75000.00"},     // 1.5% × 5,000,000.33 = 75,000.00495 → 75,000.00
      {"5000000.34", "75000.01"},     // 75,000.0051 → 75,000.01
  };
  for (const auto& item : cases) {
    INFO(item.base);
    CountyBuilder county(2026);
    county.enterprise("E1").project("P1");
    with(county.application("A-1", "tech_upgrade"), InputColumn::total_investment, item.base);
    const Assessment result = assess(policy, county.input());
    const ApplicationResult& app = result_of(result, "A-1");
    CHECK(app.status == Status::awarded);
    CHECK(app.amount == yuan(item.amount));
  }
}

TEST_CASE("band rate, progressive: each band's rate on its slice; below the lowest nothing") {
  const Policy policy = kinds_policy();
  const struct {
    const char* base;
    const char* amount;  // worked by hand
    bool capped;
  } cases[] = {
      {"5000000.00", "0.00", false},         // 1.5% × 0: in the band, nothing to pay
      {"5000000.01", "0.00", false},         // 1.5% × 0.01 = 0.00015 → 0.00
      {"30000000.00", "375000.00", false},   // 1.5% × 25,000,000.00
      {"40000000.00", "555000.00", false},   // 375,000 + 1.8% × 10,000,000.00
      {"50000000.00", "735000.00", false},   // 375,000 + 360,000
      {"83250000.00", "1000000.00", true},   // 735,000 + 2% × 33,250,000 = 1,400,000 → cap
      {"63250000.00", "1000000.00", false},  // 735,000 + 2% × 13,250,000 = 1,000,000.00 exactly
      {"63249999.99", "1000000.00", false},  // 735,000 + 264,999.9998 → 1,000,000.00 (half up)
      {"63249999.74", "999999.99", false},   // 735,000 + 264,999.9948 → 999,999.99
  };
  for (const auto& item : cases) {
    INFO(item.base);
    CountyBuilder county(2026);
    county.enterprise("E1").project("P1");
    with(county.application("A-1", "tech_upgrade_progressive"), InputColumn::total_investment,
         item.base);
    const Assessment result = assess(policy, county.input());
    const ApplicationResult& app = result_of(result, "A-1");
    CHECK(app.status == Status::awarded);
    CHECK(app.amount == yuan(item.amount));
    CHECK(reasons_of(app) == (item.capped ? Codes{"capped_by_scheme"} : Codes{}));
  }
  CountyBuilder county(2026);
  county.enterprise("E1").project("P1");
  with(county.application("A-1", "tech_upgrade_progressive"), InputColumn::total_investment,
       "4999999.99");
  CHECK(reasons_of(result_of(assess(policy, county.input()), "A-1")) ==
        Codes{"below_lowest_band:total_investment"});
}

TEST_CASE("base factor: on a band_rate base the counted base chooses the band") {
  // 150% × 20,000,000.00 = 30,000,000.00 reaches the 1.8% band: 1.8% × 30,000,000.00 =
  // 540,000.00; at 100% it would be 1.5% × 20,000,000.00 = 300,000.00.
  const Policy policy =
      kinds_policy({{"base = \"total_investment\"\nbands",
                     "base = \"total_investment\"\nbase_factor = \"1.5\"\nbands"}});
  CountyBuilder county(2026);
  county.enterprise("E1").project("P1");
  with(county.application("A-1", "tech_upgrade"), InputColumn::total_investment, "20000000.00");
  county.project("P2");
  // 150% × 3,000,000.00 = 4,500,000.00: still below the lowest band.
  with(county.application("A-2", "tech_upgrade"), InputColumn::total_investment, "3000000.00");
  const Assessment result = assess(policy, county.input());
  CHECK(result_of(result, "A-1").amount == yuan("540000.00"));
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"base_multiplied"});
  CHECK(reasons_of(result_of(result, "A-2")) == Codes{"below_lowest_band:total_investment"});
}

TEST_CASE("base factor: no reason where the cap makes both amounts the same") {
  // 10% × 150% × 20,000,000.00 = 3,000,000.00 and 10% × 20,000,000.00 = 2,000,000.00: both
  // capped at 2,000,000.00, so the factor changed nothing; 10% × 150% × 0.01 = 0.0015 → 0.00 and
  // 10% × 0.01 = 0.001 → 0.00: nothing either.
  const Policy policy = kinds_policy();
  CountyBuilder county(2026);
  county.enterprise("E1").project("P1");
  with(county.application("A-1", "first_set_equipment"), InputColumn::equipment_amount,
       "20000000.00");
  county.project("P2");
  with(county.application("A-2", "first_set_equipment"), InputColumn::equipment_amount, "0.01");
  county.project("P3");
  // 10% × 150% × 0.04 = 0.006 → 0.01, at 100% 0.004 → 0.00: changed.
  with(county.application("A-3", "first_set_equipment"), InputColumn::equipment_amount, "0.04");
  const Assessment result = assess(policy, county.input());
  CHECK(result_of(result, "A-1").amount == yuan("2000000.00"));
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"capped_by_scheme"});
  CHECK(reasons_of(result_of(result, "A-2")).empty());
  CHECK(result_of(result, "A-3").amount == yuan("0.01"));
  CHECK(reasons_of(result_of(result, "A-3")) == Codes{"base_multiplied"});
}

TEST_CASE("a fund over every scheme shares all the year's awards of every enterprise") {
  // The fund without `schemes`, 1,000,000.00: E1 1% × 60,000,000.00 = 600,000.00 of loan
  // interest and E2 a 500,000.00 benchmark: 1,100,000.00 > 1,000,000.00. In fen 100,000,000 ×
  // 60,000,000 / 110,000,000 = 54,545,454 rem 60,000,000 and × 50,000,000 = 45,454,545 rem
  // 50,000,000 (of 110,000,000); 1 fen left: to E1's (larger remainder).
  const Policy policy = kinds_policy(
      {{"schemes = [\"demo_project\", \"service_institution\", \"benchmark\"]\n", ""}});
  CountyBuilder county(2026);
  county.enterprise("E1").project("P1");
  with(county.application("A-1", "loan_interest"), InputColumn::loan_amount, "60000000.00");
  county.enterprise("E2").project("P2");
  county.application("A-2", "benchmark");
  const Assessment result = assess(policy, county.input());
  CHECK(result_of(result, "A-1").amount == yuan("545454.55"));
  CHECK(result_of(result, "A-2").amount == yuan("454545.45"));
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"capped_by_fund"});
  // Not oversubscribed: nothing changes and no reason.
  county.input().applications.pop_back();
  const Assessment alone = assess(policy, county.input());
  CHECK(result_of(alone, "A-1").amount == yuan("600000.00"));
  CHECK(reasons_of(result_of(alone, "A-1")).empty());
}

TEST_CASE("once per enterprise within the period: an earlier award of unknown year counts") {
  const Policy policy = kinds_policy();
  CountyBuilder county(2026);
  county.enterprise("E1").project("P1");
  county.application("A-1", "service_institution");
  county.input().earlier_awards.push_back({"E1", "service_institution", "", 0});
  county.enterprise("E2").project("P2");
  county.application("A-2", "demo_project");
  county.input().earlier_awards.push_back({"E2", "demo_project", "P9", 2025});  // other project
  const Assessment result = assess(policy, county.input());
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"already_awarded:enterprise_in_period"});
  CHECK(result_of(result, "A-2").status == Status::awarded);
}

TEST_CASE(
    "once per enterprise within the period: the period of an amended policy starts with its "
    "first version") {
  const Policy policy = kinds_policy();  // in force from 2025
  CountyBuilder county(2026);
  county.enterprise("E1").project("P1");
  county.application("A-1", "service_institution");
  county.input().earlier_awards.push_back({"E1", "service_institution", "", 2024});
  // 2024 is before the policy's period: not counted.
  CHECK(result_of(assess(policy, county.input()), "A-1").status == Status::awarded);
  // The policy amends one in force from 2023 (period_first_year): 2024 is within the period.
  county.input().period_first_year = 2023;
  CHECK(reasons_of(result_of(assess(policy, county.input()), "A-1")) ==
        Codes{"already_awarded:enterprise_in_period"});
}

TEST_CASE("the explanation of each new kind, in Chinese and in English") {
  const Policy policy = kinds_policy();
  const AssessInput input = example_county();
  const std::string band = explained(policy, input, "A-01", Language::zh);
  CHECK(band.find("[F] 适用费率档：total_investment 32,000,000.00 ≥ 30,000,000.00  适用第 2 档") !=
        std::string::npos);
  CHECK(band.find(
            "[F] 计算公式：1.8% × 32,000,000.00 = 576,000.00000 → 576,000.00（四舍五入到分）") !=
        std::string::npos);
  CHECK(band.find("overall: Σ 6,711,000.00 > 6,000,000.00") != std::string::npos);
  CHECK(band.find("capped_by_limit（企业年度限额按比例分摊）") != std::string::npos);
  const std::string progressive = explained(policy, input, "A-03", Language::en);
  CHECK(progressive.find("1.5% × (30,000,000.00 − 5,000,000.00) + 1.8% × (50,000,000.00 − "
                         "30,000,000.00) + 2% × (60,000,000.00 − 50,000,000.00) = 935,000.00000") !=
        std::string::npos);
  CHECK(progressive.find("progressive, band by band") != std::string::npos);
  const std::string factor = explained(policy, input, "A-04", Language::zh);
  CHECK(factor.find("10% × 150% × 8,000,000.00 = 1,200,000.00000 → 1,200,000.00") !=
        std::string::npos);
  CHECK(factor.find("基数按 100% 计为 800,000.00，按系数计为 1,200,000.00") != std::string::npos);
  CHECK(factor.find("base_multiplied（计算基数按系数计）") != std::string::npos);
  const std::string fund = explained(policy, input, "A-15", Language::en);
  CHECK(fund.find("[B] the year's fund: Σ 1,500,000.00 > 1,000,000.00") != std::string::npos);
  CHECK(fund.find("capped_by_fund (the year's fund shared out pro rata)") != std::string::npos);
  const std::string project = explained(policy, input, "A-12", Language::zh);
  CHECK(project.find("[F] 同一项目限奖一次：本年度保留最高的 A-11") != std::string::npos);
  const std::string period = explained(policy, input, "A-21", Language::en);
  CHECK(period.find("awarded in an earlier year") != std::string::npos);
  CHECK(period.find("already_awarded:enterprise_in_period") != std::string::npos);
  const std::string below = explained(policy, input, "A-02", Language::en);
  CHECK(below.find("[F] rate band: total_investment 4,999,999.99 < 5,000,000.00  reason: "
                   "below_lowest_band (below the lowest band)") != std::string::npos);
}

// Hidden (run with `engine_test "[.explain]"`): prints the explanation of one application of each
// new kind, for the review notes.
TEST_CASE("print the explanation of one application of each new kind", "[.explain]") {
  const Policy policy = kinds_policy();
  const AssessInput input = example_county();
  for (const char* id : {"A-01", "A-02", "A-03", "A-04", "A-12", "A-21", "A-15"}) {
    for (Language language : {Language::zh, Language::en}) {
      const std::string text = explained(policy, input, id, language);
      CHECK(text.find(id) != std::string::npos);
      std::cout << text << "\n";
    }
  }
}
