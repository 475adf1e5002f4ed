// Property tests of the policy engine over seeded random counties: thousands of applications of
// every scheme, with the edge values of the policy (500,000.00 vs 500,000.01, bounds of the tiers,
// loan interest totalling exactly 4,000,000.00 and one fen more, missing and zero retentions).
// Whatever the data: the shares add up, no enterprise gets more than its retention or more than
// 4,000,000.00 of loan interest, a project has at most one award besides loan interest, an
// ineligible enterprise gets nothing, and neither the row order nor tracing changes anything.
#include "assess_fixture.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <fstream>
#include <sstream>

#include "ledger/engine/assess_output.h"

using namespace subsidy;
using namespace subsidy::testing;

namespace {

const char* const kExcluding[] = {"major_safety_accident", "major_env_pollution",
                                  "court_enforcement",     "serious_dishonesty",
                                  "resource_rating_c",     "resource_rating_d"};

class Generator {
 public:
  // Applications of `policy`'s schemes. Under a policy other than the built-in one the generator
  // also draws the edges of the example policy's bands and earlier awards with projects and years
  // (extra draws only then, so that the built-in counties stay what they were).
  explicit Generator(uint64_t seed, const Policy& policy = builtin_policy())
      : rng_(seed), policy_(&policy), extended_(&policy != &builtin_policy()) {}

  AssessInput county(size_t enterprises) {
    AssessInput input;
    input.year = extended_ ? 2026 : 2023;  // the example policy runs 2025–2027
    for (size_t e = 0; e < enterprises; ++e) add_enterprise(input, "E" + std::to_string(10000 + e));
    return input;
  }

 private:
  uint64_t below(uint64_t n) { return rng_() % n; }
  bool chance(uint64_t percent) { return below(100) < percent; }
  template <typename T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }
  Money fen_below(int64_t max_fen) {
    return Money::from_fen(static_cast<int64_t>(below(uint64_t(max_fen))));
  }
  Money edge_or_random(std::initializer_list<const char*> edges, int64_t max_fen) {
    if (chance(50)) return yuan(*(edges.begin() + below(edges.size())));
    return fen_below(max_fen);
  }

  void add_enterprise(AssessInput& input, const std::string& uscc) {
    EnterpriseInput& enterprise = input.enterprises.emplace_back();
    enterprise.uscc = uscc;
    enterprise.region_code = chance(50) ? "P01" : "T01";
    if (!chance(10)) {
      const char* retentions[] = {"0.00", "100000.00", "1000000.00", "100000000.00"};
      enterprise.local_retained_tax = chance(50) ? yuan(pick(retentions)) : fen_below(500'000'000);
    }
    if (chance(8)) enterprise.events.push_back({pick(kExcluding), std::nullopt});
    if (chance(12)) {
      const char* factors[] = {"0", "0.50", "0.90", "0.95"};
      std::optional<Decimal> factor;
      if (chance(50)) factor = *Decimal::parse_plain(pick(factors)).value;
      enterprise.events.push_back({"general_safety_accident", factor});
    }
    if (chance(5)) input.earlier_awards.push_back({uscc, "service_institution", {}, 0});
    if (extended_) add_earlier_awards(input, uscc);
    const size_t projects = 1 + below(4);
    for (size_t p = 0; p < projects; ++p) {
      ProjectInput& project = input.projects.emplace_back();
      project.project_id = uscc + "-P" + std::to_string(p);
      const char* superior[] = {"500000.00", "1500000.00", "80000.00"};
      if (chance(20))
        project.superior_award = chance(70) ? yuan(pick(superior)) : fen_below(200'000'000);
    }
    const size_t applications = 1 + below(12);
    for (size_t a = 0; a < applications; ++a) {
      add_application(input, uscc, uscc + "-P" + std::to_string(below(projects)), a);
    }
  }

  void add_application(AssessInput& input, const std::string& uscc, const std::string& project,
                       size_t number) {
    const auto& schemes = policy_->schemes();
    ApplicationInput& app = input.applications.emplace_back();
    app.application_id = "A-" + uscc + "-" + std::to_string(100 + number);
    app.project_id = project;
    app.uscc = uscc;
    app.scheme = schemes[below(schemes.size())].code;
    app.inputs.set_money(
        InputColumn::equipment_amount,
        edge_or_random({"0.20", "333333.33", "20000000.01", "30000000.00"}, 3'000'000'000));
    app.inputs.set_money(InputColumn::software_amount, fen_below(300'000'000));
    app.inputs.set_money(InputColumn::total_investment,
                         edge_or_random({"999999.99", "1000000.00"}, 1'000'000'000));
    app.inputs.set_money(InputColumn::rd_expense,
                         edge_or_random({"6666666.66", "6666666.67"}, 1'000'000'000));
    app.inputs.set_money(
        InputColumn::info_investment,
        edge_or_random({"500000.00", "500000.01", "5000000.06", "5000000.07"}, 1'000'000'000));
    // Two loans of 200,000,000.00 make exactly 4,000,000.00 of interest; one fen more tips it over.
    app.inputs.set_money(
        InputColumn::loan_amount,
        edge_or_random({"200000000.00", "200000001.00", "100000000.00"}, 50'000'000'000));
    app.inputs.set_money(
        InputColumn::service_revenue,
        edge_or_random({"2999999.99", "3000000.00", "4999999.99", "5000000.00"}, 1'000'000'000));
    const int64_t staff[] = {9, 10, 19, 20, 50};
    app.inputs.set_count(InputColumn::staff_count, pick(staff));
    if (!extended_) return;
    // The bands' bounds, a fen either side, and the progressive cap's 63,250,000.00.
    app.inputs.set_money(InputColumn::total_investment,
                         edge_or_random({"4999999.99", "5000000.00", "29999999.99", "30000000.00",
                                         "50000000.00", "63250000.00", "63250000.01"},
                                        12'000'000'000));
    app.inputs.set_money(InputColumn::equipment_amount,
                         edge_or_random({"0.04", "13333333.33", "13333333.34"}, 3'000'000'000));
  }

  // Earlier awards of the once-only schemes of the policy, of random projects and years.
  void add_earlier_awards(AssessInput& input, const std::string& uscc) {
    const int years[] = {0, 2019, 2024, 2025, 2026};
    for (const Scheme& scheme : policy_->schemes()) {
      if (!scheme.is_once() || !chance(15)) continue;
      input.earlier_awards.push_back(
          {uscc, scheme.code, uscc + "-P" + std::to_string(below(4)), pick(years)});
    }
  }

  std::mt19937_64 rng_;
  const Policy* policy_;
  bool extended_;
};

std::string json_text(const AssessInput& input, const AssessOptions& options = {}) {
  return assessment_json(assess(builtin_policy(), input, options)).dump();
}

bool has_reason(const ApplicationResult& app, ReasonCode code) {
  return std::any_of(app.reasons.begin(), app.reasons.end(),
                     [&](const Reason& reason) { return reason.code == code; });
}

// The properties of one assessment; counts the reasons seen so that the test can show the random
// counties really reach every rule.
void check_properties(const AssessInput& input, const Assessment& result,
                      std::map<ReasonCode, size_t>& seen) {
  const Money loan_limit = yuan("4000000.00");
  std::map<std::string, const EnterpriseInput*> enterprises;
  for (const EnterpriseInput& enterprise : input.enterprises)
    enterprises[enterprise.uscc] = &enterprise;
  std::map<std::string, Money> awarded, loans;
  std::map<std::string, int> project_awards;
  for (const ApplicationResult& app : result.applications) {
    INFO(app.application_id);
    for (const Reason& reason : app.reasons) ++seen[reason.code];
    const EnterpriseInput& enterprise = *enterprises.at(app.uscc);
    CHECK_FALSE(app.amount.is_negative());
    if (app.status == Status::awarded) {
      CHECK(app.county_share + app.region_share == app.amount);
      // C: loan interest to the county alone, else region ⌊amount / 2⌋, the odd fen to the county.
      CHECK(app.region_share.fen() == (app.scheme == "loan_interest" ? 0 : app.amount.fen() / 2));
      awarded[app.uscc] += app.amount;
    } else {
      CHECK(app.county_share == Money());
      CHECK(app.region_share == Money());
    }
    if (app.status == Status::rejected) {
      CHECK(app.amount == Money());
      CHECK_FALSE(app.reasons.empty());
    }
    if (app.status == Status::held) {
      CHECK_FALSE(enterprise.local_retained_tax.has_value());
      CHECK(app.reasons.back().code == ReasonCode::no_tax_retention);
    }
    if (app.status != Status::rejected && app.scheme == "loan_interest")
      loans[app.uscc] += app.amount;
    if (app.status != Status::rejected && app.scheme != "loan_interest")
      ++project_awards[app.project_id];
    const auto& cap = builtin_policy().scheme(app.scheme).cap;
    if (cap) CHECK(app.amount <= *cap);
    const bool ineligible =
        std::any_of(enterprise.events.begin(), enterprise.events.end(), [](const auto& e) {
          return std::find(std::begin(kExcluding), std::end(kExcluding), e.event) !=
                 std::end(kExcluding);
        });
    if (ineligible) {
      CHECK(app.status == Status::rejected);
      CHECK(has_reason(app, ReasonCode::ineligible));
    }
  }
  for (const auto& [uscc, total] : loans) CHECK(total <= loan_limit);
  for (const auto& [project, count] : project_awards) CHECK(count <= 1);
  for (const EnterpriseResult& enterprise : result.enterprises) {
    INFO(enterprise.uscc);
    CHECK(enterprise.total == awarded[enterprise.uscc]);
    CHECK(enterprise.county_share + enterprise.region_share == enterprise.total);
    if (enterprise.local_retained_tax) CHECK(enterprise.total <= *enterprise.local_retained_tax);
  }
}

}  // namespace

TEST_CASE("random counties keep every limit of the policy") {
  std::map<ReasonCode, size_t> seen;
  size_t applications = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    INFO("seed " << seed);
    const AssessInput input = Generator(seed).county(500);
    applications += input.applications.size();
    check_properties(input, assess(builtin_policy(), input), seen);
  }
  CHECK(applications > 10'000);
  // Every reason code of POLICY.md section 3 but outside_policy_period occurred at least once.
  for (ReasonCode code :
       {ReasonCode::condition_failed, ReasonCode::ineligible, ReasonCode::already_awarded,
        ReasonCode::capped_by_scheme, ReasonCode::not_highest_for_project,
        ReasonCode::superior_award_higher, ReasonCode::topped_up_over_superior,
        ReasonCode::capped_by_loan_limit, ReasonCode::safety_factor,
        ReasonCode::capped_by_tax_retention, ReasonCode::no_tax_retention}) {
    INFO(reason_code_name(code));
    CHECK(seen[code] > 0);
  }
}

TEST_CASE("shuffling the input rows changes nothing, and neither does tracing") {
  for (uint64_t seed = 11; seed <= 13; ++seed) {
    AssessInput input = Generator(seed).county(400);
    const std::string reference = json_text(input);
    std::mt19937_64 shuffle(seed);
    std::shuffle(input.applications.begin(), input.applications.end(), shuffle);
    std::shuffle(input.enterprises.begin(), input.enterprises.end(), shuffle);
    std::shuffle(input.projects.begin(), input.projects.end(), shuffle);
    std::shuffle(input.earlier_awards.begin(), input.earlier_awards.end(), shuffle);
    for (EnterpriseInput& enterprise : input.enterprises) {
      std::shuffle(enterprise.events.begin(), enterprise.events.end(), shuffle);
    }
    CHECK(json_text(input) == reference);
    AssessOptions traced;
    traced.trace_all = true;
    CHECK(json_text(input, traced) == reference);
  }
}

// assess_run.cpp assesses an earlier year for the once-only schemes with only some enterprises'
// applications; that is right only while every rule works within one enterprise.
TEST_CASE("an enterprise's results do not depend on the other enterprises' applications") {
  for (uint64_t seed = 41; seed <= 43; ++seed) {
    const AssessInput input = Generator(seed).county(300);
    const Assessment whole = assess(builtin_policy(), input);
    AssessInput part;
    part.year = input.year;
    std::set<std::string> kept, projects;
    for (size_t i = 0; i < input.enterprises.size(); i += 3) {  // a third of the enterprises
      kept.insert(input.enterprises[i].uscc);
      part.enterprises.push_back(input.enterprises[i]);
    }
    for (const ApplicationInput& app : input.applications) {
      if (kept.count(app.uscc) == 0) continue;
      part.applications.push_back(app);
      projects.insert(app.project_id);
    }
    for (const ProjectInput& project : input.projects) {
      if (projects.count(project.project_id) != 0) part.projects.push_back(project);
    }
    part.earlier_awards = input.earlier_awards;  // those of the others are simply not matched
    const Assessment result = assess(builtin_policy(), part);
    REQUIRE(result.applications.size() > 300);
    std::map<std::string, const ApplicationResult*> in_whole;
    for (const ApplicationResult& app : whole.applications) in_whole[app.application_id] = &app;
    size_t differing = 0;
    for (const ApplicationResult& app : result.applications) {
      const ApplicationResult& same = *in_whole.at(app.application_id);
      std::string reasons, same_reasons;
      for (const Reason& reason : app.reasons) reasons += reason.to_string() + ";";
      for (const Reason& reason : same.reasons) same_reasons += reason.to_string() + ";";
      if (app.status != same.status || app.amount != same.amount ||
          app.county_share != same.county_share || app.region_share != same.region_share ||
          reasons != same_reasons) {
        ++differing;
      }
    }
    CHECK(differing == 0);
    std::map<std::string, const EnterpriseResult*> totals;
    for (const EnterpriseResult& enterprise : whole.enterprises)
      totals[enterprise.uscc] = &enterprise;
    for (const EnterpriseResult& enterprise : result.enterprises) {
      INFO(enterprise.uscc);
      CHECK(enterprise.total == totals.at(enterprise.uscc)->total);
      CHECK(enterprise.county_share == totals.at(enterprise.uscc)->county_share);
    }
  }
}

TEST_CASE("the JSON text written directly is the document tree's dump(2), byte for byte") {
  // Random counties have every status, reason and shape of enterprise the engine produces.
  for (uint64_t seed = 31; seed <= 33; ++seed) {
    const Assessment result = assess(builtin_policy(), Generator(seed).county(300));
    REQUIRE(result.applications.size() > 1'000);
    CHECK(assessment_json_text(result) == assessment_json(result).dump(2));
  }
  // Streamed, a document of several MiB goes out in pieces and must come out the same.
  const Assessment big = assess(builtin_policy(), Generator(34).county(1'500));
  const std::string text = assessment_json_text(big);
  REQUIRE(text.size() > 3 * 1024 * 1024);
  std::ostringstream streamed;
  write_assessment_json(big, streamed);
  CHECK(streamed.str() == text);
}

TEST_CASE(
    "every application of a random county has a trace that ends in its amount, and explains") {
  const AssessInput input = Generator(21).county(300);
  AssessOptions options;
  options.trace_all = true;
  const Assessment result = assess(builtin_policy(), input, options);
  for (const ApplicationResult& app : result.applications) {
    INFO(app.application_id);
    REQUIRE_FALSE(app.trace.empty());
    CHECK(app.trace.back().result == app.amount);
    for (Language language : {Language::zh, Language::en}) {
      std::ostringstream text;
      write_explanation(result, builtin_policy(), app.application_id, language, text);
      const std::string expected = std::string(language == Language::zh ? "结果：" : "Result: ");
      CHECK(text.str().find(expected) != std::string::npos);
      CHECK(text.str().find(format_grouped(app.amount)) != std::string::npos);
    }
  }
}

// ---- The rule kinds of issue 19 item 3, under tests/data/policies/new-kinds-example.toml ----------

namespace {

// The example policy with each `from` replaced by its `to` (each must be found).
Policy example_policy(const std::vector<std::pair<std::string, std::string>>& edits) {
  std::ifstream file(std::string(SUBSIDY_SOURCE_DIR) +
                     "/tests/data/policies/new-kinds-example.toml");
  REQUIRE(file.good());
  std::ostringstream read;
  read << file.rdbuf();
  std::string text = read.str();
  for (const auto& edit : edits) {
    const size_t at = text.find(edit.first);
    REQUIRE(at != std::string::npos);
    text.replace(at, edit.first.size(), edit.second);
  }
  return load_policy(text, "new-kinds-example.toml");
}

const std::pair<std::string, std::string> kNoOverall{"limit = \"6000000.00\"",
                                                     "limit = \"999999999999.00\""};
const std::pair<std::string, std::string> kNoFund{"limit = \"1000000.00\"",
                                                  "limit = \"999999999999.00\""};
// The fund over every scheme, 50,000,000.00 a year.
const std::pair<std::string, std::string> kFundOverAll{
    "schemes = [\"demo_project\", \"service_institution\", \"benchmark\"]\nlimit = \"1000000.00\"",
    "limit = \"50000000.00\""};

std::map<std::string, const ApplicationResult*> by_id(const Assessment& assessment) {
  std::map<std::string, const ApplicationResult*> found;
  for (const ApplicationResult& app : assessment.applications) found[app.application_id] = &app;
  return found;
}

// `after` is `before` with `limit` shared over the groups' awards of the `covered` schemes (one
// group per enterprise, or one for the year when `per_enterprise` is false): each group's shares
// sum to the limit when its claims exceed it, else equal the claims; no share is above its claim;
// everything else is unchanged. Returns how many groups were oversubscribed.
size_t check_shared(const Assessment& before, const Assessment& after, Money limit,
                    const std::set<std::string>& covered, bool per_enterprise) {
  const auto claims = by_id(before);
  std::map<std::string, Int128> claimed, shared;
  for (const ApplicationResult& app : after.applications) {
    INFO(app.application_id);
    const ApplicationResult& claim = *claims.at(app.application_id);
    CHECK(app.status == claim.status);
    const bool in = app.status == Status::awarded && covered.count(app.scheme) != 0;
    if (!in) {
      CHECK(app.amount == claim.amount);
      continue;
    }
    CHECK(app.amount <= claim.amount);
    CHECK_FALSE(app.amount.is_negative());
    const std::string group = per_enterprise ? app.uscc : "";
    claimed[group] += claim.amount.fen();
    shared[group] += app.amount.fen();
  }
  size_t over = 0;
  for (const auto& [group, total] : claimed) {
    INFO(group);
    if (total > limit.fen()) ++over;
    CHECK(shared.at(group) == (total > limit.fen() ? Int128(limit.fen()) : total));
  }
  return over;
}

std::set<std::string> all_schemes(const Policy& policy) {
  std::set<std::string> codes;
  for (const Scheme& scheme : policy.schemes()) codes.insert(scheme.code);
  return codes;
}

}  // namespace

TEST_CASE("random counties under the new kinds: each limit's shares sum to it, none above its claim") {
  const Policy open = example_policy({kNoOverall, kNoFund});
  const Policy overall = example_policy({kNoFund});
  const Policy full = example_policy({});
  const Policy fund_all = example_policy({kFundOverAll});
  std::map<std::string, size_t> seen;
  size_t overall_over = 0, fund_over = 0;
  for (uint64_t seed = 51; seed <= 54; ++seed) {
    INFO("seed " << seed);
    const AssessInput input = Generator(seed, full).county(300);
    const Assessment claims = assess(open, input);
    const Assessment capped = assess(overall, input);
    overall_over +=
        check_shared(claims, capped, testing::yuan("6000000.00"), all_schemes(full), true);
    const Assessment funded = assess(full, input);
    fund_over += check_shared(capped, funded, testing::yuan("1000000.00"),
                              {"demo_project", "service_institution", "benchmark"}, false);
    fund_over += check_shared(capped, assess(fund_all, input), testing::yuan("50000000.00"),
                              all_schemes(full), false);
    for (const ApplicationResult& app : funded.applications) {
      for (const Reason& reason : app.reasons) ++seen[reason.to_string()];
      // The loan limit still holds, the scheme caps too, and a band below is a rejection.
      if (app.status == Status::awarded) CHECK(app.county_share + app.region_share == app.amount);
      const auto& cap = full.scheme(app.scheme).cap;
      if (cap) CHECK(app.amount <= *cap);
    }
    for (const EnterpriseResult& enterprise : funded.enterprises)
      CHECK(enterprise.total <= testing::yuan("6000000.00"));
  }
  CHECK(overall_over > 0);
  CHECK(fund_over >= 8);  // both funds were oversubscribed in every county
  for (const char* code :
       {"below_lowest_band:total_investment", "base_multiplied", "capped_by_limit:overall",
        "capped_by_fund", "capped_by_loan_limit", "capped_by_scheme", "already_awarded",
        "already_awarded:project", "already_awarded:enterprise_in_period"}) {
    INFO(code);
    CHECK(seen[code] > 0);
  }
}

TEST_CASE("under the new kinds, shuffling the rows changes nothing, nor does tracing") {
  const Policy full = example_policy({});
  const Policy fund_all = example_policy({kFundOverAll});
  for (uint64_t seed = 61; seed <= 62; ++seed) {
    for (const Policy* policy : {&full, &fund_all}) {
      AssessInput input = Generator(seed, full).county(300);
      const std::string reference = assessment_json(assess(*policy, input)).dump();
      std::mt19937_64 shuffle(seed);
      std::shuffle(input.applications.begin(), input.applications.end(), shuffle);
      std::shuffle(input.enterprises.begin(), input.enterprises.end(), shuffle);
      std::shuffle(input.projects.begin(), input.projects.end(), shuffle);
      std::shuffle(input.earlier_awards.begin(), input.earlier_awards.end(), shuffle);
      CHECK(assessment_json(assess(*policy, input)).dump() == reference);
      AssessOptions traced;
      traced.trace_all = true;
      const Assessment result = assess(*policy, input, traced);
      CHECK(assessment_json(result).dump() == reference);
      for (size_t i = 0; i < result.applications.size(); i += 7) {
        const ApplicationResult& app = result.applications[i];
        INFO(app.application_id);
        REQUIRE_FALSE(app.trace.empty());
        CHECK(app.trace.back().result == app.amount);
        std::ostringstream text;
        write_explanation(result, *policy, app.application_id, Language::zh, text);
        CHECK(text.str().find(format_grouped(app.amount)) != std::string::npos);
      }
    }
  }
}
