// Operations `bank-return import`, `confirm` and `dismiss` (bank_return.h).
#include "ledger/ops/bank_return.h"

#include "ledger/bankfiles/bank_return_file.h"
#include "ledger/base/csv.h"
#include "ledger/base/sha256.h"
#include "ledger/people/registry.h"

namespace subsidy::ops {

BankReturnFile read_bank_return_file(const std::string& name, std::string bytes, Encoding encoding,
                                     const BankReturnMapping& mapping) {
  BankReturnFile file;
  file.name = name;
  file.sha256 = sha256_hex(bytes);
  if (encoding == Encoding::gbk) bytes = gbk_to_utf8(bytes, file.name);
  file.report = read_bank_return(bytes, file.name, mapping);
  return file;
}

BankReturnOutcome import_bank_return(OpContext& context, const BankReturnFile& file) {
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    // A CSV return is typed or edited by hand: on a ledger with people its rejections wait for a
    // checker (payments/bank_return_hold.h).
    const bool hold = file.report.format == "csv" && people::has_people(context.db);
    ReturnImportResult imported = subsidy::import_bank_return(
        context.db, file.report, ReturnFile{file.name, file.sha256, context.actor, hold},
        context.clock);
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
                (imported.held > 0 ? " held=" + std::to_string(imported.held) : "") +
                (imported.authenticated ? "" : " unauthenticated=csv");
    return imported;
  });
  return {std::move(result), std::move(record)};
}

HoldDecisionOutcome decide_held_rejections(OpContext& context, HoldDecisionRequest request) {
  request.actor = context.actor;
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    HoldDecisionResult decided =
        subsidy::decide_held_rejections(context.db, request, context.clock);
    std::string items;
    for (const std::string& id : decided.end_to_end_ids) items += (items.empty() ? "" : ",") + id;
    op.command = std::string(request.confirm ? "bank-return confirm " : "bank-return dismiss ") +
                 std::to_string(request.return_id);
    op.counts = "decision=" + std::to_string(decided.decision_id) +
                " return=" + std::to_string(request.return_id) + " items=" + items +
                " booked=" + std::to_string(decided.booked) +
                " unchanged=" + std::to_string(decided.unchanged) +
                " dismissed=" + std::to_string(decided.dismissed);
    return decided;
  });
  return {std::move(result), std::move(record)};
}

}  // namespace subsidy::ops
