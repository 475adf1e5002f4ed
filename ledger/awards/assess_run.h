// Assessing an award year from the ledger's own data and booking the result: the policy in force
// for the year, the engine's input built from the current master data, the once-per-enterprise
// awards of earlier years, and the posting run that books only the differences and records what it
// decided (migration 004) so that reports read what was booked and why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/key_index.h"
#include "ledger/base/years.h"
#include "ledger/books/journal.h"
#include "ledger/engine/assess.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/policy/policy.h"
#include "ledger/store/store.h"

namespace subsidy {

// The stored policy that decides `year`: the one whose period covers it; when none does, the
// latest stored one (whose period check then rejects every application, outside_policy_period).
// Throws RefusedError when the ledger holds no policy at all.
const Policy& policy_for_assessment(const std::vector<Policy>& policies, AwardYear year);

// The master data that every year of one assess command is built from, loaded once. assess_year
// also re-assesses the policy's earlier years for the once-per-enterprise schemes, and loading the
// projects and enterprises again for each of those years cost more than assessing them. Not
// copyable (the lookups refer into its own rows). Throws RefusedError on a database failure.
class AssessMasterData {
 public:
  explicit AssessMasterData(Db& db);
  AssessMasterData(const AssessMasterData&) = delete;
  AssessMasterData& operator=(const AssessMasterData&) = delete;

  const ProjectDirectory& projects() const { return projects_; }
  // Every current enterprise's region, sorted by USCC.
  const std::vector<EnterpriseRegion>& enterprises() const { return enterprises_; }
  // The position of `uscc` in enterprises(), nullopt when no such enterprise was imported.
  std::optional<uint32_t> enterprise_position(std::string_view uscc) const;

 private:
  ProjectDirectory projects_;
  std::vector<EnterpriseRegion> enterprises_;
  KeyIndex enterprise_position_;  // views into enterprises_
};

// The engine's input for `year`: the year's applications from the ledger, and the projects and
// enterprises of `master` that they name (with the retention and compliance events of that year),
// plus `earlier_awards`. With `concerned` (one flag per position in master.enterprises()), only the
// applications of the flagged enterprises. Reads only; throws RefusedError on a database failure.
AssessInput load_assess_input(Db& db, const AssessMasterData& master, AwardYear year,
                              std::vector<EarlierAward> earlier_awards,
                              const std::vector<char>* concerned = nullptr);

// The enterprises (flags by position in master.enterprises()) that apply for a once-per-enterprise
// scheme of `policy` in `input`: the only ones whose earlier awards can change its assessment.
std::vector<char> once_scheme_applicants(const AssessMasterData& master, const Policy& policy,
                                         const AssessInput& input);

// The awards of once-per-enterprise schemes (一次性) in the years before `year` to the enterprises
// flagged in `concerned` (null: every enterprise) that `policy` counts: those of the years under
// `policy`'s chain of versions, and, for its schemes marked once_across_policies, those of the
// years under any other of `policies` (each year under the policy in force for it). Found by
// assessing each of those years from the current master data. Only the concerned enterprises'
// applications are assessed: every rule of POLICY.md works within one enterprise, so the others
// cannot change their results (assess_property_test checks this), and at a million applications
// assessing them all for every earlier year cost more than the year itself.
std::vector<EarlierAward> earlier_once_awards(Db& db, const AssessMasterData& master,
                                              const std::vector<Policy>& policies,
                                              const Policy& policy, AwardYear year,
                                              const std::vector<char>* concerned = nullptr);

// assess() of `year` under the policy in force, with earlier once-per-enterprise awards taken into
// account. `policy_used` receives the policy (owned by `policies`).
Assessment assess_year(Db& db, const std::vector<Policy>& policies, AwardYear year,
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
