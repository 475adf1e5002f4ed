// The fund's budget and its funding entries (budget.h).
#include "ledger/books/budget.h"

#include <map>
#include <set>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/year_close.h"
#include "ledger/money/decimal.h"

namespace subsidy {

namespace {

constexpr const char* kBudgetChangeSelect =
    "SELECT change_id, year, kind, amount_fen, budget_after_fen, ref, entry_id, recorded_at, "
    "actor FROM budget_changes";

BudgetChange budget_change_from_row(const Statement& row) {
  BudgetChange change;
  change.change_id = row.int64(0);
  change.year = row.int64(1);
  change.kind = row.text(2) == "set" ? BudgetChangeKind::set : BudgetChangeKind::adjust;
  change.amount = row.money(3);
  change.budget_after = row.money(4);
  change.ref = row.text(5);
  change.entry_id = row.int64(6);
  change.recorded_at = row.text(7);
  change.actor = row.text(8);
  return change;
}

// The sum of the lines on `account` (every account of that base when `qualified`) of entries of
// the award year whose kind is one of `kinds` (a SQL list of quoted kinds).
Money budget_year_lines(Db& db, int64_t year, std::string_view account, bool qualified,
                        const std::string& kinds) {
  Statement sum = db.prepare(
      "SELECT COALESCE(SUM(l.amount_fen), 0) FROM ledger_entries e JOIN ledger_lines l "
      "ON l.entry_id = e.entry_id WHERE " +
      std::string(qualified ? "l.account >= ? || ':' AND l.account < ? || ';'" : "l.account = ?") +
      " AND e.kind IN (" + kinds + ") AND COALESCE(e.refers_year, e.fiscal_year) = ?");
  int index = 1;
  sum.bind(index++, account);
  if (qualified) sum.bind(index++, account);
  sum.bind(index, year);
  sum.step();
  return sum.money(0);
}

std::string budget_year_text(int64_t year) {
  return std::to_string(year) + "年度";
}

// Why the draft cannot be recorded on top of `budget`; empty when it can.
std::string budget_draft_problem(const BudgetChangeDraft& draft,
                                 const std::optional<YearBudget>& budget, Money floor) {
  const std::string year = budget_year_text(draft.year);
  if (draft.kind == BudgetChangeKind::set) {
    if (draft.amount.fen() <= 0) return "预算数必须大于 0.00";
    if (budget) {
      return year + "已下达预算 " + format_grouped(budget->total) + "（文号 " +
             budget->changes.front().ref + "），请用 budget adjust 调整";
    }
  } else {
    if (draft.amount.is_zero()) return "调整数不能为 0.00";
    if (!budget) return year + "尚未下达预算，请先用 budget set";
  }
  const Money before = budget ? budget->total : Money{};
  const Money after = before + draft.amount;
  if (after.is_negative()) {
    return "调整后" + year + "预算为 " + format_grouped(after) + "，不能小于 0.00";
  }
  if (after < floor) {
    return "调整后" + year + "预算 " + format_grouped(after) + " 低于已拨付和在途的支付 " +
           format_grouped(floor);
  }
  if (budget) {
    for (const BudgetChange& change : budget->changes) {
      if (change.ref == draft.ref) {
        return year + "预算已记录文号 " + draft.ref + "（第 " + std::to_string(change.change_id) +
               " 号记录）";
      }
    }
  }
  return {};
}

}  // namespace

const char* budget_change_kind_name(BudgetChangeKind kind) {
  return kind == BudgetChangeKind::set ? "set" : "adjust";
}

std::vector<BudgetChange> budget_changes(Db& db, std::optional<int64_t> year) {
  Statement rows = db.prepare(std::string(kBudgetChangeSelect) + (year ? " WHERE year = ?" : "") +
                              " ORDER BY change_id");
  if (year) rows.bind(1, *year);
  std::vector<BudgetChange> changes;
  while (rows.step()) changes.push_back(budget_change_from_row(rows));
  return changes;
}

std::optional<YearBudget> budget_of_year(Db& db, int64_t year) {
  std::vector<BudgetChange> changes = budget_changes(db, year);
  if (changes.empty()) return std::nullopt;
  YearBudget budget;
  budget.year = year;
  for (const BudgetChange& change : changes) {
    if (change.kind == BudgetChangeKind::set) {
      budget.initial += change.amount;
    } else {
      budget.adjustments += change.amount;
    }
  }
  budget.total = budget.initial + budget.adjustments;
  budget.last_change_id = changes.back().change_id;
  SUBSIDY_ASSERT(budget.last_change_id > 0);
  budget.changes = std::move(changes);
  return budget;
}

BudgetChange record_budget_change(Db& db, const BudgetChangeDraft& draft, Money floor,
                                  const std::string& actor, const Clock& clock) {
  require_transaction(db);
  if (draft.year < 1900 || draft.year > 9999) throw RefusedError("年度须在 1900 至 9999 之间");
  if (draft.ref.empty()) throw RefusedError("--ref 须写明预算下达的文号");
  if (std::optional<YearClosing> closed = closing_of(db, FiscalYear::known(draft.year))) {
    throw RefusedError(budget_year_text(draft.year) + "已结账（第 " +
                       std::to_string(closed->entry_id) + " 号凭证），不能再下达或调整预算");
  }
  const std::optional<YearBudget> budget = budget_of_year(db, draft.year);
  if (std::string problem = budget_draft_problem(draft, budget, floor); !problem.empty()) {
    throw RefusedError(problem);
  }
  const Money after = (budget ? budget->total : Money{}) + draft.amount;
  const char* kind = budget_change_kind_name(draft.kind);
  EntryDraft entry;
  entry.fiscal_year = draft.year;
  entry.kind = std::string(chart::kCountyFunding);
  entry.actor = actor;
  entry.idempotency_key = "budget:" + std::to_string(draft.year) + ":" + draft.ref;
  entry.memo = std::string("预算") + (draft.kind == BudgetChangeKind::set ? "下达" : "调整") + " " +
               budget_year_text(draft.year) + " " + format_plain(draft.amount) + " 文号 " +
               draft.ref;
  entry.lines = {{std::string(chart::kTreasury), draft.amount},
                 {std::string(chart::kCountyAppropriation), -draft.amount}};
  const PostResult posted = post_entry(db, entry, clock);
  if (!posted.posted) throw RefusedError("文号 " + draft.ref + " 已用于另一笔拨款凭证");
  db.prepare(
        "INSERT INTO budget_changes (year, kind, amount_fen, budget_after_fen, ref, entry_id, "
        "recorded_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, draft.year)
      .bind(2, kind)
      .bind(3, draft.amount)
      .bind(4, after)
      .bind(5, draft.ref)
      .bind(6, posted.entry.entry_id)
      .bind(7, posted.entry.posted_at)
      .bind(8, actor)
      .run();
  std::vector<BudgetChange> stored = budget_changes(db, draft.year);
  SUBSIDY_ASSERT(!stored.empty() && stored.back().budget_after == after);
  SUBSIDY_ASSERT(!after.is_negative());
  return stored.back();
}

Money booked_awards(Db& db, int64_t year) {
  return -budget_year_lines(db, year, chart::kAwardPayable, true, "'award', 'award_adjustment'");
}

BudgetExecution budget_execution(Db& db, int64_t year) {
  BudgetExecution execution;
  execution.year = year;
  execution.budget = budget_of_year(db, year);
  execution.assessed = booked_awards(db, year);
  execution.paid = -budget_year_lines(db, year, chart::kTreasury, false, "'payment_confirmed'");
  execution.in_transit =
      -budget_year_lines(db, year, chart::kBankInTransit, false,
                         "'payment_sent', 'payment_confirmed', 'payment_rejected'");
  const Money total = execution.budget ? execution.budget->total : Money{};
  execution.balance = total - execution.paid - execution.in_transit;
  if (total.fen() > 0) {
    execution.rate_permille = static_cast<int64_t>(divide_rounded(
        Int128(execution.paid.fen()) * 1000, Int128(total.fen()), Rounding::half_up));
  }
  return execution;
}

std::string format_permille_percent(int64_t permille) {
  const bool negative = permille < 0;
  const int64_t magnitude = negative ? -permille : permille;
  return std::string(negative ? "-" : "") + std::to_string(magnitude / 10) + "." +
         std::to_string(magnitude % 10) + "%";
}

std::vector<std::string> budget_problems(Db& db) {
  std::vector<std::string> problems;
  std::map<int64_t, Money> running;
  std::set<std::pair<int64_t, std::string>> refs;
  for (const BudgetChange& change : budget_changes(db)) {
    const std::string where = "budget change " + std::to_string(change.change_id) + " (year " +
                              std::to_string(change.year) + ", ref " + change.ref + ")";
    const bool first = !running.count(change.year);
    if (first != (change.kind == BudgetChangeKind::set)) {
      problems.push_back(where + ": " +
                         (first ? "the first change of a year must be a set"
                                : "a second set of the year (only adjustments may follow)"));
    }
    Money& total = running[change.year];
    total += change.amount;
    if (change.budget_after != total || total.is_negative()) {
      problems.push_back(where + ": budget after is " + format_plain(change.budget_after) +
                         ", the changes sum to " + format_plain(total));
    }
    if (!refs.emplace(change.year, change.ref).second) problems.push_back(where + ": ref repeated");
    const std::optional<Entry> entry = entry_by_id(db, change.entry_id);
    const std::vector<Line> expected = {{std::string(chart::kTreasury), change.amount},
                                        {std::string(chart::kCountyAppropriation), -change.amount}};
    if (!entry || entry->kind != chart::kCountyFunding || entry->fiscal_year != change.year ||
        entry->lines != expected) {
      problems.push_back(where + ": entry " + std::to_string(change.entry_id) +
                         " is not its county_funding entry (Dr treasury, Cr county_appropriation " +
                         format_plain(change.amount) + ")");
    }
  }
  return problems;
}

}  // namespace subsidy
