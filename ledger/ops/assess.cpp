// Operation `assess` (assess.h).
#include "ledger/ops/assess.h"
#include "ledger/books/budget.h"

#include <vector>

#include "ledger/engine/assess_output.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::ops {

AssessedYear assess_only(Db& db, AwardYear year, const AssessOptions& options) {
  const std::vector<Policy> policies = load_stored_policies(db);
  const Policy* policy = nullptr;
  Assessment assessment = assess_year(db, policies, year, options, &policy);
  return {std::move(assessment), *policy};
}

AssessOutcome assess_and_post(OpContext& context, const AssessRequest& request) {
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    AssessOptions options;
    options.trace_all =
        count_applications(context.db, request.year.value) <= kMaxTracedApplications;
    AssessResult run;
    run.assessed = assess_only(context.db, request.year, options);
    run.json_text = assessment_json_text(run.assessed.assessment);
    run.posting = post_assessment(context.db, run.assessed.assessment, run.assessed.policy,
                                  context.actor, run.json_text, context.clock);
    run.budget = budget_of_year(context.db, request.year.value);
    run.booked = booked_awards(context.db, request.year.value);
    op.command = "assess --year " + request.year.to_string();
    op.counts = "run=" + std::to_string(run.posting.run_id) +
                " applications=" + std::to_string(run.assessed.assessment.applications.size()) +
                " entries_posted=" + std::to_string(run.posting.posted) +
                " unchanged=" + std::to_string(run.posting.unchanged) +
                " held=" + std::to_string(run.posting.held);
    return run;
  });
  return {std::move(result), std::move(record)};
}

}  // namespace subsidy::ops
