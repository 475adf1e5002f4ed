// Operations `budget set` and `budget adjust` (budget.h).
#include "ledger/ops/budget.h"

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/payments/payment_budget.h"

namespace subsidy::ops {

namespace {

BudgetOutcome change_budget(OpContext& context, BudgetChangeKind kind, int64_t year, Money amount,
                            const std::string& ref_text) {
  if (ref_text.find_first_not_of(" \t") == std::string::npos) {
    throw RefusedError("--ref 须写明预算下达或调整的文号");
  }
  const std::string ref = require_border_text(ref_text, TextKind::text, "--ref");
  auto [outcome, record] = run_write(context, [&](OpRecord& op) {
    Db& db = context.db;
    const BudgetChange change = record_budget_change(
        db, {year, kind, amount, ref}, committed_payments(db, year), context.actor, context.clock);
    std::optional<YearBudget> budget = budget_of_year(db, year);
    SUBSIDY_ASSERT(budget && budget->total == change.budget_after);
    op.command =
        std::string("budget ") + budget_change_kind_name(kind) + " --year " + std::to_string(year);
    op.counts = "amount=" + format_plain(amount) + " budget=" + format_plain(budget->total) +
                " ref=" + ref + " entry=" + std::to_string(change.entry_id);
    return BudgetOutcome{change, std::move(*budget), {}};
  });
  outcome.record = std::move(record);
  return std::move(outcome);
}

}  // namespace

BudgetOutcome set_budget(OpContext& context, const BudgetSetRequest& request) {
  return change_budget(context, BudgetChangeKind::set, request.year, request.amount, request.ref);
}

BudgetOutcome adjust_budget(OpContext& context, const BudgetAdjustRequest& request) {
  return change_budget(context, BudgetChangeKind::adjust, request.year, request.amount,
                       request.ref);
}

}  // namespace subsidy::ops
