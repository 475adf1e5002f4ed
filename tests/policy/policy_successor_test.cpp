// A second policy (tests/data/policies/successor-2025.toml: 2025–2027, other rates and caps, a
// lower safety factor, a higher loan limit, a 60/40 county/region split) changes the results with
// no code change, and the award year picks the policy.
#include "tests/engine/assess_fixture.h"

#include <fstream>
#include <sstream>

using namespace subsidy;
using namespace subsidy::testing;

namespace {

Policy successor() {
  const std::string path =
      std::string(SUBSIDY_SOURCE_DIR) + "/tests/data/policies/successor-2025.toml";
  std::ifstream file(path);
  REQUIRE(file.good());
  std::ostringstream text;
  text << file.rdbuf();
  return load_policy(text.str(), "successor-2025.toml");
}

AssessInput county(int year) {
  CountyBuilder county(year);
  county.enterprise("E1");
  county.project("P1")
      .application("A-1", "robot_purchase")
      .inputs.set_money(InputColumn::equipment_amount, yuan("1234567.89"));
  county.project("P2")
      .application("A-2", "digital_project")
      .inputs.set_money(InputColumn::info_investment, yuan("300000.00"));
  county.project("P3");
  county.application("A-3", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("300000000.00"));
  county.application("A-4", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("100000000.00"));
  county.enterprise("E2").event("general_safety_accident");
  county.project("P4").application("A-5", "smart_factory_provincial");
  return county.input();
}

}  // namespace

TEST_CASE("the award year picks the policy; the two periods do not overlap") {
  const std::vector<Policy> policies = {builtin_policy(), successor()};
  CHECK_NOTHROW(check_no_overlap(policies));
  CHECK(policy_for_year(policies, 2024)->id() == "siyang-2022-9");
  CHECK(policy_for_year(policies, 2025)->id() == "siyang-2025-test");
  CHECK(policy_for_year(policies, 2027)->id() == "siyang-2025-test");
  CHECK(policy_for_year(policies, 2028) == nullptr);
  // Each policy refuses the other's years.
  for (const ApplicationResult& app : assess(policies[1], county(2024)).applications) {
    CHECK(reasons_of(app) == std::vector<std::string>{"outside_policy_period"});
  }
  for (const ApplicationResult& app : assess(policies[0], county(2025)).applications) {
    CHECK(reasons_of(app) == std::vector<std::string>{"outside_policy_period"});
  }
}

TEST_CASE("the successor's numbers change the results with no code change") {
  const Assessment later = assess(successor(), county(2025));
  CHECK(later.policy_id == "siyang-2025-test");
  // 6% × 1,234,567.89 = 74,074.0734 → 74,074.07; region ⌊74,074.07 × 40%⌋ = ⌊29,629.628⌋ =
  // 29,629.62, county 74,074.07 − 29,629.62 = 44,444.45.
  CHECK(result_of(later, "A-1").amount == yuan("74074.07"));
  CHECK(result_of(later, "A-1").region_share == yuan("29629.62"));
  CHECK(result_of(later, "A-1").county_share == yuan("44444.45"));
  // 以上 300,000.00 includes the bound: 10% × 300,000.00 = 30,000.00; 40% = 12,000.00.
  CHECK(result_of(later, "A-2").amount == yuan("30000.00"));
  CHECK(result_of(later, "A-2").region_share == yuan("12000.00"));
  // 1.5% × 300,000,000.00 = 4,500,000.00 and 1.5% × 100,000,000.00 = 1,500,000.00: 6,000,000.00 is
  // above the 5,000,000.00 limit → 5,000,000.00 × 4.5/6 = 3,750,000.00 and × 1.5/6 = 1,250,000.00.
  CHECK(result_of(later, "A-3").amount == yuan("3750000.00"));
  CHECK(result_of(later, "A-4").amount == yuan("1250000.00"));
  CHECK(result_of(later, "A-4").county_share == yuan("1250000.00"));
  // 2,000,000.00 × 0.80 = 1,600,000.00; region 40% = 640,000.00, county 960,000.00.
  CHECK(result_of(later, "A-5").amount == yuan("1600000.00"));
  CHECK(result_of(later, "A-5").region_share == yuan("640000.00"));
  CHECK(result_of(later, "A-5").county_share == yuan("960000.00"));

  // The same rows in 2023 under the built-in policy.
  const Assessment earlier = assess(builtin_policy(), county(2023));
  CHECK(result_of(earlier, "A-1").amount == yuan("61728.39"));  // 5% × 1,234,567.89 = 61,728.3945
  CHECK(result_of(earlier, "A-2").status == Status::rejected);  // not 超过 500,000.00
  CHECK(result_of(earlier, "A-3").amount == yuan("3000000.00"));  // 1%: 4,000,000.00 in all,
  CHECK(result_of(earlier, "A-4").amount == yuan("1000000.00"));  // exactly the limit
  CHECK(result_of(earlier, "A-5").amount == yuan("1350000.00"));  // 1,500,000.00 × 0.90
  CHECK(result_of(earlier, "A-5").region_share == yuan("675000.00"));
}
