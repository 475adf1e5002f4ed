// tax-retention: per enterprise of the award year, its local retained tax (地方留成), the awards
// the assessment reached before rule T, the reduction T made, what the ledger booked, and the
// headroom left under the retention. An enterprise whose booked awards exceed its retention (or
// that has booked awards without a retention figure) is flagged as an exception: there must be
// none.
#include "ledger/books/chart.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

ReportTable tax_retention(const Request& request) {
  ReportTable table("tax-retention", "地方留成限额核对", "Tax retention check", request.year.value,
                    request.head);
  table.add_column(text_column("uscc", "统一社会信用代码", "USCC"));
  table.add_column(text_column("enterprise", "企业名称", "Enterprise"));
  table.add_column(money_column("local_retained_tax", "地方留成", "Local retained tax"));
  table.add_column(money_column("before_limit", "限额前奖补", "Awards before limit"));
  table.add_column(money_column("reduction", "留成限额核减", "Reduction by limit"));
  table.add_column(money_column("booked", "已入账奖补", "Booked awards"));
  table.add_column(money_column("headroom", "剩余额度", "Headroom"));
  table.add_column(text_column("exception", "例外", "Exception"));

  const auto enterprises = facts::assessed_enterprises(request.db, request.year);
  const facts::Flows payable =
      facts::account_flows(request.db, request.fiscal_year(), std::string(chart::kAwardPayable));
  const facts::Names names = facts::master_names(request.db);
  std::map<std::string, Money> booked;  // uscc → awards booked in the year (credits of awards)
  for (const auto& [uscc, kinds] : payable) {
    for (const auto& [kind, amount] : kinds) {
      if (facts::is_award_kind(kind)) booked[uscc] -= amount;
    }
  }
  std::map<std::string, const facts::AssessedEnterprise*> all;
  for (const auto& [uscc, enterprise] : enterprises) all[uscc] = &enterprise;
  for (const auto& entry : booked) all.emplace(entry.first, nullptr);

  for (const auto& [uscc, enterprise] : all) {
    const Money booked_fen = booked[uscc];
    Row row(table.columns().size());
    row[0] = uscc;
    row[1] = text_or_empty(names.enterprise_name(uscc));
    std::optional<Money> retention;
    if (enterprise != nullptr) {
      retention = enterprise->local_retained_tax;
      if (retention) row[2] = *retention;
      row[3] = enterprise->before_retention;
      row[4] = enterprise->before_retention - enterprise->total;
    }
    row[5] = booked_fen;
    if (retention) row[6] = *retention - booked_fen;
    if (retention ? booked_fen > *retention : booked_fen.fen() > 0) {
      row[7] = retention ? request.word("奖补超过地方留成", "awards exceed retention")
                         : request.word("无留成数据却已入账", "booked without retention");
    }
    table.add_row(std::move(row));
  }
  table.compute_totals();
  return table;
}

}  // namespace subsidy::reports::builders
