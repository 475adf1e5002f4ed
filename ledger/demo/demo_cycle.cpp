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
#include "ledger/ops/user.h"
#include "ledger/payments/payment_verify.h"
#include "ledger/people/signatures.h"

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

ops::OpContext DemoCycle::op(Db& db, const std::string& person, bool prefixed) const {
  ops::OpContext context{db, person, options_.clock, log_, prefixed ? "demo: " : ""};
  if (const auto signer = signers_.find(person); signer != signers_.end()) {
    context.signer = signer->second;
  }
  context.arguments = "subsidy demo";
  return context;
}

namespace {

// A random passphrase: 16 bytes of the kernel's randomness as hex.
std::string random_passphrase() {
  std::ifstream in("/dev/urandom", std::ios::binary);
  char bytes[16] = {0};
  in.read(bytes, sizeof bytes);
  if (!in) throw RefusedError("cannot read /dev/urandom");
  return people::to_hex(std::string_view(bytes, sizeof bytes));
}

std::string passphrase_file(const std::string& directory, const std::string& name,
                            const std::string& passphrase) {
  const std::string path = (fs::path(directory) / "people" / (name + ".pass")).string();
  write_file_atomically(path, passphrase + "\n");  // 0600
  return path;
}

}  // namespace

void DemoCycle::add_people(Db& db) {
  ops::OpContext admin = op(db, kAdmin);
  for (const auto& [name, roles] :
       std::vector<std::pair<std::string, std::string>>{{kMaker, "maker"},
                                                        {kChecker, "checker"},
                                                        {kCashier, "cashier"},
                                                        {kAuditor, "auditor"}}) {
    const std::string passphrase = random_passphrase();
    const ops::PersonOutcome added = ops::add_person(admin, {name, "", roles, passphrase, {}});
    signers_[added.person.login] = ops::Signer{added.person.login, added.key};
    summary_.people.push_back(
        {added.person.login, roles, passphrase_file(options_.directory, name, passphrase), 0, ""});
  }
}

void DemoCycle::count_signatures(Db& db) {
  std::map<std::string, std::map<std::string, int64_t>> done;  // login -> command -> count
  for (const people::SignatureRow& row : people::read_signatures(db)) {
    std::string command = row.command;
    const size_t space = command.find(' ');
    const bool two_words = command.starts_with("batch") || command.starts_with("user") ||
                           command.starts_with("bank-return") || command.starts_with("config");
    if (space != std::string::npos) {
      const size_t second = command.find(' ', space + 1);
      command = command.substr(0, two_words ? second : space);
    }
    ++done[row.signer][command];
  }
  for (DemoPerson& person : summary_.people) {
    for (const auto& [command, count] : done[person.name]) {
      person.signatures += count;
      person.commands +=
          (person.commands.empty() ? "" : ", ") + command + " ×" + std::to_string(count);
    }
  }
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
  create_private_directories((fs::path(options_.directory) / "people").string());
  const std::string passphrase = random_passphrase();
  ops::OpContext context = op(db, kAdmin);
  ops::InitRequest request = ops::builtin_init_request();
  request.admin = ops::AddPersonRequest{kAdmin, "", "admin", passphrase, {}};
  ops::init_ledger(context, request);
  signers_[kAdmin] = *context.signer;
  summary_.people.push_back(
      {kAdmin, "admin", passphrase_file(options_.directory, kAdmin, passphrase), 0, ""});
  add_people(db);
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
  ops::OpContext context = op(db, kChecker);
  // What a bureau would carry into the next year (rejections to pay again, enterprises without an
  // account, held awards, regions owing) is left open in the demo: its close is forced, with the
  // reason sealed in the closing entry.
  const ops::OpenItems open = ops::open_items_of_year(db, FiscalYear(year));
  const std::string reason = "演示：未结事项转入下一年度处理";
  ops::close_year(context, {FiscalYear(year), open.any(), open.any() ? reason : std::string()});
  summary_.closed_years.push_back(year);
  if (open.any()) {
    summary_.forced_closes.push_back(std::to_string(year) + ": " + ops::open_items_summary(open) +
                                     "; 理由: " + reason);
  }
}

void DemoCycle::write_audit_packs(Db& db) {
  ops::OpContext context = op(db, kAuditor);
  for (int year = kFirstCountyYear; year <= kLastCountyYear; ++year) {
    const std::string pack =
        (fs::path(options_.directory) / ("audit-pack-" + std::to_string(year))).string();
    // The last year is still open: its pack is forced and says 未结账.
    const bool closed = closing_of(db, FiscalYear(year)).has_value();
    ops::write_audit_pack(context, {year, pack, !closed, summary_.ops_log_path});
    summary_.audit_packs.push_back(pack);
    if (!closed) summary_.open_packs.push_back(pack);
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
  people::PeopleCheck people_check;
  people::add_people_problems(db, report, &people_check);
  summary_.verify_problems = report.problem_count;
  summary_.signatures_verified = people_check.signatures_checked;
  count_signatures(db);
  summary_.digest = current_digest(db);
  return summary_;
}

}  // namespace demo

DemoSummary run_demo_cycle(const DemoOptions& options) {
  return demo::DemoCycle(options).run();
}

}  // namespace subsidy
