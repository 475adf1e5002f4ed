// The fund's budget (预算指标) of each award year and its funding: every `budget set` and `budget
// adjust` is one row of budget_changes (sealed, migration 009) holding the county_funding entry
// that books it, Dr treasury, Cr county_appropriation (an adjustment books its difference, a cut
// the reverse). Also the figures of budget execution (预算执行) read from the entries, and what
// `verify` re-derives about the budget (docs/budget.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/clock.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy {

enum class BudgetChangeKind { set, adjust };
// "set", "adjust".
const char* budget_change_kind_name(BudgetChangeKind kind);

// One stored change of a year's budget.
struct BudgetChange {
  int64_t change_id = 0;
  int64_t year = 0;
  BudgetChangeKind kind = BudgetChangeKind::set;
  Money amount;        // the amount set, or the adjustment (negative: a cut)
  Money budget_after;  // the year's budget after this change
  std::string ref;     // 文号 of the allocation
  int64_t entry_id = 0;
  std::string recorded_at;
  std::string actor;
};

// A year's budget: the amount first set, the sum of the adjustments and the budget now.
struct YearBudget {
  int64_t year = 0;
  Money initial;
  Money adjustments;
  Money total;
  int64_t last_change_id = 0;  // the change that made `total`
  std::vector<BudgetChange> changes;
};

// Every change (of one year when given), in change_id order.
std::vector<BudgetChange> budget_changes(Db& db, std::optional<int64_t> year = {});
// The year's budget, or nullopt when none was set for it.
std::optional<YearBudget> budget_of_year(Db& db, int64_t year);

struct BudgetChangeDraft {
  int64_t year = 0;
  BudgetChangeKind kind = BudgetChangeKind::set;
  Money amount;     // > 0 for set; != 0 for adjust
  std::string ref;  // clean text (the caller passes it through the text border)
};

// Records the change and posts its county_funding entry (key "budget:<year>:<ref>") in fiscal
// year `year`. Requires an open Transaction. Throws RefusedError in Chinese, having written
// nothing, for: a set amount <= 0 or an adjustment of 0; a second set of a year (adjust it); an
// adjustment of a year without a budget; a resulting budget below 0, or below `floor` (what the
// year's payments already hold); a 文号 already recorded for the year; a closed fiscal year.
BudgetChange record_budget_change(Db& db, const BudgetChangeDraft& draft, Money floor,
                                  const std::string& actor, const Clock& clock);

// The year's awards booked (credits to award_payable by award and award_adjustment entries of the
// award year, net), for the comparison of `assess` and the execution report.
Money booked_awards(Db& db, int64_t year);

// Budget execution of an award year (预算执行情况), read from the entries of that year (entries
// booked in it, or referring to it from a later year).
struct BudgetExecution {
  int64_t year = 0;
  std::optional<YearBudget> budget;
  Money assessed;    // 已测算: awards booked
  Money paid;        // 已拨付: payments the bank confirmed
  Money in_transit;  // 在途: sent, no final word from the bank
  Money balance;     // 结余: budget - paid - in transit (0 budget when none)
  // 执行率: paid / budget in tenths of a percent, rounded half up; nullopt without a budget > 0.
  std::optional<int64_t> rate_permille;
};
BudgetExecution budget_execution(Db& db, int64_t year);

// "62.5%" for 625.
std::string format_permille_percent(int64_t permille);

// What verify re-derives about the budget: per year, the first change is the only set, every
// budget_after is the running sum and never negative, refs are unique, and every change's entry is
// the county_funding entry of its year with exactly Dr treasury, Cr county_appropriation of its
// amount. One line per problem; empty when all is well. Never throws for a damaged ledger.
std::vector<std::string> budget_problems(Db& db);

}  // namespace subsidy
