// Reading a policy file into a Policy: identity and period, every [[scheme]] with its formula kind,
// parameters and conditions, every [[rule]] with its kind's parameters, then the checks that need
// the whole file (unique codes, one rule per kind, rules naming known schemes). Every problem found
// is reported with its position; nothing is returned from a file with any problem.
#include <algorithm>

#include "ledger/policy/policy_loader.h"

namespace subsidy {

namespace {

// The columns a scheme reads, each once, in the order the formula and conditions first name them.
std::vector<std::string> inputs_of(const Scheme& scheme) {
  std::vector<std::string> inputs;
  auto add = [&](InputColumn column) {
    const std::string name(column_name(column));
    if (std::find(inputs.begin(), inputs.end(), name) == inputs.end()) inputs.push_back(name);
  };
  for (const RateTerm& term : scheme.terms) add(term.base);
  for (const Tier& tier : scheme.tiers) {
    for (const Condition& condition : tier.conditions) add(condition.column);
  }
  for (const Condition& condition : scheme.conditions) add(condition.column);
  return inputs;
}

}  // namespace

Policy PolicyLoader::load(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text, sink_.source);
  } catch (const toml::parse_error& error) {
    sink_.add(error.source(), "TOML syntax: " + std::string(error.description()));
    throw InputError(std::move(sink_.problems));
  }
  Policy policy;
  policy.source_name_ = sink_.source;
  Table top(sink_, root);
  read_identity(top, policy);
  for (const toml::table* item : top.tables("scheme", true, true)) {
    Table table(sink_, *item);
    read_scheme(table, policy.schemes_.emplace_back());
    table.finish();
  }
  for (const toml::table* item : top.tables("rule", true, true)) {
    Table table(sink_, *item);
    read_rule(table, policy.rules_.emplace_back());
    table.finish();
  }
  top.finish();
  check_rules(root, policy);
  if (!sink_.problems.empty()) throw InputError(std::move(sink_.problems));
  return policy;
}

void PolicyLoader::read_identity(Table& root, Policy& policy) {
  if (auto id = root.text("id")) policy.id_ = id->value;
  if (auto title = root.text("title")) policy.title_ = title->value;
  if (auto number = root.text("document_number")) policy.document_number_ = number->value;
  if (auto issuer = root.text("issuer", false)) policy.issuer_ = issuer->value;
  read_version(root, policy);
  const toml::node* period = root.node("period", true);
  if (period == nullptr) return;
  if (!period->is_table()) {
    sink_.add(period->source(), "'period' must be a table");
    return;
  }
  Table table(sink_, *period->as_table());
  auto from = table.date("effective_from");
  auto to = table.date("effective_to");
  if (auto seed = table.text("seed", false)) policy.period_seed_ = seed->value;
  table.finish();
  if (from && to && *to < *from) {
    sink_.add(table.where(),
              "effective_to " + to->to_string() + " is before effective_from " + from->to_string());
  }
  policy.effective_from_ = from.value_or(CalendarDate{});
  policy.effective_to_ = to.value_or(CalendarDate{});
}

// `version = N` (an integer from 1 to 999, 1 when absent) and `amends = "ID"`, which a version
// above 1 must give and a first version must not.
void PolicyLoader::read_version(Table& root, Policy& policy) {
  const toml::node* version = root.node("version", false);
  auto amends = root.text("amends", false);
  if (amends) policy.amends_ = amends->value;
  if (version != nullptr) {
    const std::optional<int64_t> number = version->value<int64_t>();
    if (!number || !version->is_integer() || *number < 1 || *number > 999) {
      sink_.add(version->source(), "'version' must be an integer from 1 to 999, e.g. version = 2");
      return;
    }
    policy.version_ = static_cast<int>(*number);
    policy.version_declared_ = true;
  }
  if (policy.version_ > 1 && !amends) {
    sink_.add(version->source(),
              "a version above 1 must name the version it amends: amends = \"<policy id>\"");
  } else if (policy.version_ == 1 && amends) {
    sink_.add(amends->node->source(), "'amends' needs 'version' above 1");
  } else if (amends && amends->value == policy.id_) {
    sink_.add(amends->node->source(), "a version cannot amend itself (its id is its own)");
  }
}

void PolicyLoader::read_scheme(Table& table, Scheme& scheme) {
  if (auto code = table.text("code")) {
    scheme.code = code->value;
    scheme_order_.push_back(code->value);
    if (!scheme_codes_.insert(code->value).second) {
      sink_.add(code->node->source(), "scheme '" + code->value + "' is given twice");
    }
  }
  if (auto name = table.text("name")) scheme.name = name->value;
  if (auto clause = table.text("clause")) scheme.clause = clause->value;
  if (auto seed = table.text("seed")) scheme.seed = seed->value;
  if (auto formula = table.text("formula")) {
    auto kind = formula_kind_from_name(formula->value);
    if (kind) {
      scheme.formula = *kind;
      read_formula(table, scheme, *kind);
    } else {
      sink_.add(formula->node->source(),
                "unknown formula kind '" + formula->value +
                    "' (use fixed, rate_times_base, sum_of_rates, tiers or band_rate)");
    }
  }
  scheme.conditions = read_conditions(table, "conditions");
  read_once(table, scheme);
  scheme.inputs = inputs_of(scheme);
}

void PolicyLoader::read_formula(Table& table, Scheme& scheme, FormulaKind kind) {
  switch (kind) {
    case FormulaKind::fixed:
      scheme.amount = table.money("amount").value_or(Money());
      return;
    case FormulaKind::rate_times_base:
    case FormulaKind::sum_of_rates: {
      scheme.terms = read_terms(table);
      const bool one_term = kind == FormulaKind::rate_times_base;
      if (one_term && scheme.terms.size() > 1) {
        sink_.add(table.where(),
                  "a rate_times_base formula has exactly one term; use sum_of_rates");
      }
      scheme.cap = table.money("cap", false);
      return;
    }
    case FormulaKind::band_rate:
      read_bands(table, scheme);
      return;
    case FormulaKind::tiers:
      for (const toml::table* item : table.tables("tiers", true, true)) {
        Table tier_table(sink_, *item);
        Tier& tier = scheme.tiers.emplace_back();
        tier.amount = tier_table.money("amount").value_or(Money());
        tier.conditions = read_conditions(tier_table, "conditions");
        tier_table.finish();
      }
      return;
  }
}

std::vector<RateTerm> PolicyLoader::read_terms(Table& table) {
  std::vector<RateTerm> terms;
  for (const toml::table* item : table.tables("terms", true, true)) {
    Table entry(sink_, *item);
    auto rate = entry.decimal("rate", true);
    auto base = entry.text("base");
    const Decimal factor = read_factor(entry, "factor");
    entry.finish();
    std::optional<InputColumn> column;
    if (base) {
      column = column_from_name(base->value);
      if (!column) sink_.add(base->node->source(), "unknown column '" + base->value + "'");
    }
    if (rate && column) terms.push_back({*rate, *column, factor});
  }
  return terms;
}

// 一次性 and its variants: `once = "project" | "enterprise_in_period" | "enterprise_ever"`, or the
// older `once_per_enterprise = true` (enterprise_ever), never both.
void PolicyLoader::read_once(Table& table, Scheme& scheme) {
  const std::optional<bool> legacy = table.boolean("once_per_enterprise");
  if (legacy && *legacy) scheme.once = OnceScope::per_enterprise_ever;
  if (auto once = table.text("once", false)) {
    const std::optional<OnceScope> scope = once_scope_from_name(once->value);
    if (!scope) {
      sink_.add(once->node->source(),
                "unknown once scope '" + once->value +
                    "' (use project, enterprise_in_period or enterprise_ever)");
    } else if (legacy) {
      sink_.add(once->node->source(),
                "give either 'once' or 'once_per_enterprise', not both (once_per_enterprise = true "
                "is once = \"enterprise_ever\")");
    } else {
      scheme.once = *scope;
    }
  }
  const std::optional<bool> across = table.boolean("once_across_policies");
  if (across && *across && scheme.once == OnceScope::none) {
    sink_.add(table.where(), "'once_across_policies' needs 'once' (or once_per_enterprise = true)");
  }
  scheme.once_across_policies = across.value_or(false) && scheme.once != OnceScope::none;
}

// An optional base factor (1 when absent): more than 0 and at most kMaxBaseFactor.
Decimal PolicyLoader::read_factor(Table& table, std::string_view key) {
  const std::optional<Decimal> factor = table.decimal(key, false, false);
  if (!factor) return Decimal::from_integer(1);
  if (*factor <= Decimal() || *factor > Decimal::from_integer(kMaxBaseFactor)) {
    sink_.add(table.node(key, false)->source(),
              "'" + std::string(key) + "' must be more than 0 and at most " +
                  std::to_string(kMaxBaseFactor) + ": " + factor->to_plain_string());
    return Decimal::from_integer(1);
  }
  return *factor;
}

// band_rate: `base` (a money column), optional `base_factor`, `bands = [{ from, rate }, ...]` with
// `from` strictly ascending, optional `progressive` and `cap`.
void PolicyLoader::read_bands(Table& table, Scheme& scheme) {
  auto base = table.text("base");
  const Decimal factor = read_factor(table, "base_factor");
  if (base) {
    const std::optional<InputColumn> column = column_from_name(base->value);
    if (!column) {
      sink_.add(base->node->source(), "unknown column '" + base->value + "'");
    } else if (input_column(*column).kind != InputKind::money) {
      sink_.add(base->node->source(),
                "the base of a band_rate formula is a money column, not '" + base->value + "'");
    } else {
      scheme.terms.push_back({Decimal::from_integer(1), *column, factor});
    }
  }
  for (const toml::table* item : table.tables("bands", true, true)) {
    Table entry(sink_, *item);
    auto from = entry.money("from");
    auto rate = entry.decimal("rate", true);
    entry.finish();
    if (!from || !rate) continue;
    if (!scheme.bands.empty() && *from <= scheme.bands.back().from) {
      sink_.add(entry.where(), "band from " + format_plain(*from) +
                                   " is not above the band before it (" +
                                   format_plain(scheme.bands.back().from) +
                                   "): list the bands from the lowest up");
    }
    scheme.bands.push_back({*from, *rate});
  }
  scheme.progressive = table.boolean("progressive").value_or(false);
  scheme.cap = table.money("cap", false);
}

std::vector<Condition> PolicyLoader::read_conditions(Table& table, std::string_view key) {
  std::vector<Condition> conditions;
  for (const toml::table* item : table.tables(key, false)) {
    Table entry(sink_, *item);
    auto name = entry.text("column");
    auto symbol = entry.text("op");
    auto bound = entry.decimal("value", false);
    entry.finish();
    std::optional<InputColumn> column;
    std::optional<Comparison> op;
    if (name) {
      column = column_from_name(name->value);
      if (!column) sink_.add(name->node->source(), "unknown column '" + name->value + "'");
    }
    if (symbol) {
      op = comparison_from_symbol(symbol->value);
      if (!op) {
        sink_.add(symbol->node->source(),
                  "unknown operator '" + symbol->value + "' (use >=, >, <= or <)");
      }
    }
    if (column && op && bound) conditions.push_back({*column, *op, *bound});
  }
  return conditions;
}

}  // namespace subsidy
