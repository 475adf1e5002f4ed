// Turning the ledger entries of one fiscal year (and the balances brought forward) into the
// plain-text journal of journal_export.h.
#include "ledger/books/ledger_verify.h"
#include "reports/journal_export.h"
#include "reports/ledger_facts.h"

namespace subsidy::reports {

namespace {

// Every account with a balance from years before `year`, as one balanced opening entry.
JournalEntry opening_entry(Db& db, FiscalYear fiscal_year) {
  const int64_t year = fiscal_year.value;
  JournalEntry opening{std::to_string(year) + "-01-01",
                       "opening-" + std::to_string(year),
                       "balances brought forward from fiscal years before " + std::to_string(year),
                       {}};
  for (auto& [account, balance] :
       books::balances_before(db, fiscal_year)) {  // bounded by the chart
    opening.postings.emplace_back(std::move(account), balance);
  }
  return opening;
}

std::string describe(const books::EntryLine& line) {
  std::string text(line.kind);
  if (line.application_id) text += " " + std::string(*line.application_id);
  if (line.batch_id) text += " batch " + std::to_string(*line.batch_id);
  if (!line.memo.empty()) text += " | " + std::string(line.memo);
  return text;
}

std::vector<JournalEntry> year_entries(Db& db, FiscalYear year) {
  std::vector<JournalEntry> entries;
  int64_t last_entry = 0;
  books::scan_year_lines(db, year, [&](const books::EntryLine& line) {
    if (line.entry_id != last_entry) {
      entries.push_back(
          {std::string(line.posted_date), "E" + std::to_string(line.entry_id), describe(line), {}});
      last_entry = line.entry_id;
    }
    entries.back().postings.emplace_back(std::string(line.account), line.amount);
  });
  return entries;
}

}  // namespace

void export_journal(Db& db, FiscalYear year, std::ostream& out) {
  std::vector<JournalEntry> entries;
  std::string digest;
  {
    const ReadTransaction snapshot(db);  // the opening balances and the entries agree
    digest = current_digest(db);
    JournalEntry opening = opening_entry(db, year);
    if (!opening.postings.empty()) entries.push_back(std::move(opening));
    std::vector<JournalEntry> year_part = year_entries(db, year);
    entries.insert(entries.end(), std::make_move_iterator(year_part.begin()),
                   std::make_move_iterator(year_part.end()));
  }
  write_plain_journal(entries,
                      {"subsidy-ledger journal, fiscal year " + year.to_string(), digest,
                       "amounts in CNY; debits positive, credits negative"},
                      out);
}

}  // namespace subsidy::reports
