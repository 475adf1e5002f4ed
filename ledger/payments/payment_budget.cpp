// Payments within the fund's budget (payment_budget.h).
#include "ledger/payments/payment_budget.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include "ledger/base/check.h"
#include "ledger/books/budget.h"
#include "ledger/payments/payments.h"

namespace subsidy {

namespace {

// An item holds budget unless its batch was cancelled before export or the bank rejected it.
constexpr const char* kBudgetLiveItem =
    "(NOT EXISTS (SELECT 1 FROM payment_batch_events v WHERE v.batch_id = i.batch_id "
    "AND v.event = 'cancelled') OR EXISTS (SELECT 1 FROM ledger_entries s "
    "WHERE s.idempotency_key = 'payment_sent:' || i.end_to_end_id)) "
    "AND NOT EXISTS (SELECT 1 FROM ledger_entries r "
    "WHERE r.idempotency_key = 'payment_rejected:' || i.end_to_end_id)";

Money budget_live_items(Db& db, int64_t year, int64_t before_batch) {
  Statement sum =
      db.prepare(std::string("SELECT COALESCE(SUM(i.amount_fen), 0) FROM payment_batch_items i "
                             "JOIN payment_batches b ON b.batch_id = i.batch_id "
                             "WHERE b.year = ? AND b.batch_id < ? AND ") +
                 kBudgetLiveItem);
  sum.bind(1, year).bind(2, before_batch);
  sum.step();
  return sum.money(0);
}

// What the batch stored: its items and its over_budget exclusions, as (uscc, amount).
using BudgetPayables = std::vector<std::pair<std::string, Money>>;
BudgetPayables budget_stored_payables(Db& db, int64_t batch_id, bool excluded) {
  Statement rows = db.prepare(
      excluded ? "SELECT uscc, payable_fen FROM payment_batch_exclusions WHERE batch_id = ? "
                 "AND reason = 'over_budget' ORDER BY uscc"
               : "SELECT uscc, amount_fen FROM payment_batch_items WHERE batch_id = ? "
                 "ORDER BY uscc");
  rows.bind(1, batch_id);
  BudgetPayables payables;
  while (rows.step()) payables.emplace_back(rows.text(0), rows.money(1));
  return payables;
}

// The problems of one batch's budget record.
void check_batch_budget(Db& db, int64_t batch_id, const BatchBudget& budget,
                        std::vector<std::string>& problems) {
  const std::string where = "batch " + std::to_string(batch_id) + " budget";
  const std::vector<BudgetChange> changes = budget_changes(db, budget.year);
  const auto change = std::find_if(changes.begin(), changes.end(), [&](const BudgetChange& c) {
    return c.change_id == budget.budget_change_id;
  });
  if (change == changes.end() || change->budget_after != budget.budget) {
    problems.push_back(where + ": " + format_plain(budget.budget) + " is not the budget of year " +
                       std::to_string(budget.year) + " after change " +
                       std::to_string(budget.budget_change_id));
  }
  if (const Money held = budget_live_items(db, budget.year, batch_id); budget.committed < held) {
    problems.push_back(where + ": says earlier batches held " + format_plain(budget.committed) +
                       ", they hold " + format_plain(held));
  }
  std::vector<BudgetLine> refit = budget.lines;
  fit_to_budget(refit, budget.remaining());
  if (refit != budget.lines) {
    problems.push_back(where + ": the lines are not in application-id order or not fitted to " +
                       format_plain(budget.remaining()) + " first-fit");
  }
  BudgetPayables included, excluded;
  for (const BudgetLine& line : budget.lines) {
    (line.included ? included : excluded).emplace_back(line.uscc, line.amount);
  }
  std::sort(included.begin(), included.end());
  std::sort(excluded.begin(), excluded.end());
  if (included != budget_stored_payables(db, batch_id, false)) {
    problems.push_back(where + ": the lines within the budget are not the batch's items");
  }
  if (excluded != budget_stored_payables(db, batch_id, true)) {
    problems.push_back(where + ": the lines over the budget are not its over_budget exclusions");
  }
}

}  // namespace

Money committed_payments(Db& db, int64_t year) {
  return budget_live_items(db, year, std::numeric_limits<int64_t>::max());
}

Money unsent_batch_total(Db& db) {
  Statement sum = db.prepare(
      "SELECT COALESCE(SUM(b.total_fen), 0) FROM payment_batches b WHERE NOT EXISTS "
      "(SELECT 1 FROM payment_batch_events v WHERE v.batch_id = b.batch_id "
      "AND v.event IN ('cancelled', 'exported'))");
  sum.step();
  return sum.money(0);
}

void fit_to_budget(std::vector<BudgetLine>& lines, Money remaining) {
  std::stable_sort(lines.begin(), lines.end(), [](const BudgetLine& a, const BudgetLine& b) {
    return std::tie(a.application_id, a.uscc) < std::tie(b.application_id, b.uscc);
  });
  Money left = remaining;
  for (BudgetLine& line : lines) {
    line.included = line.amount <= left;
    if (line.included) left -= line.amount;
  }
  SUBSIDY_ASSERT(remaining.is_negative() || !left.is_negative());
}

void store_batch_budget(Db& db, int64_t batch_id, const BatchBudget& budget) {
  db.prepare(
        "INSERT INTO payment_batch_budgets (batch_id, year, budget_change_id, budget_fen, "
        "committed_fen) VALUES (?, ?, ?, ?, ?)")
      .bind(1, batch_id)
      .bind(2, budget.year)
      .bind(3, budget.budget_change_id)
      .bind(4, budget.budget)
      .bind(5, budget.committed)
      .run();
  Statement line_row = db.prepare(
      "INSERT INTO payment_batch_budget_lines (batch_id, line_no, uscc, application_id, "
      "amount_fen, included) VALUES (?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < budget.lines.size(); ++i) {
    const BudgetLine& line = budget.lines[i];
    line_row.bind(1, batch_id)
        .bind(2, static_cast<int64_t>(i + 1))
        .bind(3, line.uscc)
        .bind(4, line.application_id)
        .bind(5, line.amount)
        .bind(6, int64_t{line.included ? 1 : 0});
    line_row.run();
    line_row.reset();
  }
}

std::optional<BatchBudget> batch_budget(Db& db, int64_t batch_id) {
  Statement head = db.prepare(
      "SELECT year, budget_change_id, budget_fen, committed_fen FROM payment_batch_budgets "
      "WHERE batch_id = ?");
  head.bind(1, batch_id);
  if (!head.step()) return std::nullopt;
  BatchBudget budget{head.int64(0), head.int64(1), head.money(2), head.money(3), {}};
  Statement lines = db.prepare(
      "SELECT uscc, application_id, amount_fen, included FROM payment_batch_budget_lines "
      "WHERE batch_id = ? ORDER BY line_no");
  lines.bind(1, batch_id);
  while (lines.step()) {
    budget.lines.push_back({lines.text(0), lines.text(1), lines.money(2), lines.int64(3) != 0});
  }
  return budget;
}

std::vector<std::string> budget_payment_problems(Db& db) {
  std::vector<std::string> problems = budget_problems(db);
  std::map<int64_t, std::string> first_budget_at;  // year → when its budget was first set
  for (const BudgetChange& change : budget_changes(db)) {
    first_budget_at.emplace(change.year, change.recorded_at);
  }
  Statement batches = db.prepare("SELECT batch_id, year, created_at FROM payment_batches");
  while (batches.step()) {
    const int64_t batch_id = batches.int64(0);
    const int64_t year = batches.int64(1);
    if (std::optional<BatchBudget> budget = batch_budget(db, batch_id)) {
      if (budget->year != year) {
        problems.push_back("batch " + std::to_string(batch_id) + " budget: of year " +
                           std::to_string(budget->year) + ", the batch pays year " +
                           std::to_string(year));
      }
      check_batch_budget(db, batch_id, *budget, problems);
    } else if (auto first = first_budget_at.find(year);
               first != first_budget_at.end() && batches.text(2) > first->second) {
      problems.push_back("batch " + std::to_string(batch_id) + ": made after year " +
                         std::to_string(year) + " had a budget, without a budget record");
    }
  }
  for (const auto& [year, at] : first_budget_at) {
    const Money total = budget_of_year(db, year)->total;
    if (const Money held = committed_payments(db, year); held > total) {
      problems.push_back("year " + std::to_string(year) + ": payments of " + format_plain(held) +
                         " exceed the budget of " + format_plain(total));
    }
  }
  return problems;
}

}  // namespace subsidy
