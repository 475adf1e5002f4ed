// Turning the ledger entries of one fiscal year (and the balances brought forward) into the
// plain-text journal of journal_export.h.
#include "reports/ledger_facts.h"
#include "reports/journal_export.h"

namespace subsidy::reports {

namespace {

// Every account with a balance from years before `year`, as one balanced opening entry.
JournalEntry opening_entry(Db& db, int64_t year) {
  JournalEntry opening{std::to_string(year) + "-01-01",
                       "opening-" + std::to_string(year),
                       "balances brought forward from fiscal years before " + std::to_string(year),
                       {}};
  Statement balances = db.prepare(
      "SELECT account, SUM(debit_fen - credit_fen) FROM ledger_account_totals "
      "WHERE fiscal_year < ?1 GROUP BY account HAVING SUM(debit_fen - credit_fen) <> 0 "
      "ORDER BY account");
  balances.bind(1, year);
  while (balances.step()) opening.postings.emplace_back(balances.text(0), balances.money(1));
  return opening;
}

std::string describe(const Statement& row) {
  std::string text = row.text(2);  // kind
  if (!row.is_null(3)) text += " " + row.text(3);
  if (!row.is_null(4)) text += " batch " + std::to_string(row.int64(4));
  const std::string memo = row.text(5);
  if (!memo.empty()) text += " | " + memo;
  return text;
}

std::vector<JournalEntry> year_entries(Db& db, int64_t year) {
  Statement rows = db.prepare(
      "SELECT e.entry_id, substr(e.posted_at, 1, 10), e.kind, e.application_id, e.batch_id, "
      "e.memo, l.account, l.amount_fen FROM ledger_entries e "
      "JOIN ledger_lines l ON l.entry_id = e.entry_id WHERE e.fiscal_year = ?1 "
      "ORDER BY e.entry_id, l.line_no");
  rows.bind(1, year);
  std::vector<JournalEntry> entries;
  int64_t last_entry = 0;
  while (rows.step()) {  // bounded by the lines of one fiscal year
    const int64_t entry_id = rows.int64(0);
    if (entry_id != last_entry) {
      entries.push_back({rows.text(1), "E" + std::to_string(entry_id), describe(rows), {}});
      last_entry = entry_id;
    }
    entries.back().postings.emplace_back(rows.text(6), rows.money(7));
  }
  return entries;
}

}  // namespace

void export_journal(Db& db, int64_t year, std::ostream& out) {
  db.exec("BEGIN");  // one read snapshot: the opening balances and the entries agree
  std::vector<JournalEntry> entries;
  std::string digest;
  try {
    digest = facts::head_digest(db);
    JournalEntry opening = opening_entry(db, year);
    if (!opening.postings.empty()) entries.push_back(std::move(opening));
    std::vector<JournalEntry> year_part = year_entries(db, year);
    entries.insert(entries.end(), std::make_move_iterator(year_part.begin()),
                   std::make_move_iterator(year_part.end()));
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  write_plain_journal(entries,
                      {"subsidy-ledger journal, fiscal year " + std::to_string(year), digest,
                       "amounts in CNY; debits positive, credits negative"},
                      out);
}

}  // namespace subsidy::reports
