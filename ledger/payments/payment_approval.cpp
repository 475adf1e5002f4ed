// The controls on a batch after it is proposed: approval by a second person that freezes it under
// a hash, cancellation before export, and export, which posts the payment_sent entries once and
// makes sure the file never changes.
#include <nlohmann/json.hpp>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/sha256.h"
#include "ledger/base/text_border.h"
#include "ledger/books/chart.h"
#include "ledger/books/year_close.h"
#include "ledger/payments/payment_rows.h"
#include "ledger/payments/payment_verify.h"
#include "ledger/payments/payments.h"

namespace subsidy {

namespace payment_rows {

std::string content_sha256(const PaymentBatch& batch, int64_t year) {
  SUBSIDY_ASSERT(!batch.items.empty() && year >= 1900 && year <= 9999);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const PaymentItem& item : batch.items) {
    items.push_back({{"end_to_end_id", item.end_to_end_id},
                     {"uscc", item.uscc},
                     {"payee_name", item.payee_name},
                     {"account_no", item.account_no},
                     {"bank_name", item.bank_name},
                     {"cnaps_code", item.cnaps_code},
                     {"amount", format_plain(item.amount)},
                     {"policy_document", item.policy_document},
                     {"clauses", item.clauses},
                     {"application_ids", item.application_ids}});
  }
  const nlohmann::ordered_json content = {{"reference", batch.batch_id},
                                          {"year", year},
                                          {"created_at", batch.created_at},
                                          {"created_by", batch.created_by},
                                          {"execution_date", batch.execution_date},
                                          {"payer",
                                           {{"name", batch.payer.name},
                                            {"account", batch.payer.account_no},
                                            {"bank", batch.payer.bank_name},
                                            {"cnaps", batch.payer.cnaps_code},
                                            {"bic", batch.payer.bic}}},
                                          {"items", items},
                                          {"item_count", batch.items.size()},
                                          {"total", format_plain(batch_total(batch))}};
  return sha256_hex(content.dump());
}

void place_in_award_year(Db& db, EntryDraft& draft, int64_t year) {
  draft.fiscal_year = open_year_for(db, FiscalYear::known(year)).value;
  SUBSIDY_ASSERT(draft.fiscal_year >= year);
  draft.refers_year = draft.fiscal_year == year ? std::nullopt : std::optional<int64_t>(year);
}

std::string sent_key(const std::string& end_to_end_id) {
  SUBSIDY_ASSERT(!end_to_end_id.empty());
  return "payment_sent:" + end_to_end_id;
}
std::string confirmed_key(const std::string& end_to_end_id) {
  SUBSIDY_ASSERT(!end_to_end_id.empty());
  return "payment_confirmed:" + end_to_end_id;
}
std::string rejected_key(const std::string& end_to_end_id) {
  SUBSIDY_ASSERT(!end_to_end_id.empty());
  return "payment_rejected:" + end_to_end_id;
}

}  // namespace payment_rows

namespace {

std::string label(const BatchSummary& summary) {
  SUBSIDY_ASSERT(!summary.reference.empty());
  return "batch " + summary.reference;
}

void insert_event(Db& db, int64_t batch_id, const char* event, const std::string& actor,
                  const std::string& at, const std::optional<std::string>& sha256,
                  const std::optional<std::string>& format,
                  const std::optional<std::string>& note) {
  SUBSIDY_ASSERT(batch_id > 0 && at.size() == 20);  // UTC to the second
  db.prepare(
        "INSERT INTO payment_batch_events (batch_id, event, actor, at, content_sha256, format, "
        "note) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, batch_id)
      .bind(2, event)
      .bind(3, actor)
      .bind(4, at)
      .bind(5, sha256)
      .bind(6, format)
      .bind(7, note)
      .run();
}

// Refuses when an enterprise is now owed less than its item: paying the frozen amount would pay
// more than the ledger owes (the award was lowered after the batch was made).
void require_payables_cover(Db& db, const BatchSummary& summary, const PaymentBatch& batch) {
  SUBSIDY_ASSERT(summary.item_count == static_cast<int64_t>(batch.items.size()));
  const std::map<std::string, Money> payables =
      payables_for_year(db, AwardYear::known(summary.year));
  for (const PaymentItem& item : batch.items) {
    const auto found = payables.find(item.uscc);
    const Money payable = found == payables.end() ? Money() : found->second;
    if (payable < item.amount) {
      throw RefusedError(label(summary) + ": " + item.uscc + " is now owed " +
                         format_plain(payable) + " for " + std::to_string(summary.year) +
                         ", less than its item " + item.end_to_end_id + " of " +
                         format_plain(item.amount) + "; cancel this batch and propose a new one");
    }
  }
}

// Refuses when an item no longer pays to the bank details of its payee's master-data version in
// force when the batch was made (an account rewritten in the items or in the master data).
void require_payees_as_approved(Db& db, const BatchSummary& summary, const PaymentBatch& batch) {
  SUBSIDY_ASSERT(summary.item_count == static_cast<int64_t>(batch.items.size()));
  for (const PaymentItem& item : batch.items) {
    if (auto mismatch = payee_mismatch(db, item, batch.created_at)) {
      throw RefusedError(label(summary) + ": " + *mismatch +
                         "; the batch does not pay what the master data said, do not pay it");
    }
  }
}

int64_t post_sent_entries(Db& db, const BatchSummary& summary, const PaymentBatch& batch,
                          const std::string& actor, const Clock& clock) {
  JournalWriter writer(db, clock);
  int64_t posted = 0;
  for (const PaymentItem& item : batch.items) {
    EntryDraft draft;
    draft.kind = std::string(chart::kPaymentSent);
    draft.actor = actor;
    draft.idempotency_key = payment_rows::sent_key(item.end_to_end_id);
    draft.memo = "付款 " + item.end_to_end_id + " " + item.payee_name;
    draft.batch_id = summary.batch_id;
    draft.lines = {{chart::award_payable(item.uscc), item.amount},
                   {std::string(chart::kBankInTransit), -item.amount}};
    payment_rows::place_in_award_year(db, draft, summary.year);
    posted += writer.post(draft).posted ? 1 : 0;
  }
  SUBSIDY_ASSERT(posted >= 0 && posted <= static_cast<int64_t>(batch.items.size()));
  return posted;
}

}  // namespace

void approve_batch(Db& db, int64_t batch_id, const std::string& actor, const Clock& clock) {
  Transaction tx(db);
  const BatchSummary summary = batch_summary(db, batch_id);
  if (summary.state == BatchState::cancelled) {
    throw RefusedError(label(summary) + " is cancelled");
  }
  if (!summary.approved_by.empty()) {
    throw RefusedError(label(summary) + " is already approved by " + summary.approved_by + " at " +
                       summary.approved_at);
  }
  // Four eyes compares names as people read them (text_border.h): "clerk ", "clerk\x7f" and
  // "clerk" + U+200B are not a second person, whatever bytes the creator's name was stored as.
  const BorderText approver = border_text(actor, TextKind::name);
  if (!approver || approver.text.empty()) {
    throw RefusedError(label(summary) + ": the approver's name is not a clean name (" +
                       (approver ? std::string("empty") : approver.problem->reason) +
                       "); approve under your own name");
  }
  if (same_name(approver.text, summary.created_by)) {
    throw RefusedError(label(summary) + ": " + approver.text +
                       " created this batch and cannot approve it; another person must (four "
                       "eyes)");
  }
  const PaymentBatch batch = load_batch(db, batch_id);
  check_payment_batch(batch);
  SUBSIDY_ASSERT_MSG(batch_total(batch) == summary.total, "read back: the total is the items' sum");
  SUBSIDY_ASSERT(static_cast<int64_t>(batch.items.size()) == summary.item_count);
  require_payables_cover(db, summary, batch);
  insert_event(db, batch_id, "approved", approver.text, format_utc(clock()),
               payment_rows::content_sha256(batch, summary.year), std::nullopt, std::nullopt);
  tx.commit();
}

void cancel_batch(Db& db, int64_t batch_id, const std::string& actor, const std::string& raw_reason,
                  const Clock& clock) {
  const BorderText reason_checked = border_text(raw_reason, TextKind::text);
  if (!reason_checked) throw RefusedError("cancel reason: " + reason_checked.problem->reason);
  const std::string& reason = reason_checked.text;
  Transaction tx(db);
  const BatchSummary summary = batch_summary(db, batch_id);
  if (summary.state == BatchState::cancelled) {
    throw RefusedError(label(summary) + " is already cancelled");
  }
  // The chain's payment_sent entries count as much as the recorded export events.
  Statement sent = db.prepare(
      "SELECT EXISTS (SELECT 1 FROM payment_batch_items i JOIN ledger_entries e "
      "ON e.idempotency_key = ? || ':' || i.end_to_end_id WHERE i.batch_id = ?)");
  sent.bind(1, chart::kPaymentSent).bind(2, batch_id);
  SUBSIDY_ASSERT(sent.step());
  if (summary.export_count > 0 || sent.int64(0) != 0) {
    throw RefusedError(label(summary) +
                       " was exported: the money may be on its way, so it cannot be cancelled; "
                       "an item comes back only when the bank rejects it");
  }
  SUBSIDY_ASSERT(summary.batch_id == batch_id && summary.state != BatchState::exported);
  insert_event(db, batch_id, "cancelled", actor, format_utc(clock()), std::nullopt, std::nullopt,
               reason.empty() ? std::nullopt : std::optional<std::string>(reason));
  tx.commit();
}

ExportResult export_batch(Db& db, int64_t batch_id, const std::string& format_key,
                          const std::function<std::string(const PaymentBatch&)>& write,
                          const std::string& actor, const Clock& clock) {
  Transaction tx(db);
  const BatchSummary summary = batch_summary(db, batch_id);
  if (summary.state == BatchState::cancelled) {
    throw RefusedError(label(summary) + " is cancelled and cannot be exported");
  }
  if (summary.approved_by.empty()) {
    throw RefusedError(label(summary) + " is not approved; only an approved batch can be exported");
  }
  const PaymentBatch batch = load_batch(db, batch_id);
  if (payment_rows::content_sha256(batch, summary.year) != summary.approval_sha256) {
    throw RefusedError(label(summary) +
                       ": the stored batch no longer matches what was approved; do not pay it");
  }
  require_payees_as_approved(db, summary, batch);
  SUBSIDY_ASSERT_MSG(batch_total(batch) == summary.total, "read back: the total is the items' sum");
  ExportResult result;
  result.bytes = write(batch);
  result.sha256 = sha256_hex(result.bytes);
  Statement earlier = db.prepare(
      "SELECT content_sha256, at FROM payment_batch_events WHERE batch_id = ? "
      "AND event = 'exported' AND format = ? ORDER BY event_id LIMIT 1");
  earlier.bind(1, batch_id).bind(2, format_key);
  if (earlier.step() && earlier.text(0) != result.sha256) {
    throw RefusedError(label(summary) + ": this export (" + format_key +
                       ") differs from the one made at " + earlier.text(1) +
                       "; the bank may hold that file, so this one is not written");
  }
  // The first export sends the money (in the ledger's terms); later ones only make the file again.
  if (summary.export_count == 0) {
    require_payables_cover(db, summary, batch);
    result.entries_posted = post_sent_entries(db, summary, batch, actor, clock);
  }
  // The intent, with the file's hash and the MsgId it carries, commits before any file exists.
  insert_event(db, batch_id, "exported", actor, format_utc(clock()), result.sha256, format_key,
               "msg_id=" + summary.reference);
  tx.commit();
  return result;
}

}  // namespace subsidy
