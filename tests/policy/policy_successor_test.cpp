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

namespace {

// The successor with `edits` applied in order (each a find, replace pair; every find must occur).
std::string successor_text(const std::vector<std::pair<std::string, std::string>>& edits) {
  const std::string path =
      std::string(SUBSIDY_SOURCE_DIR) + "/tests/data/policies/successor-2025.toml";
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  std::string out = text.str();
  for (const auto& [find, replace] : edits) {
    const size_t at = out.find(find);
    REQUIRE(at != std::string::npos);
    out.replace(at, find.size(), replace);
  }
  return out;
}

// A version 2 of the successor (whose first version is siyang-2025-test), from `from`.
Policy amendment(const std::string& id, int version, const std::string& amends,
                 const std::string& from, const std::string& to = "2027-12-31") {
  return load_policy(successor_text({{"id = \"siyang-2025-test\"",
                                      "id = \"" + id + "\"\nversion = " + std::to_string(version) +
                                          "\namends = \"" + amends + "\""},
                                     {"effective_from = 2025-01-01", "effective_from = " + from},
                                     {"effective_to = 2027-12-31", "effective_to = " + to}}),
                     id + ".toml");
}

std::string refusal_of(const std::vector<Policy>& policies) {
  try {
    check_no_overlap(policies);
  } catch (const RefusedError& error) {
    return error.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("an amendment takes over from its effective date; earlier years keep the version") {
  const Policy first = successor();
  CHECK(first.version() == 1);
  CHECK_FALSE(first.declares_version());
  const Policy second = amendment("siyang-2025-v2", 2, "siyang-2025-test", "2026-07-01");
  CHECK(second.version() == 2);
  CHECK(second.declares_version());
  CHECK(second.amends() == "siyang-2025-test");
  const std::vector<Policy> policies = {builtin_policy(), first, second};
  CHECK(refusal_of(policies) == "accepted");
  CHECK(policy_for_year(policies, 2024)->id() == "siyang-2022-9");
  CHECK(policy_for_year(policies, 2025)->id() == "siyang-2025-test");
  // In force on 31 December: 2026 is the amendment's.
  CHECK(policy_for_year(policies, 2026)->id() == "siyang-2025-v2");
  CHECK(policy_for_year(policies, 2027)->id() == "siyang-2025-v2");
  CHECK(amendment_of(policies, policies[1]) == &policies[2]);
  CHECK(&first_version(policies, policies[2]) == &policies[1]);
  CHECK(in_force_on(policies, policies[1], CalendarDate{2026, 6, 30}));
  CHECK_FALSE(in_force_on(policies, policies[1], CalendarDate{2026, 7, 1}));
  // The JSON names the version only when the file declares one.
  CHECK(assess(second, county(2026)).policy_version == 2);
  CHECK(assess(second, county(2026)).policy_document == "泗政办发〔2025〕0号");
  CHECK(assess(first, county(2025)).policy_version == 0);
}

TEST_CASE("broken amendments are refused with one line") {
  const Policy first = successor();
  CHECK(refusal_of({first, amendment("v3", 3, "siyang-2025-test", "2026-01-01")}) ==
        "政策 v3 的版本应为 2（修订第 1 版的 siyang-2025-test）");
  CHECK(refusal_of({first, amendment("v2", 2, "nope", "2026-01-01")}) ==
        "政策 v2 修订的 nope 不在账本中");
  CHECK(refusal_of({first, amendment("v2", 2, "siyang-2025-test", "2025-01-01")}) ==
        "修订版本 v2 须自 siyang-2025-test（2025-01-01 至 2027-12-31）"
        "有效期内、其生效日之后的日期起生效");
  CHECK(refusal_of({first, amendment("v2", 2, "siyang-2025-test", "2028-01-01", "2028-12-31")}) ==
        "修订版本 v2 须自 siyang-2025-test（2025-01-01 至 2027-12-31）"
        "有效期内、其生效日之后的日期起生效");
  CHECK(refusal_of({first, amendment("v2", 2, "siyang-2025-test", "2026-01-01"),
                    amendment("v2b", 2, "siyang-2025-test", "2027-01-01")}) ==
        "政策 siyang-2025-test 已由 v2b 修订，不能再由 v2 修订");
  // An amendment that runs on past the amended period must not overlap the next policy.
  const Policy later =
      load_policy(successor_text({{"id = \"siyang-2025-test\"", "id = \"later\""},
                                  {"effective_from = 2025-01-01", "effective_from = 2028-01-01"},
                                  {"effective_to = 2027-12-31", "effective_to = 2030-12-31"}}),
                  "later.toml");
  CHECK(refusal_of({first, later, amendment("v2", 2, "siyang-2025-test", "2026-01-01")}) ==
        "accepted");
  CHECK(
      refusal_of({first, later, amendment("v2", 2, "siyang-2025-test", "2026-01-01", "2028-06-30")})
          .starts_with("政策有效期重叠：later（2028-01-01 至 2030-12-31）与 v2（2026-01-01 至 "));
}

TEST_CASE("version, amends and once_across_policies are checked on load") {
  auto problems = [](const std::string& text) {
    try {
      load_policy(text, "s.toml");
    } catch (const InputError& error) {
      std::string all;
      for (const auto& problem : error.problems()) all += problem.to_string() + "\n";
      return all;
    }
    return std::string("accepted");
  };
  const std::string id = "id = \"siyang-2025-test\"";
  CHECK_THAT(problems(successor_text({{id, id + "\nversion = 2"}})),
             Catch::Contains("a version above 1 must name the version it amends"));
  CHECK_THAT(problems(successor_text({{id, id + "\namends = \"x\""}})),
             Catch::Contains("'amends' needs 'version' above 1"));
  CHECK_THAT(problems(successor_text({{id, id + "\nversion = \"2\""}})),
             Catch::Contains("'version' must be an integer from 1 to 999"));
  CHECK_THAT(problems(successor_text({{id, id + "\nversion = 0"}})),
             Catch::Contains("'version' must be an integer from 1 to 999"));
  CHECK_THAT(problems(successor_text(
                 {{"cap = \"1200000.00\"", "cap = \"1200000.00\"\nonce_across_policies = true"}})),
             Catch::Contains("'once_across_policies' needs 'once'"));
  CHECK(problems(successor_text({{"cap = \"1200000.00\"",
                                  "cap = \"1200000.00\"\nonce = \"enterprise_ever\"\n"
                                  "once_across_policies = true"}})) == "accepted");
}
