// Assessing a year from the ledger's own master data (assess_run.h): the policy in force, the
// engine input, and the once-per-enterprise awards of earlier years. Booking is in
// assess_record.cpp.
#include "ledger/awards/assess_run.h"

#include <algorithm>
#include <map>
#include <set>

#include "ledger/base/error.h"

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

// Appends to `input` the enterprises flagged in `named` (positions in master.enterprises()), each
// with its retention figure and compliance events of `year`.
void add_named_enterprises(Db& db, const AssessMasterData& master, int year,
                           const std::vector<char>& named, AssessInput& input) {
  std::vector<TaxRetention> retention = load_tax_retention(db, year);
  std::sort(retention.begin(), retention.end(),
            [](const TaxRetention& a, const TaxRetention& b) { return a.uscc < b.uscc; });
  std::map<std::string, std::vector<EventInput>> events;
  for (ComplianceEvent& event : load_compliance_events(db, year)) {
    events[event.uscc].push_back(EventInput{std::move(event.event), event.factor});
  }
  for (size_t i = 0; i < named.size(); ++i) {
    if (named[i] == 0) continue;
    const EnterpriseRegion& enterprise = master.enterprises()[i];
    EnterpriseInput row;
    row.uscc = enterprise.uscc;
    row.region_code = enterprise.region_code;
    row.local_retained_tax = find_retention(retention, enterprise.uscc);
    if (auto it = events.find(enterprise.uscc); it != events.end()) row.events = it->second;
    input.enterprises.push_back(std::move(row));
  }
}

std::set<std::string> once_scheme_codes(const Policy& policy) {
  std::set<std::string> codes;
  for (const Scheme& scheme : policy.schemes()) {
    if (scheme.is_once()) codes.insert(scheme.code);
  }
  return codes;
}

bool looks_across_policies(const Policy& policy) {
  for (const Scheme& scheme : policy.schemes()) {
    if (scheme.once_across_policies) return true;
  }
  return false;
}

// The earlier once-awards `policy` counts: those of years under its own chain of versions, and of
// other years only for its schemes marked once_across_policies.
std::vector<EarlierAward> awards_seen_by(const std::vector<Policy>& policies, const Policy& policy,
                                         const std::vector<EarlierAward>& awards) {
  const Policy& first = first_version(policies, policy);
  std::vector<EarlierAward> seen;
  for (const EarlierAward& award : awards) {
    const Policy* in_force = policy_for_year(policies, award.year);
    const bool same_chain =
        in_force != nullptr && first_version(policies, *in_force).id() == first.id();
    if (same_chain ||
        (policy.has_scheme(award.scheme) && policy.scheme(award.scheme).once_across_policies)) {
      seen.push_back(award);
    }
  }
  return seen;
}

}  // namespace

const Policy& policy_for_assessment(const std::vector<Policy>& policies, AwardYear year) {
  if (policies.empty()) throw RefusedError("the ledger holds no policy; run `subsidy init` first");
  if (const Policy* in_force = policy_for_year(policies, year.value)) return *in_force;
  const auto latest = std::max_element(
      policies.begin(), policies.end(),
      [](const Policy& a, const Policy& b) { return a.effective_from() < b.effective_from(); });
  return *latest;
}

AssessMasterData::AssessMasterData(Db& db)
    : projects_(db),
      enterprises_(load_enterprise_regions(db)),
      enterprise_position_(enterprises_.size()) {
  for (size_t i = 0; i < enterprises_.size(); ++i) {
    enterprise_position_.insert(enterprises_[i].uscc, static_cast<uint32_t>(i));
  }
}

std::optional<uint32_t> AssessMasterData::enterprise_position(std::string_view uscc) const {
  return enterprise_position_.find(uscc);
}

AssessInput load_assess_input(Db& db, const AssessMasterData& master, AwardYear award_year,
                              std::vector<EarlierAward> earlier_awards,
                              const std::vector<char>* concerned) {
  const int year = award_year.value;
  AssessInput input;
  input.year = year;
  input.earlier_awards = std::move(earlier_awards);
  // Which projects and enterprises the year's applications name, by position in `master`: flags
  // rather than sets of strings, because at a million applications the sets cost more than the
  // assessment.
  std::vector<char> project_named(master.projects().projects().size(), 0);
  std::vector<char> enterprise_named(master.enterprises().size(), 0);
  std::vector<uint32_t> project_positions;
  std::vector<Application> rows =
      load_applications(db, year, master.projects(), &project_positions);
  input.applications.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    Application& row = rows[i];
    const std::optional<uint32_t> enterprise = master.enterprise_position(row.uscc);
    if (concerned != nullptr && !(enterprise && (*concerned)[*enterprise] != 0)) continue;
    project_named[project_positions[i]] = 1;
    // An unknown owner is left unflagged: the engine refuses the application, naming it.
    if (enterprise) enterprise_named[*enterprise] = 1;
    input.applications.push_back(ApplicationInput{std::move(row.application_id),
                                                  std::move(row.project_id), std::move(row.uscc),
                                                  std::move(row.scheme), row.inputs});
  }
  for (size_t i = 0; i < project_named.size(); ++i) {
    if (project_named[i] == 0) continue;
    const Project& project = master.projects().projects()[i];
    input.projects.push_back(ProjectInput{project.project_id, project.superior_award});
  }
  add_named_enterprises(db, master, year, enterprise_named, input);
  return input;
}

std::vector<char> once_scheme_applicants(const AssessMasterData& master, const Policy& policy,
                                         const AssessInput& input) {
  const std::set<std::string> once_schemes = once_scheme_codes(policy);
  std::vector<char> applicants(master.enterprises().size(), 0);
  for (const ApplicationInput& application : input.applications) {
    if (once_schemes.count(application.scheme) == 0) continue;
    if (auto enterprise = master.enterprise_position(application.uscc)) applicants[*enterprise] = 1;
  }
  return applicants;
}

std::vector<EarlierAward> earlier_once_awards(Db& db, const AssessMasterData& master,
                                              const std::vector<Policy>& policies,
                                              const Policy& policy, AwardYear award_year,
                                              const std::vector<char>* concerned) {
  const int year = award_year.value;
  std::vector<EarlierAward> awards;
  if (once_scheme_codes(policy).empty()) return awards;
  // When any policy looks across policies, every earlier year is walked, so that each earlier year
  // is assessed as it was (its own policy may look across too); collecting the awards of every
  // scheme that is once in any policy keeps what each year sees independent of who asks.
  bool across = false;
  std::set<std::string> once_schemes;
  for (const Policy& other : policies) {
    across = across || looks_across_policies(other);
    once_schemes.merge(once_scheme_codes(other));
  }
  const Policy& first = first_version(policies, policy);
  int first_year = first.effective_from().year;
  if (across) {
    for (const Policy& other : policies)
      first_year = std::min(first_year, other.effective_from().year);
  }
  first_year = std::max(first_year, year - kMaxEarlierYears);
  for (int earlier = first_year; earlier < year; ++earlier) {
    const Policy* in_force = policy_for_year(policies, earlier);
    if (in_force == nullptr) continue;
    const bool same_chain = first_version(policies, *in_force).id() == first.id();
    if (!same_chain && !across) continue;
    // Each earlier year sees the once-awards it saw when assessed (awards_seen_by), under its own
    // policy.
    AssessInput input = load_assess_input(db, master, AwardYear(earlier),
                                          awards_seen_by(policies, *in_force, awards), concerned);
    input.period_first_year = first_version(policies, *in_force).effective_from().year;
    const Assessment past = assess(*in_force, input);
    for (const ApplicationResult& result : past.applications) {
      if (result.status == Status::awarded && once_schemes.count(result.scheme) != 0) {
        awards.push_back(EarlierAward{result.uscc, result.scheme, result.project_id, earlier});
      }
    }
  }
  return awards_seen_by(policies, policy, awards);
}

Assessment assess_year(Db& db, const std::vector<Policy>& policies, AwardYear year,
                       const AssessOptions& options, const Policy** policy_used) {
  const Policy& policy = policy_for_assessment(policies, year);
  if (policy_used != nullptr) *policy_used = &policy;
  const AssessMasterData master(db);
  AssessInput input = load_assess_input(db, master, year, {});
  const std::vector<char> concerned = once_scheme_applicants(master, policy, input);
  input.earlier_awards = earlier_once_awards(db, master, policies, policy, year, &concerned);
  input.period_first_year = first_version(policies, policy).effective_from().year;
  return assess(policy, input, options);
}

}  // namespace subsidy
