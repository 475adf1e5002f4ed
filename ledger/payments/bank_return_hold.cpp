// Held rejections of CSV returns: listing them, a checker's confirmation or dismissal, and what
// verify re-derives about them (bank_return_hold.h).
#include "ledger/payments/bank_return_hold.h"

#include <algorithm>
#include <set>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/base/utf8.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/payments/payment_rows.h"

namespace subsidy {

namespace {

constexpr size_t kMaxNoteChars = 500;

std::string return_label(const HeldRejection& held) {
  return "回单 " + std::to_string(held.return_id) + "（" + printable(held.file_name) + "）";
}

// The rejections of the return that the request decides: those named, else every one waiting.
// Refuses what cannot be decided (bank_return_hold.h).
std::vector<HeldRejection> chosen(const std::vector<HeldRejection>& held,
                                  const HoldDecisionRequest& request) {
  std::vector<HeldRejection> out;
  if (request.end_to_end_ids.empty()) {
    for (const HeldRejection& item : held) {
      if (item.decision.empty()) out.push_back(item);
    }
    if (out.empty()) {
      throw RefusedError(return_label(held.front()) + " 的待复核退回已全部复核过（第一条 " +
                         held.front().end_to_end_id + " 已由 " + held.front().decided_by + " 于 " +
                         held.front().decided_at + " " + held.front().decision +
                         "），不能再次复核（already decided）");
    }
    return out;
  }
  std::set<std::string> seen;
  for (const std::string& id : request.end_to_end_ids) {
    if (!seen.insert(id).second) continue;
    const auto found = std::find_if(held.begin(), held.end(), [&](const HeldRejection& item) {
      return item.end_to_end_id == id;
    });
    if (found == held.end()) {
      throw RefusedError(printable(id) + " 不是" + return_label(held.front()) +
                         "中待复核的银行退回（not a held rejection of that return）");
    }
    if (!found->decision.empty()) {
      throw RefusedError(return_label(*found) + " 的退回 " + found->end_to_end_id + " 已由 " +
                         found->decided_by + " 于 " + found->decided_at + " " + found->decision +
                         "，不能再次复核（already decided）");
    }
    out.push_back(*found);
  }
  return out;
}

// Refuses the person who imported the return, and a dismissal without its reason. Returns the
// note as stored (NFC, trimmed; empty for a confirmation).
std::string check_decider(const HeldRejection& held, const HoldDecisionRequest& request) {
  if (same_name(request.actor, held.imported_by)) {
    throw RefusedError("岗位分离：" + printable(request.actor) + " 导入了" + return_label(held) +
                       "，不能复核其中的银行退回；须由另一位复核人员（checker）确认（a person "
                       "never confirms a rejection they imported）");
  }
  if (request.confirm) return {};
  const BorderText note = border_text(request.note, TextKind::text);
  if (!note || note.text.empty() || utf8_length(note.text) > kMaxNoteChars) {
    throw RefusedError(
        "bank-return dismiss: --reason 写明为什么驳回这条退回（不超过 500 字，"
        "不含控制字符）");
  }
  return note.text;
}

int64_t next_decision_id(Db& db) {
  Statement next = db.prepare("SELECT IFNULL(MAX(decision_id), 0) + 1 FROM bank_return_decisions");
  SUBSIDY_ASSERT(next.step());
  return next.int64(0);
}

// The entry a confirmation books for `held`, or nullopt when the chain already holds its
// rejection. Refuses an item the chain shows settled.
std::optional<EntryDraft> confirmation_entry(Db& db, const HeldRejection& held,
                                             const std::string& actor) {
  if (entry_by_key(db, payment_rows::confirmed_key(held.end_to_end_id))) {
    throw RefusedError(held.end_to_end_id + " 在账上已由银行确认付款（payment_confirmed），与" +
                       return_label(held) +
                       "的退回矛盾：请与银行核实，再用 bank-return dismiss 驳回这条退回");
  }
  if (entry_by_key(db, payment_rows::rejected_key(held.end_to_end_id))) return std::nullopt;
  const std::string why = held.status + " " + held.reason_code + " " + held.reason_text;
  return payment_rows::rejection_entry(db, held.end_to_end_id, held.year, why, held.file_name,
                                       actor);
}

}  // namespace

std::vector<HeldRejection> held_rejections(Db& db, std::optional<int64_t> return_id,
                                           bool waiting_only) {
  Statement rows = db.prepare(
      "SELECT h.return_id, r.file_name, r.actor, r.imported_at, h.end_to_end_id, b.reference, "
      "i.uscc, i.payee_name, i.amount_fen, x.status, x.reason_code, x.reason_text, d.decision, "
      "d.actor, d.decided_at, d.entry_id, d.note, b.year "
      "FROM bank_return_holds h JOIN bank_returns r ON r.return_id = h.return_id "
      "JOIN bank_return_items x ON x.return_id = h.return_id AND x.end_to_end_id = h.end_to_end_id "
      "JOIN payment_batch_items i ON i.end_to_end_id = h.end_to_end_id "
      "JOIN payment_batches b ON b.batch_id = i.batch_id "
      "LEFT JOIN bank_return_decisions d ON d.return_id = h.return_id "
      "AND d.end_to_end_id = h.end_to_end_id "
      "WHERE (?1 IS NULL OR h.return_id = ?1) AND (?2 = 0 OR d.decision IS NULL) "
      "ORDER BY h.return_id, h.end_to_end_id LIMIT ?3");
  rows.bind(1, return_id).bind(2, int64_t{waiting_only ? 1 : 0}).bind(3, kMaxHeldListed);
  std::vector<HeldRejection> out;
  while (rows.step()) {  // at most kMaxHeldListed
    HeldRejection held;
    held.return_id = rows.int64(0);
    held.file_name = rows.text(1);
    held.imported_by = rows.text(2);
    held.imported_at = rows.text(3);
    held.end_to_end_id = rows.text(4);
    held.batch_reference = rows.text(5);
    held.uscc = rows.text(6);
    held.payee_name = rows.text(7);
    held.amount = rows.money(8);
    held.status = rows.text(9);
    held.reason_code = rows.text(10);
    held.reason_text = rows.text(11);
    held.decision = rows.optional_text(12).value_or("");
    held.decided_by = rows.optional_text(13).value_or("");
    held.decided_at = rows.optional_text(14).value_or("");
    if (!rows.is_null(15)) held.entry_id = rows.int64(15);
    held.note = rows.optional_text(16).value_or("");
    held.year = rows.int64(17);
    SUBSIDY_ASSERT(held.amount.fen() > 0);  // schema CHECK on payment_batch_items
    out.push_back(std::move(held));
  }
  return out;
}

HoldDecisionResult decide_held_rejections(Db& db, const HoldDecisionRequest& request,
                                          const Clock& clock) {
  Transaction tx(db);
  Statement exists = db.prepare("SELECT file_name FROM bank_returns WHERE return_id = ?");
  exists.bind(1, request.return_id);
  if (!exists.step()) {
    throw RefusedError("没有回单 " + std::to_string(request.return_id) +
                       "（no such bank return; bank-return list-held 列出待复核的退回）");
  }
  const std::vector<HeldRejection> held = held_rejections(db, request.return_id, false);
  if (held.empty()) {
    throw RefusedError("回单 " + std::to_string(request.return_id) + "（" +
                       printable(exists.text(0)) +
                       "）没有待复核的银行退回（only a CSV return's rejections on a ledger with "
                       "people are held）");
  }
  const std::string note = check_decider(held.front(), request);
  const std::vector<HeldRejection> decided = chosen(held, request);
  HoldDecisionResult result;
  result.decision_id = next_decision_id(db);
  result.file_name = held.front().file_name;
  result.imported_by = held.front().imported_by;
  const std::string at = format_utc(clock());
  JournalWriter writer(db, clock);
  Statement insert = db.prepare(
      "INSERT INTO bank_return_decisions (decision_id, end_to_end_id, return_id, decision, "
      "entry_id, note, decided_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  std::set<std::string> batches;
  for (const HeldRejection& item : decided) {  // at most kMaxHeldListed
    std::optional<int64_t> entry_id;
    if (request.confirm) {
      if (const std::optional<EntryDraft> draft = confirmation_entry(db, item, request.actor)) {
        entry_id = writer.post(*draft).entry.entry_id;
        ++result.booked;
      } else {
        ++result.unchanged;
      }
    } else {
      ++result.dismissed;
    }
    insert.bind(1, result.decision_id).bind(2, item.end_to_end_id).bind(3, item.return_id);
    insert.bind(4, request.confirm ? "confirmed" : "dismissed").bind(5, entry_id);
    insert.bind(6, note).bind(7, at);
    insert.bind(8, request.actor);
    insert.run();
    insert.reset();
    result.end_to_end_ids.push_back(item.end_to_end_id);
    batches.insert(item.batch_reference);
  }
  result.batches.assign(batches.begin(), batches.end());
  SUBSIDY_ASSERT(result.booked + result.unchanged + result.dismissed ==
                 static_cast<int64_t>(decided.size()));
  tx.commit();
  return result;
}

namespace {

// Every payment_rejected entry and what books it: a return's item row or a confirmation.
void check_rejection_entries(Db& db, std::vector<std::string>& problems) {
  // Per entry: the format and label of the return whose row posted it, the label of the first
  // return that held a rejection of its item, and whether a confirmation booked it.
  Statement rows = db.prepare(
      "SELECT e.entry_id, e.idempotency_key, "
      "(SELECT r.format FROM bank_return_items x JOIN bank_returns r ON r.return_id = x.return_id "
      " WHERE x.entry_id = e.entry_id ORDER BY x.return_id LIMIT 1), "
      "(SELECT x.return_id || ' (' || r.file_name || ')' FROM bank_return_items x "
      " JOIN bank_returns r ON r.return_id = x.return_id WHERE x.entry_id = e.entry_id "
      " ORDER BY x.return_id LIMIT 1), "
      "EXISTS (SELECT 1 FROM bank_return_decisions d WHERE d.entry_id = e.entry_id "
      " AND d.decision = 'confirmed'), "
      "(SELECT h.return_id || ' (' || r.file_name || ')' FROM bank_return_holds h "
      " JOIN bank_returns r ON r.return_id = h.return_id "
      " WHERE 'payment_rejected:' || h.end_to_end_id = e.idempotency_key "
      " ORDER BY h.return_id LIMIT 1) "
      "FROM ledger_entries e WHERE e.kind = ? ORDER BY e.entry_id LIMIT ?");
  rows.bind(1, chart::kPaymentRejected).bind(2, kMaxHeldListed);
  while (rows.step()) {  // at most kMaxHeldListed
    const std::string entry = "entry " + std::to_string(rows.int64(0)) + " (" + rows.text(1) + ")";
    const std::optional<std::string> format = rows.optional_text(2);
    if (rows.int64(4) != 0) continue;  // booked by a confirmation (checked by check_decisions)
    std::optional<std::string> csv_return;
    if (format == std::optional<std::string>("csv")) csv_return = rows.optional_text(3);
    if (!format && !rows.is_null(5)) csv_return = rows.optional_text(5);
    if (csv_return) {
      problems.push_back(entry + ": books a rejection of CSV return " + *csv_return +
                         " without a checker's confirmation (bank-return confirm by a checker "
                         "other than its importer)");
    } else if (!format) {
      problems.push_back(entry +
                         ": books a rejection that no bank return and no checker's "
                         "confirmation records");
    }
  }
}

// Every decision: not by the importer, sealed in the decider's name, a confirmation's entry the
// reversal of its own item, and only of a CSV return.
void check_decisions(Db& db, std::vector<std::string>& problems) {
  Statement rows = db.prepare(
      "SELECT d.decision_id, d.end_to_end_id, d.return_id, d.decision, d.entry_id, d.actor, "
      "r.actor, r.format, "
      "(SELECT e.kind || ' ' || e.idempotency_key FROM ledger_entries e "
      " WHERE e.entry_id = d.entry_id), "
      "(SELECT l.actor FROM ledger_records l WHERE l.table_name = 'bank_return_decisions' "
      " AND l.group_key = CAST(d.decision_id AS TEXT) ORDER BY l.record_id LIMIT 1) "
      "FROM bank_return_decisions d JOIN bank_returns r ON r.return_id = d.return_id "
      "ORDER BY d.decision_id, d.end_to_end_id LIMIT ?");
  rows.bind(1, kMaxHeldListed);
  while (rows.step()) {  // at most kMaxHeldListed
    const std::string name = "bank_return_decisions decision_id=" + std::to_string(rows.int64(0)) +
                             " " + rows.text(1) + " (return " + std::to_string(rows.int64(2)) + ")";
    const std::string actor = rows.text(5);
    if (same_name(actor, rows.text(6))) {
      problems.push_back(name + ": " + actor + " " + rows.text(3) +
                         " a rejection they imported (岗位分离: another checker must)");
    }
    const std::optional<std::string> sealed_by = rows.optional_text(9);
    if (sealed_by && *sealed_by != actor) {
      problems.push_back(name + ": decided by " + actor + " but sealed by " + *sealed_by);
    }
    if (rows.text(7) != "csv")
      problems.push_back(name + ": holds a rejection of a pain.002 return");
    if (!rows.is_null(4) &&
        rows.optional_text(8) !=
            std::optional<std::string>(std::string(chart::kPaymentRejected) + " " +
                                       payment_rows::rejected_key(rows.text(1)))) {
      problems.push_back(name + ": entry " + std::to_string(rows.int64(4)) +
                         " is not the rejection of this item");
    }
  }
}

}  // namespace

std::vector<std::string> hold_problems(Db& db) {
  std::vector<std::string> problems;
  Statement people = db.prepare("SELECT EXISTS (SELECT 1 FROM people)");
  if (!people.step() || people.int64(0) == 0) return problems;  // a legacy ledger: nothing held
  check_rejection_entries(db, problems);
  check_decisions(db, problems);
  return problems;
}

}  // namespace subsidy
