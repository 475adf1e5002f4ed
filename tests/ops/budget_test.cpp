// ops::set_budget and ops::adjust_budget (books/budget.h), and the budget in `batch create`
// (payments/payment_budget.h), `assess` and the budget-execution report: the budget booked as
// funding, its refusals, the over_budget exclusions in application-id order, and what verify
// re-derives from them.
#include "tests/ops/ops_fixture.h"

#include <algorithm>
#include <set>

#include "ledger/books/budget.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/batch.h"
#include "ledger/ops/budget.h"
#include "ledger/ops/close_year.h"
#include "ledger/payments/payment_budget.h"
#include "ledger/tables/writers.h"
#include "reports/ledger_reports.h"

using namespace ops_fixture;

namespace {

Money yuan(int64_t amount) {
  return Money::from_fen(amount * 100);
}

}  // namespace

TEST_CASE("fit_to_budget takes the payables in application-id order, first fit") {
  const auto lines = [] {
    return std::vector<BudgetLine>{{"U3", "A-03", yuan(50), true},
                                   {"U1", "A-01", yuan(100), true},
                                   {"U2", "A-02", yuan(30), true}};
  };
  const auto included = [](const std::vector<BudgetLine>& fitted) {
    std::string ids;
    for (const BudgetLine& line : fitted)
      ids += line.application_id + (line.included ? "+ " : "- ");
    return ids;
  };
  std::vector<BudgetLine> fitted = lines();
  fit_to_budget(fitted, yuan(180));
  CHECK(included(fitted) == "A-01+ A-02+ A-03+ ");
  fitted = lines();
  fit_to_budget(fitted, yuan(140));  // 100 + 30 leave 10: A-03's 50 does not fit
  CHECK(included(fitted) == "A-01+ A-02+ A-03- ");
  fitted = lines();
  fit_to_budget(fitted, yuan(120));  // 100 leaves 20: neither 30 nor 50 fits
  CHECK(included(fitted) == "A-01+ A-02- A-03- ");
  fitted = lines();
  fit_to_budget(fitted, yuan(90));  // 100 does not fit; 30 and 50 do
  CHECK(included(fitted) == "A-01- A-02+ A-03+ ");
  fitted = lines();
  fit_to_budget(fitted, Money{});
  CHECK(included(fitted) == "A-01- A-02- A-03- ");
}

TEST_CASE("budget set and adjust book the appropriation and are sealed and verified") {
  AssessedLedger ledger;
  ops::OpContext clerk = ledger.context();
  const ops::BudgetOutcome set =
      ops::set_budget(clerk, {2023, Money::from_fen(1'000'000'00), "泗财预〔2023〕12号"});
  CHECK(set.change.kind == BudgetChangeKind::set);
  CHECK(set.budget.total == Money::from_fen(1'000'000'00));
  CHECK(set.record.command == "budget set --year 2023");
  CHECK(set.record.counts == "amount=1000000.00 budget=1000000.00 ref=泗财预〔2023〕12号 entry=" +
                                 std::to_string(set.change.entry_id));
  REQUIRE(ledger.log->lines.size() == 1);
  const std::optional<Entry> entry = entry_by_id(ledger.db(), set.change.entry_id);
  REQUIRE(entry);
  CHECK(entry->kind == "county_funding");
  CHECK(entry->fiscal_year == 2023);
  CHECK(entry->lines ==
        std::vector<Line>{{"treasury", Money::from_fen(1'000'000'00)},
                          {"county_appropriation", -Money::from_fen(1'000'000'00)}});

  ops::adjust_budget(clerk, {2023, Money::from_fen(500'000'00), "泗财预〔2023〕30号"});
  const ops::BudgetOutcome cut =
      ops::adjust_budget(clerk, {2023, -Money::from_fen(200'000'01), "泗财预〔2023〕41号"});
  CHECK(cut.budget.initial == Money::from_fen(1'000'000'00));
  CHECK(cut.budget.adjustments == Money::from_fen(299'999'99));
  CHECK(cut.budget.total == Money::from_fen(1'299'999'99));
  CHECK(cut.budget.changes.size() == 3);
  CHECK(balance_of(ledger.db(), "treasury") == Money::from_fen(1'299'999'99));
  CHECK(balance_of(ledger.db(), "county_appropriation") == -Money::from_fen(1'299'999'99));
  CHECK(budget_payment_problems(ledger.db()).empty());
  CHECK(verify_ledger(ledger.db()).ok());

  SECTION("refused in Chinese, nothing written: a second set, 0, below 0, a repeated 文号") {
    const auto refused = [&](auto&& call, const std::string& words) {
      const std::string before = ledger.state();
      try {
        call();
        FAIL("not refused");
      } catch (const RefusedError& error) {
        CHECK_THAT(error.what(), Catch::Contains(words));
      }
      CHECK(ledger.state() == before);
    };
    refused([&] { ops::set_budget(clerk, {2023, yuan(5), "X-1"}); }, "请用 budget adjust 调整");
    refused([&] { ops::adjust_budget(clerk, {2023, Money{}, "X-2"}); }, "调整数不能为 0.00");
    refused([&] { ops::adjust_budget(clerk, {2023, -yuan(1'300'000), "X-3"}); }, "不能小于 0.00");
    refused(
        [&] {
          ops::adjust_budget(clerk, {2023, yuan(1), "泗财预〔2023〕30号"});
        },
        "已记录文号");
    refused([&] { ops::adjust_budget(clerk, {2024, yuan(1), "X-4"}); }, "尚未下达预算");
    refused([&] { ops::set_budget(clerk, {2024, Money{}, "X-5"}); }, "预算数必须大于 0.00");
    refused([&] { ops::set_budget(clerk, {2024, yuan(1), "  "}); }, "文号");
    CHECK(ledger.log->lines.size() == 3);
  }
  SECTION("a closed year takes no budget") {
    ops::close_year(clerk, {FiscalYear(2023), true, "open items carried to 2024"});
    check_refused<RefusedError>(ledger, [&] { ops::adjust_budget(clerk, {2023, yuan(1), "X-6"}); });
  }
  SECTION("a changed budget row fails verify") {
    ledger.db().exec("DROP TRIGGER budget_changes_no_update");
    ledger.db().exec("UPDATE budget_changes SET amount_fen = 99900000000 WHERE change_id = 1");
    const std::vector<std::string> problems = budget_problems(ledger.db());
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems.front(), Catch::Contains("budget change 1"));
  }
}

TEST_CASE("batch create pays within the budget, the rest over_budget in application-id order") {
  // The example's four payables of 2023, in application-id order (checked below): A-02
  // 4,713,456.79, A-06 36,000.00, A-09 100,000.00, A-12 150,000.00. A budget of 186,000.00: A-02
  // does not fit; A-06 does (150,000.00 left), A-09 does (50,000.00 left), A-12 does not.
  AssessedLedger ledger;
  ops::OpContext clerk = ledger.context();
  const Money budget = yuan(186'000);
  ops::set_budget(clerk, {2023, budget, "泗财预〔2023〕12号"});

  const ops::CreateBatchOutcome created = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
  REQUIRE(created.created.batch_id);
  REQUIRE(created.created.budget);
  const BatchBudget& decision = *created.created.budget;
  CHECK(decision.budget == budget);
  CHECK(decision.committed == Money{});
  std::string weighed;
  for (const BudgetLine& line : decision.lines) {
    weighed += line.application_id + " " + format_plain(line.amount) +
               (line.included ? " +" : " -") + "; ";
  }
  CHECK(weighed == "A-02 4713456.79 -; A-06 36000.00 +; A-09 100000.00 +; A-12 150000.00 -; ");
  std::set<std::string> over;
  for (const Exclusion& exclusion : created.created.exclusions) {
    if (exclusion.reason == "over_budget") over.insert(exclusion.uscc);
  }
  CHECK(over == std::set<std::string>{decision.lines[0].uscc, decision.lines[3].uscc});
  REQUIRE(created.created.batch.items.size() == 2);
  CHECK(batch_total(created.created.batch) == yuan(136'000));
  CHECK(created.treasury_after == yuan(50'000));
  const std::optional<BatchBudget> stored = batch_budget(ledger.db(), *created.created.batch_id);
  REQUIRE(stored);
  CHECK(stored->lines == decision.lines);
  CHECK(stored->remaining() == budget);
  CHECK(budget_payment_problems(ledger.db()).empty());

  SECTION("the next batch weighs what is left; an adjustment pays the rest") {
    const ops::CreateBatchOutcome none = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
    CHECK_FALSE(none.created.batch_id);
    REQUIRE(none.created.budget);
    CHECK(none.created.budget->committed == yuan(136'000));
    ops::adjust_budget(clerk, {2023, yuan(100'000), "泗财预〔2023〕30号"});
    const ops::CreateBatchOutcome next = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
    REQUIRE(next.created.batch_id);
    CHECK(next.created.budget->committed == yuan(136'000));
    REQUIRE(next.created.batch.items.size() == 1);
    CHECK(next.created.batch.items[0].uscc == decision.lines[3].uscc);
    CHECK(budget_payment_problems(ledger.db()).empty());
  }
  SECTION("a cut below what the batches hold is refused") {
    check_refused<RefusedError>(ledger, [&] {
      ops::adjust_budget(clerk, {2023, -Money::from_fen(5'000'001), "X-1"});
    });
  }
  SECTION("verify names a batch whose budget lines were changed") {
    ledger.db().exec(
        "UPDATE payment_batch_budget_lines SET included = 1 - included WHERE line_no = 4");
    const std::vector<std::string> problems = budget_payment_problems(ledger.db());
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems.front(), Catch::Contains("batch 1 budget"));
  }
}

TEST_CASE("without a budget batch create pays as before and warns of an empty treasury") {
  AssessedLedger ledger;
  ops::OpContext clerk = ledger.context();
  const ops::CreateBatchOutcome created = ops::create_batch(clerk, {AwardYear(2023), {}, {}});
  REQUIRE(created.created.batch_id);
  CHECK_FALSE(created.created.budget);
  CHECK(created.treasury_after == -batch_total(created.created.batch));
  for (const Exclusion& exclusion : created.created.exclusions) {
    CHECK(exclusion.reason != "over_budget");
  }
  CHECK_FALSE(batch_budget(ledger.db(), *created.created.batch_id));
}

TEST_CASE("assess shows the budget against the awards it books") {
  OpsLedger ledger;
  ops::OpContext clerk = ledger.context();
  ops::set_budget(clerk, {2023, yuan(100), "泗财预〔2023〕12号"});
  const ops::AssessResult result = ops::assess_and_post(clerk, {AwardYear(2023)}).result;
  REQUIRE(result.budget);
  CHECK(result.budget->total == yuan(100));
  CHECK(result.booked == booked_awards(ledger.db(), 2023));
  CHECK(result.booked > yuan(100));  // the example's awards are far more: the CLI warns
}

TEST_CASE("budget-execution reports the budget, its documents and where the money is") {
  AssessedLedger ledger;
  ops::OpContext clerk = ledger.context();
  const Money awards = booked_awards(ledger.db(), 2023);
  ops::set_budget(clerk, {2023, awards, "泗财预〔2023〕12号"});
  ops::adjust_budget(clerk, {2023, yuan(1000), "泗财预〔2023〕30号"});
  const reports::ReportTable table =
      reports::build_report(ledger.db(), "预算执行", AwardYear(2023), Language::zh);
  CHECK(table.name() == "budget-execution");
  REQUIRE(table.rows().size() == 1);
  const reports::Row& row = table.rows()[0];
  CHECK(std::get<std::string>(row[1]) == "泗财预〔2023〕12号、泗财预〔2023〕30号");
  CHECK(std::get<Money>(row[2]) == awards);
  CHECK(std::get<Money>(row[3]) == yuan(1000));
  CHECK(std::get<Money>(row[4]) == awards + yuan(1000));
  CHECK(std::get<Money>(row[5]) == awards);
  CHECK(std::get<Money>(row[6]) == Money{});
  CHECK(std::get<Money>(row[8]) == awards + yuan(1000));
  CHECK(std::get<reports::Permille>(row[9]).value == 0);  // a percentage: 0.0%, XLSX 0.0%
  CHECK(reports::cell_display(row[9]) == "0.0%");
  CHECK(table.charts().size() == 1);
  CHECK(format_permille_percent(625) == "62.5%");
  CHECK(format_permille_percent(1000) == "100.0%");
  CHECK(format_permille_percent(7) == "0.7%");
}
