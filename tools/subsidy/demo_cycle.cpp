// The year cycle of `subsidy demo` (demo_cycle.h): each step is one call of the library function
// the corresponding command calls, inside the same kind of transaction, followed by the same kind
// of operations-log line, so that the demo shows what the bureau's own commands would do.
#include "demo_cycle.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "demo_cycle_internal.h"
#include "ledger/engine/assess_output.h"
#include "ledger/awards/assess_run.h"
#include "ledger/base/clock.h"
#include "ledger/base/embedded.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/importer.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/books/year_close.h"

namespace subsidy::cli {

namespace demo {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBuiltinPolicy = "siyang-2022-9.toml";
constexpr size_t kKeyBytes = 32;
// The applications of a year whose explanations are recorded with the posting run, as `assess`
// records them for runs of this size.
constexpr bool kTraceAll = true;

void refuse_used_directory(const std::string& directory) {
  std::error_code error;
  if (fs::exists(directory, error) && !fs::is_empty(directory, error)) {
    throw RefusedError(directory + " is not empty; give a new directory for the demo");
  }
  fs::create_directories(directory, error);
  if (error) throw RefusedError("cannot create " + directory + ": " + error.message());
}

// A random 256-bit key, hex-encoded, in a file only its owner may read: the ledger's key never
// appears on a command line or in a log.
void write_random_key(const std::string& path) {
  unsigned char bytes[kKeyBytes];
  if (RAND_bytes(bytes, static_cast<int>(kKeyBytes)) != 1) {
    throw RefusedError("no random bytes for the ledger key");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  for (unsigned char byte : bytes) {
    key += kHex[byte >> 4];
    key += kHex[byte & 0xF];
  }
  key += '\n';
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw RefusedError("cannot create " + path);
  const bool written = write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  if (close(fd) != 0 || !written) throw RefusedError("cannot write " + path);
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail()) throw RefusedError("cannot read " + path);
  return bytes;
}

}  // namespace

DemoCycle::DemoCycle(const Context& base, const DemoOptions& options)
    : options_(options), context_(base) {
  context_.db_path = (fs::path(options.directory) / "ledger.db").string();
  context_.key_file = (fs::path(options.directory) / "ledger.key").string();
}

std::string DemoCycle::bank_file(const std::string& name) {
  ++summary_.bank_files;
  return (fs::path(summary_.bank_dir) / name).string();
}

void write_demo_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw RefusedError("cannot write " + path);
}

void DemoCycle::create_ledger(Db& db) {
  for (const EmbeddedFile& file : embedded_policies::files()) {
    if (file.name != kBuiltinPolicy) continue;
    const Policy policy =
        store_policy(db, file.content, file.name, context_.actor, utc_now_iso8601());
    log_operation(context_, "demo: init", "policy=" + policy.id(), "-", current_digest(db));
    return;
  }
  throw RefusedError("the built-in policy is missing from this program");
}

void DemoCycle::import_county(Db& db) {
  const PolicySchemeCatalog catalog(load_stored_policies(db));
  for (const char* kind :
       {"regions", "enterprises", "tax", "compliance", "projects", "applications"}) {
    ImportOptions options;
    options.file_name = std::string(kind) + ".csv";
    options.actor = context_.actor;
    options.recorded_at = utc_now_iso8601();
    options.schemes = &catalog;
    const std::string before = current_digest(db);
    const ImportResult result = import_file(
        db, *import_kind_from_name(kind), read_whole_file(summary_.county.files.at(kind)), options);
    log_operation(context_, std::string("demo: import ") + kind,
                  "file=" + options.file_name + " sha256=" + result.file_sha256 +
                      " new=" + std::to_string(result.new_count),
                  before, current_digest(db));
  }
}

DemoYear DemoCycle::assess_year_and_post(Db& db, int year) {
  Transaction tx(db);
  const std::vector<Policy> policies = load_stored_policies(db);
  AssessOptions options;
  options.trace_all = kTraceAll;
  const Policy* policy = nullptr;
  const Assessment assessment = assess_year(db, policies, year, options, &policy);
  const std::string before = current_digest(db);
  const AssessPosting posting =
      post_assessment(db, assessment, *policy, context_.actor, assessment_json_text(assessment));
  const std::string after = current_digest(db);
  tx.commit();
  log_operation(context_, "demo: assess --year " + std::to_string(year),
                "run=" + std::to_string(posting.run_id) + " entries_posted=" +
                    std::to_string(posting.posted) + " held=" + std::to_string(posting.held),
                before, after);
  DemoYear figures;
  figures.year = year;
  figures.applications = static_cast<int64_t>(assessment.applications.size());
  figures.entries_posted = posting.posted;
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
  Transaction tx(db);
  const std::string before = current_digest(db);
  const YearClosing closing = close_year(db, year, context_.actor);
  const std::string after = current_digest(db);
  tx.commit();
  summary_.closed_years.push_back(year);
  log_operation(context_, "demo: close --year " + std::to_string(year),
                "entries_posted=1 closing_entry=" + std::to_string(closing.entry_id), before,
                after);
}

void DemoCycle::write_audit_packs(Db& db) {
  for (int year = kFirstCountyYear; year <= kLastCountyYear; ++year) {
    const std::string pack =
        (fs::path(options_.directory) / ("audit-pack-" + std::to_string(year))).string();
    write_audit_pack(context_, db, year, pack);
    summary_.audit_packs.push_back(pack);
  }
}

DemoSummary DemoCycle::run() {
  refuse_used_directory(options_.directory);
  summary_.ledger_path = context_.db_path;
  summary_.key_path = *context_.key_file;
  summary_.ops_log_path = context_.db_path + ".ops.log";
  summary_.county = generate_county((fs::path(options_.directory) / "input").string(),
                                    CountyOptions::siyang(options_.seed));
  write_random_key(*context_.key_file);
  Db db = context_.open_db(true);
  create_ledger(db);
  configure_payer(db);
  import_county(db);
  summary_.bank_dir = (fs::path(options_.directory) / "bank").string();
  fs::create_directories(summary_.bank_dir);
  // Year by year, as a bureau works: a year is paid and settled before it is closed.
  for (int year = kFirstCountyYear; year <= kLastCountyYear; ++year) {
    DemoYear figures = assess_year_and_post(db, year);
    pay_year(db, figures);
    settle_regions(db, figures);
    if (year < kLastCountyYear) close_fiscal_year(db, year);
    summary_.years.push_back(figures);
  }
  write_audit_packs(db);
  const VerifyReport report = verify_ledger(db);
  summary_.verify_problems = report.problem_count;
  summary_.digest = current_digest(db);
  return summary_;
}

}  // namespace demo

DemoSummary run_demo_cycle(const Context& context, const DemoOptions& options) {
  return demo::DemoCycle(context, options).run();
}

}  // namespace subsidy::cli
