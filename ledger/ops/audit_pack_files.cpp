// The supporting files of the audit pack (audit_pack_files.h): policies, import records, the
// operations log, bank returns and signatures. The batch files and the 目录 are in
// audit_pack_batches.cpp and audit_pack_index.cpp.
#include <sstream>

#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/ops/audit_pack_files.h"
#include "ledger/people/registry.h"
#include "ledger/people/signatures.h"
#include "ledger/tables/table.h"
#include "ledger/tables/writers.h"

namespace subsidy::ops::audit_pack_files {

namespace {

namespace fs = std::filesystem;

// Creates `folder` in the pack (0700) and returns its path.
fs::path pack_folder(const PackContext& pack, const std::string& folder) {
  const fs::path path = pack.dir / folder;
  create_private_directories(path.string());
  return path;
}

void write_pack_file(const fs::path& path, std::string_view bytes) {
  write_file_atomically(path.string(), bytes, 0600);
}

reports::Column text_column(const char* key, const char* zh, const char* en) {
  return {key, zh, en, reports::ColumnType::text};
}

reports::Column count_column(const char* key, const char* zh, const char* en) {
  return {key, zh, en, reports::ColumnType::integer};
}

std::string table_csv(const PackContext& pack, reports::ReportTable& table) {
  if (!pack.page_mark.empty()) mark_not_closed(table, pack.year);
  std::ostringstream csv;
  reports::write_csv(table, Language::zh, csv);
  return csv.str();
}

}  // namespace

void mark_not_closed(reports::ReportTable& table, int64_t year) {
  table.prefix_title("【未结账】", "[not closed] ");
  if (table.columns().empty() || table.columns()[0].type != reports::ColumnType::text) return;
  const std::string note = "未结账：" + std::to_string(year) + " 年度尚未结账，本表数字仍可能变动";
  table.add_footer({note, "not closed: the year's figures may still change",
                    reports::Row(table.columns().size())});
}

std::vector<PackFile> write_policies(const PackContext& pack) {
  std::vector<PackFile> files;
  const std::vector<StoredPolicy> policies = stored_policies(pack.db);
  if (policies.empty()) return files;
  const fs::path folder = pack_folder(pack, "政策");
  for (const StoredPolicy& stored : policies) {
    const std::string name = stored.policy.id() + ".toml";
    write_pack_file(folder / name, stored.text);
    files.push_back({"政策/" + name, "政策文件 " + stored.source_name + "（" + stored.loaded_at +
                                         " 由 " + stored.actor + " 载入）"});
  }
  return files;
}

std::vector<PackFile> write_import_records(const PackContext& pack) {
  reports::ReportTable table("imports", "导入文件记录", "Imported files", pack.year,
                             pack.ledger_head);
  table.add_column(text_column("import_id", "导入号", "Import"));
  table.add_column(text_column("kind", "类别", "Kind"));
  table.add_column(text_column("file_name", "文件名", "File"));
  table.add_column(text_column("file_sha256", "文件SHA-256", "File SHA-256"));
  table.add_column(text_column("encoding", "编码", "Encoding"));
  table.add_column(text_column("actor", "导入人", "Imported by"));
  table.add_column(text_column("imported_at", "导入时间(UTC)", "Imported at (UTC)"));
  table.add_column(count_column("rows_read", "行数", "Rows"));
  table.add_column(count_column("new_count", "新增", "New"));
  table.add_column(count_column("changed_count", "变更", "Changed"));
  table.add_column(count_column("unchanged_count", "未变", "Unchanged"));
  Statement query = pack.db.prepare(
      "SELECT import_id, kind, file_name, file_sha256, encoding, actor, imported_at, rows_read, "
      "new_count, changed_count, unchanged_count FROM imports ORDER BY import_id");
  while (query.step()) {
    table.add_row({std::to_string(query.int64(0)), query.text(1), query.text(2), query.text(3),
                   query.text(4), query.text(5), query.text(6), query.int64(7), query.int64(8),
                   query.int64(9), query.int64(10)});
  }
  if (table.rows().empty()) return {};
  write_pack_file(pack_folder(pack, "输入文件") / "导入记录.csv", table_csv(pack, table));
  return {{"输入文件/导入记录.csv",
           "导入的输入文件：文件名、SHA-256、编码、导入人与时间（账本保存各版本数据与文件摘要，"
           "不保存原文件）"}};
}

std::vector<PackFile> write_ops_log(const PackContext& pack) {
  if (pack.ops_log_path.empty()) return {};
  // spdlog's rotating logger: x.ops.log, then x.ops.1.log … x.ops.5.log, oldest last.
  const fs::path log(pack.ops_log_path);
  std::vector<fs::path> logs{log};
  const std::string stem = (log.parent_path() / log.stem()).string();
  for (int i = 1; i <= 5; ++i) logs.emplace_back(stem + "." + std::to_string(i) + ".log");
  std::vector<PackFile> files;
  for (const fs::path& path : logs) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) continue;
    const std::string name = path.filename().string();
    const fs::path folder = pack_folder(pack, "操作日志");
    fs::copy_file(path, folder / name, error);
    if (error) throw RefusedError("cannot copy the operations log " + path.string());
    fs::permissions(folder / name, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, error);
    files.push_back({"操作日志/" + name, "操作日志（每次改动账簿的命令一行）"});
  }
  return files;
}

std::vector<PackFile> write_bank_returns(const PackContext& pack) {
  reports::ReportTable table("bank-returns", "银行回单明细", "Bank returns", pack.year,
                             pack.ledger_head);
  table.add_column(text_column("return_id", "回单号", "Return"));
  table.add_column(text_column("file_name", "回单文件", "File"));
  table.add_column(text_column("file_sha256", "文件SHA-256", "File SHA-256"));
  table.add_column(text_column("format", "格式", "Format"));
  table.add_column(text_column("imported", "导入人及时间(UTC)", "Imported by, at (UTC)"));
  table.add_column(text_column("end_to_end_id", "EndToEndId", "EndToEndId"));
  table.add_column(text_column("status", "状态", "Status"));
  table.add_column(text_column("reason", "原因", "Reason"));
  table.add_column(text_column("entry_id", "分录号", "Entry"));
  Statement query = pack.db.prepare(
      "SELECT r.return_id, r.file_name, r.file_sha256, r.format, r.actor || ' ' || r.imported_at, "
      "i.end_to_end_id, i.status || ' ' || i.status_class, "
      "trim(i.reason_code || ' ' || i.reason_text), i.entry_id "
      "FROM bank_return_items i JOIN bank_returns r ON r.return_id = i.return_id "
      "JOIN payment_batch_items p ON p.end_to_end_id = i.end_to_end_id "
      "JOIN payment_batches b ON b.batch_id = p.batch_id "
      "WHERE b.year = ? ORDER BY r.return_id, i.end_to_end_id");
  query.bind(1, pack.year);
  while (query.step()) {
    table.add_row({std::to_string(query.int64(0)), query.text(1), query.text(2), query.text(3),
                   query.text(4), query.text(5), query.text(6), query.text(7),
                   query.is_null(8) ? std::string() : std::to_string(query.int64(8))});
  }
  if (table.rows().empty()) return {};
  write_pack_file(pack_folder(pack, "银行回单") / "银行回单明细.csv", table_csv(pack, table));
  return {
      {"银行回单/银行回单明细.csv",
       "已导入的银行回单：每笔款项的状态、原因及入账分录（账本保存回单文件摘要，不保存原文件）"}};
}

std::vector<PackFile> write_signatures(const PackContext& pack) {
  if (!people::has_people(pack.db)) return {};
  const std::vector<people::SignatureRow> rows =
      people::signatures_of_fiscal_year(pack.db, pack.year);
  if (rows.empty()) return {};
  const std::map<int64_t, std::string> keys = people::signing_keys(pack.db);
  const fs::path folder = pack_folder(pack, "签名");
  for (const people::SignatureRow& row : rows) {
    const std::string base = (folder / std::to_string(row.signature_id)).string();
    write_pack_file(base + ".bin", people::signed_bytes(row));
    write_pack_file(base + ".sig", people::from_hex(row.signature_hex));
    write_pack_file(base + ".user", row.signer + "\n");
    const auto key = keys.find(row.signature_id);
    if (key != keys.end()) write_pack_file(base + ".pem", key->second);
  }
  return {{"签名/", std::to_string(rows.size()) +
                        " 条电子签名（SM2）：ID.bin 被签内容、ID.sig 签名、ID.user 签名人、"
                        "ID.pem 签名人公钥；可用 openssl pkeyutl 逐条核验"}};
}

}  // namespace subsidy::ops::audit_pack_files
