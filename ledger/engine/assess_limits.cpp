// The limits of section 五 (附则) after the formulas: one award per project with the top-up over a
// superior award (P), the enterprise-year limits over some schemes (L, the loan interest limit, and
// named ones such as an overall cap), the safety factor (S), the local tax retention (T), the
// year's fund shared over all awards, and the cost split between county and region (C).
// Pro-rata sharing is allocation.h's largest-remainder rule, over claims in application_id order.
#include <algorithm>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/engine/assess_engine.h"
#include "ledger/money/allocation.h"

namespace subsidy::engine {

namespace {

// Candidates listed in a trace of rule P; a project with more is shown with "…".
constexpr size_t kMaxListedCandidates = 10;

std::string yuan(const Int128& fen) {
  return grouped_decimal(Decimal(fen, -2));
}

}  // namespace

void Engine::apply_project_rule(const Rule& rule) {
  const std::vector<char> exempt =
      scheme_flags(std::get<ProjectParams>(rule.params).exempt_schemes);
  for (size_t p = 0; p < projects_.size(); ++p) {
    scratch_.clear();
    for (uint32_t position : project_apps(p)) {
      const AppState& app = apps_[position];
      if (app.status == Status::awarded && exempt[app.scheme] == 0) scratch_.push_back(position);
    }
    if (scratch_.empty()) continue;
    // Positions are in application_id order: a strictly higher amount is needed to take the lead.
    uint32_t winner = scratch_.front();
    for (uint32_t position : scratch_) {
      if (apps_[position].amount > apps_[winner].amount) winner = position;
    }
    AppState& best = apps_[winner];
    SUBSIDY_ASSERT(best.status == Status::awarded && best.project == p);
    for (uint32_t position : scratch_) {
      AppState& app = apps_[position];
      if (app.trace == nullptr) continue;
      TraceStep& trace = step(app, StepKind::project_highest, rule.code);
      for (size_t i = 0; i < scratch_.size() && i < kMaxListedCandidates; ++i) {
        const AppState& other = apps_[scratch_[i]];
        trace.formula += (i == 0 ? "max(" : ", ") + other.input->application_id + " " +
                         format_grouped(other.amount);
      }
      trace.formula += scratch_.size() > kMaxListedCandidates ? ", …)" : ")";
      trace.detail = position == winner ? "✓" : best.input->application_id;
      if (position != winner) trace.reason = ReasonCode::not_highest_for_project;
      if (position != winner) trace.result = Money();
    }
    for (uint32_t position : scratch_) {
      if (position != winner) reject(apps_[position], {ReasonCode::not_highest_for_project, {}});
    }
    top_up(best, rule);
    SUBSIDY_ASSERT_MSG(best.status != Status::awarded || !best.amount.is_negative(),
                       "the top-up pays max(0, highest - superior)");
  }
}

// The county pays only max(0, highest − superior_award), so that the project's total from all
// levels of government is the highest single award.
void Engine::top_up(AppState& winner, const Rule& rule) {
  const std::optional<Money>& superior = projects_[winner.project]->superior_award;
  if (!superior || superior->is_zero()) return;
  const Money top = winner.amount > *superior ? winner.amount - *superior : Money();
  SUBSIDY_ASSERT(!top.is_negative() && top <= winner.amount);
  if (winner.trace != nullptr) {
    TraceStep& trace = step(winner, StepKind::project_top_up, rule.code);
    trace.formula =
        "max(0.00, " + format_grouped(winner.amount) + " − " + format_grouped(*superior) + ")";
    trace.result = top;
    trace.reason =
        top.is_zero() ? ReasonCode::superior_award_higher : ReasonCode::topped_up_over_superior;
  }
  if (top.is_zero()) {
    reject(winner, {ReasonCode::superior_award_higher, {}});
    return;
  }
  winner.amount = top;
  winner.reasons.push_back({ReasonCode::topped_up_over_superior, {}});
}

void Engine::apply_scheme_limit(const Rule& rule) {
  const auto& params = std::get<SchemeLimitParams>(rule.params);
  const std::vector<char> limited = scheme_flags(params.schemes);
  SUBSIDY_ASSERT_MSG(!params.limit.is_negative(), "the policy loader refuses a negative limit");
  // The historical loan limit has no name and its own code; the others capped_by_limit:<name>.
  const Reason reason = params.name.empty()
                            ? Reason{ReasonCode::capped_by_loan_limit, {}}
                            : Reason{ReasonCode::capped_by_limit, interned(params.name)};
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    scratch_.clear();
    for (uint32_t position : enterprise_apps(e)) {
      const AppState& app = apps_[position];
      if (app.status == Status::awarded && limited[app.scheme] != 0) scratch_.push_back(position);
    }
    share_limit(scratch_, params.limit, reason, StepKind::scheme_limit, rule);
  }
}

// The year's fund over all awards of its schemes, every enterprise's together, pro rata when
// oversubscribed (capped_by_fund).
void Engine::apply_fund_limit(const Rule& rule) {
  const auto& params = std::get<FundLimitParams>(rule.params);
  const std::vector<char> funded = scheme_flags(params.schemes);
  SUBSIDY_ASSERT_MSG(!params.limit.is_negative(), "the policy loader refuses a negative limit");
  scratch_.clear();
  for (uint32_t position = 0; position < apps_.size(); ++position) {  // application_id order
    const AppState& app = apps_[position];
    if (app.status == Status::awarded && funded[app.scheme] != 0) scratch_.push_back(position);
  }
  share_limit(scratch_, params.limit, {ReasonCode::capped_by_fund, {}}, StepKind::fund_limit,
              rule);
}

void Engine::apply_safety_factor(const Rule& rule) {
  const auto& params = std::get<SafetyFactorParams>(rule.params);
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    std::optional<Decimal> factor;
    for (const EventInput& happened : enterprises_[e]->events) {
      if (happened.event != params.event) continue;
      const Decimal recorded = happened.factor.value_or(params.default_factor);
      if (recorded.is_negative()) {
        throw RefusedError("enterprise " + enterprises_[e]->uscc + ": " + params.event +
                           " factor " + recorded.to_plain_string() + " is negative");
      }
      factor = factor ? std::min(*factor, recorded) : recorded;  // the lowest recorded applies
    }
    if (!factor) continue;
    factor = std::min(*factor, params.max_factor);  // 最高不超过奖励金额的90%
    SUBSIDY_ASSERT(!factor->is_negative());
    for (uint32_t position : enterprise_apps(e)) {
      AppState& app = apps_[position];
      if (app.status != Status::awarded) continue;
      const Decimal exact = app.amount.to_decimal() * *factor;
      const Money reduced = Money::from_decimal(exact, params.rounding);
      // A reason only where the factor changed the amount (0.02 × 0.90 = 0.018 rounds to 0.02).
      const bool changed = reduced != app.amount;
      if (app.trace != nullptr) {
        TraceStep& trace = step(app, StepKind::safety_factor, rule.code);
        trace.formula = format_grouped(app.amount) + " × " + factor->to_plain_string();
        trace.exact = grouped_decimal(exact);
        trace.rounding = params.rounding;
        trace.result = reduced;
        trace.detail = params.event;
        if (changed) trace.reason = ReasonCode::safety_factor;
      }
      SUBSIDY_ASSERT(!reduced.is_negative());
      app.amount = reduced;
      if (changed) app.reasons.push_back({ReasonCode::safety_factor, {}});
    }
  }
}

void Engine::apply_tax_retention(const Rule& rule) {
  for (size_t e = 0; e < enterprises_.size(); ++e) {
    scratch_.clear();
    for (uint32_t position : enterprise_apps(e)) {
      if (apps_[position].status == Status::awarded) scratch_.push_back(position);
    }
    const std::optional<Money>& retention = enterprises_[e]->local_retained_tax;
    SUBSIDY_ASSERT_MSG(!retention || !retention->is_negative(), "refused when indexed");
    if (retention) {
      share_limit(scratch_, *retention, {ReasonCode::capped_by_tax_retention, {}},
                  StepKind::tax_retention, rule);
      continue;
    }
    // Without a retention figure nothing can be paid: the amount after steps 1–5 is shown, held.
    for (uint32_t position : scratch_) {
      AppState& app = apps_[position];
      app.status = Status::held;
      app.reasons.push_back({ReasonCode::no_tax_retention, {}});
      if (app.trace == nullptr) continue;
      TraceStep& trace = step(app, StepKind::tax_retention, rule.code);
      trace.detail = "local_retained_tax = —";
      trace.reason = ReasonCode::no_tax_retention;
    }
  }
}

void Engine::apply_cost_split(const Rule& rule) {
  const auto& params = std::get<CostSplitParams>(rule.params);
  const std::vector<char> county_only = scheme_flags(params.county_only_schemes);
  // The side that is rounded down; the other gets the rest, so an odd fen goes to it.
  const bool region_rounded = params.odd_fen == Party::county;
  const Decimal rate =
      region_rounded ? params.region_rate : Decimal::from_integer(1) - params.region_rate;
  for (AppState& app : apps_) {
    if (app.status != Status::awarded) continue;
    if (county_only[app.scheme] != 0) {
      app.county_share = app.amount;
      if (app.trace != nullptr) step(app, StepKind::cost_split, rule.code).detail = "county_only";
      continue;
    }
    const Decimal exact = app.amount.to_decimal() * rate;
    const Money rounded = Money::from_decimal(exact, Rounding::down);
    (region_rounded ? app.region_share : app.county_share) = rounded;
    (region_rounded ? app.county_share : app.region_share) = app.amount - rounded;
    SUBSIDY_ASSERT_MSG(app.county_share + app.region_share == app.amount &&
                           !app.county_share.is_negative() && !app.region_share.is_negative(),
                       "the shares of an award sum to it");
    if (app.trace == nullptr) continue;
    TraceStep& trace = step(app, StepKind::cost_split, rule.code);
    trace.formula = format_grouped(app.amount) + " × " + percent(rate);
    trace.exact = grouped_decimal(exact);
    trace.rounding = Rounding::down;
    trace.detail = region_rounded ? "region" : "county";
  }
}

// Shares `limit` over the amounts of the applications at `positions` (application_id order) when
// their sum exceeds it; each reduced application gets `reason`.
void Engine::share_limit(std::span<const uint32_t> positions, Money limit, Reason reason,
                         StepKind kind, const Rule& rule) {
  if (positions.empty()) return;
  std::vector<Money> claims;
  claims.reserve(positions.size());
  Int128 total = 0;
  for (uint32_t position : positions) {
    claims.push_back(apps_[position].amount);
    total += apps_[position].amount.fen();
  }
  const bool over = total > limit.fen();
  const std::vector<Money> shares = over ? allocate_pro_rata(limit, claims) : claims;
  SUBSIDY_ASSERT(shares.size() == positions.size());
  Int128 floors = 0;  // for traces: how many fen the largest remainders shared
  for (size_t i = 0; over && i < claims.size(); ++i) {
    floors += Int128(limit.fen()) * claims[i].fen() / total;
  }
  for (size_t i = 0; i < positions.size(); ++i) {
    AppState& app = apps_[positions[i]];
    if (app.trace != nullptr) {
      TraceStep& trace = step(app, kind, rule.code);
      trace.detail = (reason.detail.empty() ? "" : std::string(reason.detail) + ": ") + "Σ " +
                     yuan(total) + (over ? " > " : " ≤ ") + format_grouped(limit);
      trace.result = shares[i];
      if (over) {
        const Int128 product = Int128(limit.fen()) * claims[i].fen();
        ProRataShare share{
            limit.fen(), claims[i].fen(), total,
            0,           product % total, static_cast<int64_t>(Int128(limit.fen()) - floors),
            false};
        share.floor_fen = static_cast<int64_t>(product / total);
        share.extra_fen = shares[i].fen() > share.floor_fen;
        // Four more digits of the exact quotient show how the remainder ranks.
        const Int128 more = share.remainder * 10'000;
        trace.formula =
            format_grouped(limit) + " × " + format_grouped(claims[i]) + " / " + yuan(total);
        trace.exact =
            grouped_decimal(Decimal(Int128(share.floor_fen) * 10'000 + more / total, -6)) +
            (more % total == 0 ? "" : "…");
        trace.pro_rata = share;
        if (shares[i] != claims[i]) trace.reason = reason.code;
      }
    }
    if (shares[i] != claims[i]) app.reasons.push_back(reason);
    if (over && kind == StepKind::tax_retention) app.retention_claim = claims[i];
    app.amount = shares[i];
  }
}

}  // namespace subsidy::engine
