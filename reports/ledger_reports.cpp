// The catalogue of ledger reports and the one entry point that builds any of them.
#include "reports/ledger_reports.h"
#include "ledger/books/ledger_verify.h"

#include <functional>
#include <unordered_map>
#include <utility>

#include "ledger/base/error.h"
#include "ledger/policy/policy.h"
#include "reports/ledger_facts.h"
#include "reports/report_builders.h"

namespace subsidy::reports {

namespace {

using Builder = std::function<ReportTable(const builders::Request&)>;

const std::vector<std::pair<std::string, Builder>>& catalogue() {
  static const std::vector<std::pair<std::string, Builder>> all = {
      {"enterprise-statement", builders::enterprise_statement},
      {"tax-retention", builders::tax_retention},
      {"loan-interest", builders::loan_interest},
      {"cost-sharing", builders::cost_sharing},
      {"awards-by-scheme", builders::awards_by_scheme},
      {"disbursement", builders::disbursement},
      {"trial-balance", builders::trial_balance},
      {"policy-targets", builders::policy_targets},
      {"budget-execution", builders::budget_execution},
  };
  return all;
}

// Chinese names people type for a report: the name of the catalogue they stand for.
std::string_view canonical_name(std::string_view name) {
  if (name == "预算执行" || name == "预算执行情况") return "budget-execution";
  return name;
}

const Builder& builder_of(std::string_view typed) {
  const std::string_view name = canonical_name(typed);
  for (const auto& [known, builder] : catalogue()) {
    if (known == name) return builder;
  }
  std::string list;
  for (const auto& entry : catalogue()) list += (list.empty() ? "" : ", ") + entry.first;
  throw UsageError("unknown report '" + std::string(typed) + "' (choose one of: " + list + ")");
}

}  // namespace

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
    for (const auto& entry : catalogue()) list.push_back(entry.first);
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
  return tables;
}

}  // namespace subsidy::reports
