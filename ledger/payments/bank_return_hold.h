// Held rejections (issue 16, migration 010, docs/payments.md "Held CSV rejections"): a CSV return
// is typed or edited by hand, so on a ledger with people a rejection read from one is not booked
// on the cashier's word alone. `bank-return import` holds it (bank_return_holds); a checker who is
// not the importer confirms it, which books the reversal an unheld import would have booked, or
// dismisses it, which books nothing. What waits is listed here, the decision is recorded here
// (bank_return_decisions), and `verify` re-derives that every CSV rejection booked on a ledger with
// people has a confirmation by someone other than its importer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/clock.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy {

// One held rejection and what became of it.
struct HeldRejection {
  int64_t return_id = 0;
  std::string file_name;
  std::string imported_by;
  std::string imported_at;
  std::string end_to_end_id;
  std::string batch_reference;
  std::string uscc;
  std::string payee_name;
  Money amount;
  int64_t year = 0;    // the batch's award year
  std::string status;  // RJCT or CANC, as the return said
  std::string reason_code;
  std::string reason_text;
  std::string decision;  // "" while it waits, "confirmed" or "dismissed"
  std::string decided_by;
  std::string decided_at;
  std::optional<int64_t> entry_id;  // the reversal a confirmation booked
  std::string note;                 // why it was dismissed
};

// The held rejections, by return and EndToEndId: of return `return_id` only when given, and only
// those still waiting for a checker when `waiting_only`. At most kMaxHeldListed. Reads only.
inline constexpr int64_t kMaxHeldListed = 100'000;
std::vector<HeldRejection> held_rejections(Db& db, std::optional<int64_t> return_id,
                                           bool waiting_only);

struct HoldDecisionRequest {
  int64_t return_id = 0;
  std::vector<std::string> end_to_end_ids = {};  // empty: every rejection still waiting
  bool confirm = true;                           // false: dismiss (books nothing)
  std::string note = {};                         // why a dismissal; required for one
  std::string actor = {};                        // the checker
};

struct HoldDecisionResult {
  int64_t decision_id = 0;
  std::string file_name;
  std::string imported_by;
  int64_t booked = 0;     // reversals posted (the amount is owed again)
  int64_t unchanged = 0;  // confirmed, but the chain already held that rejection: nothing posted
  int64_t dismissed = 0;
  std::vector<std::string> end_to_end_ids;  // decided, in order
  std::vector<std::string> batches;         // their batches' references
};

// Confirms or dismisses held rejections of one return as `request.actor`, in the caller's write
// transaction, as one decision (one row per rejection, grouped by decision_id). A confirmation
// posts, for each rejection, the entry an unheld import would have posted
// (payment_rows::rejection_entry: the payment_sent entry reversed, key payment_rejected:<id>),
// booked by the checker, unless the chain already holds that rejection. Throws RefusedError (one
// Chinese line naming the rule; nothing written) when: the return does not exist or holds no
// rejection; a named EndToEndId is not held in it; a rejection was decided before (confirming
// twice); nothing is left waiting; the actor imported the return (岗位分离: never confirm or
// dismiss a rejection one imported); a dismissal has no note; or, confirming, the chain shows the
// item settled (a contradiction for a person to resolve with the bank: dismiss it).
HoldDecisionResult decide_held_rejections(Db& db, const HoldDecisionRequest& request,
                                          const Clock& clock);

// What verify re-derives, on a ledger with people (rows in `people`; none on a legacy ledger):
// every payment_rejected entry is booked either by a pain.002 return (bank_return_items) or by a
// checker's confirmation of a held rejection of a CSV return, made by someone other than its
// importer and sealed in that person's name; a CSV rejection booked by the import itself, or a
// rejection no return or confirmation books (rows inserted with the sqlcipher shell), is named.
// Every confirmation's entry is the reversal of its own item. One line per problem; reads only.
std::vector<std::string> hold_problems(Db& db);

}  // namespace subsidy
