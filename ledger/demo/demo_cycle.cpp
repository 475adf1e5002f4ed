// The year cycle of `subsidy demo` (demo_cycle.h): each step is one operation of ledger/ops, the
// one the corresponding command calls, so that the demo shows what the bureau's own commands
// would do.
#include "ledger/demo/demo_cycle.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/base/key_file.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/demo/demo_cycle_internal.h"
#include "ledger/engine/assess.h"
#include "ledger/masterdata/importer.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/audit_pack.h"
#include "ledger/ops/close_year.h"
#include "ledger/ops/import.h"
#include "ledger/ops/init.h"
#include "ledger/payments/payment_verify.h"

namespace subsidy {

namespace demo {

namespace {

namespace fs = std::filesystem;

void refuse_used_directory(const std::string& directory) {
  std::error_code error;
  if (fs::exists(directory, error) && !fs::is_empty(directory, error)) {
    throw RefusedError(directory + " is not empty; give a new directory for the demo");
  }
  create_private_directories(directory);
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail()) throw RefusedError("cannot read " + path);
  return bytes;
}

}  // namespace

DemoCycle::DemoCycle(const DemoOptions& options) : options_(options) {
  summary_.ledger_path = (fs::path(options.directory) / "ledger.db").string();
  summary_.key_path = (fs::path(options.directory) / "ledger.key").string();
  summary_.ops_log_path = summary_.ledger_path + ".ops.log";
  log_ = ops::file_ops_log(summary_.ledger_path);
}

ops::OpContext DemoCycle::op(Db& db, const std::string& actor, bool prefixed) const {
  return ops::OpContext{db, ops::checked_actor(actor.empty() ? options_.actor : actor),
                        options_.clock, log_, prefixed ? "demo: " : ""};
}

std::string DemoCycle::bank_file(const std::string& name) {
  ++summary_.bank_files;
  return (fs::path(summary_.bank_dir) / name).string();
}

void write_demo_file(const std::string& path, const std::string& bytes) {
  write_file_atomically(path, std::string_view(bytes));  // 0600: bank accounts
}

Db DemoCycle::create_ledger() {
  write_new_key_file(summary_.key_path);
  OpenOptions open;
  open.path = summary_.ledger_path;
  open.key = load_key(summary_.key_path);
  open.create = true;
  Db db = Db::open(open);
  ops::OpContext context = op(db);
  ops::init_ledger(context, ops::builtin_init_request());
  return db;
}

void DemoCycle::import_county(Db& db) {
  ops::OpContext context = op(db);
  for (const char* kind :
       {"regions", "enterprises", "tax", "compliance", "projects", "applications"}) {
    ImportOptions options;
    options.file_name = std::string(kind) + ".csv";
    ops::import_file(context, {*import_kind_from_name(kind),
                               read_whole_file(summary_.county.files.at(kind)), options});
  }
}

DemoYear DemoCycle::assess_year_and_post(Db& db, int year) {
  ops::OpContext context = op(db);
  const ops::AssessOutcome outcome = ops::assess_and_post(context, {AwardYear(year)});
  const Assessment& assessment = outcome.result.assessed.assessment;
  DemoYear figures;
  figures.year = year;
  figures.applications = static_cast<int64_t>(assessment.applications.size());
  figures.entries_posted = outcome.result.posting.posted;
  for (const ApplicationResult& result : assessment.applications) {
    if (result.status == Status::awarded) {
      ++figures.awarded;
      figures.awarded_total += result.amount;
      figures.county_share += result.county_share;
      figures.region_share += result.region_share;
    }
    if (result.status == Status::rejected) ++figures.rejected;
    if (result.status == Status::held) ++figures.held;
  }
  return figures;
}

void DemoCycle::close_fiscal_year(Db& db, int year) {
  ops::OpContext context = op(db);
  ops::close_year(context, {FiscalYear(year)});
  summary_.closed_years.push_back(year);
}

void DemoCycle::write_audit_packs(Db& db) {
  ops::OpContext context = op(db);
  for (int year = kFirstCountyYear; year <= kLastCountyYear; ++year) {
    const std::string pack =
        (fs::path(options_.directory) / ("audit-pack-" + std::to_string(year))).string();
    ops::write_audit_pack(context, {year, pack});
    summary_.audit_packs.push_back(pack);
  }
}

DemoSummary DemoCycle::run() {
  refuse_used_directory(options_.directory);
  summary_.county = generate_county((fs::path(options_.directory) / "input").string(),
                                    CountyOptions::siyang(options_.seed));
  Db db = create_ledger();
  configure_payer(db);
  import_county(db);
  summary_.bank_dir = (fs::path(options_.directory) / "bank").string();
  create_private_directories(summary_.bank_dir);
  // Year by year, as a bureau works: a year is paid and settled before it is closed.
  for (int year = kFirstCountyYear; year <= kLastCountyYear; ++year) {
    DemoYear figures = assess_year_and_post(db, year);
    fund_year(db, figures);
    pay_year(db, figures);
    settle_regions(db, figures);
    if (year < kLastCountyYear) close_fiscal_year(db, year);
    summary_.years.push_back(figures);
  }
  write_audit_packs(db);
  VerifyReport report = verify_ledger(db);
  add_payment_problems(db, report);
  summary_.verify_problems = report.problem_count;
  summary_.digest = current_digest(db);
  return summary_;
}

}  // namespace demo

DemoSummary run_demo_cycle(const DemoOptions& options) {
  return demo::DemoCycle(options).run();
}

}  // namespace subsidy
