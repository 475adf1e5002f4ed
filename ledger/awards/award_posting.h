// Booking an assessment: for each application, compare what the assessment says it should be with
// what the ledger already holds for it, and post only the difference, as one entry that references
// the run. Running the same assessment again posts nothing; after an input changed, the next run
// posts exactly the changes, so that the award accounts always equal the latest assessment.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/books/journal.h"
#include "ledger/engine/assess.h"

namespace subsidy {

// The outcome of an application is the engine's Status (assess.h), the one status type of the
// program. Only `awarded` is booked; `rejected` and `held` applications have nothing in the ledger
// (held: no tax retention figure yet).

// What the latest assessment says about one application.
struct AwardTarget {
  std::string application_id;
  std::string uscc;         // the enterprise paid: award_payable:<uscc>
  std::string region_code;  // its tax-attribution region: region_due:<region_code>
  std::string scheme;
  int64_t fiscal_year = 0;   // the award year
  bool county_only = false;  // loan_interest: the county bears it alone
  Status status = Status::awarded;
  Money amount;        // for awarded: county_share + region_share
  Money county_share;  // borne by the county (county_expense)
  Money region_share;  // borne by the region (region_due:<region>), 0 when county_only
};

// The run that posts: the assessed year, who ran it, the assessment_runs.run_id it will be stored
// under (if any) and a memo (e.g. "assess --year 2023") written into every entry it posts.
struct AwardRun {
  int64_t fiscal_year = 0;
  std::string actor;
  std::optional<int64_t> run_id;
  std::string memo;
};

struct AwardPostingResult {
  int64_t posted = 0;              // applications whose difference was posted (one entry each)
  int64_t unchanged = 0;           // applications whose booked amounts already matched
  std::vector<int64_t> entry_ids;  // the entries posted, in application order
};

// What the award entries (kinds award and award_adjustment) of one application add up to.
struct BookedAward {
  Money county_share;                          // county_expense
  std::map<std::string, Money> region_shares;  // region_due, by region code (non-zero only)
  Money amount;                                // county_share + the region shares
  int64_t entries = 0;                         // award entries posted for it so far
};
BookedAward booked_award(Db& db, const std::string& application_id);

// Posts, per target, the difference between the target and what the ledger holds for the
// application: county_expense and region_due:<region> move to the target shares, and the change
// of the whole award goes to the enterprise: an increase first settles any clawback_receivable of
// that enterprise, the rest is credited to award_payable:<uscc>; a decrease is debited to
// award_payable:<uscc> as far as the enterprise still has unpaid awards (nothing sent yet), and
// the paid excess becomes clawback_receivable:<uscc>. The first entry of an application has kind
// award, later ones award_adjustment; each has key "award:<application>:v<n>:<target values>",
// carries the run id and memo, and goes into the award year, or, when that year is closed, into
// the next open year with refers_year = the award year.
// Requires an open Transaction (std::logic_error otherwise). Throws RefusedError, having posted
// nothing, when a target is malformed: a year other than the run's, an application listed twice,
// negative amounts, shares that do not add up to the amount of an awarded target, a region share
// for a county-only one, empty ids; or when an entry is refused (e.g. a malformed uscc).
AwardPostingResult post_award_differences(Db& db, const AwardRun& run,
                                          const std::vector<AwardTarget>& targets,
                                          const Clock& clock = system_clock());

}  // namespace subsidy
