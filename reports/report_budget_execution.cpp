// budget-execution (预算执行情况): the fund's budget of the award year against what it became —
// the budget first set and its adjustments with their 文号, the awards booked (已测算), paid and
// confirmed by the bank (已拨付), sent and not yet confirmed (在途), the balance left (结余) and
// the execution rate (执行率, paid over budget, one decimal), with a column chart of the amounts.
// The figures are books/budget.h's budget_execution; docs/budget.md says what each one is.
#include "ledger/books/budget.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

namespace {

Column fixed_money_column(std::string key, std::string zh, std::string en) {
  return {std::move(key), std::move(zh), std::move(en), ColumnType::money, false};
}

}  // namespace

ReportTable budget_execution(const Request& request) {
  ReportTable table("budget-execution", "预算执行情况", "Budget execution", request.year.value,
                    request.head);
  table.add_column(text_column("fund", "资金名称", "Fund"));
  table.add_column(text_column("documents", "预算文号", "Documents"));
  table.add_column(fixed_money_column("budget", "预算数", "Budget"));
  table.add_column(fixed_money_column("adjustments", "调整数", "Adjustments"));
  table.add_column(fixed_money_column("total", "预算合计", "Budget total"));
  table.add_column(fixed_money_column("assessed", "已测算", "Assessed"));
  table.add_column(fixed_money_column("paid", "已拨付", "Paid"));
  table.add_column(fixed_money_column("in_transit", "在途", "In transit"));
  table.add_column(fixed_money_column("balance", "结余", "Balance"));
  table.add_column({"rate", "执行率", "Execution rate", ColumnType::percent, false});

  const BudgetExecution execution = budget_execution(request.db, request.year.value);
  Row row(table.columns().size());
  row[0] = request.word("“智改数转”专项资金", "Smart manufacturing fund");
  if (execution.budget) {
    std::string documents;
    for (const BudgetChange& change : execution.budget->changes) {
      documents += (documents.empty() ? "" : "、") + change.ref;
    }
    row[1] = documents;
    row[2] = execution.budget->initial;
    row[3] = execution.budget->adjustments;
    row[4] = execution.budget->total;
  }
  row[5] = execution.assessed;
  row[6] = execution.paid;
  row[7] = execution.in_transit;
  row[8] = execution.balance;
  if (execution.rate_permille) row[9] = Permille{*execution.rate_permille};
  table.add_row(std::move(row));
  table.add_chart(
      {ChartSpec::Kind::column, "预算执行情况", "Budget execution", 0, {4, 5, 6, 7, 8}});
  return table;
}

}  // namespace subsidy::reports::builders
