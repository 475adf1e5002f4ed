// Posting an entry: the checks before writing, linking it into the hash chain, writing the entry,
// its lines and the account totals with prepared statements, and the check after writing.
#include "ledger/books/journal.h"

#include <sqlite3.h>

#include <ctime>
#include <stdexcept>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/chain.h"
#include "ledger/books/journal_rows.h"

namespace subsidy {

namespace {

// The accounting content of an entry: what makes a second posting under the same key the same
// posting. Memo, actor, posting time and run are deliberately left out, so that a retry by another
// run or person with other words is still recognised as the same posting.
bool same_content(const Entry& posted, const EntryDraft& draft) {
  SUBSIDY_ASSERT_MSG(posted.entry_id > 0 && posted.idempotency_key == draft.idempotency_key,
                     "compares the entry found under the draft's key");
  return posted.fiscal_year == draft.fiscal_year && posted.kind == draft.kind &&
         posted.application_id == draft.application_id && posted.batch_id == draft.batch_id &&
         posted.reverses_entry_id == draft.reverses_entry_id &&
         posted.refers_year == draft.refers_year && posted.lines == draft.lines;
}

Entry entry_from_draft(const EntryDraft& draft, int64_t entry_id, std::string posted_at) {
  SUBSIDY_ASSERT_MSG(entry_id > 0, "entry ids start at 1");
  SUBSIDY_ASSERT_MSG(posted_at.size() == 20, "UTC to the second: 2024-01-31T08:00:00Z");
  Entry entry;
  entry.entry_id = entry_id;
  entry.fiscal_year = draft.fiscal_year;
  entry.kind = draft.kind;
  entry.actor = draft.actor;
  entry.posted_at = std::move(posted_at);
  entry.idempotency_key = draft.idempotency_key;
  entry.memo = draft.memo;
  entry.application_id = draft.application_id;
  entry.batch_id = draft.batch_id;
  entry.run_id = draft.run_id;
  entry.reverses_entry_id = draft.reverses_entry_id;
  entry.refers_year = draft.refers_year;
  entry.lines = draft.lines;
  SUBSIDY_ASSERT(entry.lines.size() == draft.lines.size());
  return entry;
}

// The sum of an entry's lines: 0 for every entry the ledger holds.
Money lines_sum(const Entry& entry) {
  Money sum;
  for (const Line& line : entry.lines) sum += line.amount;  // checked: throws rather than wrap
  return sum;
}

}  // namespace

void require_transaction(Db& db) {
  SUBSIDY_ASSERT(db.handle() != nullptr);
  if (sqlite3_get_autocommit(db.handle()) != 0) {
    throw std::logic_error("ledger: posting outside a transaction (open a Transaction first)");
  }
}

JournalWriter::JournalWriter(Db& db, Clock clock)
    : db_(db),
      clock_(std::move(clock)),
      find_key_(db.prepare("SELECT entry_id FROM ledger_entries WHERE idempotency_key = ?;")),
      closed_year_(db.prepare("SELECT entry_id, fiscal_year FROM ledger_closings WHERE "
                              "fiscal_year >= ? ORDER BY fiscal_year LIMIT 1;")),
      head_(db.prepare(
          "SELECT entry_id, entry_hash FROM ledger_entries ORDER BY entry_id DESC LIMIT 1;")),
      insert_entry_(
          db.prepare("INSERT INTO ledger_entries (entry_id, fiscal_year, kind, actor, posted_at, "
                     "idempotency_key, memo, application_id, batch_id, run_id, reverses_entry_id, "
                     "refers_year, line_count, entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?);")),
      insert_line_(db.prepare(
          "INSERT INTO ledger_lines (entry_id, line_no, account, amount_fen) VALUES (?,?,?,?);")),
      update_total_(db.prepare(
          "UPDATE ledger_account_totals SET debit_fen = debit_fen + ?3, credit_fen = credit_fen "
          "+ ?4, line_count = line_count + 1 WHERE fiscal_year = ?1 AND account = ?2;")),
      insert_total_(db.prepare(
          "INSERT INTO ledger_account_totals (fiscal_year, account, debit_fen, credit_fen, "
          "line_count) VALUES (?1, ?2, ?3, ?4, 1);")),
      read_entry_(db.prepare(std::string(detail::kEntrySelect) + " WHERE entry_id = ?;")),
      read_lines_(db.prepare(std::string(detail::kLineSelect) + " WHERE entry_id = ? ORDER BY "
                                                                "line_no;")) {
  SUBSIDY_ASSERT(clock_ != nullptr);
}

PostResult JournalWriter::post(const EntryDraft& draft) {
  require_transaction(db_);
  check_draft(draft);
  if (std::optional<int64_t> existing_id = find_key(draft.idempotency_key)) {
    Entry existing = read(*existing_id);
    if (!same_content(existing, draft)) {
      throw RefusedError("entry '" + draft.idempotency_key + "' refused: idempotency key already " +
                         "used by entry " + std::to_string(*existing_id) + " with other content");
    }
    SUBSIDY_ASSERT(existing.entry_id == *existing_id);
    return {std::move(existing), false};
  }
  refuse_closed_year(draft);

  std::string previous_hash(kGenesisHash);
  int64_t previous_id = 0;
  {
    detail::ResetOnExit reset(head_);
    if (head_.step()) {
      previous_id = head_.int64(0);
      previous_hash = head_.text(1);
    }
  }
  SUBSIDY_ASSERT_MSG(previous_id >= 0, "the head of the chain is an entry count");
  Entry entry = entry_from_draft(draft, previous_id + 1, format_utc(clock_()));
  entry.entry_hash = chain_hash(entry, previous_hash);
  SUBSIDY_ASSERT_MSG(lines_sum(entry).is_zero(), "an entry balances before it is written");
  write(entry);

  // Read back what SQLite stored and check it again (content, balance, hash): this catches a
  // storage or conversion fault before the caller commits, instead of at the next verify.
  Entry stored = read(entry.entry_id);
  const Money sum = lines_sum(stored);
  if (stored != entry || !sum.is_zero() || chain_hash(stored, previous_hash) != stored.entry_hash) {
    throw RefusedError("internal: entry " + std::to_string(entry.entry_id) +
                       " read back differs from what was written; nothing is committed");
  }
  SUBSIDY_ASSERT(stored.entry_id == previous_id + 1 && stored.lines.size() >= 2);
  return {std::move(stored), true};
}

std::optional<int64_t> JournalWriter::find_key(const std::string& idempotency_key) {
  SUBSIDY_ASSERT(!idempotency_key.empty());  // check_draft refused an empty key
  detail::ResetOnExit reset(find_key_);
  find_key_.bind(1, idempotency_key);
  if (!find_key_.step()) return std::nullopt;
  return find_key_.int64(0);
}

void JournalWriter::refuse_closed_year(const EntryDraft& draft) {
  SUBSIDY_ASSERT(draft.fiscal_year >= 1900 && draft.fiscal_year <= 9999);  // check_draft
  detail::ResetOnExit reset(closed_year_);
  closed_year_.bind(1, draft.fiscal_year);
  if (!closed_year_.step()) return;
  // A year before a closed one is closed too: the later closing swept its revenue and expense.
  const int64_t closed = closed_year_.int64(1);
  const std::string later =
      closed == draft.fiscal_year ? "" : ", which closed " + std::to_string(closed);
  throw RefusedError("entry '" + draft.idempotency_key + "' refused: fiscal year " +
                     std::to_string(draft.fiscal_year) + " is closed (entry " +
                     std::to_string(closed_year_.int64(0)) + later +
                     "); post into an open year with refers_year instead");
}

void JournalWriter::write(const Entry& entry) {
  SUBSIDY_ASSERT(entry.entry_id > 0 && entry.entry_hash.size() == kGenesisHash.size());
  SUBSIDY_ASSERT(entry.lines.size() >= 2 && entry.lines.size() <= kMaxLinesPerEntry);
  insert_entry_.bind(1, entry.entry_id)
      .bind(2, entry.fiscal_year)
      .bind(3, entry.kind)
      .bind(4, entry.actor)
      .bind(5, entry.posted_at)
      .bind(6, entry.idempotency_key)
      .bind(7, entry.memo)
      .bind(8, entry.application_id)
      .bind(9, entry.batch_id)
      .bind(10, entry.run_id)
      .bind(11, entry.reverses_entry_id)
      .bind(12, entry.refers_year)
      .bind(13, static_cast<int64_t>(entry.lines.size()))
      .bind(14, entry.entry_hash);
  {
    detail::ResetOnExit reset(insert_entry_);
    insert_entry_.run();
  }
  int64_t line_no = 0;
  for (const Line& line : entry.lines) {
    detail::ResetOnExit reset(insert_line_);
    insert_line_.bind(1, entry.entry_id)
        .bind(2, ++line_no)
        .bind(3, line.account)
        .bind(4, line.amount);
    insert_line_.run();
    add_to_totals(entry.fiscal_year, line);
  }
  SUBSIDY_ASSERT(line_no == static_cast<int64_t>(entry.lines.size()));
}

void JournalWriter::add_to_totals(int64_t fiscal_year, const Line& line) {
  const int64_t debit_fen = line.amount.is_negative() ? 0 : line.amount.fen();
  const int64_t credit_fen = line.amount.is_negative() ? -line.amount.fen() : 0;
  SUBSIDY_ASSERT_MSG(debit_fen >= 0 && credit_fen >= 0 && (debit_fen == 0 || credit_fen == 0),
                     "a line is a debit or a credit, never both");
  {
    detail::ResetOnExit reset(update_total_);
    update_total_.bind(1, fiscal_year).bind(2, line.account).bind(3, debit_fen).bind(4, credit_fen);
    update_total_.run();
  }
  // No UPSERT in SQLite 3.15: update, and insert when there was no row to update.
  if (db_.changes() == 0) {
    detail::ResetOnExit reset(insert_total_);
    insert_total_.bind(1, fiscal_year).bind(2, line.account).bind(3, debit_fen).bind(4, credit_fen);
    insert_total_.run();
  }
}

Entry JournalWriter::read(int64_t entry_id) {
  SUBSIDY_ASSERT(entry_id > 0);
  Entry entry;
  {
    detail::ResetOnExit reset(read_entry_);
    read_entry_.bind(1, entry_id);
    if (!read_entry_.step()) {
      throw RefusedError("internal: entry " + std::to_string(entry_id) + " not found");
    }
    entry = detail::entry_from_row(read_entry_);
  }
  detail::load_lines(read_lines_, entry);
  SUBSIDY_ASSERT(entry.entry_id == entry_id);
  return entry;
}

PostResult post_entry(Db& db, const EntryDraft& draft, const Clock& clock) {
  JournalWriter writer(db, clock);
  PostResult result = writer.post(draft);
  SUBSIDY_ASSERT(result.entry.entry_id > 0 &&
                 result.entry.idempotency_key == draft.idempotency_key);
  return result;
}

}  // namespace subsidy
