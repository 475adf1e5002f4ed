// Reading payment batches back: by number or reference, their state from their events, the batch
// as the bank-file writers take it, what was left out, and where each item stands with the bank.
#include <nlohmann/json.hpp>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/chart.h"
#include "ledger/payments/payment_rows.h"
#include "ledger/payments/payments.h"

namespace subsidy {

namespace {

constexpr int64_t kMaxBatchesListed = 100000;

BatchSummary summary_from(Statement& row) {
  BatchSummary summary;
  summary.batch_id = row.int64(0);
  summary.reference = row.text(1);
  summary.year = row.int64(2);
  summary.created_by = row.text(3);
  summary.created_at = row.text(4);
  summary.item_count = row.int64(5);
  summary.total = row.money(6);
  summary.approved_by = row.optional_text(7).value_or("");
  summary.approved_at = row.optional_text(8).value_or("");
  summary.approval_sha256 = row.optional_text(9).value_or("");
  const bool cancelled = row.int64(10) != 0;
  summary.export_count = row.int64(11);
  // Schema CHECKs: a stored batch has at least one item and pays more than 0.00.
  SUBSIDY_ASSERT(summary.batch_id > 0 && summary.item_count > 0 && summary.total.fen() > 0);
  SUBSIDY_ASSERT(summary.export_count >= 0);  // a COUNT(*)
  summary.state = cancelled                      ? BatchState::cancelled
                  : summary.export_count > 0     ? BatchState::exported
                  : !summary.approved_by.empty() ? BatchState::approved
                                                 : BatchState::proposed;
  return summary;
}

constexpr const char* kSummarySelect =
    "SELECT b.batch_id, b.reference, b.year, b.created_by, b.created_at, b.item_count, "
    "b.total_fen, a.actor, a.at, a.content_sha256, "
    "EXISTS (SELECT 1 FROM payment_batch_events c WHERE c.batch_id = b.batch_id "
    "AND c.event = 'cancelled'), "
    "(SELECT COUNT(*) FROM payment_batch_events x WHERE x.batch_id = b.batch_id "
    "AND x.event = 'exported') "
    "FROM payment_batches b LEFT JOIN payment_batch_events a ON a.batch_id = b.batch_id "
    "AND a.event = 'approved' ";

}  // namespace

std::string_view batch_state_name(BatchState state) {
  switch (state) {
    case BatchState::proposed:
      return "proposed";
    case BatchState::approved:
      return "approved";
    case BatchState::exported:
      return "exported";
    case BatchState::cancelled:
      return "cancelled";
  }
  return "unknown";
}

int64_t find_batch(Db& db, const std::string& id_or_reference) {
  Statement stmt = db.prepare(
      "SELECT batch_id FROM payment_batches WHERE reference = ? OR CAST(batch_id AS TEXT) = ?");
  stmt.bind(1, id_or_reference).bind(2, id_or_reference);
  if (!stmt.step()) throw RefusedError("no payment batch '" + id_or_reference + "'");
  const int64_t batch_id = stmt.int64(0);
  SUBSIDY_ASSERT(batch_id > 0);  // numbered from 1 by create_batch
  return batch_id;
}

BatchSummary batch_summary(Db& db, int64_t batch_id) {
  Statement stmt = db.prepare(std::string(kSummarySelect) + "WHERE b.batch_id = ?");
  stmt.bind(1, batch_id);
  if (!stmt.step()) throw RefusedError("no payment batch " + std::to_string(batch_id));
  BatchSummary summary = summary_from(stmt);
  SUBSIDY_ASSERT(summary.batch_id == batch_id);
  return summary;
}

std::vector<BatchSummary> list_batches(Db& db, std::optional<int64_t> year) {
  Statement stmt = db.prepare(std::string(kSummarySelect) +
                              "WHERE ?1 IS NULL OR b.year = ?1 ORDER BY b.batch_id LIMIT ?2");
  stmt.bind(1, year).bind(2, kMaxBatchesListed);
  std::vector<BatchSummary> batches;
  while (stmt.step()) batches.push_back(summary_from(stmt));
  SUBSIDY_ASSERT(static_cast<int64_t>(batches.size()) <= kMaxBatchesListed);
  return batches;
}

PaymentBatch load_batch(Db& db, int64_t batch_id) {
  const BatchSummary summary = batch_summary(db, batch_id);
  Statement head = db.prepare(
      "SELECT execution_date, payer_name, payer_account, payer_bank, payer_cnaps, payer_bic "
      "FROM payment_batches WHERE batch_id = ?");
  head.bind(1, batch_id);
  SUBSIDY_ASSERT_MSG(head.step(), "batch_summary found the batch");
  PaymentBatch batch;
  batch.batch_id = summary.reference;
  batch.created_at = summary.created_at;
  batch.created_by = summary.created_by;
  batch.approved_by = summary.approved_by;
  batch.approved_at = summary.approved_at;
  batch.execution_date = head.text(0);
  batch.payer = Payer{head.text(1), head.text(2), head.text(3), head.text(4), head.text(5)};
  Statement items = db.prepare(
      "SELECT end_to_end_id, uscc, payee_name, account_no, bank_name, cnaps_code, amount_fen, "
      "policy_document, clauses, application_ids, account_changed_at, payee_version "
      "FROM payment_batch_items "
      "WHERE batch_id = ? ORDER BY item_no LIMIT ?");
  items.bind(1, batch_id).bind(2, static_cast<int64_t>(kMaxBatchItems));
  while (items.step()) {
    PaymentItem item;
    item.end_to_end_id = items.text(0);
    item.uscc = items.text(1);
    item.payee_name = items.text(2);
    item.account_no = items.text(3);
    item.bank_name = items.text(4);
    item.cnaps_code = items.text(5);
    item.amount = items.money(6);
    item.policy_document = items.text(7);
    item.clauses = items.text(8);
    item.application_ids = nlohmann::json::parse(items.text(9)).get<std::vector<std::string>>();
    item.account_changed_on = items.optional_text(10);
    if (!items.is_null(11)) item.payee_version = items.int64(11);
    SUBSIDY_ASSERT(item.amount.fen() > 0);  // schema CHECK on payment_batch_items
    batch.items.push_back(std::move(item));
  }
  SUBSIDY_ASSERT(batch.items.size() <= kMaxBatchItems);
  return batch;
}

std::vector<Exclusion> batch_exclusions(Db& db, int64_t batch_id) {
  Statement stmt = db.prepare(
      "SELECT uscc, payable_fen, reason FROM payment_batch_exclusions WHERE batch_id = ? "
      "ORDER BY uscc LIMIT ?");
  stmt.bind(1, batch_id).bind(2, kMaxBatchesListed);
  std::vector<Exclusion> exclusions;
  while (stmt.step()) exclusions.push_back({stmt.text(0), stmt.money(1), stmt.text(2)});
  SUBSIDY_ASSERT(static_cast<int64_t>(exclusions.size()) <= kMaxBatchesListed);
  return exclusions;
}

std::vector<ItemProgress> batch_progress(Db& db, int64_t batch_id) {
  const BatchSummary summary = batch_summary(db, batch_id);
  const bool sent = summary.export_count > 0;
  // Each item with its final outcome (if any) and the latest status a return gave it.
  Statement stmt = db.prepare(
      "SELECT i.end_to_end_id, i.uscc, i.payee_name, i.amount_fen, i.account_changed_at, "
      "o.outcome, r.status, r.reason_code, r.reason_text, "
      "(SELECT p.end_to_end_id || ' ' || x.status || ' ' || x.reason_code "
      " FROM bank_return_items x JOIN payment_batch_items p ON p.end_to_end_id = x.end_to_end_id "
      " WHERE p.uscc = i.uscc AND p.batch_id < i.batch_id AND x.status_class = 'rejected' "
      " ORDER BY x.return_id DESC LIMIT 1), "
      "(SELECT t.format FROM bank_returns t WHERE t.return_id = r.return_id), "
      "EXISTS (SELECT 1 FROM bank_return_holds h WHERE h.end_to_end_id = i.end_to_end_id AND "
      " NOT EXISTS (SELECT 1 FROM bank_return_decisions d WHERE d.return_id = h.return_id "
      " AND d.end_to_end_id = h.end_to_end_id)) "
      "FROM payment_batch_items i JOIN payment_item_outcomes o "
      "ON o.end_to_end_id = i.end_to_end_id "
      "LEFT JOIN bank_return_items r ON r.end_to_end_id = i.end_to_end_id AND r.return_id = "
      "(SELECT MAX(l.return_id) FROM bank_return_items l WHERE l.end_to_end_id = i.end_to_end_id) "
      "WHERE i.batch_id = ? ORDER BY i.item_no LIMIT ?");
  stmt.bind(1, batch_id).bind(2, static_cast<int64_t>(kMaxBatchItems));
  std::vector<ItemProgress> items;
  while (stmt.step()) {
    ItemProgress item;
    item.end_to_end_id = stmt.text(0);
    item.uscc = stmt.text(1);
    item.payee_name = stmt.text(2);
    item.amount = stmt.money(3);
    item.account_changed_on = stmt.optional_text(4);
    const std::optional<std::string> outcome = stmt.optional_text(5);
    // A CSV rejection waiting for a checker (bank_return_hold.h) is not the bank's final word yet.
    const bool held = stmt.int64(11) != 0;
    item.state = outcome ? *outcome : held ? "held" : sent ? "sent" : "proposed";
    item.bank_status = stmt.optional_text(6).value_or("");
    const std::string code = stmt.optional_text(7).value_or("");
    const std::string text = stmt.optional_text(8).value_or("");
    item.reason = code + (code.empty() || text.empty() ? "" : " ") + text;
    item.previous_rejection = stmt.optional_text(9);
    item.bank_status_unauthenticated = stmt.optional_text(10) == std::optional<std::string>("csv");
    SUBSIDY_ASSERT(item.amount.fen() > 0 && !item.state.empty());
    items.push_back(std::move(item));
  }
  SUBSIDY_ASSERT(items.size() <= kMaxBatchItems);
  return items;
}

std::map<std::string, Money> payables_for_year(Db& db, AwardYear year) {
  // 'award_payable;' is the first string after every 'award_payable:...' (';' follows ':').
  Statement stmt = db.prepare(
      "SELECT substr(l.account, 15), -SUM(l.amount_fen) FROM ledger_lines l "
      "JOIN ledger_entries e ON e.entry_id = l.entry_id "
      "WHERE l.account >= 'award_payable:' AND l.account < 'award_payable;' "
      "AND COALESCE(e.refers_year, e.fiscal_year) = ? "
      "GROUP BY l.account HAVING SUM(l.amount_fen) <> 0");
  stmt.bind(1, int64_t{year.value});
  std::map<std::string, Money> payables;
  while (stmt.step()) {
    const bool added = payables.emplace(stmt.text(0), stmt.money(1)).second;
    SUBSIDY_ASSERT_MSG(added, "GROUP BY account: one row per enterprise");
  }
  return payables;
}

std::vector<Entry> batch_sent_entries(Db& db, const PaymentBatch& batch) {
  std::vector<Entry> entries;
  entries.reserve(batch.items.size());
  for (const PaymentItem& item : batch.items) {  // at most kMaxBatchItems
    std::optional<Entry> entry = entry_by_key(db, payment_rows::sent_key(item.end_to_end_id));
    if (!entry) return {};
    entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace subsidy
