// The policy engine's frame: indexing the input (sorted by application_id, uscc and project_id, so
// that the result cannot depend on the order of the rows), running the policy's rules in their
// order, and assembling the results with the enterprise totals.
#include <algorithm>
#include <iterator>
#include <mutex>
#include <set>
#include <unordered_map>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/key_index.h"
#include "ledger/engine/assess_engine.h"

namespace subsidy {

namespace {

// The number of reason codes, from the last one (the enum has no count of its own).
constexpr size_t kReasonCodeCount = static_cast<size_t>(ReasonCode::capped_by_fund) + 1;
constexpr std::string_view kReasonNames[] = {"condition_failed",        "ineligible",
                                             "outside_policy_period",   "already_awarded",
                                             "capped_by_scheme",        "not_highest_for_project",
                                             "superior_award_higher",   "topped_up_over_superior",
                                             "capped_by_loan_limit",    "safety_factor",
                                             "capped_by_tax_retention", "no_tax_retention",
                                             "below_lowest_band",       "base_multiplied",
                                             "capped_by_limit",         "capped_by_fund"};
static_assert(std::size(kReasonNames) == kReasonCodeCount, "one name per ReasonCode");

// Sorted copies of pointers to the rows, refusing a key given twice.
template <typename Row, typename Key>
std::vector<const Row*> sorted_unique(const std::vector<Row>& rows, Key key, const char* what) {
  std::vector<const Row*> sorted;
  sorted.reserve(rows.size());
  for (const Row& row : rows) sorted.push_back(&row);
  std::sort(sorted.begin(), sorted.end(),
            [&](const Row* a, const Row* b) { return key(*a) < key(*b); });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (key(*sorted[i - 1]) == key(*sorted[i])) {
      throw RefusedError(std::string(what) + " " + key(*sorted[i]) + " is given twice");
    }
  }
  SUBSIDY_ASSERT(sorted.size() == rows.size());
  return sorted;
}

template <typename Row, typename Key>
KeyIndex index_of(const std::vector<const Row*>& sorted, Key key) {
  KeyIndex index(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    const bool added = index.insert(key(*sorted[i]), uint32_t(i));
    SUBSIDY_ASSERT_MSG(added, "sorted_unique refused repeated keys");
  }
  SUBSIDY_ASSERT(index.size() == sorted.size());
  return index;
}

}  // namespace

std::string_view step_kind_name(StepKind kind) {
  static constexpr std::array<std::string_view, kStepKindCount> kNames = {
      "period",         "eligibility",  "condition",           "formula",
      "tier",           "scheme_cap",   "once_per_enterprise", "project_highest",
      "project_top_up", "scheme_limit", "safety_factor",       "tax_retention",
      "cost_split",     "band",         "once_per_project",    "fund_limit"};
  static_assert(kNames.size() == kStepKindCount, "one name per StepKind");
  return kNames[static_cast<size_t>(kind)];
}

std::optional<Status> status_from_name(std::string_view name) {
  for (const Status status : {Status::awarded, Status::rejected, Status::held}) {
    if (status_name(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view status_name(Status status) {
  switch (status) {
    case Status::awarded:
      return "awarded";
    case Status::rejected:
      return "rejected";
    case Status::held:
      return "held";
  }
  return "?";
}

std::string_view reason_code_name(ReasonCode code) {
  SUBSIDY_ASSERT(static_cast<size_t>(code) < kReasonCodeCount);
  return kReasonNames[size_t(code)];
}

std::string Reason::to_string() const {
  std::string text(reason_code_name(code));
  if (!detail.empty()) text.append(":").append(detail);
  SUBSIDY_ASSERT(!text.empty());
  return text;
}

Assessment assess(const Policy& policy, const AssessInput& input, const AssessOptions& options) {
  Assessment assessment = engine::Engine(policy, input, options).run();
  SUBSIDY_ASSERT_MSG(assessment.applications.size() == input.applications.size(),
                     "one result per application");
  return assessment;
}

namespace engine {

std::string_view interned(std::string_view name) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> names;  // nodes never move: the views stay valid
  const std::lock_guard<std::mutex> lock(mutex);
  auto found = names.find(name);
  if (found == names.end()) found = names.emplace(name).first;
  SUBSIDY_ASSERT_MSG(names.size() <= 100'000, "limit names come from policy files, a few each");
  return *found;
}

Engine::Engine(const Policy& policy, const AssessInput& input, const AssessOptions& options)
    : policy_(policy), input_(input), options_(options) {
  SUBSIDY_ASSERT(apps_.empty() && traces_.empty());
}

Assessment Engine::run() {
  index_enterprises_and_projects();
  index_applications();
  SUBSIDY_ASSERT(apps_.size() == input_.applications.size());
  if (!policy_.covers_year(input_.year)) {
    reject_outside_period();
    return results();
  }
  group(by_enterprise_, enterprise_begin_, enterprises_.size(), &AppState::enterprise);
  group(by_project_, project_begin_, projects_.size(), &AppState::project);
  SUBSIDY_ASSERT(by_enterprise_.size() == apps_.size() && by_project_.size() == apps_.size());
  for (const Rule& rule : policy_.rules()) {
    switch (rule.kind) {
      case RuleKind::eligibility:
        apply_eligibility(rule);
        break;
      case RuleKind::scheme_formula:
        apply_formulas(rule);
        break;
      case RuleKind::one_award_per_project:
        apply_project_rule(rule);
        break;
      case RuleKind::enterprise_scheme_limit:
        apply_scheme_limit(rule);
        break;
      case RuleKind::safety_factor:
        apply_safety_factor(rule);
        break;
      case RuleKind::tax_retention:
        apply_tax_retention(rule);
        break;
      case RuleKind::cost_split:
        apply_cost_split(rule);
        break;
      case RuleKind::fund_limit:
        apply_fund_limit(rule);
        break;
    }
  }
  return results();
}

void Engine::index_enterprises_and_projects() {
  enterprises_ = sorted_unique(
      input_.enterprises, [](const EnterpriseInput& e) -> const std::string& { return e.uscc; },
      "enterprise");
  projects_ = sorted_unique(
      input_.projects, [](const ProjectInput& p) -> const std::string& { return p.project_id; },
      "project");
  // The rules share these out and subtract them; a negative one would pay money the wrong way.
  for (const EnterpriseInput* enterprise : enterprises_) {
    if (enterprise->local_retained_tax && enterprise->local_retained_tax->is_negative()) {
      throw RefusedError("enterprise " + enterprise->uscc + ": local_retained_tax is negative");
    }
  }
  for (const ProjectInput* project : projects_) {
    if (project->superior_award && project->superior_award->is_negative()) {
      throw RefusedError("project " + project->project_id + ": superior_award is negative");
    }
  }
  SUBSIDY_ASSERT(enterprises_.size() == input_.enterprises.size());
  SUBSIDY_ASSERT(projects_.size() == input_.projects.size());
}

void Engine::index_applications() {
  const auto apps = sorted_unique(
      input_.applications,
      [](const ApplicationInput& a) -> const std::string& { return a.application_id; },
      "application");
  const auto enterprise_index =
      index_of(enterprises_, [](const EnterpriseInput& e) -> std::string_view { return e.uscc; });
  const auto project_index =
      index_of(projects_, [](const ProjectInput& p) -> std::string_view { return p.project_id; });
  std::unordered_map<std::string_view, uint32_t> scheme_index;
  for (size_t i = 0; i < policy_.schemes().size(); ++i) {
    scheme_index.emplace(policy_.schemes()[i].code, uint32_t(i));
  }
  const bool in_period = policy_.covers_year(input_.year);
  apps_.resize(apps.size());
  for (size_t i = 0; i < apps.size(); ++i) {
    AppState& app = apps_[i];
    app.input = apps[i];
    const std::string& id = app.input->application_id;
    const std::optional<uint32_t> enterprise = enterprise_index.find(app.input->uscc);
    if (!enterprise) {
      throw RefusedError("application " + id + ": enterprise " + app.input->uscc + " is unknown");
    }
    const std::optional<uint32_t> project = project_index.find(app.input->project_id);
    if (!project) {
      throw RefusedError("application " + id + ": project " + app.input->project_id +
                         " is unknown");
    }
    app.enterprise = *enterprise;
    app.project = *project;
    SUBSIDY_ASSERT(app.enterprise < enterprises_.size() && app.project < projects_.size());
    if (!in_period) continue;  // outside its period the policy's schemes do not matter
    auto scheme = scheme_index.find(app.input->scheme);
    if (scheme == scheme_index.end()) {
      throw RefusedError("application " + id + ": scheme " + app.input->scheme +
                         " is not in policy " + policy_.id());
    }
    app.scheme = scheme->second;
    SUBSIDY_ASSERT(app.scheme < policy_.schemes().size());
    check_columns(app);
  }
  // Traces last, once apps_ no longer moves. The ids are sorted so that looking up many is cheap.
  std::vector<std::string_view> traced(options_.trace_ids.begin(), options_.trace_ids.end());
  std::sort(traced.begin(), traced.end());
  // Reserved for every match (ids are unique), so the pointers below stay valid.
  traces_.reserve(options_.trace_all ? apps_.size() : traced.size());
  for (AppState& app : apps_) {
    if (options_.trace_all ||
        std::binary_search(traced.begin(), traced.end(), app.input->application_id)) {
      app.trace = &traces_.emplace_back();
    }
  }
  SUBSIDY_ASSERT_MSG(traces_.size() <= traces_.capacity(), "no trace moved after its pointer");
}

void Engine::check_columns(const AppState& app) const {
  SUBSIDY_ASSERT(app.input != nullptr && app.scheme < policy_.schemes().size());
  const Scheme& scheme = policy_.schemes()[app.scheme];
  for (const std::string& name : scheme.inputs) {
    const std::optional<Decimal> value = column_value(*app.input, *column_from_name(name));
    if (!value || value->is_negative()) {
      throw RefusedError("application " + app.input->application_id + ": " + name + " is " +
                         (value ? "negative" : "empty") + " but scheme " + scheme.code +
                         " reads it");
    }
  }
}

// A counting sort of the application positions by `key`: group g's positions are
// order[begin[g] .. begin[g+1]), in application_id order because apps_ is.
void Engine::group(std::vector<uint32_t>& order, std::vector<uint32_t>& begin, size_t groups,
                   uint32_t AppState::*key) {
  begin.assign(groups + 1, 0);
  for (const AppState& app : apps_) ++begin[app.*key + 1];
  for (size_t g = 0; g < groups; ++g) begin[g + 1] += begin[g];
  order.resize(apps_.size());
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (size_t i = 0; i < apps_.size(); ++i) order[next[apps_[i].*key]++] = uint32_t(i);
  SUBSIDY_ASSERT_MSG(begin[groups] == apps_.size(), "every application is in one group");
}

std::span<const uint32_t> Engine::enterprise_apps(size_t enterprise) const {
  SUBSIDY_ASSERT(enterprise + 1 < enterprise_begin_.size());
  return std::span<const uint32_t>(by_enterprise_)
      .subspan(enterprise_begin_[enterprise],
               enterprise_begin_[enterprise + 1] - enterprise_begin_[enterprise]);
}

std::span<const uint32_t> Engine::project_apps(size_t project) const {
  SUBSIDY_ASSERT(project + 1 < project_begin_.size());
  return std::span<const uint32_t>(by_project_)
      .subspan(project_begin_[project], project_begin_[project + 1] - project_begin_[project]);
}

// One flag per scheme of the policy: set for the schemes named in `codes`.
std::vector<char> Engine::scheme_flags(const std::vector<std::string>& codes) const {
  std::vector<char> flags(policy_.schemes().size(), 0);
  for (size_t i = 0; i < flags.size(); ++i) {
    const std::string& code = policy_.schemes()[i].code;
    flags[i] = std::find(codes.begin(), codes.end(), code) != codes.end() ? 1 : 0;
  }
  SUBSIDY_ASSERT(flags.size() == policy_.schemes().size());
  return flags;
}

TraceStep& Engine::step(AppState& app, StepKind kind, std::string_view rule_code) {
  SUBSIDY_ASSERT_MSG(app.trace != nullptr, "steps are recorded for traced applications only");
  TraceStep& added = app.trace->emplace_back();
  added.kind = kind;
  added.rule = rule_code;
  added.result = app.amount;
  return added;
}

void Engine::reject(AppState& app, Reason reason) {
  SUBSIDY_ASSERT(static_cast<size_t>(reason.code) < kReasonCodeCount);
  app.status = Status::rejected;
  app.amount = Money();
  app.reasons.push_back(reason);
}

Assessment Engine::results() {
  Assessment out;
  out.year = input_.year;
  out.policy_id = policy_.id();
  if (policy_.declares_version()) {
    out.policy_version = policy_.version();
    out.policy_document = policy_.document_number();
  }
  out.applications.reserve(apps_.size());
  std::vector<EnterpriseResult> totals(enterprises_.size());
  std::vector<char> has_application(enterprises_.size(), 0);
  for (AppState& app : apps_) {
    SUBSIDY_ASSERT(app.input != nullptr && app.enterprise < enterprises_.size());
    SUBSIDY_ASSERT_MSG(app.status != Status::rejected || app.amount.is_zero(),
                       "a rejected application carries no amount");
    ApplicationResult& result = out.applications.emplace_back();
    result.application_id = app.input->application_id;
    result.project_id = app.input->project_id;
    result.uscc = app.input->uscc;
    result.scheme = app.input->scheme;
    result.status = app.status;
    result.amount = app.amount;
    result.county_share = app.county_share;
    result.region_share = app.region_share;
    result.reasons = std::move(app.reasons);
    result.formula_amount = app.formula_amount;
    result.retention_claim = app.retention_claim;
    if (app.trace != nullptr) result.trace = std::move(*app.trace);
    EnterpriseResult& total = totals[app.enterprise];
    has_application[app.enterprise] = 1;
    if (app.status != Status::awarded) continue;
    total.total += app.amount;
    total.county_share += app.county_share;
    total.region_share += app.region_share;
  }
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    if (has_application[e] == 0) continue;
    EnterpriseResult& total = out.enterprises.emplace_back(std::move(totals[e]));
    total.uscc = enterprises_[e]->uscc;
    total.region_code = enterprises_[e]->region_code;
    total.local_retained_tax = enterprises_[e]->local_retained_tax;
  }
  SUBSIDY_ASSERT(out.applications.size() == apps_.size());
  SUBSIDY_ASSERT(out.enterprises.size() <= enterprises_.size());
  return out;
}

}  // namespace engine
}  // namespace subsidy
