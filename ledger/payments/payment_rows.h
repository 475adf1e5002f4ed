// Internal to the payment sources (payment_*.cpp, bank_return_*.cpp): the canonical content
// an approval freezes, and booking a payment entry in its award year.
#pragma once

#include <cstdint>
#include <string>

#include "ledger/books/entry.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/store/store.h"

namespace subsidy::payment_rows {

// SHA-256 of the canonical JSON of the batch (reference, year, payer, execution date, maker,
// every item's fields in order, the item count and the total). Approval stores it; every export
// recomputes it from the stored rows and refuses if it differs.
std::string content_sha256(const PaymentBatch& batch, int64_t year);

// Books `draft` in the award year `year` when that fiscal year is open, else in the next open one
// with refers_year = year, so that payables of a year stay countable after it is closed.
void place_in_award_year(Db& db, EntryDraft& draft, int64_t year);

// "payment_sent:<EndToEndId>" and its siblings: the idempotency keys of the payment entries.
std::string sent_key(const std::string& end_to_end_id);
std::string confirmed_key(const std::string& end_to_end_id);
std::string rejected_key(const std::string& end_to_end_id);

// The entry that books the bank's rejection of the item `end_to_end_id` of award year `year`: its
// payment_sent entry reversed (kind payment_rejected, key rejected_key), the memo "银行退回 <id>
// <why> (<file_name>)" cut to the memo limit, placed in the award year. Used alike by an import
// and by a checker's confirmation of a held rejection, so both book the same entry. Throws
// RefusedError when the item has no payment_sent entry.
EntryDraft rejection_entry(Db& db, const std::string& end_to_end_id, int64_t year,
                           const std::string& why, const std::string& file_name,
                           const std::string& actor);

}  // namespace subsidy::payment_rows
