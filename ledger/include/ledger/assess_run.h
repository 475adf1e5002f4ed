// Assessing an award year from the ledger's own data and booking the result: the policy in force
// for the year, the engine's input built from the current master data, the once-per-enterprise
// awards of earlier years, and the posting run that books only the differences and records what it
// decided (migration 004) so that reports read what was booked and why.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/assess.h"
#include "ledger/journal.h"
#include "ledger/policy.h"
#include "ledger/store.h"

namespace subsidy {

// The stored policy that decides `year`: the one whose period covers it; when none does, the
// latest stored one (whose period check then rejects every application, outside_policy_period).
// Throws RefusedError when the ledger holds no policy at all.
const Policy& policy_for_assessment(const std::vector<Policy>& policies, int year);

// The engine's input for `year` from the current master data: the year's applications and the
// projects and enterprises they name (with retention and compliance events of that year), plus
// `earlier_awards`. Reads only; throws RefusedError on a database failure.
AssessInput load_assess_input(Db& db, int year, std::vector<EarlierAward> earlier_awards);

// The awards of once-per-enterprise schemes (一次性) in the years of `policy` before `year`, found
// by assessing each of those years from the current master data.
std::vector<EarlierAward> earlier_once_awards(Db& db, const Policy& policy, int year);

// assess() of `year` under the policy in force, with earlier once-per-enterprise awards taken into
// account. `policy_used` receives the policy (owned by `policies`).
Assessment assess_year(Db& db, const std::vector<Policy>& policies, int year,
                       const AssessOptions& options, const Policy** policy_used);

struct AssessPosting {
  int64_t run_id = 0;
  int64_t posted = 0;     // applications whose difference was posted (one entry each)
  int64_t unchanged = 0;  // applications already booked at the assessed amounts
  int64_t held = 0;       // held applications (no tax retention): nothing booked for them
};

// Books `assessment` (which must come from assess_year on this ledger) inside the caller's
// Transaction: posts every application's difference (award_posting.h), then records the run and
// every application's and enterprise's result in the assessment record, explanations included
// where the assessment carries traces. `result_json` is the `assess --format json` text of the
// assessment, whose SHA-256 the run keeps. Throws RefusedError, having posted nothing once the
// caller rolls back, when any entry is refused.
AssessPosting post_assessment(Db& db, const Assessment& assessment, const Policy& policy,
                              const std::string& actor, const std::string& result_json,
                              const Clock& clock = system_clock());

}  // namespace subsidy
