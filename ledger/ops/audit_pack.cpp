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
#include "ledger/ops/audit_pack_files.h"
#include "ledger/ops/open_items.h"
#include "ledger/payments/config.h"
#include "ledger/people/registry.h"
#include "ledger/tables/output.h"
#include "ledger/tables/pdf.h"
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

using audit_pack_files::PackContext;
using audit_pack_files::PackFile;

// Every regular file under `dir`, by its path relative to `dir` ("审批/SY2023-000001-….pdf"),
// sorted, so that the manifest and SHA256SUMS name each file as it is opened from the pack.
std::vector<std::string> pack_file_names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    if (item.is_regular_file()) names.push_back(item.path().lexically_relative(dir).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// SHA256SUMS: one line per file of the pack (sorted by name), "<sha256>  <name>", as `sha256sum -c`
// reads it from inside the pack.
void write_sha256sums(const fs::path& dir) {
  std::string sums;
  for (const std::string& name : pack_file_names(dir)) {
    sums += sha256_hex(read_file(dir / name)) + "  " + name + "\n";
  }
  write_text_file(dir / "SHA256SUMS", sums);
}

void write_manifest(const PackContext& pack, bool closed, const std::string& created_at) {
  nlohmann::ordered_json manifest;
  manifest["year"] = pack.year;
  manifest["status"] = closed ? "已结账" : std::string(kNotClosed);
  manifest["closed"] = closed;
  manifest["ledger_digest"] = pack.ledger_head;
  manifest["created_at"] = created_at;
  manifest["actor"] = pack.actor;
  manifest["index"] = "目录.pdf";
  manifest["files"] = nlohmann::ordered_json::array();
  for (const std::string& name : pack_file_names(pack.dir)) {
    const std::string bytes = read_file(pack.dir / name);
    manifest["files"].push_back(
        {{"name", name}, {"bytes", bytes.size()}, {"sha256", sha256_hex(bytes)}});
  }
  write_text_file(pack.dir / "manifest.json", manifest.dump(2) + "\n");
}

// Every report as XLSX and CSV, all of them in one workbook, the journal, verify's output and the
// digest; an open year's reports say 未结账 in their titles and in a last row.
std::vector<PackFile> write_books(const PackContext& pack, const VerifyReport& verified) {
  std::vector<reports::ReportTable> tables = reports::build_reports(
      pack.db, reports::report_names(), AwardYear::known(pack.year), Language::zh);
  std::vector<std::string> titles;
  for (reports::ReportTable& table : tables) {
    titles.push_back(table.title(Language::zh));
    if (!pack.page_mark.empty()) audit_pack_files::mark_not_closed(table, pack.year);
    table.set_organisation(pack.organisation);
    table.set_printed_at(format_utc(pack.printed_at));
  }
  if (tables.front().ledger_head() != pack.ledger_head) {
    throw RefusedError("the ledger changed while the audit pack was made; run audit-pack again");
  }
  std::vector<PackFile> files;
  std::vector<const reports::ReportTable*> all;
  for (size_t i = 0; i < tables.size(); ++i) {
    const reports::ReportTable& table = tables[i];
    write_xlsx_file(pack.dir / (table.name() + ".xlsx"), {&table});
    std::ostringstream csv;
    reports::write_csv(table, Language::zh, csv);
    write_text_file(pack.dir / (table.name() + ".csv"), csv.str());
    files.push_back({table.name() + ".xlsx", "报表：" + titles[i] + "（XLSX）"});
    files.push_back({table.name() + ".csv", "报表：" + titles[i] + "（CSV）"});
    all.push_back(&table);
  }
  const std::string year = std::to_string(pack.year);
  write_xlsx_file(pack.dir / ("reports-" + year + ".xlsx"), all);
  files.push_back({"reports-" + year + ".xlsx", "全部报表（一个工作簿，每表一页）"});
  std::ostringstream journal;
  reports::export_journal(pack.db, FiscalYear::known(pack.year), journal);
  write_text_file(pack.dir / ("journal-" + year + ".journal"), journal.str());
  files.push_back({"journal-" + year + ".journal", "本年度全部分录（ledger-cli / hledger 格式）"});
  write_text_file(pack.dir / "verify.txt", verify_text(verified));
  files.push_back({"verify.txt", "账簿核验结果（哈希链、借贷平衡、合计、结账）"});
  write_text_file(pack.dir / "digest.txt", pack.ledger_head + "\n");
  files.push_back({"digest.txt", "账本摘要（subsidy verify --against 可核对）"});
  return files;
}

// The cover's line on the year's closing: the closing entry (and a forced close's open items and
// reason, sealed in its memo), or 未结账 with the open items as they stand.
std::string closing_line(Db& db, int64_t year) {
  const std::optional<YearClosing> closing = closing_of(db, FiscalYear::known(year));
  if (!closing) {
    return std::string(kNotClosed) + "：本年度尚未结账，资料中的数字仍可能变动；未结事项：" +
           open_items_summary(open_items_of_year(db, FiscalYear::known(year)));
  }
  std::string line = "已结账（结账分录第 " + std::to_string(closing->entry_id) + " 号，" +
                     reports::print_date(closing->closed_at, Language::zh) + "，" +
                     people::display_name_of(db, closing->actor) + "）";
  const std::optional<Entry> entry = entry_by_id(db, closing->entry_id);
  const size_t forced = entry ? entry->memo.find("强制结账") : std::string::npos;
  if (forced != std::string::npos) line += "；" + entry->memo.substr(forced);
  return line;
}

// Writes every file of the pack into `pack.dir` (which exists and is empty).
void write_pack(const PackContext& pack, bool closed, const VerifyReport& verified,
                const std::string& created_at) {
  std::vector<PackFile> files = write_books(pack, verified);
  std::vector<PackFile> missing;
  const auto add = [&files](std::vector<PackFile> more) {
    for (PackFile& file : more) files.push_back(std::move(file));
  };
  add(audit_pack_files::write_batch_files(pack, missing));
  add(audit_pack_files::write_bank_returns(pack));
  add(audit_pack_files::write_signatures(pack));
  add(audit_pack_files::write_policies(pack));
  add(audit_pack_files::write_import_records(pack));
  add(audit_pack_files::write_ops_log(pack));
  audit_pack_files::write_index(pack, files, missing, closing_line(pack.db, pack.year));
  write_manifest(pack, closed, created_at);
  write_sha256sums(pack.dir);
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
  const auto now = context.clock();
  const std::string created_at = format_utc(now);
  const PackContext pack{context.db,
                         request.year,
                         temporary,
                         closed ? std::string() : std::string(kNotClosed),
                         now,
                         config_value(context.db, "payer.name").value_or(""),
                         format_digest(verified.head),
                         context.actor,
                         request.ops_log_path};
  try {
    write_pack(pack, closed, verified, created_at);
    fs::rename(temporary, target);
  } catch (...) {
    fs::remove_all(temporary, ignored);
    throw;
  }
  return {request.year, request.out, verified.head, created_at, closed};
}

}  // namespace subsidy::ops
