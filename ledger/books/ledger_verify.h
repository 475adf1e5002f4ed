// Proving the ledger intact: recompute every entry's hash and balance, the account totals and the
// year closings from the stored rows; and prove it still extends a digest saved outside it (which
// is what catches a rolled-back copy of the file or of some of its pages, since the chain of an
// old copy is itself consistent).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/books/journal.h"

namespace subsidy {

struct VerifyReport {
  LedgerHead head;  // the last entry read and its stored hash
  int64_t entries_checked = 0;
  int64_t lines_checked = 0;
  int64_t accounts_checked = 0;            // (year, account) totals rows compared
  int64_t records_checked = 0;             // records of the record chain (records.h)
  int64_t rows_checked = 0;                // rows of the sealed tables against their seals
  int64_t memorandum_closings = 0;         // old-style closings, accepted as they were booked
  std::optional<int64_t> first_bad_entry;  // the lowest entry id any problem is about
  // What is wrong, the problems about first_bad_entry first; at most kMaxProblems are kept.
  std::vector<std::string> problems;
  int64_t problem_count = 0;  // all problems found, also those not kept
  static constexpr size_t kMaxProblems = 50;

  bool ok() const { return problem_count == 0; }
};

// Reads the whole ledger and checks: entry ids 1..n without gaps; per entry its lines numbered
// 1..k, k = line_count >= 2, accounts of the chart, amounts summing to 0 and the stored hash equal
// to chain_hash over the stored previous hash; no lines without an entry; the account totals table
// equal to the sums of the lines; every closing pointing at a year_close entry of its year whose
// digest is that of the entry before it, and nothing posted into a closed year after its closing;
// a closing into the fund balance books only revenue, expense and fund_balance lines and leaves
// every revenue and expense account at zero over the years up to its own (an old memorandum
// closing, all on year_close:<year>, is counted in memorandum_closings and left as it is);
// the record chain, every sealed group, the policy texts and the schema (records.h:
// verify_records), their problems after the entries'. Never throws for a damaged ledger (that is a
// problem in the report); throws RefusedError only if the database cannot be read at all.
VerifyReport verify_ledger(Db& db);

// verify_ledger, and also: the ledger has at least saved.entry_count entries and the entry at that
// position still has the saved hash; and when the digest states the record chain, as many
// records and the same hash at that position. A problem otherwise (rolled back, truncated or
// rewritten).
VerifyReport verify_against(Db& db, const LedgerHead& saved);

// The one-line digest that `subsidy digest` prints and `verify --against` reads back:
// "subsidy-ledger digest: entries=<count> head=<64 hex>", followed by
// " records=<count> records_head=<64 hex>" when the head states a record chain of at least one
// record.
std::string format_digest(const LedgerHead& head);
// The ledger's current head in that form: what the operations log, `digest` and every report
// state.
std::string current_digest(Db& db);

// Reads a digest from the text of a file (the first line holding "entries=" counts; other lines
// are ignored, so a digest may be kept with notes); the records part is optional (digests saved
// before the record chain existed have none). Throws InputError naming `file_name`, the line
// and the reason when no such line is found or it is malformed.
LedgerHead parse_digest(std::string_view text, const std::string& file_name);

}  // namespace subsidy
