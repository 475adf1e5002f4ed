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

// The formula's amount before the cap, rounded once; a tiers formula with no tier holding rejects,
// and so does a band_rate base below the lowest band. `unmultiplied` receives the amount the same
// formula gives with every base factor 1 (equal to the result when no factor is set).
Money Engine::scheme_amount(AppState& app, const Rule& rule, Rounding rounding,
                            Money& unmultiplied) {
  SUBSIDY_ASSERT(app.scheme < policy_.schemes().size());
  const Scheme& scheme = policy_.schemes()[app.scheme];
  if (scheme.formula == FormulaKind::rate_times_base ||
      scheme.formula == FormulaKind::sum_of_rates) {
    return rate_amount(app, rule, rounding, unmultiplied);
  }
  if (scheme.formula == FormulaKind::band_rate) {
    return band_amount(app, rule, rounding, unmultiplied);
  }
  if (scheme.formula == FormulaKind::fixed) {
    if (app.trace != nullptr) {
      TraceStep& trace = step(app, StepKind::formula, rule.code);
      trace.formula = format_grouped(scheme.amount);
      trace.result = scheme.amount;
    }
    unmultiplied = scheme.amount;
    return scheme.amount;
  }
  SUBSIDY_ASSERT(scheme.formula == FormulaKind::tiers);
  for (size_t t = 0; t < scheme.tiers.size(); ++t) {
    if (!conditions_hold(app, scheme.tiers[t].conditions, rule, false)) continue;
    if (app.trace != nullptr) {
      TraceStep& trace = step(app, StepKind::tier, rule.code);
      trace.formula = format_grouped(scheme.tiers[t].amount);
      trace.result = scheme.tiers[t].amount;
      trace.detail = std::to_string(t + 1);
    }
    unmultiplied = scheme.tiers[t].amount;
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
  unmultiplied = Money();
  return Money();
}

// Σ rate × factor × base on exact decimals, rounded once.
Money Engine::rate_amount(AppState& app, const Rule& rule, Rounding rounding, Money& unmultiplied) {
  const Scheme& scheme = policy_.schemes()[app.scheme];
  Decimal exact, plain;
  std::string formula;
  for (const RateTerm& term : scheme.terms) {
    const Decimal base = *column_value(*app.input, term.base);
    exact = exact + term.rate * term.factor * base;
    plain = plain + term.rate * base;
    if (app.trace != nullptr) {
      const bool factored = term.factor != Decimal::from_integer(1);
      formula += (formula.empty() ? "" : " + ") + percent(term.rate) + " × " +
                 (factored ? percent(term.factor) + " × " : "") + grouped_decimal(base);
    }
  }
  const Money amount = Money::from_decimal(exact, rounding);
  unmultiplied = Money::from_decimal(plain, rounding);
  SUBSIDY_ASSERT_MSG(!amount.is_negative(), "rates in [0, 1] and factors > 0 times columns >= 0");
  if (app.trace != nullptr) {
    TraceStep& trace = step(app, StepKind::formula, rule.code);
    trace.formula = std::move(formula);
    trace.exact = grouped_decimal(exact);
    trace.rounding = rounding;
    trace.result = amount;
  }
  return amount;
}

namespace {

// The band_rate amount of a counted base (exact): the rate of the highest band whose `from` it
// reaches times the whole base, or with `progressive` each band's rate times the slice within it.
// `band` receives the index of that band; nullopt when the base is below the lowest band.
std::optional<Decimal> banded(const Scheme& scheme, const Decimal& base, size_t& band,
                              std::string* slices) {
  std::optional<size_t> found;
  for (size_t b = 0; b < scheme.bands.size(); ++b) {
    if (base >= scheme.bands[b].from.to_decimal()) found = b;
  }
  if (!found) return std::nullopt;
  band = *found;
  if (!scheme.progressive) {
    if (slices != nullptr)
      *slices = percent(scheme.bands[band].rate) + " × " + grouped_decimal(base);
    return scheme.bands[band].rate * base;
  }
  Decimal exact;
  for (size_t b = 0; b <= band; ++b) {
    const Decimal low = scheme.bands[b].from.to_decimal();
    const Decimal high = b == band ? base : scheme.bands[b + 1].from.to_decimal();
    exact = exact + scheme.bands[b].rate * (high - low);
    if (slices != nullptr) {
      *slices += (b == 0 ? "" : " + ") + percent(scheme.bands[b].rate) + " × (" +
                 grouped_decimal(high) + " − " + grouped_decimal(low) + ")";
    }
  }
  return exact;
}

}  // namespace

// band_rate: the base (counted at its factor) chooses the band; below the lowest band the
// application is rejected with below_lowest_band:<column>.
Money Engine::band_amount(AppState& app, const Rule& rule, Rounding rounding, Money& unmultiplied) {
  const Scheme& scheme = policy_.schemes()[app.scheme];
  SUBSIDY_ASSERT(scheme.terms.size() == 1 && !scheme.bands.empty());
  const RateTerm& term = scheme.terms.front();
  const Decimal raw = *column_value(*app.input, term.base);
  const Decimal base = term.factor * raw;
  const bool factored = term.factor != Decimal::from_integer(1);
  size_t band = 0, plain_band = 0;
  std::string slices;
  const std::optional<Decimal> exact =
      banded(scheme, base, band, app.trace != nullptr ? &slices : nullptr);
  const std::optional<Decimal> plain = banded(scheme, raw, plain_band, nullptr);
  unmultiplied = plain ? Money::from_decimal(*plain, rounding) : Money();
  if (app.trace != nullptr) {
    TraceStep& trace = step(app, StepKind::band, rule.code);
    const size_t shown = exact ? band : 0;
    trace.formula = std::string(column_name(term.base)) + " " +
                    (factored ? percent(term.factor) + " × " + grouped_decimal(raw) + " = " : "") +
                    grouped_decimal(base) + (exact ? " ≥ " : " < ") +
                    format_grouped(scheme.bands[shown].from);
    trace.detail = exact ? std::to_string(band + 1) : "";
    if (!exact) trace.reason = ReasonCode::below_lowest_band;
    if (!exact) trace.result = Money();
  }
  if (!exact) {
    reject(app, {ReasonCode::below_lowest_band, column_name(term.base)});
    return Money();
  }
  const Money amount = Money::from_decimal(*exact, rounding);
  SUBSIDY_ASSERT_MSG(!amount.is_negative(), "rates in [0, 1] times a base >= 0");
  if (app.trace != nullptr) {
    TraceStep& trace = step(app, StepKind::formula, rule.code);
    trace.formula = std::move(slices);
    trace.exact = grouped_decimal(*exact);
    trace.rounding = rounding;
    trace.result = amount;
    trace.detail = scheme.progressive ? "progressive" : "";
  }
  return amount;
}

void Engine::apply_formulas(const Rule& rule) {
  const Rounding rounding = std::get<FormulaParams>(rule.params).rounding;
  for (AppState& app : apps_) {
    if (app.status != Status::awarded) continue;
    const Scheme& scheme = policy_.schemes()[app.scheme];
    if (!conditions_hold(app, scheme.conditions, rule, true)) continue;
    Money unmultiplied;
    Money amount = scheme_amount(app, rule, rounding, unmultiplied);
    app.formula_amount = amount;  // 0.00 when no tier or band held (and it was rejected)
    if (app.status != Status::awarded) continue;
    // The base factors' reason only where they changed the amount, the scheme's cap considered.
    if (scheme.cap) unmultiplied = std::min(unmultiplied, *scheme.cap);
    if (unmultiplied != (scheme.cap ? std::min(amount, *scheme.cap) : amount)) {
      app.reasons.push_back({ReasonCode::base_multiplied, {}});
      if (app.trace != nullptr) {
        TraceStep& trace = step(app, StepKind::formula, rule.code);
        trace.formula = format_grouped(unmultiplied);  // what the same formula gives at 100%
        trace.result = amount;
        trace.detail = "base_multiplied";
        trace.reason = ReasonCode::base_multiplied;
      }
    }
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

// 一次性 and its variants. An earlier award of the scheme (AssessInput::earlier_awards) to the same
// enterprise — and for per_project the same project; for per_enterprise_in_period one of a year
// from the period's start (year 0: unknown, counted) — gives already_awarded (with the scope as
// detail, except the historical per_enterprise_ever). Of several in this year the highest is kept
// (ties: the smallest application_id), the rest already_awarded.
void Engine::apply_once_per_enterprise(const Rule& rule) {
  struct Earlier {
    std::string_view uscc, scheme, project;
    int year;
  };
  std::vector<Earlier> earlier;
  earlier.reserve(input_.earlier_awards.size());
  for (const EarlierAward& award : input_.earlier_awards)
    earlier.push_back({award.uscc, award.scheme, award.project_id, award.year});
  const auto key = [](const Earlier& award) { return std::pair(award.uscc, award.scheme); };
  std::sort(earlier.begin(), earlier.end(),
            [&](const Earlier& a, const Earlier& b) { return key(a) < key(b); });
  SUBSIDY_ASSERT(earlier.size() == input_.earlier_awards.size());
  const int first_year =
      input_.period_first_year != 0 ? input_.period_first_year : policy_.effective_from().year;
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    scratch_.clear();
    for (uint32_t position : enterprise_apps(e)) {
      AppState& app = apps_[position];
      const Scheme& scheme = policy_.schemes()[app.scheme];
      if (app.status != Status::awarded || !scheme.is_once()) continue;
      const Earlier wanted{app.input->uscc, scheme.code, {}, 0};
      const auto [from, to] =
          std::equal_range(earlier.begin(), earlier.end(), wanted,
                           [&](const Earlier& a, const Earlier& b) { return key(a) < key(b); });
      const bool counted = std::any_of(from, to, [&](const Earlier& award) {
        if (scheme.once == OnceScope::per_project) return award.project == app.input->project_id;
        if (scheme.once == OnceScope::per_enterprise_in_period)
          return award.year == 0 || award.year >= first_year;
        return true;
      });
      if (!counted) {
        scratch_.push_back(position);
        continue;
      }
      const bool legacy = scheme.once == OnceScope::per_enterprise_ever;
      reject(app, {ReasonCode::already_awarded, legacy ? "" : once_scope_name(scheme.once)});
      if (app.trace != nullptr) {
        const bool project = scheme.once == OnceScope::per_project;
        TraceStep& trace = step(
            app, project ? StepKind::once_per_project : StepKind::once_per_enterprise, rule.code);
        trace.detail = "< " + std::to_string(input_.year);
        trace.reason = ReasonCode::already_awarded;
      }
    }
    keep_highest_once(scratch_, rule);
  }
}

// Of the once-only applications at `positions` (one enterprise's, application_id order), the
// highest of each scheme (of each scheme and project for per_project) is kept.
void Engine::keep_highest_once(std::span<const uint32_t> positions, const Rule& rule) {
  std::vector<uint32_t> order(positions.begin(), positions.end());
  const auto group_of = [&](uint32_t position) {
    const AppState& app = apps_[position];
    const bool project = policy_.schemes()[app.scheme].once == OnceScope::per_project;
    return std::pair(app.scheme, project ? app.project : uint32_t(0));
  };
  // Positions are in application_id order, so a stable sort keeps ties in that order.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (group_of(a) != group_of(b)) return group_of(a) < group_of(b);
    return apps_[a].amount > apps_[b].amount;
  });
  uint32_t kept_position = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    AppState& app = apps_[order[i]];
    const Scheme& scheme = policy_.schemes()[app.scheme];
    const bool kept = i == 0 || group_of(order[i - 1]) != group_of(order[i]);
    const bool legacy = scheme.once == OnceScope::per_enterprise_ever;
    if (kept) kept_position = order[i];
    if (!kept)
      reject(app, {ReasonCode::already_awarded, legacy ? "" : once_scope_name(scheme.once)});
    if (app.trace == nullptr) continue;
    const bool project = scheme.once == OnceScope::per_project;
    TraceStep& trace =
        step(app, project ? StepKind::once_per_project : StepKind::once_per_enterprise, rule.code);
    trace.detail = kept ? "✓" : apps_[kept_position].input->application_id;
    if (!kept) trace.reason = ReasonCode::already_awarded;
  }
}

}  // namespace subsidy::engine
