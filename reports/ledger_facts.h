// What the reports read, gathered once per report from the ledger (entries and lines of one fiscal
// year), the assessment record beside it (migration 004) and the master data (names). Internal to
// the reports library: the report builders share these readers so that every report adds up the
// same lines the same way.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy::reports::facts {

// The entry kinds that book or change an award (chart.h kAward, kAwardAdjustment).
bool is_award_kind(const std::string& kind);
// The same kinds as an SQL list, "('award', 'award_adjustment')", for `kind IN` and `NOT IN`.
const std::string& award_kinds_sql();

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
std::vector<Application> applications(Db& db, int64_t year);

// The net of the lines of fiscal year `year` on every account whose base is `base`, per qualifier
// and entry kind: flows[qualifier][kind] = sum of amount_fen (debit > 0).
using Flows = std::map<std::string, std::map<std::string, Money>>;
Flows account_flows(Db& db, int64_t year, const std::string& base);
// Which entries account_flows adds up: all, or all but the award kinds (is_award_kind), which
// are most of a year's lines; a report that has the award lines already (applications()) or
// needs only their sum (account_nets) reads just the payments, settlements and clawbacks.
enum class EntryKinds { all, except_awards };
// The same for several bases in one scan of the year's lines: result[i] is for bases[i].
std::vector<Flows> account_flows(Db& db, int64_t year, const std::vector<std::string>& bases,
                                 EntryKinds kinds = EntryKinds::all);

// The net (debits less credits, all entry kinds) of fiscal year `year` on every account whose
// base is `base`, per qualifier, read from ledger_account_totals: one row per account instead of
// a scan of the year's lines (verify proves the totals equal the lines).
std::map<std::string, Money> account_nets(Db& db, int64_t year, const std::string& base);

// One enterprise as the latest assessment run of `year` recorded it.
struct AssessedEnterprise {
  std::optional<Money> local_retained_tax;
  Money total;
  Money before_retention;
};
std::map<std::string, AssessedEnterprise> assessed_enterprises(Db& db, int64_t year);
// The policy id of the latest assessment run of `year`; nullopt when there was none.
std::optional<std::string> assessed_policy(Db& db, int64_t year);

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

// The ledger head the report is made from, as `subsidy digest` prints it (format_digest):
// "subsidy-ledger digest: entries=<count> head=<hash>", which `verify --against` reads back.
std::string head_digest(Db& db);

}  // namespace subsidy::reports::facts
