// The Policy object and the names of its parts: column, operator, formula and rule names as policy
// files write them, scheme look-up, the effective period, the built-in policy and the choice of the
// policy for an award year.
#include "ledger/policy/policy.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "ledger/base/embedded.h"
#include "ledger/base/error.h"
#include "ledger/policy/policy_loader.h"

namespace subsidy {

namespace {

// The number of enumerators, from the last one: tables indexed by an enum have exactly this many
// entries. (Kept here rather than next to the enums; move them there when the headers change.)
constexpr size_t kComparisonCount = static_cast<size_t>(Comparison::less_than) + 1;
constexpr size_t kFormulaKindCount = static_cast<size_t>(FormulaKind::band_rate) + 1;
constexpr size_t kRuleKindCount = static_cast<size_t>(RuleKind::fund_limit) + 1;

constexpr std::array<std::string_view, kComparisonCount> kComparisonSymbols = {">=", ">",
                                                                               "<=", "<"};

constexpr std::array<std::string_view, kFormulaKindCount> kFormulaNames = {
    "fixed", "rate_times_base", "sum_of_rates", "tiers", "band_rate"};

// OnceScope::per_project onwards (none has no name).
constexpr std::array<std::string_view, 3> kOnceScopeNames = {"project", "enterprise_in_period",
                                                             "enterprise_ever"};

constexpr std::array<std::string_view, kRuleKindCount> kRuleNames = {"eligibility",
                                                                     "scheme_formula",
                                                                     "one_award_per_project",
                                                                     "enterprise_scheme_limit",
                                                                     "safety_factor",
                                                                     "tax_retention",
                                                                     "cost_split",
                                                                     "fund_limit"};

// A std::array of N names accepts fewer initialisers (the rest are empty): every name is given.
template <size_t N>
constexpr bool all_named(const std::array<std::string_view, N>& names) {
  for (std::string_view name : names) {
    if (name.empty()) return false;
  }
  return true;
}
static_assert(all_named(kComparisonSymbols), "one symbol per Comparison");
static_assert(all_named(kFormulaNames), "one name per FormulaKind");
static_assert(all_named(kRuleNames), "one name per RuleKind");

// INTERFACE.md, `compliance` files.
constexpr std::array<std::string_view, 7> kComplianceEvents = {
    "major_safety_accident", "major_env_pollution", "court_enforcement",      "serious_dishonesty",
    "resource_rating_c",     "resource_rating_d",   "general_safety_accident"};

template <typename Enum, size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view comparison_symbol(Comparison op) {
  return kComparisonSymbols.at(size_t(op));
}
std::optional<Comparison> comparison_from_symbol(std::string_view symbol) {
  return find_name<Comparison>(kComparisonSymbols, symbol);
}
std::string_view formula_kind_name(FormulaKind kind) {
  return kFormulaNames.at(size_t(kind));
}
std::optional<FormulaKind> formula_kind_from_name(std::string_view name) {
  return find_name<FormulaKind>(kFormulaNames, name);
}
std::string_view once_scope_name(OnceScope scope) {
  if (scope == OnceScope::none) return "none";
  return kOnceScopeNames.at(size_t(scope) - 1);
}
std::optional<OnceScope> once_scope_from_name(std::string_view name) {
  for (size_t i = 0; i < kOnceScopeNames.size(); ++i) {
    if (kOnceScopeNames[i] == name) return static_cast<OnceScope>(i + 1);
  }
  return std::nullopt;
}
std::string_view rule_kind_name(RuleKind kind) {
  return kRuleNames.at(size_t(kind));
}
std::optional<RuleKind> rule_kind_from_name(std::string_view name) {
  return find_name<RuleKind>(kRuleNames, name);
}
bool is_known_compliance_event(std::string_view event) {
  return known_compliance_event(event).has_value();
}
std::optional<std::string_view> known_compliance_event(std::string_view event) {
  const auto index = find_name<size_t>(kComplianceEvents, event);
  if (!index) return std::nullopt;
  return kComplianceEvents[*index];
}

std::string CalendarDate::to_string() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

bool Policy::covers_year(int year) const {
  const CalendarDate year_end{year, 12, 31};
  return effective_from_ <= year_end && year_end <= effective_to_;
}

bool Policy::has_scheme(std::string_view code) const {
  for (const Scheme& scheme : schemes_) {
    if (scheme.code == code) return true;
  }
  return false;
}

const Scheme& Policy::scheme(std::string_view code) const {
  for (const Scheme& scheme : schemes_) {
    if (scheme.code == code) return scheme;
  }
  throw RefusedError("policy " + id_ + " has no scheme '" + std::string(code) + "'");
}

const std::vector<std::string>& Policy::scheme_inputs(std::string_view code) const {
  return scheme(code).inputs;
}

const Rule* Policy::find_rule(RuleKind kind) const {
  for (const Rule& rule : rules_) {
    if (rule.kind == kind) return &rule;
  }
  return nullptr;
}

Policy load_policy(std::string_view toml_text, std::string_view source_name) {
  return PolicyLoader(source_name).load(toml_text);
}

std::string_view builtin_policy_text() {
  for (const EmbeddedFile& file : embedded_policies::files()) {
    if (file.name == "siyang-2022-9.toml") return file.content;
  }
  throw RefusedError("the built-in policy siyang-2022-9.toml is not embedded in this program");
}

const Policy& builtin_policy() {
  static const Policy policy = load_policy(builtin_policy_text(), "siyang-2022-9.toml");
  return policy;
}

const Policy* amendment_of(const std::vector<Policy>& policies, const Policy& policy) {
  for (const Policy& other : policies) {
    if (other.amends() == policy.id()) return &other;
  }
  return nullptr;
}

bool in_force_on(const std::vector<Policy>& policies, const Policy& policy, CalendarDate date) {
  if (date < policy.effective_from() || policy.effective_to() < date) return false;
  const Policy* amendment = amendment_of(policies, policy);
  return amendment == nullptr || date < amendment->effective_from();
}

const Policy& first_version(const std::vector<Policy>& policies, const Policy& policy) {
  const Policy* current = &policy;
  for (size_t steps = 0; !current->amends().empty() && steps < policies.size(); ++steps) {
    const Policy* earlier = nullptr;
    for (const Policy& other : policies) {
      if (other.id() == current->amends()) earlier = &other;
    }
    if (earlier == nullptr) break;
    current = earlier;
  }
  return *current;
}

namespace {

std::string describe_policy_period(const Policy& policy) {
  return policy.id() + "（" + policy.effective_from().to_string() + " 至 " +
         policy.effective_to().to_string() + "）";
}

// The checks of one amendment (a version above 1) against the list it is stored in.
void check_amendment(const std::vector<Policy>& policies, const Policy& policy) {
  const Policy* amended = nullptr;
  for (const Policy& other : policies) {
    if (other.id() == policy.amends()) amended = &other;
    if (&other != &policy && !policy.amends().empty() && other.amends() == policy.amends()) {
      throw RefusedError("政策 " + policy.amends() + " 已由 " + other.id() + " 修订，不能再由 " +
                         policy.id() + " 修订");
    }
  }
  if (amended == nullptr) {
    throw RefusedError("政策 " + policy.id() + " 修订的 " + policy.amends() + " 不在账本中");
  }
  if (policy.version() != amended->version() + 1) {
    throw RefusedError("政策 " + policy.id() + " 的版本应为 " +
                       std::to_string(amended->version() + 1) + "（修订第 " +
                       std::to_string(amended->version()) + " 版的 " + amended->id() + "）");
  }
  if (!(amended->effective_from() < policy.effective_from()) ||
      amended->effective_to() < policy.effective_from()) {
    throw RefusedError("修订版本 " + policy.id() + " 须自 " + describe_policy_period(*amended) +
                       "有效期内、其生效日之后的日期起生效");
  }
}

// True when `a` and `b` are both in force on some day: each starts no later than the other's
// last day in force.
bool in_force_together(const std::vector<Policy>& policies, const Policy& a, const Policy& b) {
  return in_force_on(policies, b, std::max(a.effective_from(), b.effective_from())) &&
         in_force_on(policies, a, std::max(a.effective_from(), b.effective_from()));
}

}  // namespace

void check_no_overlap(const std::vector<Policy>& policies) {
  for (const Policy& policy : policies) {
    if (!policy.amends().empty()) check_amendment(policies, policy);
  }
  for (size_t i = 0; i < policies.size(); ++i) {
    for (size_t j = i + 1; j < policies.size(); ++j) {
      const Policy& a = policies[i];
      const Policy& b = policies[j];
      if (a.id() == b.id()) throw RefusedError("账本中已有编号为 " + a.id() + " 的政策");
      if (in_force_together(policies, a, b)) {
        throw RefusedError("政策有效期重叠：" + describe_policy_period(a) + "与 " +
                           describe_policy_period(b) +
                           "（修订请在新版本中写明 version 与 amends）");
      }
    }
  }
}

const Policy* policy_for_year(const std::vector<Policy>& policies, int year) {
  for (const Policy& policy : policies) {
    if (in_force_on(policies, policy, CalendarDate{year, 12, 31})) return &policy;
  }
  return nullptr;
}

}  // namespace subsidy
