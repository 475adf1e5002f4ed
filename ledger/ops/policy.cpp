// Operation `policy add` (policy.h).
#include "ledger/ops/policy.h"

#include <algorithm>

#include "ledger/awards/assessment_reader.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::ops {

namespace {

// Longest stretch of award years an amendment's check walks (policies run a few years).
constexpr int kMaxAmendedYears = 200;

// Refuses an amendment from whose effective date on a year already booked under the version it
// amends would fall under the amendment: earlier years keep the version they were assessed under.
void check_booked_years_keep_their_version(Db& db, const Policy& amendment) {
  if (amendment.amends().empty()) return;
  for (const Policy& amended : load_stored_policies(db)) {
    if (amended.id() != amendment.amends()) continue;
    const int first = std::max(amendment.effective_from().year, amended.effective_from().year);
    const int last = std::min(amended.effective_to().year, first + kMaxAmendedYears);
    for (int year = last; year >= first; --year) {  // the latest booked year names the date
      if (awards::latest_policy(db, AwardYear(year)) == amended.id()) {
        throw RefusedError(std::to_string(year) + " 年度已按 " + amended.id() + "（第 " +
                           std::to_string(amended.version()) + " 版）测算入账，修订版本须自 " +
                           std::to_string(year + 1) + "-01-01 或以后生效");
      }
    }
  }
}

}  // namespace

AddPolicyOutcome add_policy(OpContext& context, const AddPolicyRequest& request) {
  auto [policy, record] = run_write(context, [&](OpRecord& op) {
    check_booked_years_keep_their_version(context.db,
                                          load_policy(request.policy_text, request.policy_name));
    Policy stored = store_policy(context.db, request.policy_text, request.policy_name,
                                 context.actor, format_utc(context.clock()));
    op.command = "policy add";
    op.counts = "policy=" + stored.id() + " document=" + stored.document_number() +
                " from=" + stored.effective_from().to_string() +
                " to=" + stored.effective_to().to_string() +
                " version=" + std::to_string(stored.version());
    return stored;
  });
  return {std::move(policy), std::move(record)};
}

}  // namespace subsidy::ops
