// The Policy object and the names of its parts: column, operator, formula and rule names as policy
// files write them, scheme look-up, the effective period, the built-in policy and the choice of the
// policy for an award year.
#include "ledger/policy/policy.h"

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

void check_no_overlap(const std::vector<Policy>& policies) {
  auto describe = [](const Policy& policy) {
    return policy.id() + " (" + policy.effective_from().to_string() + " to " +
           policy.effective_to().to_string() + ")";
  };
  for (size_t i = 0; i < policies.size(); ++i) {
    for (size_t j = i + 1; j < policies.size(); ++j) {
      const Policy& a = policies[i];
      const Policy& b = policies[j];
      if (a.id() == b.id()) throw RefusedError("two policies have the same id " + a.id());
      if (a.effective_from() <= b.effective_to() && b.effective_from() <= a.effective_to()) {
        throw RefusedError("policy periods overlap: " + describe(a) + " and " + describe(b));
      }
    }
  }
}

const Policy* policy_for_year(const std::vector<Policy>& policies, int year) {
  for (const Policy& policy : policies) {
    if (policy.covers_year(year)) return &policy;
  }
  return nullptr;
}

}  // namespace subsidy
