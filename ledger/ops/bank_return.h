// Operations `bank-return import`, `bank-return confirm` and `bank-return dismiss`: books what the
// bank says about the transfers we sent (payments/bank_return_import.h): settled items post the
// confirmation, rejected ones reverse their payment, pending statuses are recorded; all or
// nothing, and never twice. On a ledger with people a CSV return's rejections are held until a
// checker other than the importer confirms (or dismisses) them (payments/bank_return_hold.h).
#pragma once

#include <string>

#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/base/encoding.h"
#include "ledger/ops/operation.h"
#include "ledger/payments/bank_return_hold.h"
#include "ledger/payments/bank_return_import.h"

namespace subsidy::ops {

// A return file as received, read.
struct BankReturnFile {
  std::string name;    // base name
  std::string sha256;  // of the bytes as received
  BankReturn report;
};

// Reads a return of either kind (pain.002 or CSV; bankfiles/bank_return_file.h) from its bytes;
// a CSV in GBK is converted first, and its headings are read through `mapping` (a bank's own
// column names, bankfiles/bank_return_csv.h). Reads no ledger (`bank-return show` prints it as it
// is). Throws RefusedError or InputError naming the file.
BankReturnFile read_bank_return_file(const std::string& name, std::string bytes,
                                     Encoding encoding = Encoding::utf8,
                                     const BankReturnMapping& mapping = default_return_mapping());

struct BankReturnOutcome {
  ReturnImportResult result;  // result.already_imported: the same bytes before, nothing done and
                              // no log line
  OpRecord record;
};

// Imports the return. On a ledger with people, the new rejections of a CSV return are held
// (result.held), not booked. Throws RefusedError, having posted and recorded nothing, for
// references unknown to the ledger, a batch never exported, amounts that differ from the batch, or
// a contradiction with an earlier return (bank_return_import.h).
BankReturnOutcome import_bank_return(OpContext& context, const BankReturnFile& file);

struct HoldDecisionOutcome {
  HoldDecisionResult result;
  OpRecord record;
};

// `bank-return confirm RETURN_ID [--item ID]...` (request.confirm) or `bank-return dismiss`: the
// context's actor (a checker, checked by run_write against the command) decides held rejections of
// one return (payments/bank_return_hold.h: decide_held_rejections; request.actor is set from the
// context). Throws RefusedError (one line naming the rule, nothing written) as that does.
HoldDecisionOutcome decide_held_rejections(OpContext& context, HoldDecisionRequest request);

}  // namespace subsidy::ops
