// What the reports read, gathered once per report through the declared readers of the books
// (ledger/books/readers.h), of the assessment record (ledger/awards/assessment_reader.h) and of the
// master data (names): no SQL of its own. Internal to the reports library: the report builders
// share these so that every report adds up the same lines the same way.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ledger/awards/assessment_reader.h"
#include "ledger/books/readers.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy::reports::facts {

using books::EntryKinds;
using books::Flows;
using books::is_award_kind;

// What the award entries of fiscal year `year` booked for one application: county = the net of
// county_expense, region = the net of region_due:<region>, award = county + region (as
// award_posting.h books it), each summed over the application's award and adjustment entries.
struct Booking {
  std::string uscc;         // qualifier of the award_payable / clawback_receivable account
  std::string region_code;  // qualifier of the region_due account; empty for county-only awards
  Money award;
  Money county;
  Money region;
  int64_t entries = 0;  // 0: nothing booked for the application in that year
};

// Booked awards added up over a group of applications (a scheme, a region).
struct BookedSums {
  int64_t awards = 0;
  Money award;
  Money county;
  Money region;
  void add(const Booking& booking) {
    ++awards;
    award += booking.award;
    county += booking.county;
    region += booking.region;
  }
};

// One application of the year: what the latest assessment run of `year` recorded for it (when it
// did) joined with what the ledger booked for it in fiscal year `year` (when anything).
struct Application {
  std::string application_id;
  bool assessed = false;
  std::string project_id;
  std::string uscc;
  std::string region_code;
  std::string scheme;
  std::string status;  // awarded, rejected, held
  Money amount;
  Money formula;
  std::optional<Money> loan_amount;
  std::string reasons;  // the codes, comma-separated, in rule order
  Booking booking;

  bool booked() const { return booking.entries > 0; }
  // The enterprise: as assessed, else the one the ledger booked the award to.
  const std::string& enterprise() const { return assessed ? uscc : booking.uscc; }
};
// Every application the assessment recorded for `year` or the ledger booked in fiscal year
// `year`, in application_id order. Two ordered scans merged (the assessment by its primary key,
// the award entries by their application index): no hash table of a million keys.
std::vector<Application> applications(Db& db, AwardYear year);

// The flows of fiscal year `year` on every account whose base is `base` (books::account_flows).
Flows account_flows(Db& db, FiscalYear year, const std::string& base);
using books::account_flows;
using books::account_nets;

using AssessedEnterprise = awards::AssessedEnterprise;
inline std::map<std::string, AssessedEnterprise> assessed_enterprises(Db& db, AwardYear year) {
  return awards::latest_enterprises(db, year);
}
inline std::optional<std::string> assessed_policy(Db& db, AwardYear year) {
  return awards::latest_policy(db, year);
}

// Names from the master data (masterdata.h; empty maps when nothing was imported): enterprise and
// region names, and each enterprise's region.
struct Names {
  std::unordered_map<std::string, std::string> enterprise;
  std::unordered_map<std::string, std::string> enterprise_region;
  std::unordered_map<std::string, std::string> region;
  const std::string& enterprise_name(const std::string& uscc) const;
  const std::string& region_name(const std::string& code) const;
};
Names master_names(Db& db);

}  // namespace subsidy::reports::facts
