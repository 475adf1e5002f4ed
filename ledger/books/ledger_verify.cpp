// Verifying the ledger from its stored rows alone: one ordered pass over entries and lines
// (hashes, balances, numbering, closed years), then the account totals, the closings and the
// append-only triggers. Reads with two cursors merged by entry_id so that a ledger of millions of
// entries is checked in one sequential scan with constant memory per entry.
#include "ledger/books/ledger_verify.h"
#include "ledger/base/check.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "ledger/base/error.h"
#include "ledger/books/chain.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal_rows.h"
#include "ledger/books/records.h"
#include "ledger/books/year_close.h"

namespace subsidy {

namespace {

// Sums per (fiscal year, account); 128-bit so that even a tampered ledger cannot overflow them.
struct Totals {
  Int128 debit_fen = 0;
  Int128 credit_fen = 0;
  int64_t line_count = 0;
  bool operator==(const Totals&) const = default;
};

std::string text_of(const Int128& value) {
  return value.str();
}

// Ranks of the ledger-wide problems that come right after the entries' (see run()).
constexpr int64_t kRecordChainRank = -3;
constexpr int64_t kSchemaRank = -2;
constexpr int64_t kContentRank = -1;

class Verifier {
 public:
  Verifier(Db& db, std::optional<LedgerHead> saved) : db_(db), saved_(std::move(saved)) {}
  VerifyReport run();

 private:
  struct Problem {
    int64_t entry_id;  // 0: not about one entry; < 0: one of the ranks above
    std::string text;
  };

  Db& db_;
  std::optional<LedgerHead> saved_;  // a digest the ledger must extend
  VerifyReport report_;
  std::vector<Problem> problems_;
  std::map<int64_t, YearClosing> closing_by_year_;
  // entry id -> its stored hash, for the closings and the saved digest
  std::map<int64_t, std::string> hash_needed_at_;
  // Sums of the lines per fiscal year and account: hashed per year, since this is looked up for
  // every line of the ledger.
  std::map<int64_t, std::unordered_map<std::string, Totals>> totals_;

  void add(int64_t entry_id, std::string text);
  void scan_chain();
  void check_entry(Entry entry, int64_t line_count, const std::vector<int64_t>& line_nos,
                   const std::vector<int64_t>& amounts, const std::string& previous_hash);
  void check_totals();
  void check_closings();
  void check_closing_lines(int64_t year, const Entry& entry);
  void check_records();
  void check_saved_digest();
};

void Verifier::add(int64_t entry_id, std::string text) {
  SUBSIDY_ASSERT(!text.empty());
  ++report_.problem_count;
  if (problems_.size() < 4 * VerifyReport::kMaxProblems) problems_.push_back({entry_id, text});
}

VerifyReport Verifier::run() {
  for (YearClosing& closing : closings(db_)) {
    hash_needed_at_[closing.entry_id - 1] = std::string(kGenesisHash);
    closing_by_year_[closing.fiscal_year] = std::move(closing);
  }
  if (saved_) hash_needed_at_[saved_->entry_count] = std::string(kGenesisHash);
  scan_chain();
  check_totals();
  check_closings();
  check_saved_digest();
  check_records();
  // Problems about entries first, lowest entry first; then the record chain's, the schema's and
  // the sealed rows' (check_records adds them in that order); the other ledger-wide ones last.
  std::stable_sort(problems_.begin(), problems_.end(), [](const Problem& a, const Problem& b) {
    const auto rank = [](const Problem& p) {
      return p.entry_id <= 0 ? INT64_MAX + p.entry_id : p.entry_id;
    };
    return rank(a) < rank(b);
  });
  for (const Problem& problem : problems_) {
    if (report_.problems.size() == VerifyReport::kMaxProblems) break;
    report_.problems.push_back(problem.entry_id <= 0 ? problem.text
                                                     : "entry " + std::to_string(problem.entry_id) +
                                                           ": " + problem.text);
  }
  if (!problems_.empty() && problems_.front().entry_id > 0) {
    report_.first_bad_entry = problems_.front().entry_id;
  }
  SUBSIDY_ASSERT(report_.problems.size() <= VerifyReport::kMaxProblems);
  SUBSIDY_ASSERT(report_.problem_count >= static_cast<int64_t>(report_.problems.size()));
  return report_;
}

void Verifier::scan_chain() {
  Statement entries = db_.prepare(std::string(detail::kEntrySelect) + " ORDER BY entry_id;");
  Statement lines = db_.prepare(std::string(detail::kLineSelect) + " ORDER BY entry_id, line_no;");
  bool line_ready = lines.step();
  std::string previous_hash(kGenesisHash);
  int64_t previous_id = 0;
  std::vector<int64_t> line_nos;
  std::vector<int64_t> amounts;
  while (entries.step()) {  // one pass over the table: bounded by its rows
    Entry entry = detail::entry_from_row(entries);
    const int64_t line_count = entries.int64(detail::kLineCountColumn);
    if (entry.entry_id != previous_id + 1) {
      add(previous_id + 1, "missing: entry ids jump from " + std::to_string(previous_id) + " to " +
                               std::to_string(entry.entry_id));
    }
    line_nos.clear();
    amounts.clear();
    for (; line_ready && lines.int64(2) <= entry.entry_id; line_ready = lines.step()) {
      if (lines.int64(2) < entry.entry_id) {
        add(lines.int64(2), "has lines but no entry row (deleted?)");
        continue;
      }
      entry.lines.push_back({lines.text(0), Money()});
      amounts.push_back(lines.int64(1));
      line_nos.push_back(lines.int64(3));
      ++report_.lines_checked;
    }
    SUBSIDY_ASSERT(line_nos.size() == entry.lines.size() && amounts.size() == entry.lines.size());
    previous_id = entry.entry_id;
    std::string stored_hash = entry.entry_hash;
    check_entry(std::move(entry), line_count, line_nos, amounts, previous_hash);
    if (auto needed = hash_needed_at_.find(previous_id); needed != hash_needed_at_.end()) {
      needed->second = stored_hash;
    }
    previous_hash = std::move(stored_hash);
    ++report_.entries_checked;
  }
  for (; line_ready; line_ready = lines.step()) {
    add(lines.int64(2), "has lines but no entry row (deleted?)");
  }
  report_.head = {previous_id, previous_hash};
}

void Verifier::check_entry(Entry entry, int64_t line_count, const std::vector<int64_t>& line_nos,
                           const std::vector<int64_t>& amounts, const std::string& previous_hash) {
  const int64_t id = entry.entry_id;
  SUBSIDY_ASSERT(line_nos.size() == entry.lines.size() && amounts.size() == entry.lines.size());
  if (static_cast<int64_t>(entry.lines.size()) != line_count) {
    add(id, "has " + std::to_string(entry.lines.size()) + " lines, its line_count says " +
                std::to_string(line_count));
  }
  if (entry.lines.size() < 2) add(id, "has fewer than 2 lines");
  Int128 sum = 0;
  bool amounts_in_range = true;
  for (size_t i = 0; i < entry.lines.size(); ++i) {
    if (line_nos[i] != static_cast<int64_t>(i) + 1) {
      add(id, "line numbers are not 1.." + std::to_string(entry.lines.size()));
    }
    if (std::string problem = chart::account_problem(entry.lines[i].account); !problem.empty()) {
      add(id, "line " + std::to_string(i + 1) + ": " + problem);
    }
    sum += amounts[i];
    if (amounts[i] > Money::kMaxAbsFen || amounts[i] < -Money::kMaxAbsFen) {
      add(id, "line " + std::to_string(i + 1) + ": amount out of range");
      amounts_in_range = false;
      continue;
    }
    entry.lines[i].amount = Money::from_fen(amounts[i]);
    Totals& totals = totals_[entry.fiscal_year][entry.lines[i].account];
    if (amounts[i] >= 0) {
      totals.debit_fen += amounts[i];
    } else {
      totals.credit_fen -= amounts[i];
    }
    ++totals.line_count;
  }
  if (sum != 0) add(id, "lines do not balance: they sum to " + text_of(sum) + " fen, not 0");
  if (!amounts_in_range || chain_hash(entry, previous_hash) != entry.entry_hash) {
    add(id,
        "hash does not match its content and the previous entry's hash (changed, "
        "reordered or inserted)");
  }
  if (auto closing = closing_by_year_.find(entry.fiscal_year);
      closing != closing_by_year_.end() && id > closing->second.entry_id) {
    add(id, "posted into fiscal year " + std::to_string(entry.fiscal_year) +
                " after it was closed by entry " + std::to_string(closing->second.entry_id));
  }
}

void Verifier::check_totals() {
  Statement rows = db_.prepare(
      "SELECT fiscal_year, account, debit_fen, credit_fen, line_count FROM ledger_account_totals;");
  std::map<std::pair<int64_t, std::string>, Totals> stored;
  while (rows.step()) {  // one row per (year, account)
    stored[{rows.int64(0), rows.text(1)}] = {rows.int64(2), rows.int64(3), rows.int64(4)};
    ++report_.accounts_checked;
  }
  std::map<std::pair<int64_t, std::string>, Totals> sorted;  // for problems in a stable order
  for (const auto& [year, accounts] : totals_) {
    for (const auto& [account, computed] : accounts) sorted[{year, account}] = computed;
  }
  for (const auto& [key, computed] : sorted) {
    SUBSIDY_ASSERT_MSG(computed.line_count > 0, "computed totals exist for posted lines only");
    const auto found = stored.find(key);
    const Totals kept = found == stored.end() ? Totals{} : found->second;
    if (kept != computed) {
      add(0, "account totals of " + key.second + " in " + std::to_string(key.first) +
                 " say debit " + text_of(kept.debit_fen) + " credit " + text_of(kept.credit_fen) +
                 " fen in " + std::to_string(kept.line_count) + " lines; the lines sum to debit " +
                 text_of(computed.debit_fen) + " credit " + text_of(computed.credit_fen) +
                 " fen in " + std::to_string(computed.line_count) + " lines");
    }
    if (found != stored.end()) stored.erase(found);
  }
  for (const auto& [key, kept] : stored) {
    if (kept == Totals{}) continue;
    add(0, "account totals of " + key.second + " in " + std::to_string(key.first) +
               " exist but no line is posted to it");
  }
}

void Verifier::check_closings() {
  for (const auto& [year, closing] : closing_by_year_) {
    const std::optional<Entry> entry = entry_by_id(db_, closing.entry_id);
    const std::string what = "closing of " + std::to_string(year);
    if (!entry || entry->kind != chart::kYearCloseKind || entry->fiscal_year != year) {
      add(closing.entry_id, what + " does not point at a year_close entry of that year");
      continue;
    }
    SUBSIDY_ASSERT_MSG(hash_needed_at_.count(closing.entry_id - 1) == 1, "run() asked for it");
    const std::string& hash_before = hash_needed_at_[closing.entry_id - 1];
    if (closing.digest.entry_count != closing.entry_id - 1 ||
        closing.digest.head_hash != hash_before) {
      add(closing.entry_id, what + ": its digest is not the ledger just before the closing entry");
    }
    check_closing_lines(year, *entry);
  }
}

// A closing entry is either an old memorandum closing (every line on year_close:<year>, kept as
// it was booked) or a closing into the fund balance: then its lines are revenue and expense
// accounts and fund_balance only, and after it every revenue and expense account nets to zero
// over the years up to its own (re-derived from the lines, not from the stored totals).
void Verifier::check_closing_lines(int64_t year, const Entry& entry) {
  const std::string memo_account = chart::year_close(year);
  const bool memorandum =
      std::all_of(entry.lines.begin(), entry.lines.end(),
                  [&](const Line& line) { return line.account == memo_account; });
  if (memorandum) {
    ++report_.memorandum_closings;
    return;
  }
  const std::string what = "closing of " + std::to_string(year);
  for (const Line& line : entry.lines) {
    if (!chart::account_problem(line.account).empty()) continue;  // named by check_entry
    if (line.account != chart::kFundBalance && !chart::is_nominal(line.account)) {
      add(entry.entry_id, what + " books " + line.account +
                              ", which is neither a revenue or expense account nor fund_balance");
    }
  }
  std::map<std::string, Int128> nets;  // nominal account -> net over the years up to `year`
  for (const auto& [fiscal_year, accounts] : totals_) {
    if (fiscal_year > year) break;
    for (const auto& [account, sums] : accounts) {
      if (chart::account_problem(account).empty() && chart::is_nominal(account)) {
        nets[account] += sums.debit_fen - sums.credit_fen;
      }
    }
  }
  for (const auto& [account, net] : nets) {
    if (net != 0) {
      add(entry.entry_id, what + " leaves " + account + " at " + text_of(net) +
                              " fen over the years up to " + std::to_string(year) +
                              "; a closing closes every revenue and expense account");
    }
  }
}

// The record chain, the schema and the sealed rows (records.h): their problems rank after the
// entries' and before the other ledger-wide ones (entry ids -3, -2, -1 in the sort of run()).
void Verifier::check_records() {
  RecordsCheck check = verify_records(db_);
  report_.records_checked = check.records_checked;
  report_.rows_checked = check.rows_checked;
  if (check.head.record_count > 0) report_.head.records = check.head;
  for (std::string& problem : check.chain_problems) add(kRecordChainRank, std::move(problem));
  for (std::string& problem : check.schema_problems) add(kSchemaRank, "schema: " + problem);
  for (std::string& problem : check.content_problems) add(kContentRank, std::move(problem));
  if (!saved_ || !saved_->records) return;
  const RecordsHead& saved = *saved_->records;
  if (saved.record_count > check.head.record_count) {
    add(kRecordChainRank, "the saved digest has " + std::to_string(saved.record_count) +
                              " records, the ledger only " +
                              std::to_string(check.head.record_count) +
                              ": sealed records were removed or the ledger rolled back");
  } else if (saved.record_count > 0 && check.hash_at[saved.record_count] != saved.head_hash) {
    add(kRecordChainRank, "record " + std::to_string(saved.record_count) +
                              ": its hash is not the one in the saved digest: sealed records "
                              "were rewritten");
  }
}

void Verifier::check_saved_digest() {
  if (!saved_) return;
  const int64_t count = report_.head.entry_count;
  SUBSIDY_ASSERT_MSG(hash_needed_at_.count(saved_->entry_count) == 1, "run() asked for it");
  if (saved_->entry_count > count) {
    add(count + 1, "the saved digest has " + std::to_string(saved_->entry_count) +
                       " entries, the ledger only " + std::to_string(count) +
                       ": it was rolled back or truncated");
  } else if (hash_needed_at_[saved_->entry_count] != saved_->head_hash) {
    add(saved_->entry_count,
        "its hash is not the one in the saved digest: the ledger was rewritten");
  }
}

}  // namespace

VerifyReport verify_ledger(Db& db) {
  VerifyReport report = Verifier(db, std::nullopt).run();
  SUBSIDY_ASSERT(report.problems.empty() == (report.problem_count == 0));
  return report;
}

VerifyReport verify_against(Db& db, const LedgerHead& saved) {
  SUBSIDY_ASSERT(saved.entry_count >= 0);  // parse_digest reads at most 18 digits
  VerifyReport report = Verifier(db, saved).run();
  SUBSIDY_ASSERT(report.problems.empty() == (report.problem_count == 0));
  return report;
}

std::string format_digest(const LedgerHead& head) {
  SUBSIDY_ASSERT(head.entry_count >= 0);
  std::string line = "subsidy-ledger digest: entries=" + std::to_string(head.entry_count) +
                     " head=" + head.head_hash;
  if (head.records && head.records->record_count > 0) {  // a ledger without records: as before
    line += " records=" + std::to_string(head.records->record_count) +
            " records_head=" + head.records->head_hash;
  }
  return line;
}

namespace {

// Reads a count of at most 18 digits at `pos`; nullopt when there is none.
std::optional<int64_t> read_count(std::string_view line, size_t& pos) {
  int64_t count = 0;
  const size_t digits_start = pos;
  for (; pos < line.size() && line[pos] >= '0' && line[pos] <= '9' && pos - digits_start < 18;
       ++pos) {
    count = count * 10 + (line[pos] - '0');
  }
  if (pos == digits_start) return std::nullopt;
  return count;
}

// Reads 64 lowercase hex digits at `pos`; nullopt when they are not there.
std::optional<std::string> read_hash(std::string_view line, size_t& pos) {
  const std::string_view hash = line.substr(pos, 64);
  const bool hex = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  if (!hex) return std::nullopt;
  pos += 64;
  return std::string(hash);
}

}  // namespace

LedgerHead parse_digest(std::string_view text, const std::string& file_name) {
  constexpr size_t kMaxLines = 10'000;
  int64_t line_no = 0;
  for (size_t start = 0; start < text.size() && line_no < static_cast<int64_t>(kMaxLines);) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    const size_t at = line.find("entries=");
    if (at == std::string_view::npos) continue;
    const auto refuse = [&](size_t column, const std::string& reason) {
      throw InputError({{file_name, line_no, std::to_string(column + 1), reason}});
    };
    size_t pos = at + 8;
    const std::optional<int64_t> count = read_count(line, pos);
    if (!count) refuse(pos, "entries= must be followed by the entry count");
    if (line.substr(pos, 6) != " head=") refuse(pos, "expected ' head=' after the entry count");
    pos += 6;
    std::optional<std::string> hash = read_hash(line, pos);
    if (!hash) refuse(pos, "head= must be followed by 64 lowercase hex digits");
    LedgerHead head{*count, std::move(*hash)};
    if (line.substr(pos, 9) == " records=") {  // digests saved before records existed have none
      pos += 9;
      const std::optional<int64_t> records = read_count(line, pos);
      if (!records) refuse(pos, "records= must be followed by the record count");
      if (line.substr(pos, 14) != " records_head=") {
        refuse(pos, "expected ' records_head=' after the record count");
      }
      pos += 14;
      std::optional<std::string> records_hash = read_hash(line, pos);
      if (!records_hash) refuse(pos, "records_head= must be followed by 64 lowercase hex digits");
      head.records = RecordsHead{*records, std::move(*records_hash)};
    }
    SUBSIDY_ASSERT(head.entry_count >= 0 && head.head_hash.size() == kGenesisHash.size());
    return head;
  }
  throw InputError({{file_name, std::max<int64_t>(line_no, 1), "1",
                     "not a ledger digest: no line 'subsidy-ledger digest: entries=N head=HASH'"}});
}

std::string current_digest(Db& db) {
  return format_digest(head(db));
}

}  // namespace subsidy
