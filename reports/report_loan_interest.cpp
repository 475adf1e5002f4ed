// loan-interest: per enterprise, its loan-interest applications of the year (三(七)): how many
// loans and how much, the 1% amounts the assessment computed, the reduction by the yearly
// per-enterprise limit of rule L (4,000,000.00 in the built-in policy, read from the policy the
// year was assessed under), and what the ledger booked (borne by the county alone).
#include "ledger/policy/policy.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports::builders {

namespace {

constexpr const char* kLoanScheme = "loan_interest";

// The rule L limit on loan interest of the policy the year was assessed under; nullopt when the
// year has no assessment, its policy is not the built-in one, or the policy has no such limit.
std::optional<Money> loan_limit(Db& db, AwardYear year) {
  const std::optional<std::string> policy_id = facts::assessed_policy(db, year);
  const Policy& policy = builtin_policy();
  if (!policy_id || *policy_id != policy.id()) return std::nullopt;
  const Rule* rule = policy.find_rule(RuleKind::enterprise_scheme_limit);
  if (rule == nullptr) return std::nullopt;
  const auto& params = std::get<SchemeLimitParams>(rule->params);
  for (const std::string& scheme : params.schemes) {
    if (scheme == kLoanScheme) return params.limit;
  }
  return std::nullopt;
}

struct LoanLine {
  int64_t loans = 0;
  Money loan_amount;
  Money one_percent;
  Money booked;
  Money county;
};

}  // namespace

ReportTable loan_interest(const Request& request) {
  ReportTable table("loan-interest", "贷款贴息明细", "Loan interest subsidies", request.year.value,
                    request.head);
  table.add_column(text_column("uscc", "统一社会信用代码", "USCC"));
  table.add_column(text_column("enterprise", "企业名称", "Enterprise"));
  table.add_column(count_column("loans", "贷款笔数", "Loans"));
  table.add_column(money_column("loan_amount", "贷款金额", "Loan amount"));
  table.add_column(money_column("one_percent", "1%贴息额", "1% amount"));
  // The limit applies to each enterprise on its own: a sum of it would mean nothing.
  table.add_column({"limit", "年度限额", "Yearly limit", ColumnType::money, false});
  table.add_column(money_column("reduction", "限额核减", "Reduction by limit"));
  table.add_column(money_column("booked", "已入账贴息", "Booked"));
  table.add_column(money_column("county_share", "县级承担", "County share"));

  const std::optional<Money> limit = loan_limit(request.db, request.year);
  const facts::Names names = facts::master_names(request.db);
  std::map<std::string, LoanLine> lines;
  for (const facts::Application& item : facts::applications(request.db, request.year)) {
    if (!item.assessed || item.scheme != kLoanScheme) continue;
    LoanLine& line = lines[item.uscc];
    ++line.loans;
    if (item.loan_amount) line.loan_amount += *item.loan_amount;
    line.one_percent += item.formula;
    line.booked += item.booking.award;
    line.county += item.booking.county;
  }
  for (const auto& [uscc, line] : lines) {
    Row row(table.columns().size());
    row[0] = uscc;
    row[1] = text_or_empty(names.enterprise_name(uscc));
    row[2] = line.loans;
    row[3] = line.loan_amount;
    row[4] = line.one_percent;
    if (limit) {
      row[5] = *limit;
      row[6] = line.one_percent > *limit ? line.one_percent - *limit : Money{};
    }
    row[7] = line.booked;
    row[8] = line.county;
    table.add_row(std::move(row));
  }
  table.compute_totals();
  return table;
}

}  // namespace subsidy::reports::builders
