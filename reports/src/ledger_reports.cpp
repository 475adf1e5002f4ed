// The catalogue of ledger reports and the one entry point that builds any of them.
#include "reports/ledger_reports.h"

#include <functional>
#include <utility>

#include "ledger/error.h"
#include "ledger/policy.h"
#include "ledger_facts.h"
#include "report_builders.h"

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
  };
  return all;
}

}  // namespace

std::string builders::scheme_label(const Request& request, const std::string& code) {
  const Policy& policy = builtin_policy();
  if (request.lang == Lang::en || !policy.has_scheme(code)) return code;
  return policy.scheme(code).name;
}

const std::vector<std::string>& report_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& entry : catalogue()) list.push_back(entry.first);
    return list;
  }();
  return names;
}

ReportTable build_report(Db& db, std::string_view name, int64_t year, Lang lang) {
  for (const auto& [known, builder] : catalogue()) {
    if (known != name) continue;
    // One read transaction: every query of the report sees the same ledger state, the one whose
    // head digest the report states, even while another command appends entries.
    db.exec("BEGIN");
    try {
      ReportTable table = builder(builders::Request{db, year, facts::head_digest(db), lang});
      db.exec("COMMIT");
      return table;
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  }
  std::string list;
  for (const std::string& known : report_names()) list += (list.empty() ? "" : ", ") + known;
  throw UsageError("unknown report '" + std::string(name) + "' (choose one of: " + list + ")");
}

std::string ledger_head_digest(Db& db) {
  return facts::head_digest(db);
}

}  // namespace subsidy::reports
