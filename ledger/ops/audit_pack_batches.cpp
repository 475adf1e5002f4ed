// The payment files of the audit pack (audit_pack_files.h): per batch of the award year its
// 拨付审批表, its 记账凭证 and its bank files, re-derived from the frozen batch and included only
// when their SHA-256 is the one recorded at export.
#include <optional>
#include <utility>

#include "ledger/bankfiles/approval_form.h"
#include "ledger/bankfiles/voucher_pdf.h"
#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/ops/audit_pack_files.h"
#include "ledger/ops/batch.h"
#include "ledger/payments/payments.h"
#include "ledger/people/registry.h"

namespace subsidy::ops::audit_pack_files {

namespace {

namespace fs = std::filesystem;

// An export of a batch as recorded: the writer's key and the SHA-256 of the bytes.
struct RecordedExport {
  std::string key;
  std::string sha256;
};

std::vector<RecordedExport> recorded_exports(Db& db, int64_t batch_id) {
  Statement query = db.prepare(
      "SELECT format, content_sha256 FROM payment_batch_events WHERE batch_id = ? AND event = "
      "'exported' AND format IS NOT NULL GROUP BY format, content_sha256 ORDER BY MIN(event_id)");
  query.bind(1, batch_id);
  std::vector<RecordedExport> exports;
  while (query.step()) exports.push_back({query.text(0), query.text(1)});
  return exports;
}

// Every writer the built-in options give (formats × built-in templates × encodings), to find the
// one whose key an export recorded. A bank's own template file is not in the ledger.
std::vector<BankFileWriter> builtin_writers() {
  std::vector<BankFileSpec> specs{{BankFileFormat::pain001v9}, {BankFileFormat::pain001v3}};
  for (const char* bank : {"generic", "gbk", "excel"}) {
    for (const std::optional<Encoding> encoding :
         {std::optional<Encoding>(), std::optional<Encoding>(Encoding::utf8),
          std::optional<Encoding>(Encoding::gbk)}) {
      specs.push_back({BankFileFormat::csv, encoding, std::nullopt, std::nullopt, bank});
    }
    specs.push_back({BankFileFormat::xlsx, std::nullopt, std::nullopt, std::nullopt, bank});
  }
  std::vector<BankFileWriter> writers;
  for (const BankFileSpec& spec : specs) writers.push_back(bank_file_writer(spec));
  return writers;
}

std::string file_suffix(BankFileFormat format) {
  if (format == BankFileFormat::csv) return ".csv";
  if (format == BankFileFormat::xlsx) return ".xlsx";
  return ".xml";
}

// "csv:utf-8-bom:generic:remit60" → "csv_utf-8-bom_generic_remit60".
std::string key_for_name(std::string key) {
  for (char& c : key) {
    if (c == ':') c = '_';
  }
  return key;
}

std::vector<PackFile> bank_files(const PackContext& pack, const BatchSummary& summary,
                                 const PaymentBatch& batch, std::vector<PackFile>& missing) {
  static const std::vector<BankFileWriter> writers = builtin_writers();
  std::vector<PackFile> files;
  for (const RecordedExport& recorded : recorded_exports(pack.db, summary.batch_id)) {
    const BankFileWriter* writer = nullptr;
    for (const BankFileWriter& candidate : writers) {
      if (candidate.key == recorded.key) writer = &candidate;
    }
    std::optional<std::string> bytes;
    if (writer != nullptr) bytes = writer->write(batch);
    if (!bytes || sha256_hex(*bytes) != recorded.sha256) {
      missing.push_back({summary.reference + " " + recorded.key,
                         "银行文件未能重现（银行自定义模板），导出时 SHA-256 " + recorded.sha256});
      continue;
    }
    const std::string name = "银行文件/" + summary.reference + "_" + key_for_name(recorded.key) +
                             file_suffix(writer->format);
    create_private_directories((pack.dir / "银行文件").string());
    write_file_atomically((pack.dir / name).string(), std::string_view(*bytes), 0600);
    files.push_back({name, "批次 " + summary.reference + " 的银行文件（" + recorded.key +
                               "，与导出记录的 SHA-256 一致）"});
  }
  return files;
}

std::string display_name(Db& db, const std::string& actor) {
  return people::display_name_of(db, actor);
}

PackFile approval_form(const PackContext& pack, const BatchSummary& summary,
                       const PaymentBatch& batch) {
  const ApprovalFormData data{summary,
                              batch,
                              batch_progress(pack.db, summary.batch_id),
                              batch_exclusions(pack.db, summary.batch_id),
                              pack.ledger_head,
                              display_name(pack.db, summary.created_by),
                              display_name(pack.db, summary.approved_by)};
  reports::PrintInfo base;
  base.organisation = pack.organisation;
  base.printed_at = pack.printed_at;
  base.page_mark = pack.page_mark;
  const std::string name = "审批/" + summary.reference + "-拨付审批表.pdf";
  create_private_directories((pack.dir / "审批").string());
  write_file_atomically((pack.dir / name).string(), [&](const std::string& temporary) {
    write_approval_form_pdf(data, Language::zh, base, temporary);
  });
  return {name, "批次 " + summary.reference + " 的拨付审批表（" +
                    std::string(batch_state_text(summary.state, Language::zh)) + "，经办 " +
                    data.maker_name +
                    (data.checker_name.empty() ? "" : "，审批 " + data.checker_name) + "）"};
}

std::optional<PackFile> vouchers(const PackContext& pack, const BatchSummary& summary,
                                 const PaymentBatch& batch) {
  const std::vector<Entry> entries = batch_sent_entries(pack.db, batch);
  if (entries.empty() || entries.size() != batch.items.size()) return std::nullopt;
  std::vector<VoucherBooking> bookings;
  for (const Entry& entry : entries) {
    VoucherBooking booking{entry.entry_id, entry.posted_at, {}};
    for (const Line& line : entry.lines) booking.lines.emplace_back(line.account, line.amount);
    bookings.push_back(std::move(booking));
  }
  VoucherSigners signers;
  signers.maker = display_name(pack.db, batch.created_by);
  signers.checker = display_name(pack.db, batch.approved_by);
  signers.cashier = display_name(pack.db, entries.front().actor);
  const std::string name = "凭证/" + summary.reference + "-记账凭证.pdf";
  create_private_directories((pack.dir / "凭证").string());
  write_file_atomically((pack.dir / name).string(), [&](const std::string& temporary) {
    write_vouchers_pdf(batch, bookings, signers, Language::zh, pack.printed_at, temporary,
                       pack.page_mark);
  });
  return PackFile{name, "批次 " + summary.reference + " 的记账凭证（" +
                            std::to_string(batch.items.size()) + " 张）"};
}

}  // namespace

std::vector<PackFile> write_batch_files(const PackContext& pack, std::vector<PackFile>& missing) {
  std::vector<PackFile> files;
  for (const BatchSummary& summary : list_batches(pack.db, pack.year)) {
    const PaymentBatch batch = load_batch(pack.db, summary.batch_id);
    files.push_back(approval_form(pack, summary, batch));
    if (std::optional<PackFile> printed = vouchers(pack, summary, batch)) {
      files.push_back(std::move(*printed));
    }
    for (PackFile& file : bank_files(pack, summary, batch, missing)) {
      files.push_back(std::move(file));
    }
  }
  return files;
}

}  // namespace subsidy::ops::audit_pack_files
