// The audit pack's 目录 (audit_pack_files.h): one table of every file with its size and SHA-256,
// printed as 目录.pdf (its first lines the cover: year, 已结账/未结账, ledger head, who made it;
// 未结账 on every page of an open year's) and written as 目录.xlsx.
#include <fstream>
#include <sstream>

#include "ledger/base/atomic_file.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/ops/audit_pack_files.h"
#include "ledger/people/registry.h"
#include "ledger/tables/pdf.h"
#include "ledger/tables/table.h"
#include "ledger/tables/xlsx.h"

namespace subsidy::ops::audit_pack_files {

namespace {

namespace fs = std::filesystem;

std::string file_bytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (!file) throw RefusedError("cannot read back " + path.string());
  return bytes.str();
}

// The size and SHA-256 cells of one listed file; a folder ("签名/") gives its total size and
// points to SHA256SUMS for its files.
std::pair<int64_t, std::string> size_and_digest(const PackContext& pack, const PackFile& file) {
  const fs::path path = pack.dir / file.name;
  if (!file.name.empty() && file.name.back() == '/') {
    int64_t total = 0;
    for (const auto& item : fs::recursive_directory_iterator(path)) {
      if (item.is_regular_file()) total += static_cast<int64_t>(item.file_size());
    }
    return {total, "各文件见 SHA256SUMS"};
  }
  const std::string bytes = file_bytes(path);
  return {static_cast<int64_t>(bytes.size()), sha256_hex(bytes)};
}

reports::ReportTable index_table(const PackContext& pack, const std::vector<PackFile>& files,
                                 const std::vector<PackFile>& missing) {
  reports::ReportTable table("audit-index", "审计资料目录", "Audit pack contents", pack.year,
                             pack.ledger_head);
  table.add_column({"no", "序号", "No.", reports::ColumnType::integer});
  table.add_column({"file", "文件", "File", reports::ColumnType::text});
  table.add_column({"content", "内容", "Content", reports::ColumnType::text});
  table.add_column({"bytes", "字节数", "Bytes", reports::ColumnType::integer});
  table.add_column({"sha256", "SHA-256", "SHA-256", reports::ColumnType::text});
  int64_t number = 0;
  for (const PackFile& file : files) {
    auto [bytes, digest] = size_and_digest(pack, file);
    table.add_row({++number, file.name, file.what, bytes, digest});
  }
  for (const PackFile& file : missing) {
    table.add_row({++number, file.name, file.what, std::monostate{}, std::string("（未包含）")});
  }
  if (!pack.page_mark.empty()) table.prefix_title("【" + pack.page_mark + "】", "[not closed] ");
  table.set_organisation(pack.organisation);
  table.set_printed_at(format_utc(pack.printed_at));
  return table;
}

}  // namespace

void write_index(const PackContext& pack, const std::vector<PackFile>& files,
                 const std::vector<PackFile>& missing, const std::string& closing_line) {
  const reports::ReportTable table = index_table(pack, files, missing);
  reports::PrintInfo info;
  info.organisation = pack.organisation;
  info.printed_at = pack.printed_at;
  info.page_mark = pack.page_mark;
  info.details = {
      {"年度", std::to_string(pack.year) + " 年度"},
      {"结账状态", closing_line},
      {"账本摘要", pack.ledger_head},
      {"生成人", people::display_name_of(pack.db, pack.actor)},
      {"核对方法",
       "在本目录中执行 sha256sum -c SHA256SUMS；manifest.json 列有每个文件的字节数与 "
       "SHA-256"},
  };
  info.signatures = {
      {"编制", people::display_name_of(pack.db, pack.actor)}, {"复核", ""}, {"审计接收", ""}};
  info.digest_line = false;  // the cover lines state it
  write_file_atomically((pack.dir / "目录.pdf").string(), [&](const std::string& temporary) {
    reports::write_pdf(table, Language::zh, info, temporary);
  });
  write_file_atomically((pack.dir / "目录.xlsx").string(), [&](const std::string& temporary) {
    reports::write_xlsx({&table}, Language::zh, temporary);
  });
}

}  // namespace subsidy::ops::audit_pack_files
