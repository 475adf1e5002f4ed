// Operations `budget set` and `budget adjust` (books/budget.h, docs/budget.md): the county's
// money for the programme of an award year, given by a document (文号), recorded as a sealed
// change and booked as its funding: Dr treasury, Cr county_appropriation (an adjustment books its
// difference; a cut books the reverse).
#pragma once

#include <cstdint>
#include <string>

#include "ledger/books/budget.h"
#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct BudgetSetRequest {
  int64_t year = 0;
  Money amount;     // > 0
  std::string ref;  // 文号 of the allocation
};

struct BudgetAdjustRequest {
  int64_t year = 0;
  Money amount;     // the difference, != 0; negative cuts the budget
  std::string ref;  // 文号 of the adjustment
};

struct BudgetOutcome {
  BudgetChange change;
  YearBudget budget;  // the year's budget after the change
  OpRecord record;
};

// Sets the year's budget. Throws RefusedError (one Chinese line), having changed nothing, for an
// amount <= 0, a year that has a budget already (adjust it), an empty or unclean 文号, a 文号
// already used, a closed fiscal year, or an amount below what the year's payments already hold.
BudgetOutcome set_budget(OpContext& context, const BudgetSetRequest& request);

// Adjusts the year's budget by a difference. Throws RefusedError (one Chinese line), having
// changed nothing, for a difference of 0, a year without a budget, a resulting budget below 0 or
// below what the year's payments already hold, an empty, unclean or repeated 文号, a closed year.
BudgetOutcome adjust_budget(OpContext& context, const BudgetAdjustRequest& request);

}  // namespace subsidy::ops
