// Payments within the fund's budget (books/budget.h, docs/budget.md): what the year's payments
// already hold of the budget, how `batch create` fits payables into what remains (in application-id
// order, first fit; the rest excluded as over_budget), the record of that decision stored and
// sealed with the batch (migration 009), and what `verify` re-derives from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy {

// The year's payments that hold budget: the items of the award year's batches that are not
// cancelled (or were exported all the same) and that the bank has not rejected.
Money committed_payments(Db& db, int64_t year);

// What leaves treasury soon: the items of batches neither cancelled nor exported yet, all years.
Money unsent_batch_total(Db& db);

// One payable weighed against the budget.
struct BudgetLine {
  std::string uscc;
  std::string application_id;  // the first application it pays for: the order
  Money amount;
  bool included = false;
  bool operator==(const BudgetLine&) const = default;
};

// What the budget allowed one batch.
struct BatchBudget {
  int64_t year = 0;
  int64_t budget_change_id = 0;   // the last budget change in force when the batch was made
  Money budget;                   // the year's budget then
  Money committed;                // the year's payments then held by other batches
  std::vector<BudgetLine> lines;  // in the order they were weighed
  Money remaining() const { return budget - committed; }
};

// Orders `lines` by application id (then USCC) and marks each included when it fits in what is
// left of `remaining` after the included ones before it (first fit). Pure.
void fit_to_budget(std::vector<BudgetLine>& lines, Money remaining);

// Stores the batch's budget record (rows of payment_batch_budgets and payment_batch_budget_lines).
void store_batch_budget(Db& db, int64_t batch_id, const BatchBudget& budget);
// The budget record of a batch; nullopt for a batch made while its year had no budget.
std::optional<BatchBudget> batch_budget(Db& db, int64_t batch_id);

// What verify re-derives: the budget problems of books/budget.h; per batch with a budget record,
// its budget figures against the budget changes, its lines in order and fitted by fit_to_budget,
// its included lines exactly its items and its excluded ones exactly its over_budget exclusions,
// its committed figure no less than the earlier live batches now hold; a batch made after its
// year's budget without a record; and per year, the live payments within the budget. One line
// each; empty when all is well.
std::vector<std::string> budget_payment_problems(Db& db);

}  // namespace subsidy
