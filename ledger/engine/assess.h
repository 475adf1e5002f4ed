// The policy engine: one award year's applications assessed by a Policy, exactly to the fen, as
// POLICY.md section 3 orders it (E, formula and own cap, P, L, S, T, C), with the reason codes of
// every rule that changed an application and, on request, a step-by-step trace an auditor can check
// by hand. assess() is a pure function of its plain-struct input: no database, no clock, and the
// result does not depend on the order of the input rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/money/decimal.h"
#include "ledger/money/money.h"
#include "ledger/policy/policy.h"

namespace subsidy {

// ---- Input
// ---------------------------------------------------------------------------------------

// One application row of the award year (INTERFACE.md `applications`). A column the scheme reads
// (Policy::scheme_inputs) must be present and not negative; the others are ignored.
struct ApplicationInput {
  std::string application_id;
  std::string project_id;
  std::string uscc;    // the enterprise of the project
  std::string scheme;  // a scheme code of the policy
  InputValues inputs;  // the eight numeric columns, indexed by InputColumn (input_columns.h)
};

struct ProjectInput {
  std::string project_id;
  std::optional<Money> superior_award;  // awarded by a higher level of government for the project
};

struct EventInput {
  std::string event;              // an event code of INTERFACE.md
  std::optional<Decimal> factor;  // only with the safety-factor event; default from the policy
};

struct EnterpriseInput {
  std::string uscc;
  std::string region_code;                  // the tax-attribution region (税收归属地)
  std::optional<Money> local_retained_tax;  // of the award year; none imported → awards held
  std::vector<EventInput> events;           // of the award year
};

// A once-per-enterprise scheme (一次性) awarded to an enterprise in an EARLIER year. The caller
// computes these by assessing the earlier years.
struct EarlierAward {
  std::string uscc;
  std::string scheme;
  std::string project_id;  // for once-per-project schemes; empty: matches no project
  int year = 0;            // the award year; 0: unknown, counted by every once scope
};

struct AssessInput {
  int year = 0;
  std::vector<ApplicationInput> applications;  // those of `year`, in any order
  std::vector<ProjectInput> projects;          // every project an application names
  std::vector<EnterpriseInput> enterprises;    // every enterprise an application names
  std::vector<EarlierAward> earlier_awards;
  // The first year of the policy's period for once = "enterprise_in_period": that of its first
  // version when the policy amends another (0: the policy's own effective_from year).
  int period_first_year = 0;
};

// Which applications get an explanation trace. Traces cost time and memory, so bulk runs ask for
// none and `explain` for one.
struct AssessOptions {
  bool trace_all = false;
  std::vector<std::string> trace_ids;  // traced even when trace_all is false
};

// ---- Output
// --------------------------------------------------------------------------------------

enum class Status { awarded, rejected, held };
std::string_view status_name(Status status);  // "awarded", "rejected", "held"
// The status of one of those names (as in `assess --format json`); nullopt for any other text.
std::optional<Status> status_from_name(std::string_view name);

// The reason codes of POLICY.md section 3.
enum class ReasonCode {
  condition_failed,  // with the column as detail
  ineligible,        // with the event as detail
  outside_policy_period,
  already_awarded,
  capped_by_scheme,
  not_highest_for_project,
  superior_award_higher,
  topped_up_over_superior,
  capped_by_loan_limit,
  safety_factor,
  capped_by_tax_retention,
  no_tax_retention,
  below_lowest_band,  // band_rate: the base is below the lowest band; with the column as detail
  base_multiplied,    // a term's base counted at its factor changed the amount
  capped_by_limit,    // a named enterprise-year limit shared the awards; the name as detail
  capped_by_fund,     // the year's fund shared the awards out pro rata
};

struct Reason {
  ReasonCode code = ReasonCode::condition_failed;
  std::string_view detail;  // a column or event name with static storage; empty for the others
  // "condition_failed:info_investment", "safety_factor", ... as INTERFACE.md prints them.
  std::string to_string() const;
};
std::string_view reason_code_name(ReasonCode code);

// What a trace step did; the explanation names it in Chinese or English.
enum class StepKind {
  period,       // Y: the award year against the policy period
  eligibility,  // E: excluding events of the year
  condition,    // a scheme condition, compared
  formula,      // the scheme's formula on exact decimals, rounded once
  tier,         // which tier of a tiers formula applies
  scheme_cap,   // the scheme's own cap
  once_per_enterprise,
  project_highest,  // P: the highest award of the project
  project_top_up,   // P: the top-up over a superior award
  scheme_limit,     // L: the enterprise-year limit over some schemes
  safety_factor,    // S
  tax_retention,    // T
  cost_split,       // C
  band,             // which band of a band_rate formula applies
  once_per_project,
  fund_limit,  // the year's fund shared over all awards
};
inline constexpr size_t kStepKindCount = static_cast<size_t>(StepKind::fund_limit) + 1;
// "period", "eligibility", ..., "cost_split": the enumerator's name, as the assessment record
// stores it.
std::string_view step_kind_name(StepKind kind);

// The numbers of one pro-rata share, in fen: floor(limit × claim / total) with `remainder`, plus
// one fen when the share got one of the left-over fen (largest remainders, ties to the smaller id).
struct ProRataShare {
  int64_t limit_fen = 0;
  int64_t claim_fen = 0;
  Int128 total_fen = 0;  // the sum of the claims sharing the limit
  int64_t floor_fen = 0;
  Int128 remainder = 0;       // limit × claim − floor × total, out of total
  int64_t left_over_fen = 0;  // limit − the sum of all floors: the fen given to largest remainders
  bool extra_fen = false;
};

struct TraceStep {
  std::string rule;  // the policy's rule code: "Y", "E", "F", "P", "L", "S", "T", "C"
  StepKind kind = StepKind::formula;
  std::string formula;  // the operation with its operands, language-neutral ("8% × 500,000.01")
  std::string exact;    // its exact value before rounding ("40,000.0008"); empty when none
  std::optional<Rounding> rounding;  // how `exact` became `result`, when it was rounded
  Money result;                      // the amount after this step
  std::string detail;  // codes, ids and comparisons ("A-02", "major_env_pollution", "✓")
  std::optional<ProRataShare> pro_rata;
  std::optional<ReasonCode> reason;  // the reason this step added, if any
};

struct ApplicationResult {
  std::string application_id, project_id, uscc, scheme;
  Status status = Status::rejected;
  Money amount;  // awarded: the award; rejected: 0.00; held: after steps 1–5 (E..S)
  Money county_share, region_share;  // 0.00 unless awarded
  std::vector<Reason> reasons;       // in the order the rules applied
  // The scheme formula's amount after the scheme's own cap, before the limits (P, L, S, T);
  // nullopt when the application was rejected before its formula ran. Kept whether or not the
  // application is traced, so that the assessment record never depends on the trace setting.
  std::optional<Money> formula_amount;
  // What the application claimed under rule T when its enterprise's awards exceeded the local
  // retained tax and were shared pro rata; nullopt when T did not share them.
  std::optional<Money> retention_claim;
  std::vector<TraceStep> trace;  // empty unless requested in AssessOptions
};

struct EnterpriseResult {
  std::string uscc;
  std::string region_code;
  Money total;  // the sum of its awarded amounts
  std::optional<Money> local_retained_tax;
  Money county_share, region_share;
};

struct Assessment {
  int year = 0;
  std::string policy_id;
  // The policy's version and 文号 when its file declares `version` (0 and empty otherwise): the
  // JSON then names them as "policy_version" and "policy_document" after "policy".
  int policy_version = 0;
  std::string policy_document;
  std::vector<ApplicationResult> applications;  // sorted by application_id
  std::vector<EnterpriseResult> enterprises;    // those with an application, sorted by uscc
};

// Assesses input.year's applications under `policy`. A year the policy does not cover rejects every
// application with outside_policy_period. Throws RefusedError, naming the row, for input the
// importer should have refused: a duplicate application id, project or enterprise; an application
// whose project or enterprise is missing; a scheme the policy does not have; a column the scheme
// reads that is missing or negative. Throws OverflowError when an exact sum leaves Money's range.
// The result owns all its data (Reason::detail views static storage).
Assessment assess(const Policy& policy, const AssessInput& input,
                  const AssessOptions& options = {});

}  // namespace subsidy
