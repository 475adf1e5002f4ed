// Booking what the bank says about the transfers we sent (`bank-return import`): settled items post
// the confirmation (Dr bank_in_transit, Cr treasury), rejected items reverse their payment_sent
// entry with the bank's reason (the amount is owed again and comes back in the next batch),
// pending statuses are recorded only; rejections of a return that is held (a CSV return on a ledger
// with people) wait for a checker (bank_return_hold.h). All or nothing, and never twice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/books/journal.h"
#include "ledger/payments/bank_return.h"
#include "ledger/store/store.h"

namespace subsidy {

struct ReturnFile {
  std::string file_name;    // base name, for messages and the record
  std::string file_sha256;  // of the bytes as received
  std::string actor;
  // Hold every new rejection instead of booking it (a CSV return on a ledger with people,
  // bank_return_hold.h): it is recorded in bank_return_items with no entry and in
  // bank_return_holds, and booked only when a checker other than `actor` confirms it.
  bool hold_rejections = false;
};

struct ReturnImportResult {
  int64_t return_id = 0;
  bool already_imported = false;  // the same bytes were imported before: nothing done
  std::string imported_at;        // when (of the earlier import, when already_imported)
  int64_t settled = 0;            // confirmations posted
  int64_t rejected = 0;           // reversals posted
  int64_t pending = 0;            // statuses recorded without posting
  int64_t unchanged = 0;          // the same final status was recorded before: nothing posted
  int64_t held = 0;               // rejections held for a checker (hold_rejections): nothing posted
  std::vector<std::string> batches;  // references of the batches the return is about
  // false for a CSV return: nothing in it proves that the bank wrote it (no one can authenticate
  // it), so it is recorded and shown as unauthenticated.
  bool authenticated = true;
};

// Imports `report` (read by the reports library from the file described by `file`). Runs in its
// own transaction. When the file's SHA-256 was imported before, returns already_imported and does
// nothing else. Refuses (RefusedError naming the file and what to do; nothing posted or recorded):
//   - references unknown to this ledger: an OrgnlMsgId that is no batch, an OrgnlPmtInfId other
//     than the batch's, an EndToEndId that is no item of it (or, in a CSV, of any batch) — every
//     unknown reference is listed;
//   - a batch that was never exported;
//   - an amount that differs from the batch: OrgnlNbOfTxs/OrgnlCtrlSum of the group or payment
//     block, or a transaction's amount or currency (CNY);
//   - a contradiction with an earlier final status: an item that the ledger's entries show
//     confirmed (a payment_confirmed entry) and that is rejected now, or the other way round,
//     whatever bank_return_items say; or one an earlier return recorded otherwise. A person must
//     settle it with the bank.
ReturnImportResult import_bank_return(Db& db, const BankReturn& report, const ReturnFile& file,
                                      const Clock& clock = system_clock());

}  // namespace subsidy
