// The ledger as a plain-text accounting journal in the common subset of ledger-cli and hledger
// syntax, so that an auditor can check our balances with tools that share no code with us.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy::reports {

// One balanced journal entry: debits positive, credits negative, as in the ledger itself.
struct JournalEntry {
  std::string date;         // YYYY-MM-DD
  std::string code;         // the entry's id in our ledger, shown in parentheses
  std::string description;  // one line; line breaks are replaced by spaces
  std::vector<std::pair<std::string, Money>> postings;  // account, amount (Dr > 0, Cr < 0)
};

// Writes a header comment (`header_lines`, each prefixed "; "), the CNY commodity and every account
// used (declared once, sorted), then every entry in the order given, amounts as "1234.50 CNY".
// Throws RefusedError when an entry does not balance, a date is not YYYY-MM-DD, or an account name
// or code contains what the journal syntax cannot carry (two spaces, a tab, a line break, a ';'
// at the start, or ')' in a code) — the exported file must read back as exactly our ledger.
void write_plain_journal(const std::vector<JournalEntry>& entries,
                         const std::vector<std::string>& header_lines, std::ostream& out);

// The entries of fiscal year `year` as a journal: first an opening entry dated YYYY-01-01 carrying
// every account's balance from earlier years (left out when there is none), then each entry of
// the year in chain order, dated by its posting day, coded by its entry id, described by kind,
// application, batch and memo. So `ledger bal` / `hledger bal` of the file equal the closing
// balances of `report trial-balance --year Y`. The header names the year and the ledger head
// digest. Reads in one transaction; throws RefusedError as write_plain_journal does.
void export_journal(Db& db, FiscalYear year, std::ostream& out);

}  // namespace subsidy::reports
