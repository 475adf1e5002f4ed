// A support policy as data: its identity and effective period, its schemes (formula kind, exact
// parameters, conditions) and its limits in the order they apply. The engine (assess.h) knows the
// rule and formula KINDS; every number comes from a policy file (docs/policy-format.md), so a later
// policy is a new file, not a code change. Loading validates the whole file and refuses it with
// `file:line:column: reason` problems.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ledger/money/decimal.h"
#include "ledger/money/money.h"
#include "ledger/policy/input_columns.h"

namespace subsidy {

// How a condition compares a column with its bound. 以上 is at_least (>=), 超过 is more_than (>).
enum class Comparison { at_least, more_than, at_most, less_than };
// ">=", ">", "<=", "<", and back (nullopt for anything else).
std::string_view comparison_symbol(Comparison op);
std::optional<Comparison> comparison_from_symbol(std::string_view symbol);

struct Condition {
  InputColumn column = InputColumn::equipment_amount;
  Comparison op = Comparison::at_least;
  Decimal bound;  // in yuan for money columns, a count for staff_count
};

enum class FormulaKind { fixed, rate_times_base, sum_of_rates, tiers, band_rate };
// "fixed", "rate_times_base", "sum_of_rates", "tiers", "band_rate", and back (nullopt otherwise).
std::string_view formula_kind_name(FormulaKind kind);
std::optional<FormulaKind> formula_kind_from_name(std::string_view name);

struct RateTerm {
  Decimal rate;  // 0 <= rate <= 1
  InputColumn base = InputColumn::equipment_amount;
  // The base counted at this factor (e.g. 1.5: certified first-set equipment at 150% of its
  // price); 0 < factor <= kMaxBaseFactor, 1 unless the file says otherwise.
  Decimal factor = Decimal::from_integer(1);
};
// The largest base factor a policy file may give (1000%): no real policy comes near it.
inline constexpr int64_t kMaxBaseFactor = 10;

// A band of a band_rate formula: the rate for a base of at least `from` (以上: the bound included)
// and below the next band's `from`.
struct Band {
  Money from;
  Decimal rate;  // 0 <= rate <= 1
};

// How often a scheme may be awarded (一次性 and its variants). An award of an earlier year counts
// when AssessInput::earlier_awards names it: the caller decides how far back it looks.
enum class OnceScope {
  none,
  per_project,               // once per project (per scheme), in this year or an earlier one
  per_enterprise_in_period,  // once per enterprise, earlier years counted from the period's start
  per_enterprise_ever,       // once per enterprise, ever (the Siyang 一次性)
};
// "project", "enterprise_in_period", "enterprise_ever" as the `once` key writes them, and back;
// nullopt for anything else (and for none).
std::string_view once_scope_name(OnceScope scope);
std::optional<OnceScope> once_scope_from_name(std::string_view name);

struct Tier {
  Money amount;
  std::vector<Condition> conditions;  // all must hold
};

struct Scheme {
  std::string code;    // e.g. "robot_purchase"
  std::string name;    // Chinese name for tables and explanations
  std::string clause;  // e.g. "三(一)"
  std::string seed;    // the words of the policy text
  FormulaKind formula = FormulaKind::fixed;
  Money amount;                       // fixed only
  std::vector<RateTerm> terms;        // rate_times_base (one term) and sum_of_rates (one or more);
                                      // band_rate: its base as one term of rate 1
  std::vector<Tier> tiers;            // tiers only, tried in order
  std::vector<Band> bands;            // band_rate only, `from` strictly ascending
  bool progressive = false;           // band_rate: each band's rate on the slice within it
  std::optional<Money> cap;           // the scheme's own cap, applied after rounding
  std::vector<Condition> conditions;  // all must hold, else the application is rejected
  OnceScope once = OnceScope::none;   // 一次性 and its variants
  // `once_across_policies = true`: earlier awards under the ledger's other policies count too
  // (otherwise only those of this policy and its versions).
  bool once_across_policies = false;
  bool is_once() const { return once != OnceScope::none; }
  std::vector<std::string> inputs;  // the columns read by formula and conditions, first use first
};

// The rule kinds the engine implements, one per step of POLICY.md section 3.
enum class RuleKind {
  eligibility,              // E: listed events of the year exclude the enterprise
  scheme_formula,           // step 2: each application's formula, rounding and own cap
  one_award_per_project,    // P: the highest per project, top-up over superior awards
  enterprise_scheme_limit,  // L: a yearly limit per enterprise over some schemes, pro rata
  safety_factor,            // S: awards × factor when a listed event happened
  tax_retention,            // T: awards at most the local retained tax, pro rata; else held
  cost_split,               // C: county / region shares
  fund_limit,               // the year's fund shared pro rata over all awards when oversubscribed
};
// "eligibility", "scheme_formula", ... as written in policy files, and back (nullopt otherwise).
std::string_view rule_kind_name(RuleKind kind);
std::optional<RuleKind> rule_kind_from_name(std::string_view name);

// The compliance events of INTERFACE.md ("major_safety_accident", ..., "general_safety_accident"):
// a policy may only name these, so that a misspelt event cannot silently never match.
bool is_known_compliance_event(std::string_view event);
// The same name with static storage (for reasons that outlive the input), or nullopt when unknown.
std::optional<std::string_view> known_compliance_event(std::string_view event);

struct EligibilityParams {
  std::vector<std::string> events;  // any of these in the award year: nothing that year
};
struct FormulaParams {
  Rounding rounding = Rounding::half_up;
};
// The highest award per project; a project's superior (higher-level) award is topped up to it.
struct ProjectParams {
  std::vector<std::string> exempt_schemes;  // schemes outside the rule (they stand beside others)
};
struct SchemeLimitParams {
  std::vector<std::string> schemes;  // the schemes whose awards share the limit (all: every scheme)
  Money limit;                       // per enterprise and award year
  // The limit's name in its reason, capped_by_limit:<name>; empty for the historical loan limit,
  // whose reason is capped_by_loan_limit. Names are unique within a policy.
  std::string name;
};
// A fund per award year shared pro rata over the awards of `schemes` (all when empty).
struct FundLimitParams {
  std::vector<std::string> schemes;
  Money limit;  // per award year
};
struct SafetyFactorParams {
  std::string event;       // e.g. "general_safety_accident"
  Decimal default_factor;  // when the event carries no factor
  Decimal max_factor;      // a recorded factor above this is lowered to it
  Rounding rounding = Rounding::half_up;
};
struct TaxRetentionParams {};
enum class Party { county, region };
struct CostSplitParams {
  Decimal region_rate;                           // the region's part of an award, 0..1
  Party odd_fen = Party::county;                 // who gets the fen a split cannot share
  std::vector<std::string> county_only_schemes;  // borne by the county alone
};

struct Rule {
  RuleKind kind = RuleKind::scheme_formula;
  std::string code;    // "E", "P", ... as POLICY.md names them
  std::string clause;  // where in the policy text
  std::string seed;    // the words of the policy text
  std::variant<EligibilityParams, FormulaParams, ProjectParams, SchemeLimitParams,
               SafetyFactorParams, TaxRetentionParams, CostSplitParams, FundLimitParams>
      params;
};

struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CalendarDate&) const = default;
  std::string to_string() const;  // "2022-01-01"
};

class Policy {
 public:
  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }
  const std::string& document_number() const { return document_number_; }
  const std::string& issuer() const { return issuer_; }
  const std::string& source_name() const { return source_name_; }
  CalendarDate effective_from() const { return effective_from_; }
  CalendarDate effective_to() const { return effective_to_; }  // inclusive
  const std::string& period_seed() const { return period_seed_; }
  // The version number (`version`, 1 when absent) and whether the file declares one; a version
  // above 1 amends the policy version whose id is amends() (empty for a first version).
  int version() const { return version_; }
  bool declares_version() const { return version_declared_; }
  const std::string& amends() const { return amends_; }

  // True when the policy is in force on 31 December of `year`: an award year is assessed on that
  // year's results, so it belongs to the policy in force when the year closes.
  bool covers_year(int year) const;

  const std::vector<Scheme>& schemes() const { return schemes_; }
  bool has_scheme(std::string_view code) const;
  // The scheme with that code. Throws RefusedError naming the policy when there is none.
  const Scheme& scheme(std::string_view code) const;
  // The application columns the scheme's formula and conditions read (empty for fixed amounts);
  // the importer requires these cells to be filled. Throws RefusedError for an unknown scheme.
  const std::vector<std::string>& scheme_inputs(std::string_view code) const;

  // The rules in the order they apply.
  const std::vector<Rule>& rules() const { return rules_; }
  // The first rule of that kind, or nullptr when the policy has none.
  const Rule* find_rule(RuleKind kind) const;

 private:
  friend class PolicyLoader;  // the only writer: a Policy is always a validated file
  std::string id_, title_, document_number_, issuer_, source_name_, period_seed_;
  CalendarDate effective_from_, effective_to_;
  int version_ = 1;
  bool version_declared_ = false;
  std::string amends_;
  std::vector<Scheme> schemes_;  // in file order
  std::vector<Rule> rules_;      // in the order they apply
};

// Parses and validates a policy file. `source_name` names it in problems (e.g. the file's base
// name). Refuses, with every problem found as `source_name:line:column: reason` in an InputError:
// TOML syntax errors, unknown keys anywhere, missing or mistyped fields, TOML floats (money and
// rates must be quoted strings), a rate or factor outside 0..1, a negative amount or cap, an
// unknown formula kind, rule kind, column, operator, rounding mode or event, a rule kind given
// twice or a rule that names an unknown scheme, a scheme code given twice, an empty period. The
// returned Policy owns all its data.
Policy load_policy(std::string_view toml_text, std::string_view source_name);

// The built-in policy (schema/policies/siyang-2022-9.toml, embedded in the program), parsed once.
// A broken embedded file is a programmer error: it throws the InputError of load_policy.
const Policy& builtin_policy();
// The text of the built-in policy file, siyang-2022-9.toml, as shipped in schema/policies.
std::string_view builtin_policy_text();

// The version of `policies` that amends `policy` (its amends() is policy's id), or nullptr.
const Policy* amendment_of(const std::vector<Policy>& policies, const Policy& policy);

// True when `policy` is in force on `date` among `policies`: within its period and before the
// effective date of the version that amends it, if any.
bool in_force_on(const std::vector<Policy>& policies, const Policy& policy, CalendarDate date);

// The first version of the chain `policy` belongs to (following amends() back; itself when it
// amends nothing). Requires policies that passed check_no_overlap.
const Policy& first_version(const std::vector<Policy>& policies, const Policy& policy);

// Refuses (RefusedError, one line in Chinese naming both policies and their periods) two policies
// in force on a common day, two with the same id, and a broken amendment: a version above 1 whose
// `amends` names no policy of the list, a version other than the amended one's plus 1, two
// versions amending the same one, or an amendment not effective from a date after the amended
// version's start and within its period. Does nothing for fewer than two policies.
void check_no_overlap(const std::vector<Policy>& policies);

// The policy in force on 31 December of the award year (in_force_on), or nullptr when none is.
// With policies that passed check_no_overlap at most one can be.
const Policy* policy_for_year(const std::vector<Policy>& policies, int year);

}  // namespace subsidy
