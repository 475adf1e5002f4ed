// The assessment runs (assess_run.h) on the worked example of ../shared/examples/basic: assess_year
// picks the policy in force and loads the year from the ledger; post_assessment books it and
// records the run. The record holds data, and the same data whether or not the run kept traces.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/awards/assess_run.h"
#include "ledger/awards/assessment_reader.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/records.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/policy/policy.h"
#include "tests/masterdata/import_fixture.h"

using fixture::TempLedger;
using namespace subsidy;

namespace {

Clock fixed_clock() {
  return [] { return std::chrono::system_clock::from_time_t(1'767'254'400); };  // 2026-01-01
}

// The worked example imported, the built-in policy stored, 2023 assessed and posted.
struct PostedYear {
  TempLedger ledger;
  AssessPosting posting;
  explicit PostedYear(bool traced) {
    ledger.import_example();
    store_policy(ledger.db(), builtin_policy_text(), "siyang-2022-9.toml", "tester",
                 "2026-01-01T08:00:00Z");
    const std::vector<Policy> policies = load_stored_policies(ledger.db());
    AssessOptions options;
    options.trace_all = traced;
    const Policy* policy = nullptr;
    const Assessment assessment =
        assess_year(ledger.db(), policies, AwardYear(2023), options, &policy);
    REQUIRE(policy != nullptr);
    Transaction transaction(ledger.db());
    posting = post_assessment(ledger.db(), assessment, *policy, "tester", "{}", fixed_clock());
    transaction.commit();
  }
};

Money total_awarded(const std::vector<awards::AssessedApplication>& rows) {
  Money total;
  for (const auto& row : rows) {
    if (row.status == "awarded") total += row.amount;
  }
  return total;
}

}  // namespace

TEST_CASE("assess_year and post_assessment book the worked example's 2023 awards") {
  PostedYear year(false);
  CHECK(year.posting.run_id == 1);
  CHECK(year.posting.posted > 0);
  const auto rows = awards::latest_applications(year.ledger.db(), AwardYear(2023));
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.front().application_id == "A-01");
  CHECK(total_awarded(rows) == Money::from_fen(499'945'679));  // 4,999,456.79, hand-checked
  CHECK(awards::latest_policy(year.ledger.db(), AwardYear(2023)) == "siyang-2022-9");
  {  // written below the operations layer: sealed as ops::run_write would
    Transaction transaction(year.ledger.db());
    seal_new_groups(year.ledger.db(), "tester", "2026-01-01T00:00:00Z");
    transaction.commit();
  }
  CHECK(verify_ledger(year.ledger.db()).ok());
}

TEST_CASE(
    "a run without traces records the formula amounts and retention claims as a traced run does") {
  PostedYear untraced(false);
  PostedYear traced(true);
  const auto plain = awards::latest_applications(untraced.ledger.db(), AwardYear(2023));
  const auto full = awards::latest_applications(traced.ledger.db(), AwardYear(2023));
  REQUIRE(plain.size() == full.size());
  size_t with_formula = 0;
  for (size_t i = 0; i < plain.size(); ++i) {
    CHECK(plain[i].formula == full[i].formula);
    CHECK(plain[i].amount == full[i].amount);
    CHECK(plain[i].reasons == full[i].reasons);
    if (plain[i].formula.fen() != 0) ++with_formula;
  }
  CHECK(with_formula > 0);
  const auto plain_enterprises = awards::latest_enterprises(untraced.ledger.db(), AwardYear(2023));
  const auto full_enterprises = awards::latest_enterprises(traced.ledger.db(), AwardYear(2023));
  REQUIRE(plain_enterprises.size() == full_enterprises.size());
  for (const auto& [uscc, enterprise] : full_enterprises) {
    CHECK(plain_enterprises.at(uscc).before_retention == enterprise.before_retention);
  }
}

TEST_CASE("a traced run stores each application's steps as data, not rendered text") {
  PostedYear traced(true);
  Statement row = traced.ledger.db().prepare(
      "SELECT steps, explanation FROM assessment_results WHERE application_id = 'A-09'");
  REQUIRE(row.step());
  CHECK(row.is_null(1));  // no rendered text
  const nlohmann::json steps = nlohmann::json::parse(row.text(0));
  REQUIRE(steps.is_array());
  REQUIRE_FALSE(steps.empty());
  bool shared_pro_rata = false;
  for (const auto& step : steps) {
    CHECK(step.contains("rule"));
    CHECK(step.contains("kind"));
    CHECK(step["result_fen"].is_number_integer());
    if (step.contains("pro_rata")) shared_pro_rata = true;
  }
  CHECK(shared_pro_rata);  // A-09 is shared pro rata in the worked example (explain A-09)
}
