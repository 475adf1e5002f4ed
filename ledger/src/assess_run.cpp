// Assessing a year from the ledger's own master data (assess_run.h): the policy in force, the
// engine input, and the once-per-enterprise awards of earlier years. Booking is in
// assess_record.cpp.
#include "ledger/assess_run.h"

#include <algorithm>
#include <map>
#include <set>

#include "ledger/error.h"
#include "ledger/masterdata.h"

namespace subsidy {

namespace {

// A policy period is a few years; this bounds the walk over earlier years all the same.
constexpr int kMaxEarlierYears = 50;

std::optional<Money> find_retention(const std::vector<TaxRetention>& rows,
                                    const std::string& uscc) {
  const auto it = std::lower_bound(
      rows.begin(), rows.end(), uscc,
      [](const TaxRetention& row, const std::string& key) { return row.uscc < key; });
  if (it == rows.end() || it->uscc != uscc) return std::nullopt;
  return it->local_retained_tax;
}

}  // namespace

const Policy& policy_for_assessment(const std::vector<Policy>& policies, int year) {
  if (policies.empty()) throw RefusedError("the ledger holds no policy; run `subsidy init` first");
  if (const Policy* in_force = policy_for_year(policies, year)) return *in_force;
  const auto latest = std::max_element(
      policies.begin(), policies.end(),
      [](const Policy& a, const Policy& b) { return a.effective_from() < b.effective_from(); });
  return *latest;
}

AssessInput load_assess_input(Db& db, int year, std::vector<EarlierAward> earlier_awards) {
  AssessInput input;
  input.year = year;
  input.earlier_awards = std::move(earlier_awards);
  std::vector<TaxRetention> retention = load_tax_retention(db, year);
  std::sort(retention.begin(), retention.end(),
            [](const TaxRetention& a, const TaxRetention& b) { return a.uscc < b.uscc; });
  std::map<std::string, std::vector<EventInput>> events;
  for (ComplianceEvent& event : load_compliance_events(db, year)) {
    events[event.uscc].push_back(EventInput{std::move(event.event), event.factor});
  }
  const std::vector<Project> projects = load_projects(db);
  std::set<std::string> wanted_projects, wanted_enterprises;
  for (Application& row : load_applications(db, year, projects)) {
    wanted_projects.insert(row.project_id);
    wanted_enterprises.insert(row.uscc);
    input.applications.push_back(ApplicationInput{
        row.application_id, row.project_id, row.uscc, row.scheme, row.equipment_amount,
        row.software_amount, row.total_investment, row.rd_expense, row.info_investment,
        row.loan_amount, row.service_revenue, row.staff_count});
  }
  for (const Project& project : projects) {
    if (wanted_projects.count(project.project_id) == 0) continue;
    input.projects.push_back(ProjectInput{project.project_id, project.superior_award});
  }
  for (Enterprise& enterprise : load_enterprises(db)) {
    if (wanted_enterprises.count(enterprise.uscc) == 0) continue;
    EnterpriseInput row;
    row.uscc = enterprise.uscc;
    row.region_code = enterprise.region_code;
    row.local_retained_tax = find_retention(retention, enterprise.uscc);
    if (auto it = events.find(enterprise.uscc); it != events.end()) row.events = it->second;
    input.enterprises.push_back(std::move(row));
  }
  return input;
}

std::vector<EarlierAward> earlier_once_awards(Db& db, const Policy& policy, int year) {
  std::set<std::string> once_schemes;
  for (const Scheme& scheme : policy.schemes()) {
    if (scheme.once_per_enterprise) once_schemes.insert(scheme.code);
  }
  std::vector<EarlierAward> awards;
  if (once_schemes.empty()) return awards;
  const int first_year = std::max(policy.effective_from().year, year - kMaxEarlierYears);
  for (int earlier = first_year; earlier < year; ++earlier) {
    if (!policy.covers_year(earlier)) continue;
    // Each earlier year sees the once-awards of the years before it, as it did when assessed.
    const Assessment past = assess(policy, load_assess_input(db, earlier, awards));
    for (const ApplicationResult& result : past.applications) {
      if (result.status == Status::awarded && once_schemes.count(result.scheme) != 0) {
        awards.push_back(EarlierAward{result.uscc, result.scheme});
      }
    }
  }
  return awards;
}

Assessment assess_year(Db& db, const std::vector<Policy>& policies, int year,
                       const AssessOptions& options, const Policy** policy_used) {
  const Policy& policy = policy_for_assessment(policies, year);
  if (policy_used != nullptr) *policy_used = &policy;
  return assess(policy, load_assess_input(db, year, earlier_once_awards(db, policy, year)),
                options);
}

}  // namespace subsidy
