// Private to the policy engine: the working state of one assessment and the stages that change it,
// split over assess.cpp (indexing, the run, results), assess_formula.cpp (Y, E, the formulas, the
// once-per-enterprise schemes) and assess_limits.cpp (P, L, S, T, C).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ledger/engine/assess.h"
#include "ledger/engine/number_text.h"

namespace subsidy::engine {

// One application while the rules run over it.
struct AppState {
  const ApplicationInput* input = nullptr;
  uint32_t scheme = 0;      // index into Policy::schemes()
  uint32_t enterprise = 0;  // index into Engine::enterprises_ (sorted by uscc)
  uint32_t project = 0;     // index into Engine::projects_ (sorted by project_id)
  Status status = Status::awarded;
  Money amount;
  Money county_share, region_share;
  std::vector<Reason> reasons;
  std::optional<Money> formula_amount;   // ApplicationResult::formula_amount
  std::optional<Money> retention_claim;  // ApplicationResult::retention_claim
  std::vector<TraceStep>* trace = nullptr;  // set only for traced applications
};

class Engine {
 public:
  Engine(const Policy& policy, const AssessInput& input, const AssessOptions& options);
  Assessment run();

 private:
  // assess.cpp
  void index_enterprises_and_projects();
  void index_applications();
  void check_columns(const AppState& app) const;
  void group(std::vector<uint32_t>& order, std::vector<uint32_t>& begin, size_t groups,
             uint32_t AppState::*key);
  std::span<const uint32_t> enterprise_apps(size_t enterprise) const;
  std::span<const uint32_t> project_apps(size_t project) const;
  std::vector<char> scheme_flags(const std::vector<std::string>& codes) const;
  Assessment results();

  // assess_formula.cpp
  void reject_outside_period();
  void apply_eligibility(const Rule& rule);
  void apply_formulas(const Rule& rule);
  Money scheme_amount(AppState& app, const Rule& rule, Rounding rounding, Money& unmultiplied);
  Money rate_amount(AppState& app, const Rule& rule, Rounding rounding, Money& unmultiplied);
  Money band_amount(AppState& app, const Rule& rule, Rounding rounding, Money& unmultiplied);
  bool conditions_hold(AppState& app, const std::vector<Condition>& conditions, const Rule& rule,
                       bool reject_on_failure);
  void apply_once_per_enterprise(const Rule& rule);
  void keep_highest_once(std::span<const uint32_t> positions, const Rule& rule);

  // assess_limits.cpp
  void apply_project_rule(const Rule& rule);
  void top_up(AppState& winner, const Rule& rule);
  void apply_scheme_limit(const Rule& rule);
  void apply_safety_factor(const Rule& rule);
  void apply_tax_retention(const Rule& rule);
  void apply_cost_split(const Rule& rule);
  void apply_fund_limit(const Rule& rule);
  void share_limit(std::span<const uint32_t> positions, Money limit, Reason reason, StepKind kind,
                   const Rule& rule);

  // Shared helpers.
  TraceStep& step(AppState& app, StepKind kind, std::string_view rule_code);
  void reject(AppState& app, Reason reason);

  const Policy& policy_;
  const AssessInput& input_;
  const AssessOptions& options_;
  std::vector<AppState> apps_;                              // sorted by application_id
  std::vector<const EnterpriseInput*> enterprises_;         // sorted by uscc
  std::vector<const ProjectInput*> projects_;               // sorted by project_id
  std::vector<uint32_t> by_enterprise_, enterprise_begin_;  // app positions grouped by enterprise
  std::vector<uint32_t> by_project_, project_begin_;        // app positions grouped by project
  std::vector<std::vector<TraceStep>> traces_;              // owned traces of traced applications
  std::vector<uint32_t> scratch_;                           // reused position lists
};

// The same text with static storage (for a Reason::detail that names a policy's limit).
std::string_view interned(std::string_view name);

// The value of a column of the row as an exact decimal (yuan, or a count), nullopt when empty.
std::optional<Decimal> column_value(const ApplicationInput& row, InputColumn column);

}  // namespace subsidy::engine
