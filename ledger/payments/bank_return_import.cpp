// `bank-return import`: which of our items the return is about, the checks that refuse it before
// anything is written (unknown references, amounts, contradictions), then the entries and the
// record, in one transaction.
#include "ledger/payments/bank_return_import.h"
#include "ledger/base/check.h"

#include <map>
#include <set>

#include "ledger/base/error.h"
#include "ledger/base/utf8.h"
#include "ledger/books/chart.h"
#include "ledger/payments/payment_rows.h"
#include "ledger/payments/payments.h"

namespace subsidy {

namespace {

constexpr size_t kMaxListed = 10;  // references and problems named in one refusal

struct KnownItem {
  int64_t batch_id = 0;
  std::string reference;
  int64_t year = 0;
  std::string end_to_end_id;
  Money amount;
  std::string outcome;        // "", "settled" or "rejected", as bank_return_items say
  std::string chain_outcome;  // the same as the ledger's entries say: the one that counts
  bool exported = false;      // the chain holds its payment_sent entry
};

// The chain's word is read from the entries' idempotency keys (payment_rows.h), which the entry
// hashes cover; the bank_return_items rows are not trusted to say it.
constexpr const char* kItemSelect =
    "SELECT b.batch_id, b.reference, b.year, i.end_to_end_id, i.amount_fen, "
    "COALESCE(o.outcome, ''), "
    "COALESCE((SELECT CASE WHEN f.idempotency_key = 'payment_confirmed:' || i.end_to_end_id "
    "THEN 'settled' ELSE 'rejected' END FROM ledger_entries f WHERE f.idempotency_key IN "
    "('payment_confirmed:' || i.end_to_end_id, 'payment_rejected:' || i.end_to_end_id) "
    "ORDER BY f.entry_id LIMIT 1), ''), "
    "EXISTS (SELECT 1 FROM ledger_entries s "
    "WHERE s.idempotency_key = 'payment_sent:' || i.end_to_end_id) "
    "FROM payment_batch_items i JOIN payment_batches b ON b.batch_id = i.batch_id "
    "JOIN payment_item_outcomes o ON o.end_to_end_id = i.end_to_end_id ";

KnownItem item_from(Statement& row) {
  KnownItem item{row.int64(0), row.text(1), row.int64(2), row.text(3),
                 row.money(4), row.text(5), row.text(6),  row.int64(7) != 0};
  // Schema CHECKs: batches are numbered from 1 and every item pays more than 0.00.
  SUBSIDY_ASSERT(item.batch_id > 0 && item.amount.fen() > 0);
  return item;
}

struct Decision {
  KnownItem item;
  ItemStatus status;
  StatusClass kind = StatusClass::pending;
  bool post = false;  // false: record the status only
};

[[noreturn]] void refuse(const ReturnFile& file, const std::string& what,
                         const std::vector<std::string>& list) {
  SUBSIDY_ASSERT_MSG(!list.empty(), "a refusal lists what it refuses");
  std::string text;
  for (size_t i = 0; i < list.size() && i < kMaxListed; ++i) text += (i ? "; " : "") + list[i];
  if (list.size() > kMaxListed)
    text += "; and " + std::to_string(list.size() - kMaxListed) + " more";
  throw RefusedError(file.file_name + ": " + what + ": " + text + "; nothing posted");
}

// The items the return speaks of: every item of the batch a pain.002 names, or the items a CSV
// lists. Refuses, listing them, references this ledger does not know.
std::vector<KnownItem> items_in_scope(Db& db, const BankReturn& report, const ReturnFile& file) {
  std::vector<std::string> unknown;
  std::vector<KnownItem> scope;
  Statement by_id = db.prepare(std::string(kItemSelect) + "WHERE i.end_to_end_id = ?");
  if (report.format == "csv") {
    for (const TransactionReturn& row : report.payments.at(0).transactions) {
      by_id.bind(1, row.end_to_end_id);
      if (by_id.step())
        scope.push_back(item_from(by_id));
      else
        unknown.push_back("EndToEndId '" + printable(row.end_to_end_id) + "' (line " +
                          std::to_string(row.line) + ")");
      by_id.reset();
    }
  } else {
    Statement of_batch =
        db.prepare(std::string(kItemSelect) + "WHERE b.reference = ? ORDER BY i.item_no LIMIT ?");
    of_batch.bind(1, report.original_message_id).bind(2, static_cast<int64_t>(kMaxBatchItems));
    while (of_batch.step()) scope.push_back(item_from(of_batch));
    if (scope.empty())
      unknown.push_back("OrgnlMsgId '" + printable(report.original_message_id) + "'");
    std::map<std::string, bool> ours;
    for (const KnownItem& item : scope) ours.emplace(item.end_to_end_id, true);
    for (const PaymentReturn& payment : report.payments) {
      if (!payment.payment_info_id.empty() &&
          payment.payment_info_id != report.original_message_id) {
        unknown.push_back("OrgnlPmtInfId '" + printable(payment.payment_info_id) + "'");
      }
      for (const TransactionReturn& tx : payment.transactions) {
        if (!ours.count(tx.end_to_end_id)) {
          unknown.push_back("OrgnlEndToEndId '" + printable(tx.end_to_end_id) + "' (line " +
                            std::to_string(tx.line) + ")");
        }
      }
    }
  }
  if (!unknown.empty()) refuse(file, "references unknown to this ledger", unknown);
  SUBSIDY_ASSERT(!scope.empty() || report.format == "csv");
  for (const KnownItem& item : scope) {
    if (!item.exported) {
      throw RefusedError(file.file_name + ": batch " + item.reference +
                         " was never exported, so the bank cannot report on it; nothing posted");
    }
  }
  return scope;
}

// OrgnlNbOfTxs and OrgnlCtrlSum of the group and of each payment block against the batch.
void check_totals(const BankReturn& report, const std::vector<KnownItem>& scope,
                  std::vector<std::string>& problems) {
  if (report.format == "csv") return;
  Money total;
  for (const KnownItem& item : scope) total += item.amount;
  SUBSIDY_ASSERT(scope.empty() || total.fen() > 0);  // every item pays more than 0.00
  const auto check = [&](const char* where, const std::optional<int64_t>& count,
                         const std::optional<Decimal>& sum) {
    if (count && *count != static_cast<int64_t>(scope.size())) {
      problems.push_back(std::string(where) + " OrgnlNbOfTxs " + std::to_string(*count) +
                         " but the batch has " + std::to_string(scope.size()) + " items");
    }
    if (sum && *sum != total.to_decimal()) {
      problems.push_back(std::string(where) + " OrgnlCtrlSum " + sum->to_plain_string() +
                         " but the batch totals " + format_plain(total));
    }
  };
  check("group", report.original_transaction_count, report.original_control_sum);
  for (const PaymentReturn& payment : report.payments) {
    check("payment block", payment.transaction_count, payment.control_sum);
  }
}

std::vector<Decision> decide(const BankReturn& report, const std::vector<KnownItem>& scope,
                             const ReturnFile& file) {
  const BankReturnIndex index(report);
  std::vector<std::string> mismatches;
  std::vector<std::string> contradictions;
  check_totals(report, scope, mismatches);
  std::vector<Decision> decisions;
  for (const KnownItem& item : scope) {
    auto status = index.status_for(item.reference, item.reference, item.end_to_end_id);
    if (!status) continue;
    const std::string where = item.end_to_end_id + " (line " + std::to_string(status->line) + ")";
    if (status->amount && (*status->amount != item.amount ||
                           (!status->currency.empty() && status->currency != "CNY"))) {
      mismatches.push_back(where + ": the bank says " + printable(status->currency, 5) + " " +
                           format_plain(*status->amount) + ", the batch " +
                           format_plain(item.amount) + " CNY");
    }
    Decision decision{item, *status, *status_class(status->status), false};
    const std::string now = decision.kind == StatusClass::settled    ? "settled"
                            : decision.kind == StatusClass::rejected ? "rejected"
                                                                     : "";
    if (!now.empty() && !item.chain_outcome.empty() && now != item.chain_outcome &&
        item.outcome != item.chain_outcome) {
      contradictions.push_back(where + " is " + item.chain_outcome +
                               " in the ledger's entries and is " + status->status + " (" + now +
                               ") in this one");
    } else if (!now.empty() && !item.outcome.empty() && now != item.outcome) {
      contradictions.push_back(where + " was " + item.outcome + " by an earlier return and is " +
                               status->status + " (" + now + ") in this one");
    }
    // The chain decides whether the final word is new: only then is an entry posted.
    decision.post = !now.empty() && item.chain_outcome.empty();
    SUBSIDY_ASSERT(!decision.post || decision.kind != StatusClass::pending);
    decisions.push_back(std::move(decision));
  }
  if (!mismatches.empty()) refuse(file, "amounts differ from the batch", mismatches);
  if (!contradictions.empty()) {
    refuse(file, "contradicts an earlier return, for a person to resolve with the bank",
           contradictions);
  }
  SUBSIDY_ASSERT(decisions.size() <= scope.size());
  return decisions;
}

// The entry a final status posts.
EntryDraft entry_for(Db& db, const Decision& decision, const ReturnFile& file) {
  const KnownItem& item = decision.item;
  SUBSIDY_ASSERT_MSG(decision.post && decision.kind != StatusClass::pending,
                     "only a final status posts");
  const std::string why = decision.status.status + " " + decision.status.reason.code + " " +
                          decision.status.reason.text;
  if (decision.kind == StatusClass::rejected) {
    return payment_rows::rejection_entry(db, item.end_to_end_id, item.year, why, file.file_name,
                                         file.actor);
  }
  EntryDraft draft;
  draft.kind = std::string(chart::kPaymentConfirmed);
  draft.actor = file.actor;
  draft.idempotency_key = payment_rows::confirmed_key(item.end_to_end_id);
  draft.memo = "银行确认 " + item.end_to_end_id + " " + why + " (" + file.file_name + ")";
  draft.batch_id = item.batch_id;
  draft.lines = {{std::string(chart::kBankInTransit), item.amount},
                 {std::string(chart::kTreasury), -item.amount}};
  draft.memo = split_utf8(draft.memo, kMaxMemoBytes / 4).front();  // 4 bytes per character at most
  payment_rows::place_in_award_year(db, draft, item.year);
  SUBSIDY_ASSERT(draft.lines.size() >= 2 && !draft.idempotency_key.empty());
  return draft;
}

int64_t record_return(Db& db, const BankReturn& report, const ReturnFile& file,
                      const std::string& at) {
  db.prepare(
        "INSERT INTO bank_returns (file_name, file_sha256, format, message_id, "
        "original_message_id, imported_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, file.file_name)
      .bind(2, file.file_sha256)
      .bind(3, report.format)
      .bind(4, report.message_id)
      .bind(5, report.original_message_id)
      .bind(6, at)
      .bind(7, file.actor)
      .run();
  const int64_t return_id = db.last_insert_rowid();
  SUBSIDY_ASSERT(return_id > 0);
  return return_id;
}

}  // namespace

namespace payment_rows {

EntryDraft rejection_entry(Db& db, const std::string& end_to_end_id, int64_t year,
                           const std::string& why, const std::string& file_name,
                           const std::string& actor) {
  const std::optional<Entry> sent = entry_by_key(db, sent_key(end_to_end_id));
  if (!sent) throw RefusedError(end_to_end_id + ": no payment_sent entry to reverse");
  EntryDraft draft =
      reversal_of(*sent, std::string(chart::kPaymentRejected), actor, rejected_key(end_to_end_id),
                  "银行退回 " + end_to_end_id + " " + why + " (" + file_name + ")");
  draft.memo = split_utf8(draft.memo, kMaxMemoBytes / 4).front();  // 4 bytes per character at most
  place_in_award_year(db, draft, year);
  SUBSIDY_ASSERT(draft.lines.size() >= 2 && !draft.idempotency_key.empty());
  return draft;
}

}  // namespace payment_rows

ReturnImportResult import_bank_return(Db& db, const BankReturn& report, const ReturnFile& file,
                                      const Clock& clock) {
  Transaction tx(db);
  ReturnImportResult result;
  Statement seen =
      db.prepare("SELECT return_id, imported_at FROM bank_returns WHERE file_sha256 = ?");
  seen.bind(1, file.file_sha256);
  if (seen.step()) {
    result.return_id = seen.int64(0);
    result.imported_at = seen.text(1);
    result.already_imported = true;
    return result;
  }
  const std::vector<KnownItem> scope = items_in_scope(db, report, file);
  const std::vector<Decision> decisions = decide(report, scope, file);
  result.imported_at = format_utc(clock());
  result.return_id = record_return(db, report, file, result.imported_at);
  JournalWriter writer(db, clock);
  std::set<std::string> batches;
  Statement row = db.prepare(
      "INSERT INTO bank_return_items (return_id, end_to_end_id, status, status_class, level, "
      "reason_code, reason_text, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Statement hold =
      db.prepare("INSERT INTO bank_return_holds (return_id, end_to_end_id) VALUES (?, ?)");
  for (const Decision& decision : decisions) {
    std::optional<int64_t> entry_id;
    const bool held =
        decision.post && decision.kind == StatusClass::rejected && file.hold_rejections;
    if (decision.post && !held) {
      entry_id = writer.post(entry_for(db, decision, file)).entry.entry_id;
    }
    const char* kind = decision.kind == StatusClass::settled    ? "settled"
                       : decision.kind == StatusClass::rejected ? "rejected"
                                                                : "pending";
    row.bind(1, result.return_id)
        .bind(2, decision.item.end_to_end_id)
        .bind(3, decision.status.status)
        .bind(4, kind)
        .bind(5, decision.status.level)
        .bind(6, decision.status.reason.code)
        .bind(7, decision.status.reason.text)
        .bind(8, entry_id);
    row.run();
    row.reset();
    if (held) {
      hold.bind(1, result.return_id).bind(2, decision.item.end_to_end_id);
      hold.run();
      hold.reset();
      ++result.held;
    } else if (!decision.post) {
      ++(decision.kind == StatusClass::pending ? result.pending : result.unchanged);
    } else {
      ++(decision.kind == StatusClass::settled ? result.settled : result.rejected);
    }
    batches.insert(decision.item.reference);
  }
  result.batches.assign(batches.begin(), batches.end());
  result.authenticated = report.format != "csv";
  SUBSIDY_ASSERT(result.settled + result.rejected + result.pending + result.unchanged +
                     result.held ==
                 static_cast<int64_t>(decisions.size()));
  tx.commit();
  return result;
}

}  // namespace subsidy
