// The catalogue of ledger reports and the one entry point that builds any of them.
#include "reports/ledger_reports.h"
#include "ledger/books/ledger_verify.h"

#include <functional>
#include <unordered_map>
#include <utility>
#include <variant>

#include "ledger/awards/assessment_reader.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/policy/policy.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports {

namespace {

using Builder = std::function<ReportTable(const builders::Request&)>;

struct Known {
  std::string name;                   // the interface name
  std::vector<std::string> zh_names;  // the names the README's Chinese section uses
  Builder builder;
};

const std::vector<Known>& catalogue() {
  static const std::vector<Known> all = {
      {"enterprise-statement", {"企业明细"}, builders::enterprise_statement},
      {"tax-retention", {"留成限额"}, builders::tax_retention},
      {"loan-interest", {"贷款贴息"}, builders::loan_interest},
      {"cost-sharing", {"成本分担"}, builders::cost_sharing},
      {"awards-by-scheme", {"分类别奖补汇总"}, builders::awards_by_scheme},
      {"disbursement", {"拨付"}, builders::disbursement},
      {"trial-balance", {"试算平衡", "科目余额表"}, builders::trial_balance},
      {"policy-targets", {"目标完成情况"}, builders::policy_targets},
      {"balance-sheet", {"资产负债表"}, builders::balance_sheet},
      {"income-expenditure", {"收入支出表"}, builders::income_expenditure},
      {"budget-execution", {"预算执行", "预算执行情况"}, builders::budget_execution},
  };
  return all;
}

const Builder& builder_of(std::string_view name) {
  for (const Known& known : catalogue()) {
    if (known.name == name) return known.builder;
    for (const std::string& zh : known.zh_names) {
      if (zh == name) return known.builder;
    }
  }
  std::string list;
  for (const Known& known : catalogue()) {
    list += (list.empty() ? "" : ", ") + known.name + "/" + known.zh_names.front();
  }
  throw UsageError("unknown report '" + std::string(name) + "' (choose one of: " + list + ")");
}

// When the ledger holds several policies, names on every table the policy `year` was assessed
// under (its latest run), or else the one in force for it; a ledger of one policy names none (its
// reports stay as they were).
void name_the_policy(Db& db, AwardYear year, std::vector<ReportTable>& tables) {
  const std::vector<Policy> policies = load_stored_policies(db);
  if (policies.size() < 2) return;
  const Policy* policy = policy_for_year(policies, year.value);
  if (const std::optional<std::string> booked = awards::latest_policy(db, year)) {
    for (const Policy& stored : policies) {
      if (stored.id() == *booked) policy = &stored;
    }
  }
  if (policy == nullptr) return;
  for (ReportTable& table : tables) {
    table.set_policy(policy->id(), policy->document_number(), policy->version());
  }
}

}  // namespace

void builders::require_balanced(bool balanced, const std::string& what) {
  if (!balanced) {
    throw RefusedError(what +
                       " does not balance: the ledger's account totals were changed "
                       "outside the program; run subsidy verify");
  }
}

std::string builders::scheme_label(const Request& request, const std::string& code) {
  // Built once: a report of a million rows asks for a name a million times.
  static const std::unordered_map<std::string, std::string> names = [] {
    std::unordered_map<std::string, std::string> map;
    for (const Scheme& scheme : builtin_policy().schemes()) map[scheme.code] = scheme.name;
    return map;
  }();
  if (request.lang == Language::en) return code;
  const auto found = names.find(code);
  return found == names.end() ? code : found->second;
}

const std::vector<std::string>& report_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const Known& known : catalogue()) list.push_back(known.name);
    return list;
  }();
  return names;
}

ReportTable build_report(Db& db, std::string_view name, AwardYear year, Language lang) {
  return std::move(build_reports(db, {std::string(name)}, year, lang).front());
}

std::vector<ReportTable> build_reports(Db& db, const std::vector<std::string>& names,
                                       AwardYear year, Language lang) {
  std::vector<const Builder*> chosen;
  for (const std::string& name : names) chosen.push_back(&builder_of(name));
  // One read transaction: every query sees the same ledger state, the one whose head digest the
  // reports state, even while another command appends entries.
  const ReadTransaction snapshot(db);
  const builders::Request request{db, year, current_digest(db), lang};
  std::vector<ReportTable> tables;
  for (const Builder* builder : chosen) tables.push_back((*builder)(request));
  name_the_policy(db, year, tables);
  return tables;
}

ReportTable only_region(const ReportTable& table, const std::string& region) {
  ReportTable out(table.name(), table.title(Language::zh), table.title(Language::en), table.year(),
                  table.ledger_head());
  for (const Column& column : table.columns()) out.add_column(column);
  if (const auto& policy = table.policy()) {
    out.set_policy(policy->id, policy->document, policy->version);
  }
  const size_t code = table.column_index("region_code");
  for (const Row& row : table.rows()) {
    const auto* text = std::get_if<std::string>(&row[code]);
    if (text != nullptr && *text == region) out.add_row(row);
  }
  if (table.has_totals()) out.compute_totals();
  out.set_text_layout(table.text_layout());
  return out;
}

}  // namespace subsidy::reports
