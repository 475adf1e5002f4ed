// enterprise-statement: per enterprise, each application of the year with what the ledger booked
// for it (award, county and region shares) and why (the assessment's status and reasons), then one
// enterprise line with what was paid, what is still outstanding and what was clawed back. Amounts
// sit on one kind of line only, so that every money column adds up without double counting.
#include <set>
#include <string_view>
#include <unordered_map>

#include "ledger/books/chart.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

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
// clawback_receivable accounts of the year.
struct EnterpriseMoney {
  Money paid;         // net debits of award_payable by payment entries (sent less rejected)
  Money outstanding;  // awards booked less everything that cleared them: -(net of award_payable)
  Money clawback;     // debits of clawback_receivable: amounts demanded back
};

// What the year did to the enterprise accounts: the nets of all lines (from the account totals)
// and the flows of the entries other than awards (payments, returns, clawbacks), which are few.
struct AccountFacts {
  std::map<std::string, Money> payable_net;
  std::map<std::string, Money> clawback_net;
  facts::Flows payable_flows;   // award_payable by entry kind, award kinds left out
  facts::Flows clawback_flows;  // clawback_receivable by entry kind, award kinds left out
};

AccountFacts account_facts(Db& db, FiscalYear year) {
  AccountFacts account;
  const std::string payable(chart::kAwardPayable);
  const std::string clawback(chart::kClawbackReceivable);
  std::vector<facts::Flows> flows =
      facts::account_flows(db, year, {payable, clawback}, facts::EntryKinds::except_awards);
  account.payable_flows = std::move(flows[0]);
  account.clawback_flows = std::move(flows[1]);
  account.payable_net = facts::account_nets(db, year, payable);
  account.clawback_net = facts::account_nets(db, year, clawback);
  return account;
}

Money value_or_zero(const std::map<std::string, Money>& values, const std::string& key) {
  const auto found = values.find(key);
  return found == values.end() ? Money() : found->second;
}

EnterpriseMoney enterprise_money(const std::string& uscc, const AccountFacts& account) {
  EnterpriseMoney money;
  money.outstanding = -value_or_zero(account.payable_net, uscc);
  if (const auto found = account.payable_flows.find(uscc); found != account.payable_flows.end()) {
    for (const auto& [kind, amount] : found->second) money.paid += amount;  // no award kinds here
  }
  // Every debit but the money received back is an amount demanded: the net of all kinds less
  // the clawback_received flow.
  money.clawback = value_or_zero(account.clawback_net, uscc);
  if (const auto found = account.clawback_flows.find(uscc); found != account.clawback_flows.end()) {
    money.clawback -= value_or_zero(found->second, std::string(chart::kClawbackReceived));
  }
  return money;
}

// The applications in statement order, by enterprise then application id, as indices into
// `applications` (already in application_id order): a counting sort over the enterprises, which
// are few next to the applications, instead of a comparison sort of a million strings.
std::vector<size_t> statement_order(const std::vector<facts::Application>& applications,
                                    const std::set<std::string>& enterprises) {
  std::unordered_map<std::string_view, size_t> rank;
  rank.reserve(enterprises.size());
  for (const std::string& uscc : enterprises) rank.emplace(uscc, rank.size());
  std::vector<size_t> start(enterprises.size() + 1, 0);
  std::vector<size_t> rank_of(applications.size());
  for (size_t i = 0; i < applications.size(); ++i) {
    rank_of[i] = rank.at(applications[i].enterprise());
    ++start[rank_of[i] + 1];
  }
  for (size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
  std::vector<size_t> order(applications.size());
  for (size_t i = 0; i < applications.size(); ++i) order[start[rank_of[i]]++] = i;
  return order;
}

// The application line: what the assessment decided (when it recorded the application) and what
// the ledger booked for it. Takes the application's texts, its enterprise's too (moved, not
// copied: a statement can have a million lines); the caller reads `item` no more.
Row application_row(const Request& request, const Row& blank, const std::string& name,
                    facts::Application& item) {
  Row row = blank;
  row[0] = item.assessed ? std::move(item.uscc) : std::move(item.booking.uscc);
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
  ReportTable table("enterprise-statement", "企业奖补对账单", "Enterprise statement",
                    request.year.value, request.head);
  add_columns(table);
  std::vector<facts::Application> applications = facts::applications(request.db, request.year);
  const AccountFacts account = account_facts(request.db, request.fiscal_year());
  const facts::Names names = facts::master_names(request.db);

  // Every enterprise with an application, a payment or a clawback in the year, in uscc order.
  std::set<std::string> enterprises;
  for (const facts::Application& application : applications) {
    enterprises.insert(application.enterprise());
  }
  for (const auto* nets : {&account.payable_net, &account.clawback_net}) {
    for (const auto& entry : *nets) enterprises.insert(entry.first);
  }
  const std::vector<size_t> order = statement_order(applications, enterprises);
  table.reserve_rows(applications.size() + enterprises.size());
  const Row blank(table.columns().size());
  size_t next = 0;  // the next application in `order`, which is sorted like `enterprises`
  for (const std::string& uscc : enterprises) {
    const std::string& name = names.enterprise_name(uscc);
    for (; next < order.size() && applications[order[next]].enterprise() == uscc; ++next) {
      table.add_row(application_row(request, blank, name, applications[order[next]]));
    }
    const EnterpriseMoney money = enterprise_money(uscc, account);
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
