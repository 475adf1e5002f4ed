// Operations on payment batches (payments/payments.h): `batch create` proposes one, `batch
// approve` freezes it (by a second person), `batch cancel` gives its items back, `batch export`
// writes its bank file and posts the payments sent. The export's format, and the key that names
// every option changing the file's bytes, are chosen here, so that every front end gets the same
// file for the same format and the ledger can refuse an export that would differ from an earlier
// one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/bankfiles/text_encoding.h"
#include "ledger/ops/operation.h"
#include "ledger/payments/payments.h"

namespace subsidy::ops {

// ---- batch create -----------------------------------------------------------------------------

struct CreateBatchRequest {
  AwardYear year;                             // the award year whose payables are paid
  std::optional<int64_t> max_items;           // at most this many items (> 0)
  std::optional<std::string> execution_date;  // YYYY-MM-DD; default: the creation date
};

struct CreateBatchOutcome {
  CreatedBatch created;  // created.batch_id is nullopt when nothing could be paid (no log line)
  // Treasury once every payment sent and every batch not yet exported (this one included) has
  // left it: treasury + bank_in_transit - unsent batches. Front ends warn when it is below 0.
  Money treasury_after;
  OpRecord record;
};

// Proposes a batch of every payable of the year that can be paid, under the payment facts of the
// stored policy of that year; the rest are listed as exclusions. Throws RefusedError, having
// stored nothing, when no stored policy covers the year or the payer is not configured.
CreateBatchOutcome create_batch(OpContext& context, const CreateBatchRequest& request);

// The counts of a new batch as the operations log records them: "batch=<reference> items=N
// total=<amount> excluded=N".
std::string created_batch_counts(const CreatedBatch& created);

// ---- batch approve, batch cancel --------------------------------------------------------------

struct ApproveBatchRequest {
  std::string batch;  // number ("12") or reference ("SY2023-000012")
};

struct CancelBatchRequest {
  std::string batch;  // number or reference
  std::string reason;
};

struct BatchOutcome {
  BatchSummary summary;  // the batch after the operation
  OpRecord record;
};

// Approves the batch as the context's actor, freezing its content under a SHA-256. Throws
// RefusedError, having changed nothing, for an unknown batch and the refusals of approve_batch
// (payments.h): cancelled or approved already, approved by its maker, a payable now lower.
BatchOutcome approve_batch(OpContext& context, const ApproveBatchRequest& request);

// Cancels a batch not yet exported: its items will be proposed again. Throws RefusedError, having
// changed nothing, for an unknown, exported or cancelled batch.
BatchOutcome cancel_batch(OpContext& context, const CancelBatchRequest& request);

// ---- batch export -----------------------------------------------------------------------------

enum class BankFileFormat { pain001v9, pain001v3, csv, xlsx };
// "pain001v9", "pain001v3", "csv", "xlsx"; nullopt for another name.
std::optional<BankFileFormat> bank_file_format_from_name(std::string_view name);
std::string_view bank_file_format_name(BankFileFormat format);

// A bank's column template for the CSV format (bank_upload_csv.h), as read from its file.
struct UploadTemplateFile {
  std::string name;  // base name, for messages
  std::string text;  // the TOML
};

// The format of a bank file and its options.
struct BankFileSpec {
  BankFileFormat format = BankFileFormat::pain001v9;
  std::optional<Encoding> encoding = {};                   // csv: default the template's (utf-8)
  std::optional<UploadTemplateFile> upload_template = {};  // csv: default the common template
  std::optional<std::string> xsd_path = {};  // pain.001: check the file against it first
  // csv, xlsx: a built-in template (bank_upload_csv.h: generic, gbk, excel) instead of a file;
  // default generic (UTF-8 with BOM).
  std::optional<std::string> bank = {};
};

// What makes the bytes of a batch's bank file.
struct BankFileWriter {
  BankFileFormat format = BankFileFormat::pain001v9;
  // Names the format and every option that changes the bytes: "pain001v9", "pain001v3",
  // "csv:<encoding>:<template SHA-256, or the built-in name>:remit<limit>" (the encoding
  // "utf-8-bom" when the file has a BOM; a limit of 0: 用途 uncut) or
  // "xlsx:<template>:remit<limit>". Every export of a batch under one key must give the same
  // bytes. (Before 用途 was cut and the BOM written, keys were "csv:<encoding>:<template>"; those
  // files differ, so the new keys never match an old export's.)
  std::string key;
  std::function<std::string(const PaymentBatch&)> write;
};

// The writer for `spec`. Reads no ledger, so that a front end can refuse a wrong request before it
// opens one. Throws UsageError for options of another format (an encoding, template or bank with
// pain.001, an XSD with csv or xlsx, an encoding with xlsx), for both a template and a bank, and an
// unknown bank; InputError for a template that does not parse.
BankFileWriter bank_file_writer(const BankFileSpec& spec);

// Where an exported file goes: `write` gets the bytes after the export is committed (when it
// throws, the export stays recorded and the same export run again writes the same bytes); `name`
// says where, in the result and the log.
struct Delivery {
  std::string name;
  std::function<void(const std::string& bytes)> write;
};

// Delivery into the file at `path`, which appears complete or not at all (base/atomic_file.h).
// Throws RefusedError naming the path.
Delivery file_delivery(const std::string& path);

struct ExportBatchRequest {
  std::string batch;  // number or reference
  BankFileWriter writer;
  Delivery delivery;
};

struct ExportBatchResult {
  BatchSummary summary;
  std::string format_key;      // writer.key
  std::string destination;     // delivery.name
  std::string sha256;          // of the bytes delivered
  int64_t entries_posted = 0;  // payment_sent entries; 0 on every export after the first
  // The keys of earlier exports of this batch in other formats or options (oldest first): the
  // bank may hold one of those files, and uploading two would pay twice.
  std::vector<std::string> earlier_other_keys;
};

struct ExportBatchOutcome {
  ExportBatchResult result;
  OpRecord record;
};

// Exports an approved batch in two phases. Phase 1, one write transaction (payments.h
// export_batch): the file's bytes are derived from the stored items, checked against the approval
// and the payees' master data and against an earlier export under the same key, and the export is
// recorded (on the first export, the payment_sent entries are posted) and committed. Phase 2: the
// bytes are delivered. Throws RefusedError, having recorded nothing, for an unknown batch, one not
// approved or cancelled, content or payees changed since the approval, or bytes that differ from an
// earlier export under the same key; and RefusedError for a failed delivery, the export then
// being recorded (exporting again writes the same bytes).
ExportBatchOutcome export_batch(OpContext& context, const ExportBatchRequest& request);

}  // namespace subsidy::ops
