// Operations on payment batches (batch.h).
#include "ledger/ops/batch.h"
#include "ledger/base/atomic_file.h"

#include <filesystem>
#include <fstream>
#include <vector>

#include "ledger/bankfiles/bank_upload_csv.h"
#include "ledger/bankfiles/bank_upload_xlsx.h"
#include "ledger/bankfiles/pain001.h"
#include "ledger/bankfiles/xsd_check.h"
#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/ops/test_points.h"

namespace subsidy::ops {

CreateBatchOutcome create_batch(OpContext& context, const CreateBatchRequest& request) {
  Money treasury_after;
  auto [created, record] = run_write(context, [&](OpRecord& op) {
    const PaymentPolicy policy = payment_policy_for_year(context.db, request.year);
    CreatedBatch batch = subsidy::create_batch(
        context.db,
        BatchRequest{request.year, request.max_items, request.execution_date, context.actor},
        policy, context.clock);
    if (batch.batch_id) {
      treasury_after = balance_of(context.db, std::string(chart::kTreasury)) +
                       balance_of(context.db, std::string(chart::kBankInTransit)) -
                       unsent_batch_total(context.db);
      op.command = "batch create --year " + request.year.to_string();
      op.counts = created_batch_counts(batch);
    }
    return batch;
  });
  return {std::move(created), treasury_after, std::move(record)};
}

std::string created_batch_counts(const CreatedBatch& created) {
  return "batch=" + created.batch.batch_id +
         " items=" + std::to_string(created.batch.items.size()) +
         " total=" + format_plain(batch_total(created.batch)) +
         " excluded=" + std::to_string(created.exclusions.size());
}

BatchOutcome approve_batch(OpContext& context, const ApproveBatchRequest& request) {
  auto [summary, record] = run_write(context, [&](OpRecord& op) {
    const int64_t batch_id = find_batch(context.db, request.batch);
    subsidy::approve_batch(context.db, batch_id, context.actor, context.clock);
    BatchSummary approved = batch_summary(context.db, batch_id);
    op.command = "batch approve " + approved.reference;
    op.counts = "content_sha256=" + approved.approval_sha256;
    return approved;
  });
  return {std::move(summary), std::move(record)};
}

BatchOutcome cancel_batch(OpContext& context, const CancelBatchRequest& request) {
  auto [summary, record] = run_write(context, [&](OpRecord& op) {
    const int64_t batch_id = find_batch(context.db, request.batch);
    subsidy::cancel_batch(context.db, batch_id, context.actor, request.reason, context.clock);
    BatchSummary cancelled = batch_summary(context.db, batch_id);
    op.command = "batch cancel " + cancelled.reference;
    op.counts = "reason=" + request.reason;
    return cancelled;
  });
  return {std::move(summary), std::move(record)};
}

std::optional<BankFileFormat> bank_file_format_from_name(std::string_view name) {
  if (name == "pain001v9") return BankFileFormat::pain001v9;
  if (name == "pain001v3") return BankFileFormat::pain001v3;
  if (name == "csv") return BankFileFormat::csv;
  if (name == "xlsx") return BankFileFormat::xlsx;
  return std::nullopt;
}

std::string_view bank_file_format_name(BankFileFormat format) {
  switch (format) {
    case BankFileFormat::pain001v9:
      return "pain001v9";
    case BankFileFormat::pain001v3:
      return "pain001v3";
    case BankFileFormat::csv:
      return "csv";
    case BankFileFormat::xlsx:
      return "xlsx";
  }
  return "csv";
}

namespace {

BankFileWriter pain001_writer(const BankFileSpec& spec) {
  if (spec.encoding || spec.upload_template || spec.bank) {
    throw UsageError("--encoding, --template and --bank are for --format csv or xlsx");
  }
  const Pain001Version version =
      spec.format == BankFileFormat::pain001v9 ? Pain001Version::v09 : Pain001Version::v03;
  return {spec.format, std::string(bank_file_format_name(spec.format)),
          [version, xsd = spec.xsd_path](const PaymentBatch& batch) {
            std::string xml = write_pain001(batch, version);
            if (xsd) {
              const std::vector<std::string> problems = xsd_problems(xml, *xsd);
              if (!problems.empty()) {
                throw RefusedError("the file is not valid against " + *xsd + ": " +
                                   problems.front());
              }
            }
            return xml;
          }};
}

}  // namespace

BankFileWriter bank_file_writer(const BankFileSpec& spec) {
  if (spec.format == BankFileFormat::pain001v9 || spec.format == BankFileFormat::pain001v3) {
    return pain001_writer(spec);
  }
  if (spec.xsd_path) throw UsageError("--validate is for the pain.001 formats");
  if (spec.upload_template && spec.bank) throw UsageError("--template or --bank, not both");
  const bool xlsx = spec.format == BankFileFormat::xlsx;
  if (xlsx && spec.encoding) throw UsageError("--encoding is for --format csv");
  BankUploadTemplate bank = default_upload_template();
  std::string template_key = bank.name;
  if (spec.bank) {
    const auto builtin = builtin_upload_template(*spec.bank);
    if (!builtin) {
      throw UsageError("--bank " + *spec.bank + ": unknown; the built-in templates are " +
                       std::string(builtin_upload_template_names()));
    }
    bank = *builtin;
    template_key = bank.name;
  }
  if (spec.upload_template) {
    bank = parse_upload_template(spec.upload_template->text, spec.upload_template->name);
    template_key = sha256_hex(spec.upload_template->text);
  }
  if (spec.encoding) bank.encoding = *spec.encoding;
  const std::string remit = ":remit" + std::to_string(bank.remittance_max_bytes);
  if (xlsx) {
    return {spec.format, "xlsx:" + template_key + remit,
            [bank](const PaymentBatch& batch) { return write_bank_upload_xlsx(batch, bank); }};
  }
  const bool bom = bank.encoding == Encoding::utf8 && bank.bom;
  const std::string encoding = std::string(text_encoding_name(bank.encoding)) + (bom ? "-bom" : "");
  return {spec.format,
          "csv:" + encoding + ":" + template_key + remit + (bank.excel_text ? ":excel" : ""),
          [bank](const PaymentBatch& batch) { return write_bank_upload_csv(batch, bank); }};
}

Delivery file_delivery(const std::string& path) {
  return {path, [path](const std::string& bytes) {
            subsidy::write_file_atomically(path, std::string_view(bytes));
          }};
}

namespace {

// The distinct keys of this batch's earlier exports other than `key`, oldest first.
std::vector<std::string> earlier_export_keys(Db& db, int64_t batch_id, const std::string& key) {
  Statement query = db.prepare(
      "SELECT format FROM payment_batch_events WHERE batch_id = ? AND event = 'exported' "
      "AND format IS NOT NULL AND format <> ? GROUP BY format ORDER BY MIN(event_id)");
  query.bind(1, batch_id).bind(2, key);
  std::vector<std::string> keys;
  while (query.step()) keys.push_back(query.text(0));
  return keys;
}

}  // namespace

ExportBatchOutcome export_batch(OpContext& context, const ExportBatchRequest& request) {
  // Phase 1: the export is recorded (the exported event with the file's SHA-256 and MsgId, and on
  // the first export the payment_sent entries) and committed before any file exists, so that a
  // crash can never leave a written file behind a batch that could still be cancelled.
  std::string bytes;
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    const int64_t batch_id = find_batch(context.db, request.batch);
    const std::vector<std::string> other_keys =
        earlier_export_keys(context.db, batch_id, request.writer.key);
    ExportResult exported =
        subsidy::export_batch(context.db, batch_id, request.writer.key, request.writer.write,
                              context.actor, context.clock);
    bytes = std::move(exported.bytes);
    ExportBatchResult done{batch_summary(context.db, batch_id), request.writer.key,
                           request.delivery.name, exported.sha256, exported.entries_posted,
                           other_keys};
    op.command = "batch export " + done.summary.reference + " --format " +
                 std::string(bank_file_format_name(request.writer.format));
    op.counts = "file=" + done.destination + " sha256=" + done.sha256 +
                " entries_posted=" + std::to_string(done.entries_posted);
    return done;
  });
  SUBSIDY_ASSERT(sha256_hex(bytes) == result.sha256);
  test_kill_point("export.recorded");
  // Phase 2: the file, whole or not at all. Exporting again re-derives the same bytes.
  try {
    request.delivery.write(bytes);
  } catch (const RefusedError& error) {
    throw RefusedError(std::string(error.what()) + "; the export of batch " +
                       result.summary.reference + " is recorded (sha256 " + result.sha256 +
                       "): run the same batch export again to write the file (with --force "
                       "when a file is already at that path: the bytes will be the same)");
  }
  test_kill_point("export.written");
  return {std::move(result), std::move(record)};
}

}  // namespace subsidy::ops
