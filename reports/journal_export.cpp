// The ledger-cli / hledger journal writer: one entry per ledger entry, amounts in CNY, and refusals
// for anything the syntax would silently misread.
#include "reports/journal_export.h"

#include <set>

#include "ledger/base/error.h"

namespace subsidy::reports {

namespace {

bool valid_date(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  return true;
}

// An account name ends at two spaces or a tab in both tools; a leading ';' or '(' / '[' changes
// its meaning (comment, virtual posting).
void check_account(const std::string& account, const std::string& code) {
  if (account.empty() || account.find("  ") != std::string::npos ||
      account.find_first_of("\t\r\n") != std::string::npos ||
      std::string_view("; ([").find(account.front()) != std::string_view::npos ||
      account.back() == ' ') {
    throw RefusedError("entry " + code + ": account '" + account +
                       "' cannot be written to a journal unchanged");
  }
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

void check_entry(const JournalEntry& entry) {
  if (!valid_date(entry.date)) {
    throw RefusedError("entry " + entry.code + ": date '" + entry.date + "' is not YYYY-MM-DD");
  }
  if (entry.code.find_first_of(")\r\n") != std::string::npos) {
    throw RefusedError("entry code '" + entry.code + "' cannot be written to a journal");
  }
  Money sum;
  for (const auto& [account, amount] : entry.postings) {
    check_account(account, entry.code);
    sum += amount;
  }
  if (!sum.is_zero() || entry.postings.size() < 2) {
    throw RefusedError("entry " + entry.code + " does not balance; not exported");
  }
}

}  // namespace

void write_plain_journal(const std::vector<JournalEntry>& entries,
                         const std::vector<std::string>& header_lines, std::ostream& out) {
  std::set<std::string> accounts;
  for (const JournalEntry& entry : entries) {
    check_entry(entry);
    for (const auto& posting : entry.postings) accounts.insert(posting.first);
  }
  for (const std::string& line : header_lines) out << "; " << one_line(line) << '\n';
  out << "\ncommodity CNY\n    format 1,000.00 CNY\n\n";
  for (const std::string& account : accounts) out << "account " << account << '\n';
  for (const JournalEntry& entry : entries) {
    out << '\n'
        << entry.date << " * (" << entry.code << ") " << one_line(entry.description) << '\n';
    for (const auto& [account, amount] : entry.postings) {
      // Two spaces or more end the account name; the amount is exact, never grouped.
      out << "    " << account << "    " << format_plain(amount) << " CNY\n";
    }
  }
}

}  // namespace subsidy::reports
