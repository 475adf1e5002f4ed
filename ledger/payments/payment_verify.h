// What `verify` re-derives about payments from the ledger's own entries (issue 15): every
// payment_sent entry pays an item of an approved, non-cancelled batch, with that item's amount, to
// the bank details of the payee's master-data version in force when the batch was made; and each
// EndToEndId has at most one final word from the bank (a payment_confirmed or a payment_rejected
// entry, never both). The same payee check guards `batch export`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ledger/books/ledger_verify.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/store/store.h"

namespace subsidy {

// Where `item` differs from the payee's master-data version in force when its batch was made:
// the version the item names (payee_version), or for an item made before that was recorded the
// latest version imported at or before `created_at`. "<EndToEndId>: account_no is 'X', but version
// N of <USCC>'s master data, in force when the batch was made, says 'Y'" (payee_name against
// account_name, account_no, bank_name, cnaps_code), or that there is no such version. nullopt when
// the item pays exactly to those details. Reads only; throws RefusedError only when the database
// cannot be read.
std::optional<std::string> payee_mismatch(Db& db, const PaymentItem& item,
                                          const std::string& created_at);

// Every problem with the payments as the ledger's entries say them, one line each, the ones that
// can move money first (a payment_sent entry without an approved, unchanged item, or to other bank
// details), then contradicting final statuses. Empty when all is well. Never throws for a
// damaged ledger; throws RefusedError only when the database cannot be read.
std::vector<std::string> payment_problems(Db& db);

// Adds payment_problems(db), budget_payment_problems(db) (payment_budget.h) and hold_problems(db)
// (bank_return_hold.h: CSV rejections booked without a checker's confirmation) to `report` (its
// problems and problem_count; at most VerifyReport::kMaxProblems lines are kept). What `subsidy
// verify` runs after verify_ledger.
void add_payment_problems(Db& db, VerifyReport& report);

}  // namespace subsidy
