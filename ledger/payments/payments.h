// Payment batches with four eyes (docs/payments.md): proposing a batch of every award_payable
// balance of an award year that can be paid, approving it (by someone else, freezing it under a
// hash), cancelling it before export, and exporting it — which posts the payment_sent entries
// (Dr award_payable:<uscc>, Cr bank_in_transit) once and yields the same file bytes every time.
// The bank file formats themselves are the reports library's (pain001.h, bank_upload_csv.h); the
// export takes the writer as a function so that this library stays free of them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/books/journal.h"
#include "ledger/payments/payment_batch.h"
#include "ledger/payments/payment_budget.h"
#include "ledger/store/store.h"

namespace subsidy {

struct Enterprise;  // masterdata.h

// What paying needs from the policy in force for the award year (policy.h has it all; a small
// copy keeps batch creation testable without a policy file).
struct PaymentPolicy {
  std::string document_number;                          // 泗政办发〔2022〕9号
  std::map<std::string, std::string> clause_of_scheme;  // robot_purchase → 三(一)
  std::vector<std::string> ineligible_events;           // rule E: no award, so no payment
};

// The facts above from the stored policy that covers award year `year` (policy_store.h). Throws
// RefusedError when no stored policy covers it.
PaymentPolicy payment_policy_for_year(Db& db, AwardYear year);

// Why an enterprise's bank details cannot carry a payment (no_bank_account,
// bank_account_incomplete:<fields>, invalid_cnaps_code); empty when they can.
std::string bank_account_problem(const Enterprise& enterprise);

struct BatchRequest {
  AwardYear year;                             // the award year whose payables are paid
  std::optional<int64_t> max_items;           // at most this many items (> 0)
  std::optional<std::string> execution_date;  // YYYY-MM-DD; default: the creation date
  std::string actor;
};

// A payable balance left out of a batch, and why: no_bank_account,
// bank_account_incomplete:<fields>, invalid_cnaps_code, unknown_enterprise, ineligible:<event>,
// held:<application ids>, in_open_batch:<reference>, clawback_outstanding:<amount>, overpaid,
// no_application_in_ledger, over_max_items, over_budget (payment_budget.h).
struct Exclusion {
  std::string uscc;
  Money payable;
  std::string reason;
};

struct CreatedBatch {
  std::optional<int64_t> batch_id;  // nullopt: nothing could be paid, nothing was stored
  PaymentBatch batch;               // as stored (items sorted by USCC)
  std::vector<Exclusion> exclusions;
  // What the year's budget allowed (stored with the batch); nullopt when the year has no budget.
  std::optional<BatchBudget> budget;
};

// Proposes and stores a batch for `request.year`: one item per enterprise whose award_payable
// balance for that year (entries with fiscal_year, or refers_year, equal to it) is owed to it,
// whose bank account is complete (name, account number, 12-digit CNAPS code, bank name), that has
// no ineligibility event that year, no held application in the year's current assessment, and no
// item still open in another batch of that year. Accounts changed within 30 days of now are
// flagged on their item. Every other payable is listed as an Exclusion (and stored with the
// batch). When the year has a budget (books/budget.h), the payables that pass these checks are
// fitted into what the budget leaves after the year's other live payments, in application-id
// order (fit_to_budget); the rest are excluded as over_budget. Runs in its own transaction. Throws
// RefusedError when the payer is not configured (see config.h), the year is out of range or
// max_items < 1.
CreatedBatch create_batch(Db& db, const BatchRequest& request, const PaymentPolicy& policy,
                          const Clock& clock = system_clock());

enum class BatchState { proposed, approved, exported, cancelled };
std::string_view batch_state_name(BatchState state);

struct BatchSummary {
  int64_t batch_id = 0;
  std::string reference;
  int64_t year = 0;
  BatchState state = BatchState::proposed;
  std::string created_by, created_at;
  std::string approved_by, approved_at;  // empty while not approved
  std::string approval_sha256;           // the frozen content's hash; empty while not approved
  int64_t item_count = 0;
  Money total;
  int64_t export_count = 0;
};

// The batch named by its number ("12") or reference ("SY2023-000012"). Throws RefusedError when
// there is none.
int64_t find_batch(Db& db, const std::string& id_or_reference);
BatchSummary batch_summary(Db& db, int64_t batch_id);
// Every batch (of one award year when given), oldest first.
std::vector<BatchSummary> list_batches(Db& db, std::optional<int64_t> year = {});
// The batch as the bank-file writers take it; approved_by/approved_at are empty when not approved.
PaymentBatch load_batch(Db& db, int64_t batch_id);
std::vector<Exclusion> batch_exclusions(Db& db, int64_t batch_id);

// Where one item stands: proposed (not exported), sent (exported, no final word from the bank),
// settled, rejected; with the latest status the bank gave and its reason.
struct ItemProgress {
  std::string end_to_end_id;
  std::string uscc;
  std::string payee_name;
  Money amount;
  std::string state;        // proposed, sent, held (a CSV rejection waiting for a checker),
                            // settled or rejected
  std::string bank_status;  // e.g. ACSP, RJCT; empty when no return named the item
  std::string reason;       // "AC04 收款账户已销户"
  std::optional<std::string> account_changed_on;
  // "SY2023-000001-00002 RJCT AC04" when an earlier batch's item to the same enterprise was
  // rejected: a person should check the account before paying to it again.
  std::optional<std::string> previous_rejection;
  // The latest status came in a CSV return, which no one can authenticate (未经认证).
  bool bank_status_unauthenticated = false;
};
std::vector<ItemProgress> batch_progress(Db& db, int64_t batch_id);

// The payment_sent entry the first export booked for each item of `batch` (load_batch), in batch
// order; empty when the batch has not been exported (no item has one). The 记账凭证 print them.
std::vector<Entry> batch_sent_entries(Db& db, const PaymentBatch& batch);

// Approves the batch as `actor`, freezing it: the SHA-256 of its canonical content (every item
// and the total) is stored in the approval. Runs in its own transaction. Throws RefusedError when
// the batch is cancelled or already approved, when `actor` is not a clean name or is the same
// name as its creator's (same_name of text_border.h: trailing spaces, controls, zero-width
// characters and letter case do not make a second person; four eyes), or when an
// enterprise's payable is now less than its item (the award changed: cancel and propose again).
void approve_batch(Db& db, int64_t batch_id, const std::string& actor,
                   const Clock& clock = system_clock());

// Cancels a batch that has not been exported: its items are free for the next batch (nothing had
// been posted). The reason is stored NFC-normalized and trimmed (text_border.h). Throws
// RefusedError when it was exported or is already cancelled, or when the reason holds a control,
// bidi or format character or a line separator.
void cancel_batch(Db& db, int64_t batch_id, const std::string& actor, const std::string& reason,
                  const Clock& clock = system_clock());

struct ExportResult {
  std::string bytes;
  int64_t entries_posted = 0;  // payment_sent entries; 0 on every export after the first
  std::string sha256;
};

// Records the export of an approved batch, before any file is written (the first phase of `batch
// export`; ops/batch.h writes the file after this commits): checks that the stored content still
// hashes to the approval and that every item pays to the bank details of its payee's master-data
// version in force when the batch was made, makes the bytes with `write`, refuses if an earlier
// export in the same `format_key` gave other bytes, posts the payment_sent entries on the first
// export (after checking each payable still covers its item), records the `exported` event with
// the bytes' SHA-256 and the MsgId, and commits. `format_key` names the format and every option
// that changes the bytes (e.g. "pain001v9", "csv:gbk:<template sha256>"). Throws RefusedError,
// having recorded nothing, for a batch that is not approved or is cancelled, and for the checks
// above.
ExportResult export_batch(Db& db, int64_t batch_id, const std::string& format_key,
                          const std::function<std::string(const PaymentBatch&)>& write,
                          const std::string& actor, const Clock& clock = system_clock());

// The award_payable balances of award year `year`, by USCC: minus the sum of the lines on
// award_payable:<uscc> of entries booked in that year or referring to it. Positive: owed to the
// enterprise; negative: overpaid. Only non-zero balances are listed. One pass over the year's
// lines.
std::map<std::string, Money> payables_for_year(Db& db, AwardYear year);

}  // namespace subsidy
