// `audit-pack --year Y --out DIR`: the year-end audit pack. Verifies the ledger, then writes every
// report as XLSX and CSV (and all of them in one workbook), the journal export, the `verify`
// output, the digest, and manifest.json with the SHA-256 of every file, so that an auditor can
// prove later that the pack is what the ledger said that day. The directory appears complete or
// not at all (built under a temporary name, then renamed).
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/base/sha256.h"
#include "reports/journal_export.h"
#include "reports/ledger_reports.h"
#include "ledger/tables/output.h"
#include "ledger/tables/xlsx.h"

namespace subsidy::cli {

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (!file) throw RefusedError("cannot read back " + path.string());
  return bytes.str();
}

void write_text_file(const fs::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) throw RefusedError("cannot write " + path.string());
}

std::string verify_text(const VerifyReport& report) {
  std::ostringstream text;
  text << "verified: " << report.entries_checked << " entries, " << report.lines_checked
       << " lines, " << report.accounts_checked
       << " account totals; hash chain, balances, totals, closings and append-only triggers "
          "intact\n"
       << format_digest(report.head) << "\n";
  return text.str();
}

// Writes every file of the pack into `dir` (which exists and is empty).
void write_pack(Db& db, int64_t year, const VerifyReport& verified, const Context& context,
                const fs::path& dir) {
  const std::vector<reports::ReportTable> tables =
      reports::build_reports(db, reports::report_names(), year, reports::Lang::zh);
  const std::string digest = format_digest(verified.head);
  if (tables.front().ledger_head() != digest) {
    throw RefusedError("the ledger changed while the audit pack was made; run audit-pack again");
  }
  std::vector<const reports::ReportTable*> all;
  for (const reports::ReportTable& table : tables) {
    reports::write_xlsx({&table}, reports::Lang::zh, (dir / (table.name() + ".xlsx")).string());
    std::ofstream csv(dir / (table.name() + ".csv"), std::ios::binary);
    reports::write_csv(table, reports::Lang::zh, csv);
    csv.close();
    if (!csv) throw RefusedError("cannot write " + table.name() + ".csv");
    all.push_back(&table);
  }
  reports::write_xlsx(all, reports::Lang::zh,
                      (dir / ("reports-" + std::to_string(year) + ".xlsx")).string());
  std::ostringstream journal;
  reports::export_journal(db, year, journal);
  write_text_file(dir / ("journal-" + std::to_string(year) + ".journal"), journal.str());
  write_text_file(dir / "verify.txt", verify_text(verified));
  write_text_file(dir / "digest.txt", digest + "\n");

  nlohmann::ordered_json manifest;
  manifest["year"] = year;
  manifest["ledger_digest"] = digest;
  manifest["created_at"] = format_utc(system_clock()());
  manifest["actor"] = context.actor;
  manifest["files"] = nlohmann::ordered_json::array();
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(dir)) files.push_back(item.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    const std::string bytes = read_file(path);
    manifest["files"].push_back({{"name", path.filename().string()},
                                 {"bytes", bytes.size()},
                                 {"sha256", sha256_hex(bytes)}});
  }
  write_text_file(dir / "manifest.json", manifest.dump(2) + "\n");
}

int run_audit_pack(const Context& context, int64_t year, const std::string& out) {
  Db db = context.open_db();
  const LedgerHead packed = write_audit_pack(context, db, year, out);
  std::cout << "audit pack for " << year << " in " << out << "\n" << format_digest(packed) << "\n";
  return 0;
}

}  // namespace

LedgerHead write_audit_pack(const Context& context, Db& db, int64_t year, const std::string& out) {
  const fs::path target(out);
  if (fs::exists(target))
    throw RefusedError(out + " exists already; an audit pack goes into a new directory");
  const VerifyReport verified = verify_ledger(db);
  if (!verified.ok()) {
    throw RefusedError("the ledger fails verification (" + std::to_string(verified.problem_count) +
                       " problem(s); run `subsidy verify`); no audit pack written");
  }
  const fs::path temporary = target.string() + ".tmp-" + std::to_string(::getpid());
  std::error_code ignored;
  std::error_code error;
  // Not create_directories: a mistyped parent path must be refused, not created.
  if (!fs::create_directory(temporary, error)) {
    throw RefusedError("cannot create " + out + ": " + error.message());
  }
  try {
    write_pack(db, year, verified, context, temporary);
    fs::rename(temporary, target);
  } catch (...) {
    fs::remove_all(temporary, ignored);
    throw;
  }
  return verified.head;
}

void add_audit_pack_commands(CLI::App& app, Context& context) {
  CLI::App* pack = app.add_subcommand(
      "audit-pack", "the year-end audit pack: reports, journal, digest, manifest");
  auto year = std::make_shared<int64_t>(0);
  auto out = std::make_shared<std::string>();
  pack->add_option("--year", *year, "the fiscal year")->required()->check(CLI::Range(1900, 9999));
  pack->add_option("--out", *out, "a new directory for the pack")->required();
  pack->callback([&context, year, out] {
    context.action = [&context, year, out] { return run_audit_pack(context, *year, *out); };
  });
}

}  // namespace subsidy::cli
