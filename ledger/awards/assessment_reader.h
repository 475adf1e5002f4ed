// The declared readers of the assessment record (migration 004: assessment_runs, _results,
// _enterprises): what the latest posting run of an award year recorded. Reports and views read the
// record through these, never with their own SQL. The newest run of an award year holds its
// current assessment.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy::awards {

// One application as the latest run of its award year recorded it.
struct AssessedApplication {
  std::string application_id;
  std::string project_id;
  std::string uscc;
  std::string region_code;
  std::string scheme;
  std::string status;  // awarded, rejected, held
  Money amount;
  Money formula;
  std::optional<Money> loan_amount;
  std::vector<std::string> reasons;  // the reason codes, in rule order
};
// Every application of the latest run of `award_year`, in application_id order (the primary key's
// order: no sort); empty when the year was never posted.
std::vector<AssessedApplication> latest_applications(Db& db, AwardYear award_year);

// One enterprise as the latest run of `award_year` recorded it.
struct AssessedEnterprise {
  std::optional<Money> local_retained_tax;
  Money total;
  Money before_retention;
};
std::map<std::string, AssessedEnterprise> latest_enterprises(Db& db, AwardYear award_year);

// The policy id of the latest run of `award_year`; nullopt when there was none.
std::optional<std::string> latest_policy(Db& db, AwardYear award_year);

// An awarded application of the current assessment of some award year <= `year` that the books
// booked (an award entry) in some fiscal year <= `year`.
struct BookedAward {
  std::string scheme;
  std::string project_id;
  std::string uscc;
};
std::vector<BookedAward> awarded_and_booked_through(Db& db, AwardYear year);

}  // namespace subsidy::awards
