// The whole year cycle of `subsidy demo DIR`, run on a generated county (demo_county.h) through the
// operations of ledger/ops, the same ones the bureau's commands call, each writing its line to the
// operations log (prefixed "demo: "). The cycle and its figures are kept apart from the printing
// (the command line's cmd_demo.cpp), so that a front end only renders the summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/base/clock.h"
#include "ledger/demo/demo_county.h"
#include "ledger/money/money.h"

namespace subsidy {

// What one award year's posting run decided, what was paid and what the regions settled.
struct DemoYear {
  int year = 0;
  int64_t applications = 0;
  int64_t awarded = 0, rejected = 0, held = 0;
  Money awarded_total, county_share, region_share;
  int64_t entries_posted = 0;
  Money budget;            // the fund's budget set for the year (budget set, booked as funding)
  std::string budget_ref;  // its 文号
  int64_t batches = 0;     // payment batches proposed, approved by a second actor, exported
  int64_t transfers_settled = 0;
  Money settled_total;
  int64_t transfers_rejected = 0;  // by the bank; owed again and paid by the next batch
  int64_t payables_excluded = 0;   // left unpaid by the last batch (no bank details, held, ...)
  int64_t regions_settled = 0;
  Money regions_settled_total;
};

// One person of the demo county's finance bureau, and what they signed.
struct DemoPerson {
  std::string name;             // login, e.g. 张会计
  std::string roles;            // e.g. "maker"
  std::string passphrase_file;  // DIR/people/NAME.pass, mode 0600
  int64_t signatures = 0;       // commands they signed
  std::string commands;         // what they did: "import ×9, assess ×3, …"
};

// Where the files are and what the cycle did, for the summary.
struct DemoSummary {
  CountySummary county;
  std::string ledger_path, key_path, ops_log_path;
  std::vector<DemoYear> years;
  std::vector<int> closed_years;
  // The closes forced over open items (ops/open_items.h), as "2023: <open items>; 理由: <reason>".
  std::vector<std::string> forced_closes;
  std::string digest;           // the ledger head at the end (entries and hash)
  int64_t verify_problems = 0;  // what verify found at the end: 0 for a sound ledger
  std::string bank_dir;         // the pain.001 files sent and the pain.002 returns
  int64_t bank_files = 0;
  std::vector<std::string> audit_packs;  // one directory per award year
  std::vector<std::string> open_packs;   // the packs of years not closed yet (forced, 未结账)
  std::vector<DemoPerson> people;        // who did what (every change is signed by its person)
  int64_t signatures_verified = 0;
};

struct DemoOptions {
  std::string directory;
  uint64_t seed = 1;
  std::string actor;             // unused since the demo has people (kept for callers)
  Clock clock = system_clock();  // the time every operation records
};

// Runs the cycle: refuses a directory that exists and is not empty (so nothing of an earlier run is
// mixed in), writes the county's CSV files into DIR/input, creates an encrypted ledger
// DIR/ledger.db with a random key written to DIR/ledger.key (mode 0600; $SUBSIDY_DB_KEY, when set,
// is the key instead, as for every command) and five people (管理员 admin, 张会计 maker, 李科长
// checker, 王出纳 cashier, 赵审计 auditor) with random passphrases in DIR/people/NAME.pass (0600),
// each key unlocked once; every step runs as the person whose role it is, and signs; configures the
// paying account, imports, and then for each award year 2022-2024: assess and post; fund the year
// (budget set with its 文号, booked Dr treasury, Cr county_appropriation, so that treasury never
// runs below zero); pay (batch, approval by a second person, pain.001 export, the simulated bank's
// pain.002 return with two rejections, a new batch for what was rejected, its return); settle every
// region's share; close the year (2022 and 2023). Ends with an audit pack per year and verify.
// Throws RefusedError (or InputError) when a step is refused; the steps before it stay done, each
// complete.
DemoSummary run_demo_cycle(const DemoOptions& options);

}  // namespace subsidy
