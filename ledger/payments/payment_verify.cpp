// Payments as the ledger's entries say them (payment_verify.h): each payment_sent entry against
// the approved item it pays and the payee's master data, and one final status per EndToEndId.
#include "ledger/payments/payment_verify.h"
#include "ledger/payments/bank_return_hold.h"
#include "ledger/payments/payment_budget.h"

#include <map>
#include <memory>

#include "ledger/base/check.h"
#include "ledger/books/chart.h"
#include "ledger/payments/payment_rows.h"
#include "ledger/payments/payments.h"

namespace subsidy {

namespace {

// One batch as verify needs it, read once.
struct CheckedBatch {
  BatchSummary summary;
  PaymentBatch batch;
  std::map<std::string, const PaymentItem*> items;  // by EndToEndId, into batch.items
  std::string problem;  // why no payment of it may stand; empty when approved and unchanged
};

std::unique_ptr<CheckedBatch> check_batch(Db& db, int64_t batch_id) {
  auto checked = std::make_unique<CheckedBatch>();
  checked->summary = batch_summary(db, batch_id);
  checked->batch = load_batch(db, batch_id);
  for (const PaymentItem& item : checked->batch.items) {
    checked->items.emplace(item.end_to_end_id, &item);
  }
  const BatchSummary& s = checked->summary;
  if (s.approved_by.empty()) {
    checked->problem = "batch " + s.reference + " was never approved";
  } else if (s.state == BatchState::cancelled) {
    checked->problem = "batch " + s.reference + " is cancelled";
  } else if (checked->batch.items.empty() ||
             payment_rows::content_sha256(checked->batch, s.year) != s.approval_sha256) {
    checked->problem = "batch " + s.reference + " no longer matches the content its approval froze";
  }
  SUBSIDY_ASSERT(checked->items.size() <= checked->batch.items.size());
  return checked;
}

// A payment entry as stored: its id, kind, the EndToEndId its key names and its lines.
struct PaymentEntry {
  int64_t entry_id = 0;
  std::string kind;
  std::string end_to_end_id;
  std::map<std::string, Money> lines;  // account → summed amount
};

std::vector<PaymentEntry> payment_entries(Db& db) {
  Statement stmt = db.prepare(
      "SELECT e.entry_id, e.kind, e.idempotency_key, l.account, l.amount_fen "
      "FROM ledger_entries e JOIN ledger_lines l ON l.entry_id = e.entry_id "
      "WHERE e.kind IN (?, ?, ?) ORDER BY e.entry_id, l.line_no");
  stmt.bind(1, chart::kPaymentSent)
      .bind(2, chart::kPaymentConfirmed)
      .bind(3, chart::kPaymentRejected);
  std::vector<PaymentEntry> entries;
  while (stmt.step()) {
    if (entries.empty() || entries.back().entry_id != stmt.int64(0)) {
      PaymentEntry entry{stmt.int64(0), stmt.text(1), stmt.text(2), {}};
      const std::string prefix = entry.kind + ":";
      entry.end_to_end_id = entry.end_to_end_id.starts_with(prefix)
                                ? entry.end_to_end_id.substr(prefix.size())
                                : std::string();
      entries.push_back(std::move(entry));
    }
    entries.back().lines[stmt.text(3)] += stmt.money(4);
  }
  return entries;
}

std::optional<int64_t> batch_of_item(Db& db, const std::string& end_to_end_id) {
  Statement stmt = db.prepare("SELECT batch_id FROM payment_batch_items WHERE end_to_end_id = ?");
  stmt.bind(1, end_to_end_id);
  if (!stmt.step()) return std::nullopt;
  return stmt.int64(0);
}

// The problem with one payment_sent entry, empty when it pays an approved item as approved.
std::string sent_problem(Db& db, const PaymentEntry& entry,
                         std::map<int64_t, std::unique_ptr<CheckedBatch>>& batches) {
  const std::string where =
      "entry " + std::to_string(entry.entry_id) + " (payment_sent " + entry.end_to_end_id + ")";
  if (entry.end_to_end_id.empty()) return where + ": its key names no EndToEndId";
  const std::optional<int64_t> batch_id = batch_of_item(db, entry.end_to_end_id);
  if (!batch_id) return where + ": pays no item of any payment batch";
  auto& checked = batches[*batch_id];
  if (!checked) checked = check_batch(db, *batch_id);
  if (!checked->problem.empty()) return where + ": " + checked->problem;
  const auto found = checked->items.find(entry.end_to_end_id);
  SUBSIDY_ASSERT_MSG(found != checked->items.end(), "batch_of_item found it in this batch");
  const PaymentItem& item = *found->second;
  const std::map<std::string, Money> expected = {
      {chart::award_payable(item.uscc), item.amount},
      {std::string(chart::kBankInTransit), -item.amount}};
  if (entry.lines != expected) {
    return where + ": its lines are not Dr " + chart::award_payable(item.uscc) + " / Cr " +
           std::string(chart::kBankInTransit) + " " + format_plain(item.amount) + " as the item";
  }
  if (auto mismatch = payee_mismatch(db, item, checked->batch.created_at)) {
    return where + ": " + *mismatch;
  }
  return {};
}

}  // namespace

std::optional<std::string> payee_mismatch(Db& db, const PaymentItem& item,
                                          const std::string& created_at) {
  // The version the item names; for older items, the last one imported by the batch's creation.
  Statement stmt = db.prepare(
      "SELECT v.account_name, v.account_no, v.bank_name, v.cnaps_code, v.version "
      "FROM enterprise_versions v JOIN imports i ON i.import_id = v.import_id "
      "WHERE v.uscc = ?1 AND (v.version = ?2 OR (?2 IS NULL AND i.imported_at <= ?3)) "
      "ORDER BY v.version DESC LIMIT 1");
  stmt.bind(1, item.uscc).bind(2, item.payee_version).bind(3, created_at);
  if (!stmt.step()) {
    return item.end_to_end_id + ": " + item.uscc + " has no master-data version " +
           (item.payee_version ? std::to_string(*item.payee_version) : "imported by " + created_at);
  }
  const int64_t version = stmt.int64(4);
  SUBSIDY_ASSERT(version >= 1 && (!item.payee_version || *item.payee_version == version));
  const std::pair<const char*, const std::string*> fields[] = {{"payee_name", &item.payee_name},
                                                               {"account_no", &item.account_no},
                                                               {"bank_name", &item.bank_name},
                                                               {"cnaps_code", &item.cnaps_code}};
  for (int column = 0; column < 4; ++column) {
    const std::string master = stmt.optional_text(column).value_or("");
    const auto& [field, value] = fields[column];
    if (*value != master) {
      return item.end_to_end_id + ": " + field + " is '" + *value + "', but version " +
             std::to_string(version) + " of " + item.uscc +
             "'s master data, in force when the batch was made, says '" + master + "'";
    }
  }
  return std::nullopt;
}

std::vector<std::string> payment_problems(Db& db) {
  std::vector<std::string> sent_problems;
  std::vector<std::string> status_problems;
  std::map<int64_t, std::unique_ptr<CheckedBatch>> batches;
  std::map<std::string, const PaymentEntry*> sent;
  std::map<std::string, const PaymentEntry*> final_status;
  const std::vector<PaymentEntry> entries = payment_entries(db);
  for (const PaymentEntry& entry : entries) {
    if (entry.kind == chart::kPaymentSent) {
      if (std::string problem = sent_problem(db, entry, batches); !problem.empty()) {
        sent_problems.push_back(std::move(problem));
      }
      sent.emplace(entry.end_to_end_id, &entry);
      continue;
    }
    const std::string where = "entry " + std::to_string(entry.entry_id) + " (" + entry.kind + " " +
                              entry.end_to_end_id + ")";
    auto [earlier, first] = final_status.emplace(entry.end_to_end_id, &entry);
    if (!first) {
      status_problems.push_back(where + ": EndToEndId " + entry.end_to_end_id +
                                " already has a final status, " + earlier->second->kind +
                                " in entry " + std::to_string(earlier->second->entry_id));
    } else if (!sent.count(entry.end_to_end_id)) {
      status_problems.push_back(where + ": no payment_sent entry before it");
    }
  }
  sent_problems.insert(sent_problems.end(), status_problems.begin(), status_problems.end());
  return sent_problems;
}

void add_payment_problems(Db& db, VerifyReport& report) {
  std::vector<std::string> problems = payment_problems(db);
  for (std::string& problem : budget_payment_problems(db)) problems.push_back(std::move(problem));
  for (std::string& problem : hold_problems(db)) problems.push_back(std::move(problem));
  for (std::string& problem : problems) {
    ++report.problem_count;
    if (report.problems.size() < VerifyReport::kMaxProblems) {
      report.problems.push_back(std::move(problem));
    }
  }
  SUBSIDY_ASSERT(report.problem_count >= static_cast<int64_t>(report.problems.size()));
}

}  // namespace subsidy
