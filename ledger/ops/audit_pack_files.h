// Private to ledger/ops: the supporting files of the audit pack (audit_pack.h) beside its reports —
// the policy files, the record of the input files, the operations log, each batch's 拨付审批表 and
// 记账凭证 (PDF), the bank files re-derived and checked against the SHA-256 the export recorded,
// the bank returns, the signatures — and the pack's 目录 (PDF and XLSX). Each writer puts its files
// in one folder of the pack and returns them with what they hold, for the 目录.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "ledger/store/store.h"
#include "ledger/tables/table.h"

namespace subsidy::ops::audit_pack_files {

// What every writer needs: the ledger, the year, the pack directory and how its prints are made.
struct PackContext {
  Db& db;
  int64_t year = 0;
  std::filesystem::path dir;  // the pack's (temporary) directory
  std::string page_mark;      // 未结账 on every page of an open year's PDFs; "" when closed
  std::chrono::system_clock::time_point printed_at;
  std::string organisation;  // 编制单位 (payer.name)
  std::string ledger_head;   // format_digest of the verified head
  std::string actor;
  std::string ops_log_path;  // "" when the front end has no operations log
};

// One file of the pack as the 目录 lists it: its path relative to the pack and what it holds.
struct PackFile {
  std::string name;
  std::string what;
};

// An open year's table: 【未结账】 before its title and, when its first column can hold the label,
// a last row saying so (in the CSV and XLSX alike).
void mark_not_closed(reports::ReportTable& table, int64_t year);

// 政策/<policy_id>.toml: every stored policy file as given.
std::vector<PackFile> write_policies(const PackContext& pack);
// 输入文件/导入记录.csv: every import (kind, file name, its SHA-256, encoding, who, when, counts).
// The ledger keeps each file's SHA-256 and the versioned rows, not the file's bytes.
std::vector<PackFile> write_import_records(const PackContext& pack);
// 操作日志/: the operations log beside the ledger and its rotated files, as they are.
std::vector<PackFile> write_ops_log(const PackContext& pack);
// 审批/ 凭证/ 银行文件/: per batch of the award year, its 拨付审批表 (with who made and approved
// it), its 记账凭证 once exported, and every bank file it was exported as whose bytes the writers
// reproduce to the SHA-256 recorded at export (a file from a bank's own template file is named
// in the 目录 with its recorded SHA-256 only).
std::vector<PackFile> write_batch_files(const PackContext& pack, std::vector<PackFile>& missing);
// 银行回单/银行回单明细.csv: what each imported bank return said about the year's items.
std::vector<PackFile> write_bank_returns(const PackContext& pack);
// 签名/: on a ledger with people, every signature of the fiscal year as `export signatures` writes
// them (ID.bin, ID.sig, ID.user, ID.pem).
std::vector<PackFile> write_signatures(const PackContext& pack);

// 目录.pdf and 目录.xlsx: the cover lines (year, 已结账/未结账, the ledger head, who and when) and
// one row per file with its size and SHA-256, then the files that could not be included.
void write_index(const PackContext& pack, const std::vector<PackFile>& files,
                 const std::vector<PackFile>& missing, const std::string& closing_line);

}  // namespace subsidy::ops::audit_pack_files
