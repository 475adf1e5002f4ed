// The rule kinds of issue 19 item 3 as the loader reads them from
// tests/data/policies/new-kinds-example.toml (band rate, progressive band rate, base factor, named
// enterprise-year limits, the year's fund, the once scopes), and each inconsistent combination
// refused with a located, one-line reason.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "ledger/base/error.h"
#include "ledger/policy/policy.h"

using namespace subsidy;

namespace {

std::string example_text() {
  std::ifstream file(std::string(SUBSIDY_SOURCE_DIR) +
                     "/tests/data/policies/new-kinds-example.toml");
  REQUIRE(file.good());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The example with the first `from` replaced by `to` (which must be found).
std::string example_edited(const std::string& from, const std::string& to) {
  std::string text = example_text();
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

int64_t line_in(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
}

InputProblem refused(const std::string& text) {
  try {
    load_policy(text, "kinds.toml");
  } catch (const InputError& error) {
    REQUIRE_FALSE(error.problems().empty());
    for (const auto& problem : error.problems()) INFO(problem.to_string());
    return error.problems().front();
  }
  FAIL("the policy was accepted");
  return {};
}

Money money_of(const char* text) {
  return *parse_money(text).value;
}

}  // namespace

TEST_CASE("the example policy reads every new kind with its numbers") {
  const Policy policy = load_policy(example_text(), "new-kinds-example.toml");
  const Scheme& band = policy.scheme("tech_upgrade");
  CHECK(band.formula == FormulaKind::band_rate);
  REQUIRE(band.bands.size() == 3);
  CHECK(band.bands[1].from == money_of("30000000.00"));
  CHECK(band.bands[1].rate == *Decimal::parse_plain("0.018").value);
  CHECK_FALSE(band.progressive);
  CHECK(band.cap == money_of("1000000.00"));
  CHECK(band.inputs == std::vector<std::string>{"total_investment"});
  CHECK(policy.scheme("tech_upgrade_progressive").progressive);
  const Scheme& first_set = policy.scheme("first_set_equipment");
  REQUIRE(first_set.terms.size() == 1);
  CHECK(first_set.terms[0].factor == *Decimal::parse_plain("1.5").value);
  CHECK(policy.scheme("loan_interest").terms[0].factor == Decimal::from_integer(1));
  CHECK(policy.scheme("demo_project").once == OnceScope::per_project);
  CHECK(policy.scheme("service_institution").once == OnceScope::per_enterprise_in_period);
  CHECK(policy.scheme("benchmark").once == OnceScope::per_enterprise_ever);
  CHECK(policy.scheme("tech_upgrade").once == OnceScope::none);
  std::vector<const SchemeLimitParams*> limits;
  for (const Rule& rule : policy.rules()) {
    if (rule.kind == RuleKind::enterprise_scheme_limit)
      limits.push_back(&std::get<SchemeLimitParams>(rule.params));
  }
  REQUIRE(limits.size() == 2);
  CHECK(limits[0]->name.empty());
  CHECK(limits[0]->schemes == std::vector<std::string>{"loan_interest"});
  CHECK(limits[1]->name == "overall");
  CHECK(limits[1]->schemes.size() == policy.schemes().size());  // no `schemes`: all of them
  CHECK(limits[1]->limit == money_of("6000000.00"));
  const auto& fund = std::get<FundLimitParams>(policy.find_rule(RuleKind::fund_limit)->params);
  CHECK(fund.limit == money_of("1000000.00"));
  CHECK(fund.schemes.size() == 3);
}

TEST_CASE("policy refusal: band_rate bands not ascending") {
  const std::string text =
      example_edited("{ from = \"30000000.00\", rate = \"0.018\" }",
                     "{ from = \"5000000.00\", rate = \"0.018\" }");
  const InputProblem problem = refused(text);
  CHECK(problem.file == "kinds.toml");
  CHECK(problem.line == line_in(text, "{ from = \"5000000.00\", rate = \"0.018\" }"));
  CHECK(problem.reason ==
        "band from 5000000.00 is not above the band before it (5000000.00): list the bands from "
        "the lowest up");
}

TEST_CASE("policy refusal: a band_rate on a count column, or without bands") {
  const std::string count = example_edited("base = \"total_investment\"", "base = \"staff_count\"");
  InputProblem problem = refused(count);
  CHECK(problem.line == line_in(count, "staff_count"));
  CHECK(problem.reason == "the base of a band_rate formula is a money column, not 'staff_count'");
  const std::string empty = example_edited(
      "bands = [\n  { from = \"5000000.00\", rate = \"0.015\" },\n  { from = \"30000000.00\", "
      "rate = \"0.018\" },\n  { from = \"50000000.00\", rate = \"0.02\" },\n]",
      "bands = []");
  problem = refused(empty);
  CHECK(problem.line == line_in(empty, "bands = []"));
}

TEST_CASE("policy refusal: a band rate over 100%, and keys of other formula kinds") {
  std::string text = example_edited("rate = \"0.015\"", "rate = \"1.5\"");
  CHECK(refused(text).reason == "'rate' is over 100%: 1.5 is more than 1");
  text = example_edited("formula = \"band_rate\"\nbase = \"total_investment\"",
                        "formula = \"fixed\"\namount = \"1.00\"\nbase = \"total_investment\"");
  const InputProblem problem = refused(text);
  // base, bands and cap are all reported, in the table's key order
  CHECK(problem.line == line_in(text, "bands = ["));
  CHECK(problem.reason == "unknown key 'bands'");
}

TEST_CASE("policy refusal: a base factor of zero, negative or over 10") {
  for (const char* factor : {"0", "-1.5", "10.01"}) {
    INFO(factor);
    const std::string text =
        example_edited("factor = \"1.5\"", std::string("factor = \"") + factor + "\"");
    const InputProblem problem = refused(text);
    CHECK(problem.line == line_in(text, std::string("factor = \"") + factor));
    CHECK(problem.reason.rfind("'factor' must be more than 0 and at most 10: ", 0) == 0);
  }
}

TEST_CASE("policy refusal: two limits without a name, or with the same name") {
  std::string text = example_edited("name = \"overall\"\n", "");
  InputProblem problem = refused(text);
  CHECK(problem.line == line_in(text, "code = \"L2\"") - 1);  // located at the [[rule]] table
  CHECK(problem.reason.rfind("a second enterprise_scheme_limit needs a 'name'", 0) == 0);
  text = example_edited("schemes = [\"loan_interest\"]\nlimit = \"4000000.00\"",
                        "schemes = [\"loan_interest\"]\nlimit = \"4000000.00\"\nname = \"overall\"");
  problem = refused(text);
  CHECK(problem.line == line_in(text, "name = \"overall\"\nlimit = \"6000000.00\""));
  CHECK(problem.reason == "limit name 'overall' is given twice: each limit has its own reason");
  text = example_edited("name = \"overall\"", "name = \"Overall cap\"");
  CHECK(refused(text).reason ==
        "a limit's name is lower-case letters, digits and _: 'Overall cap'");
}

TEST_CASE("policy refusal: an empty scheme list, a fund given twice, a fund after the split") {
  std::string text = example_edited("schemes = [\"demo_project\", \"service_institution\", \"benchmark\"]",
                                    "schemes = []");
  InputProblem problem = refused(text);
  CHECK(problem.line == line_in(text, "schemes = []"));
  CHECK(problem.reason ==
        "'schemes' is empty: name the schemes, or leave the key out for every scheme");
  const std::string fund = "[[rule]]\ncode = \"B\"\nkind = \"fund_limit\"";
  text = example_edited(fund, fund + "\nclause = \"x\"\nseed = \"x\"\nlimit = \"1.00\"\n\n" + fund);
  problem = refused(text);
  CHECK(problem.reason == "rule kind 'fund_limit' is given twice");
  // The fund's rule moved behind the cost split.
  text = example_text();
  const size_t begin = text.find(fund);
  const size_t end = text.find("[[rule]]", begin + 1);
  const std::string block = text.substr(begin, end - begin);
  text.erase(begin, end - begin);
  text += "\n" + block;
  problem = refused(text);
  CHECK(problem.reason ==
        "the rule of kind 'cost_split' must come last: it divides the final amounts");
}

TEST_CASE("policy refusal: an unknown once scope, or once with once_per_enterprise") {
  std::string text = example_edited("once = \"project\"", "once = \"per_decade\"");
  InputProblem problem = refused(text);
  CHECK(problem.line == line_in(text, "per_decade"));
  CHECK(problem.reason ==
        "unknown once scope 'per_decade' (use project, enterprise_in_period or enterprise_ever)");
  text = example_edited("once = \"project\"", "once = \"project\"\nonce_per_enterprise = false");
  problem = refused(text);
  CHECK(problem.line == line_in(text, "once = \"project\""));
  CHECK(problem.reason.rfind("give either 'once' or 'once_per_enterprise', not both", 0) == 0);
}
