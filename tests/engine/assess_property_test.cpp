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
  explicit Generator(uint64_t seed) : rng_(seed) {}

  AssessInput county(size_t enterprises) {
    AssessInput input;
    input.year = 2023;
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
    if (chance(5)) input.earlier_awards.push_back({uscc, "service_institution"});
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
    const auto& schemes = builtin_policy().schemes();
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
  }

  std::mt19937_64 rng_;
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
