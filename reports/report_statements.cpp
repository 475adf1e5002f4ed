// The programme's two year-end statements, read from the same per-account figures as the
// pre-closing trial balance (books::account_years with the year's closing entry left out):
// balance-sheet (资产负债表: assets, liabilities, fund balance at the start and the end of the
// year) and income-expenditure (收入支出表: appropriations and the regions' shares in, awards out
// by scheme and by clause of the policy). Each refuses figures that do not tie to the trial balance
// or to the year's closing entry (docs/reports.md).
#include <algorithm>
#include <map>
#include <vector>

#include "ledger/books/chart.h"
#include "ledger/books/readers.h"
#include "ledger/policy/policy.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

namespace {

using chart::AccountClass;

// Signed (debit > 0) opening and pre-closing closing balances of the year, per account base.
struct BaseSums {
  Money opening;
  Money closing;
  Money debits;
  Money credits;
};
struct ClassSums {
  std::map<std::string, BaseSums> bases;  // by base, in name order
  Money opening;
  Money closing;
  Money debits;
  Money credits;
};

std::map<AccountClass, ClassSums> sums_by_class(const Request& request) {
  std::map<AccountClass, ClassSums> classes;
  for (const books::AccountYear& account :
       books::account_years(request.db, request.fiscal_year(), books::ClosingEntry::excluded)) {
    ClassSums& of = classes[chart::account_class(account.account)];
    BaseSums& base = of.bases[std::string(chart::account_base(account.account))];
    for (auto* sums : {&base.opening, &of.opening}) *sums += account.opening;
    for (auto* sums : {&base.closing, &of.closing}) *sums += account.closing();
    for (auto* sums : {&base.debits, &of.debits}) *sums += account.debits;
    for (auto* sums : {&base.credits, &of.credits}) *sums += account.credits;
  }
  return classes;
}

std::string subject(const Request& request, const std::string& base) {
  return std::string(chart::subject_name(base, request.lang));
}
std::string account_code(const std::string& base) {
  return chart::account_problem(base).empty() ? base : base + ":*";
}

void add_class_rows(const Request& request, ReportTable& table, const ClassSums& sums,
                    const std::string& section, int sign) {
  for (const auto& [base, figures] : sums.bases) {
    const Money opening = sign > 0 ? figures.opening : -figures.opening;
    const Money closing = sign > 0 ? figures.closing : -figures.closing;
    table.add_row({section, subject(request, base), account_code(base), opening, closing});
  }
}

}  // namespace

ReportTable balance_sheet(const Request& request) {
  ReportTable table("balance-sheet", "资产负债表", "Balance sheet", request.year.value,
                    request.head);
  table.add_column(text_column("section", "类别", "Section"));
  table.add_column(text_column("item", "项目", "Item"));
  table.add_column(text_column("account", "科目编码", "Account"));
  table.add_column(money_column("opening", "年初数", "Start of year"));
  table.add_column(money_column("closing", "年末数", "End of year"));
  std::map<AccountClass, ClassSums> classes = sums_by_class(request);
  const ClassSums& assets = classes[AccountClass::asset];
  const ClassSums& liabilities = classes[AccountClass::liability];
  const ClassSums& fund = classes[AccountClass::net_assets];
  const ClassSums& revenue = classes[AccountClass::revenue];
  const ClassSums& expense = classes[AccountClass::expense];
  const std::string section_assets = request.word("资产", "Assets");
  const std::string section_liabilities = request.word("负债", "Liabilities");
  const std::string section_fund = request.word("净资产", "Net assets");

  add_class_rows(request, table, assets, section_assets, +1);
  table.add_row({section_assets, request.word("资产合计", "Total assets"), Cell{}, assets.opening,
                 assets.closing});
  add_class_rows(request, table, liabilities, section_liabilities, -1);
  table.add_row({section_liabilities, request.word("负债合计", "Total liabilities"), Cell{},
                 -liabilities.opening, -liabilities.closing});
  // The fund balance as the closing entry leaves it: the fund account and whatever revenue and
  // expense is not yet closed into it (the year's own result; before that only what an old-style
  // memorandum closing left open).
  const Money fund_opening = -(fund.opening + revenue.opening + expense.opening);
  const Money fund_closing = -(fund.closing + revenue.closing + expense.closing);
  const Money result = -(revenue.debits - revenue.credits + expense.debits - expense.credits);
  table.add_row({section_fund, subject(request, std::string(chart::kFundBalance)),
                 std::string(chart::kFundBalance), fund_opening, fund_closing});
  table.add_row({section_fund, request.word("其中：本年收支结余", "of which: result of the year"),
                 Cell{}, Cell{}, result});
  table.add_row({section_fund, request.word("净资产合计", "Total net assets"), Cell{}, fund_opening,
                 fund_closing});
  table.add_row({Cell{}, request.word("负债和净资产合计", "Total liabilities and net assets"),
                 Cell{}, -liabilities.opening + fund_opening, -liabilities.closing + fund_closing});
  require_balanced(assets.opening == -liabilities.opening + fund_opening &&
                       assets.closing == -liabilities.closing + fund_closing &&
                       fund_closing - fund_opening == result - (fund.debits - fund.credits),
                   "the balance sheet");
  // Tied to the closing entry: it moved exactly the open revenue and expense into the fund.
  if (const auto closing = books::closing_lines(request.db, request.fiscal_year())) {
    Money into_fund;
    bool memorandum = true;
    for (const auto& [account, amount] : closing->lines) {
      if (account == chart::kFundBalance) into_fund += amount;
      if (chart::account_base(account) != chart::kYearClose) memorandum = false;
    }
    require_balanced(memorandum || into_fund == revenue.closing + expense.closing,
                     "the balance sheet against the closing entry");
  }
  return table;
}

namespace {

// The clause of each scheme and of the cost split (the regions' half) in the built-in policy.
std::string clause_of_scheme(const std::string& code) {
  for (const Scheme& scheme : builtin_policy().schemes()) {
    if (scheme.code == code) return scheme.clause;
  }
  return {};
}
std::string clause_of_cost_split() {
  for (const Rule& rule : builtin_policy().rules()) {
    if (rule.kind == RuleKind::cost_split) return rule.clause;
  }
  return {};
}

// The regions' shares of the year's awards: the net of region_due over the award entries.
Money region_shares(const Request& request) {
  Money shares;
  for (const auto& [region, kinds] :
       facts::account_flows(request.db, request.fiscal_year(), std::string(chart::kRegionDue))) {
    for (const auto& [kind, net] : kinds) {
      if (facts::is_award_kind(kind)) shares += net;
    }
  }
  return shares;
}

}  // namespace

ReportTable income_expenditure(const Request& request) {
  ReportTable table("income-expenditure", "收入支出表", "Income and expenditure",
                    request.year.value, request.head);
  table.add_column(text_column("section", "类别", "Section"));
  table.add_column(text_column("item", "项目", "Item"));
  table.add_column(text_column("clause", "政策条款", "Clause"));
  table.add_column(money_column("amount", "本年数", "Amount"));
  std::map<AccountClass, ClassSums> classes = sums_by_class(request);
  const std::string in = request.word("收入", "Income");
  const std::string out = request.word("支出", "Expenditure");

  Money income;
  for (const auto& [base, figures] : classes[AccountClass::revenue].bases) {
    const Money amount = figures.credits - figures.debits;
    table.add_row({in, subject(request, base), Cell{}, amount});
    income += amount;
  }
  const Money regions = region_shares(request);
  table.add_row({in, request.word("县区（园区）承担奖补资金", "Regions' shares of the awards"),
                 clause_of_cost_split(), regions});
  income += regions;
  table.add_row({in, request.word("收入合计", "Total income"), Cell{}, income});

  std::map<std::string, Money> by_scheme;
  Money county_awards;
  for (const facts::Application& item : facts::applications(request.db, request.year)) {
    if (!item.booked()) continue;
    by_scheme[item.assessed ? item.scheme : std::string("?")] += item.booking.award;
    county_awards += item.booking.county;
  }
  Money spent;
  std::map<std::string, Money> by_clause;
  for (const auto& [code, amount] : by_scheme) {
    const std::string clause = clause_of_scheme(code);
    table.add_row({out, scheme_label(request, code), text_or_empty(clause), amount});
    by_clause[clause] += amount;
    spent += amount;
  }
  const ClassSums& expense = classes[AccountClass::expense];
  const Money other = expense.debits - expense.credits - county_awards;  // not an award entry
  if (!other.is_zero()) {
    table.add_row({out, request.word("其他支出", "Other expenditure"), Cell{}, other});
    spent += other;
  }
  table.add_row({out, request.word("支出合计", "Total expenditure"), Cell{}, spent});
  // By clause in the order the policy lists its schemes (三(一), 三(二), ...), then any other.
  std::vector<std::string> clauses;
  for (const Scheme& scheme : builtin_policy().schemes()) {
    if (by_clause.count(scheme.clause) &&
        std::find(clauses.begin(), clauses.end(), scheme.clause) == clauses.end()) {
      clauses.push_back(scheme.clause);
    }
  }
  for (const auto& [clause, amount] : by_clause) {
    if (std::find(clauses.begin(), clauses.end(), clause) == clauses.end()) {
      clauses.push_back(clause);
    }
  }
  for (const std::string& clause : clauses) {
    table.add_row({request.word("支出（按政策条款）", "Expenditure by clause"),
                   request.word("奖补支出", "Awards"), text_or_empty(clause), by_clause[clause]});
  }
  const Money result = income - spent;
  table.add_row({Cell{}, request.word("本年收支结余", "Result of the year"), Cell{}, result});
  // Ties to the trial balance: the result is what the year's revenue and expense accounts net to,
  // which the closing entry moves into the fund balance.
  const ClassSums& revenue = classes[AccountClass::revenue];
  require_balanced(result == -(revenue.debits - revenue.credits + expense.debits - expense.credits),
                   "the income and expenditure statement");
  return table;
}

}  // namespace subsidy::reports::builders
