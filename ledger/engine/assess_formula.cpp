// The first steps of an assessment: the period (Y), eligibility (E), and each application's scheme
// formula on exact decimals, rounded once, then its own cap (step 2), with the once-per-enterprise
// schemes (一次性) decided right after, since they compare the formula's amounts.
#include <algorithm>

#include "ledger/base/check.h"
#include "ledger/engine/assess_engine.h"

namespace subsidy::engine {

namespace {

bool compare(const Decimal& value, Comparison op, const Decimal& bound) {
  switch (op) {
    case Comparison::at_least:
      return value >= bound;
    case Comparison::more_than:
      return value > bound;
    case Comparison::at_most:
      return value <= bound;
    case Comparison::less_than:
      return value < bound;
  }
  SUBSIDY_UNREACHABLE("every Comparison is handled above");
}

// "info_investment 500,000.00 > 500,000.00"
std::string condition_text(const Condition& condition, const Decimal& value) {
  SUBSIDY_ASSERT(!value.is_negative());  // check_columns refused negative columns
  return std::string(column_name(condition.column)) + " " + grouped_decimal(value) + " " +
         std::string(comparison_symbol(condition.op)) + " " + grouped_decimal(condition.bound);
}

}  // namespace

std::optional<Decimal> column_value(const ApplicationInput& row, InputColumn column) {
  const std::optional<int64_t> raw = row.inputs.raw(column);
  if (!raw) return std::nullopt;
  switch (input_column(column).kind) {
    case InputKind::money:
      return Money::from_fen(*raw).to_decimal();
    case InputKind::count:
      return Decimal::from_integer(*raw);
  }
  SUBSIDY_UNREACHABLE("every InputKind is handled above");
}

void Engine::reject_outside_period() {
  SUBSIDY_ASSERT(!policy_.covers_year(input_.year));
  for (AppState& app : apps_) {
    reject(app, {ReasonCode::outside_policy_period, {}});
    if (app.trace == nullptr) continue;
    TraceStep& trace = step(app, StepKind::period, "Y");
    trace.formula = std::to_string(input_.year) + " ∉ " + policy_.effective_from().to_string() +
                    " … " + policy_.effective_to().to_string();
    trace.detail = "✗";
    trace.reason = ReasonCode::outside_policy_period;
  }
}

void Engine::apply_eligibility(const Rule& rule) {
  const auto& params = std::get<EligibilityParams>(rule.params);
  std::vector<Reason> excluded;
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    excluded.clear();
    for (const std::string& event : params.events) {  // in the policy's order
      for (const EventInput& happened : enterprises_[e]->events) {
        if (happened.event != event) continue;
        excluded.push_back({ReasonCode::ineligible, *known_compliance_event(event)});
        break;
      }
    }
    SUBSIDY_ASSERT(excluded.size() <= params.events.size());  // one reason per listed event
    for (uint32_t position : enterprise_apps(e)) {
      AppState& app = apps_[position];
      for (const Reason& reason : excluded) reject(app, reason);
      if (app.trace == nullptr) continue;
      TraceStep& trace = step(app, StepKind::eligibility, rule.code);
      for (const Reason& reason : excluded) {
        trace.detail += (trace.detail.empty() ? "" : ", ") + std::string(reason.detail);
      }
      if (excluded.empty()) trace.detail = "✓";
      if (!excluded.empty()) trace.reason = ReasonCode::ineligible;
    }
  }
}

bool Engine::conditions_hold(AppState& app, const std::vector<Condition>& conditions,
                             const Rule& rule, bool reject_on_failure) {
  SUBSIDY_ASSERT(app.input != nullptr && app.status == Status::awarded);
  for (const Condition& condition : conditions) {
    const Decimal value = *column_value(*app.input, condition.column);  // check_columns: present
    const bool holds = compare(value, condition.op, condition.bound);
    if (app.trace != nullptr) {
      TraceStep& trace = step(app, StepKind::condition, rule.code);
      trace.formula = condition_text(condition, value);
      trace.detail = holds ? "✓" : "✗";
      if (!holds && reject_on_failure) trace.reason = ReasonCode::condition_failed;
    }
    if (holds) continue;
    if (reject_on_failure)
      reject(app, {ReasonCode::condition_failed, column_name(condition.column)});
    return false;
  }
  return true;
}

// The formula's amount before the cap, rounded once; a tiers formula with no tier holding rejects.
Money Engine::scheme_amount(AppState& app, const Rule& rule, Rounding rounding) {
  SUBSIDY_ASSERT(app.scheme < policy_.schemes().size());
  const Scheme& scheme = policy_.schemes()[app.scheme];
  if (scheme.formula == FormulaKind::fixed) {
    if (app.trace != nullptr) {
      TraceStep& trace = step(app, StepKind::formula, rule.code);
      trace.formula = format_grouped(scheme.amount);
      trace.result = scheme.amount;
    }
    return scheme.amount;
  }
  if (scheme.formula == FormulaKind::tiers) {
    for (size_t t = 0; t < scheme.tiers.size(); ++t) {
      if (!conditions_hold(app, scheme.tiers[t].conditions, rule, false)) continue;
      if (app.trace != nullptr) {
        TraceStep& trace = step(app, StepKind::tier, rule.code);
        trace.formula = format_grouped(scheme.tiers[t].amount);
        trace.result = scheme.tiers[t].amount;
        trace.detail = std::to_string(t + 1);
      }
      return scheme.tiers[t].amount;
    }
    // The reason names the first condition of the lowest tier that fails: what is missing for
    // any award at all.
    for (const Condition& condition : scheme.tiers.back().conditions) {
      if (compare(*column_value(*app.input, condition.column), condition.op, condition.bound))
        continue;
      reject(app, {ReasonCode::condition_failed, column_name(condition.column)});
      if (app.trace != nullptr)
        step(app, StepKind::tier, rule.code).reason = ReasonCode::condition_failed;
      break;
    }
    return Money();
  }
  Decimal exact;
  std::string formula;
  for (const RateTerm& term : scheme.terms) {
    const Decimal base = *column_value(*app.input, term.base);
    exact = exact + term.rate * base;
    if (app.trace != nullptr) {
      formula +=
          (formula.empty() ? "" : " + ") + percent(term.rate) + " × " + grouped_decimal(base);
    }
  }
  const Money amount = Money::from_decimal(exact, rounding);
  SUBSIDY_ASSERT_MSG(!amount.is_negative(), "rates in [0, 1] times columns >= 0");
  if (app.trace != nullptr) {
    TraceStep& trace = step(app, StepKind::formula, rule.code);
    trace.formula = std::move(formula);
    trace.exact = grouped_decimal(exact);
    trace.rounding = rounding;
    trace.result = amount;
  }
  return amount;
}

void Engine::apply_formulas(const Rule& rule) {
  const Rounding rounding = std::get<FormulaParams>(rule.params).rounding;
  for (AppState& app : apps_) {
    if (app.status != Status::awarded) continue;
    const Scheme& scheme = policy_.schemes()[app.scheme];
    if (!conditions_hold(app, scheme.conditions, rule, true)) continue;
    Money amount = scheme_amount(app, rule, rounding);
    app.formula_amount = amount;  // 0.00 when no tier held (and the application was rejected)
    if (app.status != Status::awarded) continue;
    if (scheme.cap && amount > *scheme.cap) {
      if (app.trace != nullptr) {
        TraceStep& trace = step(app, StepKind::scheme_cap, rule.code);
        trace.formula = "min(" + format_grouped(amount) + ", " + format_grouped(*scheme.cap) + ")";
        trace.result = *scheme.cap;
        trace.reason = ReasonCode::capped_by_scheme;
      }
      amount = *scheme.cap;
      app.formula_amount = amount;
      app.reasons.push_back({ReasonCode::capped_by_scheme, {}});
    }
    SUBSIDY_ASSERT(!amount.is_negative() && (!scheme.cap || amount <= *scheme.cap));
    app.amount = amount;
  }
  apply_once_per_enterprise(rule);
}

// 一次性: an enterprise with an earlier award of the scheme gets already_awarded; of several in
// this year the highest is kept (ties: the smallest application_id), the rest already_awarded.
void Engine::apply_once_per_enterprise(const Rule& rule) {
  std::vector<std::pair<std::string_view, std::string_view>> earlier;
  earlier.reserve(input_.earlier_awards.size());
  for (const EarlierAward& award : input_.earlier_awards)
    earlier.emplace_back(award.uscc, award.scheme);
  std::sort(earlier.begin(), earlier.end());
  SUBSIDY_ASSERT(earlier.size() == input_.earlier_awards.size());
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    scratch_.clear();
    for (uint32_t position : enterprise_apps(e)) {
      AppState& app = apps_[position];
      const Scheme& scheme = policy_.schemes()[app.scheme];
      if (app.status != Status::awarded || !scheme.once_per_enterprise) continue;
      if (!std::binary_search(
              earlier.begin(), earlier.end(),
              std::pair<std::string_view, std::string_view>(app.input->uscc, scheme.code))) {
        scratch_.push_back(position);
        continue;
      }
      reject(app, {ReasonCode::already_awarded, {}});
      if (app.trace != nullptr) {
        TraceStep& trace = step(app, StepKind::once_per_enterprise, rule.code);
        trace.detail = "< " + std::to_string(input_.year);
        trace.reason = ReasonCode::already_awarded;
      }
    }
    // Positions are in application_id order, so a stable sort keeps ties in that order.
    std::stable_sort(scratch_.begin(), scratch_.end(), [&](uint32_t a, uint32_t b) {
      if (apps_[a].scheme != apps_[b].scheme) return apps_[a].scheme < apps_[b].scheme;
      return apps_[a].amount > apps_[b].amount;
    });
    uint32_t kept_position = 0;
    for (size_t i = 0; i < scratch_.size(); ++i) {
      AppState& app = apps_[scratch_[i]];
      const bool kept = i == 0 || apps_[scratch_[i - 1]].scheme != app.scheme;
      if (kept) kept_position = scratch_[i];
      if (!kept) reject(app, {ReasonCode::already_awarded, {}});
      if (app.trace == nullptr) continue;
      TraceStep& trace = step(app, StepKind::once_per_enterprise, rule.code);
      trace.detail = kept ? "✓" : apps_[kept_position].input->application_id;
      if (!kept) trace.reason = ReasonCode::already_awarded;
    }
  }
}

}  // namespace subsidy::engine
