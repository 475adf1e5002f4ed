// Operation `assess` (the posting run): the policy in force applied to an award year's
// applications from the ledger's own master data, and the differences to what is booked posted,
// with the run and every decision recorded (awards/assess_run.h). Also the dry run and the
// explanation, which read only.
#pragma once

#include <string>

#include "ledger/awards/assess_run.h"
#include "ledger/books/budget.h"
#include "ledger/engine/assess.h"
#include "ledger/ops/operation.h"
#include "ledger/policy/policy.h"

namespace subsidy::ops {

// Traces (the explanation of every step) are recorded for every application of posting runs up to
// this size; a bigger run records amounts and reasons only, to stay within memory
// (docs/performance.md).
inline constexpr int64_t kMaxTracedApplications = 200'000;

struct AssessRequest {
  AwardYear year;
};

// An assessment and the policy that decided it.
struct AssessedYear {
  Assessment assessment;
  Policy policy;
};

struct AssessResult {
  AssessedYear assessed;
  std::string json_text;  // `assess --format json` of the assessment; the run keeps its SHA-256
  AssessPosting posting;  // the run, and how many applications were posted, unchanged, held
  // The year's budget (books/budget.h; nullopt: none) and the awards booked for the year after
  // the run: front ends show the one against the other and warn when the awards exceed it.
  std::optional<YearBudget> budget;
  Money booked;
};

struct AssessOutcome {
  AssessResult result;
  OpRecord record;
};

// Assesses the year and posts the differences, all in one transaction: what is assessed is what
// is posted. Throws RefusedError (no policy stored, an entry refused) or InputError (a stored
// policy no longer loads), having posted nothing.
AssessOutcome assess_and_post(OpContext& context, const AssessRequest& request);

// What assess_and_post would decide for `year`, changing nothing: the dry run (`options` as
// given) and the explanation of chosen applications (options.trace_ids).
AssessedYear assess_only(Db& db, AwardYear year, const AssessOptions& options = {});

}  // namespace subsidy::ops
