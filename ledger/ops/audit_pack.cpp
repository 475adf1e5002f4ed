// Operation `audit-pack` (audit_pack.h).
#include "ledger/ops/audit_pack.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "ledger/base/atomic_file.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/year_close.h"
#include "ledger/payments/config.h"
#include "ledger/tables/output.h"
#include "ledger/tables/xlsx.h"
#include "reports/journal_export.h"
#include "reports/ledger_reports.h"

namespace subsidy::ops {

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (!file) throw RefusedError("cannot read back " + path.string());
  return bytes.str();
}

// Every file of the pack is written by the one atomic writer, mode 0600: it holds bank accounts
// and tax figures.
void write_text_file(const fs::path& path, const std::string& text) {
  write_file_atomically(path.string(), std::string_view(text), 0600);
}

void write_xlsx_file(const fs::path& path, const std::vector<const reports::ReportTable*>& tables) {
  write_file_atomically(
      path.string(),
      [&](const std::string& temporary) { reports::write_xlsx(tables, Language::zh, temporary); },
      0600);
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

constexpr std::string_view kNotClosed = "未结账";

// An open year's report: 【未结账】 before its title (the XLSX sheet and document title) and, when
// its first column can hold the label, a last row saying so (in the CSV and XLSX alike).
void mark_not_closed(reports::ReportTable& table, int64_t year) {
  table.prefix_title("【" + std::string(kNotClosed) + "】", "[not closed] ");
  if (table.columns().empty() || table.columns()[0].type != reports::ColumnType::text) return;
  const std::string note =
      std::string(kNotClosed) + "：" + std::to_string(year) + " 年度尚未结账，本表数字仍可能变动";
  table.add_footer({note, "not closed: the year's figures may still change",
                    reports::Row(table.columns().size())});
}

// SHA256SUMS: one line per file of `dir` (sorted by name), "<sha256>  <name>", as `sha256sum -c`
// reads it from inside the pack.
void write_sha256sums(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(dir)) files.push_back(item.path());
  std::sort(files.begin(), files.end());
  std::string sums;
  for (const fs::path& path : files) {
    sums += sha256_hex(read_file(path)) + "  " + path.filename().string() + "\n";
  }
  write_text_file(dir / "SHA256SUMS", sums);
}

// Writes every file of the pack into `dir` (which exists and is empty); an open year's reports
// say 未结账 in their titles, and so does the manifest.
void write_pack(Db& db, int64_t year, bool closed, const VerifyReport& verified,
                const std::string& actor, const std::string& created_at, const fs::path& dir) {
  std::vector<reports::ReportTable> tables =
      reports::build_reports(db, reports::report_names(), AwardYear::known(year), Language::zh);
  if (!closed) {
    for (reports::ReportTable& table : tables) mark_not_closed(table, year);
  }
  const std::string organisation = config_value(db, "payer.name").value_or("");
  for (reports::ReportTable& table : tables) {
    table.set_organisation(organisation);
    table.set_printed_at(created_at);
  }
  const std::string digest = format_digest(verified.head);
  if (tables.front().ledger_head() != digest) {
    throw RefusedError("the ledger changed while the audit pack was made; run audit-pack again");
  }
  std::vector<const reports::ReportTable*> all;
  for (const reports::ReportTable& table : tables) {
    write_xlsx_file(dir / (table.name() + ".xlsx"), {&table});
    std::ostringstream csv;
    reports::write_csv(table, Language::zh, csv);
    write_text_file(dir / (table.name() + ".csv"), csv.str());
    all.push_back(&table);
  }
  write_xlsx_file(dir / ("reports-" + std::to_string(year) + ".xlsx"), all);
  std::ostringstream journal;
  reports::export_journal(db, FiscalYear::known(year), journal);
  write_text_file(dir / ("journal-" + std::to_string(year) + ".journal"), journal.str());
  write_text_file(dir / "verify.txt", verify_text(verified));
  write_text_file(dir / "digest.txt", digest + "\n");

  nlohmann::ordered_json manifest;
  manifest["year"] = year;
  manifest["status"] = closed ? "已结账" : std::string(kNotClosed);
  manifest["closed"] = closed;
  manifest["ledger_digest"] = digest;
  manifest["created_at"] = created_at;
  manifest["actor"] = actor;
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
  write_sha256sums(dir);
}

}  // namespace

AuditPackResult write_audit_pack(OpContext& context, const AuditPackRequest& request) {
  const fs::path target(request.out);
  if (fs::exists(target)) {
    throw RefusedError(request.out + " exists already; an audit pack goes into a new directory");
  }
  const bool closed = closing_of(context.db, FiscalYear::known(request.year)).has_value();
  if (!closed && !request.force) {
    throw RefusedError(std::to_string(request.year) + " 年度未结账：先 close --year " +
                       std::to_string(request.year) +
                       "，或加 --force 生成标明“未结账”的审计包；no audit pack written");
  }
  const VerifyReport verified = verify_ledger(context.db);
  if (!verified.ok()) {
    throw RefusedError("the ledger fails verification (" + std::to_string(verified.problem_count) +
                       " problem(s); run `subsidy verify`); no audit pack written");
  }
  const fs::path temporary = target.string() + ".tmp-" + std::to_string(::getpid());
  std::error_code ignored;
  std::error_code error;
  // Not create_directories: a mistyped parent path must be refused, not created.
  if (!fs::create_directory(temporary, error)) {
    throw RefusedError("cannot create " + request.out + ": " + error.message());
  }
  fs::permissions(temporary, fs::perms::owner_all, fs::perm_options::replace, error);  // 0700
  if (error) {
    fs::remove_all(temporary, ignored);
    throw RefusedError("cannot create " + request.out + ": " + error.message());
  }
  const std::string created_at = format_utc(context.clock());
  try {
    write_pack(context.db, request.year, closed, verified, context.actor, created_at, temporary);
    fs::rename(temporary, target);
  } catch (...) {
    fs::remove_all(temporary, ignored);
    throw;
  }
  return {request.year, request.out, verified.head, created_at, closed};
}

}  // namespace subsidy::ops
