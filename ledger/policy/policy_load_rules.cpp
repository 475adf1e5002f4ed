// Reading the [[rule]] tables of a policy file (each kind with its own parameters) and the checks
// that need the whole file: one rule per kind, the scheme formula present and before the limits,
// the cost split last (it divides the final amounts), and every scheme a rule names defined in the
// file.
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
                  "enterprise_scheme_limit, safety_factor, tax_retention or cost_split)");
    return;
  }
  if (!rule_kinds_.insert(*kind).second) {
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
      rule.params = SchemeLimitParams{scheme_list(table, "schemes", true),
                                      table.money("limit").value_or(Money())};
      return;
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
