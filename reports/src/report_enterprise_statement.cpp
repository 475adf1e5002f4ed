// enterprise-statement: per enterprise, each application of the year with what the ledger booked
// for it (award, county and region shares) and why (the assessment's status and reasons), then one
// enterprise line with what was paid, what is still outstanding and what was clawed back. Amounts
// sit on one kind of line only, so that every money column adds up without double counting.
#include <algorithm>
#include <set>

#include "ledger/chart.h"
#include "ledger_facts.h"
#include "report_builders.h"

namespace subsidy::reports::builders {

namespace {

std::string status_word(const Request& request, const std::string& status) {
  if (status == "awarded") return request.word("奖补", "awarded");
  if (status == "rejected") return request.word("不予奖补", "rejected");
  if (status == "held") return request.word("暂缓", "held");
  return request.word("已入账", "booked");  // in the ledger without an assessment record
}

void add_columns(ReportTable& table) {
  table.add_column(text_column("uscc", "统一社会信用代码", "USCC"));
  table.add_column(text_column("enterprise", "企业名称", "Enterprise"));
  table.add_column(text_column("line", "行类别", "Line"));
  table.add_column(text_column("application_id", "申请编号", "Application"));
  table.add_column(text_column("project_id", "项目编号", "Project"));
  table.add_column(text_column("scheme", "奖补类别", "Scheme"));
  table.add_column(text_column("status", "评审结果", "Status"));
  table.add_column(text_column("reasons", "原因", "Reasons"));
  table.add_column(money_column("award", "奖补金额", "Award"));
  table.add_column(money_column("county_share", "县级承担", "County share"));
  table.add_column(money_column("region_share", "区域承担", "Region share"));
  table.add_column(money_column("paid", "已支付", "Paid"));
  table.add_column(money_column("outstanding", "未支付", "Outstanding"));
  table.add_column(money_column("clawback", "追回", "Clawback"));
}

// An enterprise's payments, outstanding amount and clawbacks from its award_payable and
// clawback_receivable lines of the year.
struct EnterpriseMoney {
  Money paid;         // net debits of award_payable by payment entries (sent less rejected)
  Money outstanding;  // awards booked less everything that cleared them: -(net of award_payable)
  Money clawback;     // debits of clawback_receivable: amounts demanded back
};

EnterpriseMoney enterprise_money(const std::string& uscc, const facts::Flows& payable,
                                 const facts::Flows& clawback) {
  EnterpriseMoney money;
  if (const auto found = payable.find(uscc); found != payable.end()) {
    for (const auto& [kind, amount] : found->second) {
      money.outstanding -= amount;
      if (!facts::is_award_kind(kind)) money.paid += amount;
    }
  }
  if (const auto found = clawback.find(uscc); found != clawback.end()) {
    for (const auto& [kind, amount] : found->second) {
      if (kind != chart::kClawbackReceived) money.clawback += amount;
    }
  }
  return money;
}

// The application line: what the assessment decided (when it recorded the application) and what
// the ledger booked for it. Takes the application's texts (moved, not copied: a statement can
// have a million lines); `uscc` stays, as it orders the enterprises.
Row application_row(const Request& request, const Row& blank, const std::string& name,
                    facts::Application& item) {
  Row row = blank;
  row[0] = item.enterprise();
  row[1] = text_or_empty(name);
  row[2] = request.word("申请", "application");
  row[3] = std::move(item.application_id);
  if (item.assessed) {
    row[4] = std::move(item.project_id);
    row[5] = scheme_label(request, item.scheme);
    if (!item.reasons.empty()) row[7] = std::move(item.reasons);
  }
  row[6] = status_word(request, item.assessed ? item.status : "");
  row[8] = item.booking.award;
  row[9] = item.booking.county;
  row[10] = item.booking.region;
  return row;
}

}  // namespace

ReportTable enterprise_statement(const Request& request) {
  ReportTable table("enterprise-statement", "企业奖补对账单", "Enterprise statement", request.year,
                    request.head);
  add_columns(table);
  std::vector<facts::Application> applications = facts::applications(request.db, request.year);
  const std::vector<facts::Flows> flows = facts::account_flows(
      request.db, request.year,
      {std::string(chart::kAwardPayable), std::string(chart::kClawbackReceivable)});
  const facts::Flows& payable = flows[0];
  const facts::Flows& clawback = flows[1];
  const facts::Names names = facts::master_names(request.db);

  // The applications by enterprise, then application id (a sort of indices, not of the rows).
  std::vector<size_t> order(applications.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&applications](size_t a, size_t b) {
    const int by_enterprise = applications[a].enterprise().compare(applications[b].enterprise());
    return by_enterprise != 0 ? by_enterprise < 0 : a < b;  // a < b: application_id order
  });
  // Every enterprise with an application, a payment or a clawback in the year, in uscc order.
  std::set<std::string> enterprises;
  for (size_t i = 0; i < order.size(); ++i) {
    const std::string& uscc = applications[order[i]].enterprise();
    if (i == 0 || uscc != applications[order[i - 1]].enterprise()) enterprises.insert(uscc);
  }
  for (const auto* flows : {&payable, &clawback}) {
    for (const auto& entry : *flows) enterprises.insert(entry.first);
  }
  table.reserve_rows(applications.size() + enterprises.size());
  const Row blank(table.columns().size());
  size_t next = 0;  // the next application in `order`, which is sorted like `enterprises`
  for (const std::string& uscc : enterprises) {
    const std::string& name = names.enterprise_name(uscc);
    for (; next < order.size() && applications[order[next]].enterprise() == uscc; ++next) {
      table.add_row(application_row(request, blank, name, applications[order[next]]));
    }
    const EnterpriseMoney money = enterprise_money(uscc, payable, clawback);
    Row total = blank;
    total[0] = uscc;
    total[1] = text_or_empty(name);
    total[2] = request.word("企业合计", "enterprise");
    total[11] = money.paid;
    total[12] = money.outstanding;
    total[13] = money.clawback;
    table.add_row(std::move(total));
  }
  table.compute_totals();
  return table;
}

}  // namespace subsidy::reports::builders
