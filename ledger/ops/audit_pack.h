// Operation `audit-pack`: the year-end audit pack. Verifies the ledger, then writes every report as
// XLSX and CSV (and all of them in one workbook), the journal export, the `verify` output, the
// digest; per payment batch of the year its 拨付审批表 and 记账凭证 (PDF) and its bank files
// (re-derived, checked against the SHA-256 recorded at export); the bank returns, the signatures
// of the year (on a ledger with people), the policy files, the record of the imported files and
// the operations log; a Chinese 目录 (目录.pdf, whose first lines are the cover, and 目录.xlsx)
// listing every file with its size and SHA-256; and manifest.json with the SHA-256 of every file,
// so that an auditor can prove later that the pack is what the ledger said that day. The directory
// appears complete or not at all (built under a temporary name, then renamed). It reads the ledger
// and changes nothing in it: no write transaction and no operations-log line, but the actor and the
// time (from the context's clock) go into the manifest. A year that is not closed (year_close.h) is
// refused unless forced; a forced pack says 未结账 in its manifest ("status"), in the title and a
// last row of every table in it, on the cover and in the top corner of every page of its PDFs.
// Beside manifest.json, SHA256SUMS lists every other file in the form `sha256sum -c` checks (the
// hash, two spaces, the file's path relative to the pack).
#pragma once

#include <cstdint>
#include <string>

#include "ledger/books/journal.h"
#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct AuditPackRequest {
  int64_t year = 0;               // the fiscal year
  std::string out;                // a new directory for the pack; its parent must exist
  bool force = false;             // write the pack of a year that is not closed, marked 未结账
  std::string ops_log_path = {};  // the ledger's operations log, copied in; "" for none
};

struct AuditPackResult {
  int64_t year = 0;
  std::string out;
  LedgerHead head;         // the verified ledger head the pack is of
  std::string created_at;  // as the manifest says
  bool closed = true;      // false: the year was open, the pack says 未结账
};

// Writes the pack. Throws RefusedError, having left no directory, when the year is not closed and
// the request is not forced, when `out` exists, the ledger
// fails verification, the ledger changes while the pack is made, or a file cannot be written.
AuditPackResult write_audit_pack(OpContext& context, const AuditPackRequest& request);

}  // namespace subsidy::ops
