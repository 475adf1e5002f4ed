// Reading the [[rule]] tables of a policy file (each kind with its own parameters) and the checks
// that need the whole file: one rule per kind, the scheme formula present and before the limits,
// the cost split last (it divides the final amounts), and every scheme a rule names defined in the
// file.
#include <algorithm>

#include "ledger/policy/policy_loader.h"

namespace subsidy {

void PolicyLoader::read_rule(Table& table, Rule& rule) {
  if (auto code = table.text("code")) rule.code = code->value;
  if (auto clause = table.text("clause")) rule.clause = clause->value;
  if (auto seed = table.text("seed")) rule.seed = seed->value;
  auto kind_text = table.text("kind");
  if (!kind_text) return;
  auto kind = rule_kind_from_name(kind_text->value);
  if (!kind) {
    sink_.add(kind_text->node->source(),
              "unknown rule kind '" + kind_text->value +
                  "' (use eligibility, scheme_formula, one_award_per_project, "
                  "enterprise_scheme_limit, safety_factor, tax_retention, cost_split or "
                  "fund_limit)");
    return;
  }
  // Enterprise-year limits may be given several times, each named (below); the others once.
  const bool repeatable = *kind == RuleKind::enterprise_scheme_limit;
  if (!rule_kinds_.insert(*kind).second && !repeatable) {
    sink_.add(kind_text->node->source(), "rule kind '" + kind_text->value + "' is given twice");
  }
  rule.kind = *kind;
  read_rule_params(table, rule);
}

void PolicyLoader::read_rule_params(Table& table, Rule& rule) {
  switch (rule.kind) {
    case RuleKind::eligibility: {
      EligibilityParams params;
      for (const LocatedText& event : table.texts("events"))
        params.events.push_back(event_name(event));
      rule.params = params;
      return;
    }
    case RuleKind::scheme_formula:
      rule.params = FormulaParams{table.rounding("rounding").value_or(Rounding::half_up)};
      return;
    case RuleKind::one_award_per_project:
      rule.params = ProjectParams{scheme_list(table, "exempt_schemes", false)};
      return;
    case RuleKind::enterprise_scheme_limit:
      read_limit(table, rule);
      return;
    case RuleKind::fund_limit: {
      FundLimitParams params;
      params.schemes = limit_schemes(table);
      params.limit = table.money("limit").value_or(Money());
      rule.params = params;
      return;
    }
    case RuleKind::safety_factor: {
      SafetyFactorParams params;
      if (auto event = table.text("event")) params.event = event_name(*event);
      params.default_factor = table.decimal("default_factor", true).value_or(Decimal());
      params.max_factor = table.decimal("max_factor", true).value_or(Decimal());
      params.rounding = table.rounding("rounding").value_or(Rounding::half_up);
      if (params.max_factor < params.default_factor) {
        sink_.add(table.where(), "default_factor is above max_factor");
      }
      rule.params = params;
      return;
    }
    case RuleKind::tax_retention:
      rule.params = TaxRetentionParams{};
      return;
    case RuleKind::cost_split: {
      CostSplitParams params;
      params.region_rate = table.decimal("region_rate", true).value_or(Decimal());
      if (auto odd = table.text("odd_fen")) {
        if (odd->value == "county" || odd->value == "region") {
          params.odd_fen = odd->value == "county" ? Party::county : Party::region;
        } else {
          sink_.add(odd->node->source(), "odd_fen must be \"county\" or \"region\"");
        }
      }
      params.county_only_schemes = scheme_list(table, "county_only_schemes", false);
      rule.params = params;
      return;
    }
  }
}

// The `schemes` a limit covers: every scheme of the policy when the key is absent; an empty list
// is refused (a limit over nothing is a mistake).
std::vector<std::string> PolicyLoader::limit_schemes(Table& table) {
  const toml::node* given = table.node("schemes", false);
  if (given == nullptr) return scheme_order_;
  std::vector<std::string> codes = scheme_list(table, "schemes", false);
  if (codes.empty() && given->is_array() && given->as_array()->empty()) {
    sink_.add(given->source(), "'schemes' is empty: name the schemes, or leave the key out for "
                               "every scheme");
  }
  return codes;
}

// An enterprise-year limit: `limit`, `schemes` (absent: every scheme) and `name`, the word after
// capped_by_limit: in its reason. Only one limit may go without a name (its reason is the
// historical capped_by_loan_limit), and no two share a name, so each limit has its own reason.
void PolicyLoader::read_limit(Table& table, Rule& rule) {
  SchemeLimitParams params;
  params.schemes = limit_schemes(table);
  params.limit = table.money("limit").value_or(Money());
  if (auto name = table.text("name", false)) {
    const bool word = std::all_of(name->value.begin(), name->value.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!word) {
      sink_.add(name->node->source(), "a limit's name is lower-case letters, digits and _: '" +
                                          name->value + "'");
    } else if (!limit_names_.insert(name->value).second) {
      sink_.add(name->node->source(),
                "limit name '" + name->value + "' is given twice: each limit has its own reason");
    }
    params.name = name->value;
  } else if (unnamed_limit_) {
    sink_.add(table.where(),
              "a second enterprise_scheme_limit needs a 'name' (its reason is "
              "capped_by_limit:<name>; only one limit may keep capped_by_loan_limit)");
  } else {
    unnamed_limit_ = true;
  }
  rule.params = params;
}

std::vector<std::string> PolicyLoader::scheme_list(Table& table, std::string_view key,
                                                   bool required) {
  std::vector<std::string> codes;
  for (const LocatedText& code : table.texts(key, required)) {
    if (scheme_codes_.count(code.value) == 0) {
      sink_.add(code.node->source(), "'" + code.value + "' is not a scheme of this policy");
    }
    codes.push_back(code.value);
  }
  return codes;
}

std::string PolicyLoader::event_name(const LocatedText& event) {
  if (!is_known_compliance_event(event.value)) {
    sink_.add(event.node->source(), "unknown compliance event '" + event.value + "'");
  }
  return event.value;
}

void PolicyLoader::check_rules(const toml::table& root, const Policy& policy) {
  const toml::node* rules = root.get("rule");
  if (rules == nullptr || !sink_.problems.empty()) return;  // already reported
  const toml::source_region& where = rules->source();
  if (rule_kinds_.count(RuleKind::scheme_formula) == 0) {
    sink_.add(where, "the rules need one of kind 'scheme_formula' (the schemes' formulas)");
  }
  // The limits work on the formulas' amounts, so they can only come after the formulas.
  bool formula_seen = false;
  for (const Rule& rule : policy.rules()) {
    formula_seen = formula_seen || rule.kind == RuleKind::scheme_formula;
    const bool needs_amounts =
        rule.kind != RuleKind::eligibility && rule.kind != RuleKind::scheme_formula;
    if (needs_amounts && !formula_seen) {
      sink_.add(where, "the rule of kind '" + std::string(rule_kind_name(rule.kind)) +
                           "' must come after the one of kind 'scheme_formula'");
    }
  }
  if (rule_kinds_.count(RuleKind::cost_split) == 0) {
    sink_.add(where, "the rules need one of kind 'cost_split'");
  } else if (policy.rules().back().kind != RuleKind::cost_split) {
    sink_.add(where, "the rule of kind 'cost_split' must come last: it divides the final amounts");
  }
}

}  // namespace subsidy
