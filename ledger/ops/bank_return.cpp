// Operation `bank-return import` (bank_return.h).
#include "ledger/ops/bank_return.h"

#include "ledger/bankfiles/bank_return_file.h"
#include "ledger/base/csv.h"
#include "ledger/base/sha256.h"

namespace subsidy::ops {

BankReturnFile read_bank_return_file(const std::string& name, std::string bytes,
                                     Encoding encoding) {
  BankReturnFile file;
  file.name = name;
  file.sha256 = sha256_hex(bytes);
  if (encoding == Encoding::gbk) bytes = gbk_to_utf8(bytes, file.name);
  file.report = read_bank_return(bytes, file.name);
  return file;
}

BankReturnOutcome import_bank_return(OpContext& context, const BankReturnFile& file) {
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    ReturnImportResult imported = subsidy::import_bank_return(
        context.db, file.report, ReturnFile{file.name, file.sha256, context.actor}, context.clock);
    if (imported.already_imported) return imported;
    std::string batches;
    for (const std::string& batch : imported.batches) {
      batches += (batches.empty() ? "" : ",") + batch;
    }
    op.command = "bank-return import " + file.name;
    op.counts = "return=" + std::to_string(imported.return_id) + " sha256=" + file.sha256 +
                " batches=" + batches + " settled=" + std::to_string(imported.settled) +
                " rejected=" + std::to_string(imported.rejected) +
                " pending=" + std::to_string(imported.pending) +
                " unchanged=" + std::to_string(imported.unchanged) +
                (imported.authenticated ? "" : " unauthenticated=csv");
    return imported;
  });
  return {std::move(result), std::move(record)};
}

}  // namespace subsidy::ops
