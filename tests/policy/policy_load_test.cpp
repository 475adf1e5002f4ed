// The policy loader (policy.h): the built-in policy read as data with the numbers of POLICY.md, and
// each kind of bad policy file refused with its own located, one-line reason.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "ledger/base/embedded.h"
#include "ledger/base/error.h"
#include "ledger/policy/policy.h"

using namespace subsidy;

namespace {

std::string builtin_text() {
  for (const EmbeddedFile& file : embedded_policies::files()) {
    if (file.name == "siyang-2022-9.toml") return std::string(file.content);
  }
  FAIL("siyang-2022-9.toml is not embedded");
  return {};
}

// The built-in file with the first `from` replaced by `to` (which must be found).
std::string edited(const std::string& from, const std::string& to) {
  std::string text = builtin_text();
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

// 1-based line of the first occurrence of `needle` in `text`.
int64_t line_of(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
}

// Loads `text` expecting a refusal; returns the first problem.
InputProblem refusal(const std::string& text) {
  try {
    load_policy(text, "bad.toml");
  } catch (const InputError& error) {
    REQUIRE_FALSE(error.problems().empty());
    for (const auto& problem : error.problems()) INFO(problem.to_string());
    return error.problems().front();
  }
  FAIL("the policy was accepted");
  return {};
}

}  // namespace

TEST_CASE("the built-in policy carries the numbers of POLICY.md as data") {
  const Policy& policy = builtin_policy();
  CHECK(policy.id() == "siyang-2022-9");
  CHECK(policy.document_number() == "泗政办发〔2022〕9号");
  CHECK(policy.effective_from().to_string() == "2022-01-01");
  CHECK(policy.effective_to().to_string() == "2024-12-31");
  // The 24 scheme codes of POLICY.md section 1, in its order.
  std::vector<std::string> scheme_codes;
  for (const Scheme& scheme : policy.schemes()) scheme_codes.push_back(scheme.code);
  CHECK(scheme_codes == std::vector<std::string>{"smart_factory_provincial",
                                                 "smart_workshop_provincial",
                                                 "smart_workshop_municipal",
                                                 "robot_purchase",
                                                 "smart_equipment_project",
                                                 "core_tech_rd",
                                                 "first_set_national",
                                                 "first_set_provincial",
                                                 "digital_project",
                                                 "platform_cross_industry",
                                                 "platform_industry",
                                                 "platform_enterprise",
                                                 "benchmark_factory_provincial",
                                                 "benchmark_factory_municipal",
                                                 "cloud_5star",
                                                 "cloud_4star",
                                                 "cloud_3star",
                                                 "integration_5a",
                                                 "integration_4a",
                                                 "integration_3a",
                                                 "integration_2a",
                                                 "integration_a",
                                                 "service_institution",
                                                 "loan_interest"});

  const Scheme& robot = policy.scheme("robot_purchase");
  CHECK(robot.formula == FormulaKind::rate_times_base);
  REQUIRE(robot.terms.size() == 1);
  CHECK(robot.terms[0].rate.to_plain_string() == "0.05");
  CHECK(robot.cap == Money::from_yuan(1'000'000));

  const Scheme& digital = policy.scheme("digital_project");
  REQUIRE(digital.conditions.size() == 1);
  CHECK(digital.conditions[0].op == Comparison::more_than);  // 超过: bound excluded
  CHECK(digital.conditions[0].bound == Decimal(Int128(50000000), -2));
  CHECK(policy.scheme("smart_equipment_project").conditions[0].op == Comparison::at_least);

  const Scheme& service = policy.scheme("service_institution");
  CHECK(service.once == OnceScope::per_enterprise_ever);
  REQUIRE(service.tiers.size() == 2);
  CHECK(service.tiers[0].amount == Money::from_yuan(150'000));
  CHECK(service.tiers[1].amount == Money::from_yuan(100'000));

  std::vector<std::string> codes;
  for (const Rule& rule : policy.rules()) codes.push_back(rule.code);
  CHECK(codes == std::vector<std::string>{"E", "F", "P", "L", "S", "T", "C"});
  const auto& loan =
      std::get<SchemeLimitParams>(policy.find_rule(RuleKind::enterprise_scheme_limit)->params);
  CHECK(loan.limit == Money::from_yuan(4'000'000));
  CHECK(loan.schemes == std::vector<std::string>{"loan_interest"});
  const auto& safety =
      std::get<SafetyFactorParams>(policy.find_rule(RuleKind::safety_factor)->params);
  CHECK(safety.default_factor.to_plain_string() == "0.90");
  const auto& split = std::get<CostSplitParams>(policy.find_rule(RuleKind::cost_split)->params);
  CHECK(split.region_rate.to_plain_string() == "0.50");
  CHECK(split.odd_fen == Party::county);
  CHECK(split.county_only_schemes == std::vector<std::string>{"loan_interest"});
  const auto& eligibility =
      std::get<EligibilityParams>(policy.find_rule(RuleKind::eligibility)->params);
  CHECK(eligibility.events.size() == 6);
}

TEST_CASE("scheme_inputs names the columns a scheme's formula and conditions read") {
  const Policy& policy = builtin_policy();
  CHECK(policy.has_scheme("loan_interest"));
  CHECK_FALSE(policy.has_scheme("moon_landing"));
  CHECK(policy.scheme_inputs("smart_factory_provincial").empty());
  CHECK(policy.scheme_inputs("robot_purchase") == std::vector<std::string>{"equipment_amount"});
  CHECK(policy.scheme_inputs("smart_equipment_project") ==
        std::vector<std::string>{"equipment_amount", "software_amount", "total_investment"});
  CHECK(policy.scheme_inputs("digital_project") == std::vector<std::string>{"info_investment"});
  CHECK(policy.scheme_inputs("service_institution") ==
        std::vector<std::string>{"service_revenue", "staff_count"});
  CHECK_THROWS_AS(policy.scheme_inputs("moon_landing"), RefusedError);
}

TEST_CASE("an award year belongs to the policy in force on its 31 December") {
  const Policy& policy = builtin_policy();
  CHECK_FALSE(policy.covers_year(2021));
  CHECK(policy.covers_year(2022));
  CHECK(policy.covers_year(2024));
  CHECK_FALSE(policy.covers_year(2025));
  const std::vector<Policy> policies = {builtin_policy()};
  CHECK(policy_for_year(policies, 2023) == &policies[0]);
  CHECK(policy_for_year(policies, 2025) == nullptr);
}

TEST_CASE("policy refusal: an unknown key, located at the key") {
  const std::string text = edited("formula = \"fixed\"\namount = \"1500000.00\"",
                                  "formula = \"fixed\"\namount = \"1500000.00\"\nbonus = \"1.00\"");
  const InputProblem problem = refusal(text);
  CHECK(problem.file == "bad.toml");
  CHECK(problem.line == line_of(text, "bonus"));
  CHECK(problem.column == "1");
  CHECK(problem.reason == "unknown key 'bonus'");
}

TEST_CASE("policy refusal: an unknown key inside an inline table") {
  const std::string text =
      edited("{ rate = \"0.05\", base = \"equipment_amount\" }",
             "{ rate = \"0.05\", base = \"equipment_amount\", per = \"year\" }");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "per = "));
  CHECK(problem.reason == "unknown key 'per'");
}

TEST_CASE("policy refusal: a TOML float rate, with a message to quote it") {
  const std::string text = edited("rate = \"0.05\"", "rate = 0.05");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "rate = 0.05"));
  CHECK(problem.reason.find("TOML float") != std::string::npos);
  CHECK(problem.reason.find("quoted string") != std::string::npos);
}

TEST_CASE("policy refusal: a rate over 100%") {
  const std::string text = edited("rate = \"0.05\"", "rate = \"1.05\"");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "1.05"));
  CHECK(problem.reason == "'rate' is over 100%: 1.05 is more than 1");
}

TEST_CASE("policy refusal: a negative cap") {
  const std::string text = edited("cap = \"1000000.00\"", "cap = \"-1000000.00\"");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "-1000000.00"));
  CHECK(problem.reason == "'cap' is negative: -1000000.00");
}

TEST_CASE("policy refusal: an unknown formula kind") {
  const std::string text = edited("formula = \"fixed\"", "formula = \"lottery\"");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "lottery"));
  CHECK(problem.reason.rfind("unknown formula kind 'lottery'", 0) == 0);
}

TEST_CASE("policy refusal: an unknown rule kind") {
  const std::string text = edited("kind = \"tax_retention\"", "kind = \"tax_holiday\"");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "tax_holiday"));
  CHECK(problem.reason.rfind("unknown rule kind 'tax_holiday'", 0) == 0);
}

TEST_CASE("policy refusal: a limit before the formulas it works on") {
  // Swap the kinds and parameters of rules F and P: the project rule then comes before the
  // formulas.
  std::string text = edited(
      "kind = \"scheme_formula\"\nclause = \"三\"\nseed = \"扶持政策\"\nrounding = \"half_up\"",
      "kind = \"one_award_per_project\"\nclause = \"三\"\nseed = \"扶持政策\"");
  const size_t at = text.find("kind = \"one_award_per_project\"\nclause = \"五(附则)\"");
  REQUIRE(at != std::string::npos);
  const std::string exempt = "exempt_schemes = [\"loan_interest\"]";
  text.replace(text.find(exempt, at), exempt.size(), "rounding = \"half_up\"");
  text.replace(at, 30, "kind = \"scheme_formula\"");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "[[rule]]"));
  CHECK(
      problem.reason ==
      "the rule of kind 'one_award_per_project' must come after the one of kind 'scheme_formula'");
}

TEST_CASE("policy refusal: a missing field, located at its table") {
  const std::string text =
      edited("formula = \"fixed\"\namount = \"1500000.00\"\n", "formula = \"fixed\"\n");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "[[scheme]]"));
  CHECK(problem.reason == "missing key 'amount'");
}

TEST_CASE("policy refusal: a TOML syntax error") {
  const std::string text = edited("id = \"siyang-2022-9\"", "id = \"siyang-2022-9");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "id = "));
  CHECK(problem.reason.rfind("TOML syntax: ", 0) == 0);
}

TEST_CASE("policy refusal: a rule naming a scheme the policy does not have") {
  const std::string text =
      edited("exempt_schemes = [\"loan_interest\"]", "exempt_schemes = [\"loan_intrest\"]");
  const InputProblem problem = refusal(text);
  CHECK(problem.line == line_of(text, "loan_intrest"));
  CHECK(problem.reason == "'loan_intrest' is not a scheme of this policy");
}

TEST_CASE("policy refusal: an unknown compliance event") {
  const std::string text = edited("\"court_enforcement\",", "\"court_enforcment\",");
  CHECK(refusal(text).reason == "unknown compliance event 'court_enforcment'");
}

TEST_CASE("policy refusal: effective_to before effective_from") {
  const std::string text = edited("effective_to = 2024-12-31", "effective_to = 2021-12-31");
  CHECK(refusal(text).reason == "effective_to 2021-12-31 is before effective_from 2022-01-01");
}

TEST_CASE("policy refusal: several problems are all reported") {
  std::string text = edited("rate = \"0.05\"", "rate = 0.05");
  const size_t at = text.find("cap = \"500000.00\"");
  text.replace(at, 17, "cap = \"-5\"");
  try {
    load_policy(text, "bad.toml");
    FAIL("accepted");
  } catch (const InputError& error) {
    CHECK(error.problems().size() == 2);
  }
}

TEST_CASE("policy refusal: overlapping periods name both policies") {
  const Policy first = builtin_policy();
  const Policy second = load_policy(edited("id = \"siyang-2022-9\"", "id = \"siyang-2024-x\"")
                                        .replace(builtin_text().find("effective_from = 2022-01-01"),
                                                 27, "effective_from = 2024-06-01"),
                                    "second.toml");
  try {
    check_no_overlap({first, second});
    FAIL("overlap accepted");
  } catch (const RefusedError& error) {
    CHECK(
        std::string(error.what()) ==
        "政策有效期重叠：siyang-2022-9（2022-01-01 至 2024-12-31）与 siyang-2024-x（2024-06-01 至 "
        "2024-12-31）（修订请在新版本中写明 version 与 amends）");
  }
  CHECK_THROWS_WITH(check_no_overlap({first, first}), "账本中已有编号为 siyang-2022-9 的政策");
}
