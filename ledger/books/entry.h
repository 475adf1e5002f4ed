// A journal entry of the ledger, as a caller drafts it and as it stands once posted. Amounts are
// signed fen: a debit line is positive, a credit line negative, and the lines of an entry sum to 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/money/money.h"

namespace subsidy {

// One line of an entry: an account of docs/chart-of-accounts.md and a signed amount
// (debit > 0, credit < 0).
struct Line {
  std::string account;
  Money amount;
  bool operator==(const Line&) const = default;
};

// What a caller asks to post. Text fields are UTF-8 without control characters.
struct EntryDraft {
  int64_t fiscal_year = 0;      // the year the entry is booked in (must be open)
  std::string kind;             // lowercase [a-z_], e.g. "award"; see chart.h for the known ones
  std::string actor;            // who posts it
  std::string idempotency_key;  // unique per entry; posting the same key again posts nothing
  std::string memo;             // one line for people; may be empty
  std::optional<std::string> application_id;  // the application the entry is about
  std::optional<int64_t> batch_id;            // the payment batch it belongs to
  std::optional<int64_t> run_id;              // the assessment run that posted it
  std::optional<int64_t> reverses_entry_id;   // the earlier entry this one reverses
  std::optional<int64_t> refers_year;         // a closed year whose correction this is
  std::vector<Line> lines;                    // >= 2 lines summing to 0
};

// A posted entry, read from the ledger.
struct Entry {
  int64_t entry_id = 0;  // position in the hash chain, 1-based, without gaps
  int64_t fiscal_year = 0;
  std::string kind;
  std::string actor;
  std::string posted_at;  // UTC ISO-8601 to the second: 2024-01-31T08:00:00Z
  std::string idempotency_key;
  std::string memo;
  std::optional<std::string> application_id;
  std::optional<int64_t> batch_id;
  std::optional<int64_t> run_id;
  std::optional<int64_t> reverses_entry_id;
  std::optional<int64_t> refers_year;
  std::vector<Line> lines;  // in line_no order (line_no = index + 1)
  std::string entry_hash;   // lowercase hex SHA-256 of docs/ledger-format.md

  bool operator==(const Entry&) const = default;
};

// Limits that keep one entry a readable voucher (and every loop over a draft bounded).
inline constexpr size_t kMaxLinesPerEntry = 1000;
inline constexpr size_t kMaxMemoBytes = 2000;
inline constexpr size_t kMaxFieldBytes = 300;  // actor, idempotency key, application id

// Checks a draft before anything is written: year 1900..9999, kind well-formed, actor and key
// non-empty, every text UTF-8 without control characters and within the limits above, 2 to
// kMaxLinesPerEntry lines on accounts of the chart, lines summing to exactly 0, refers_year (when
// set) different from fiscal_year. Throws RefusedError naming the key and the first problem.
void check_draft(const EntryDraft& draft);

// A draft that undoes `original`: every line negated, reverses_entry_id set, the same fiscal year,
// application and batch. The caller chooses kind, actor, key and memo; when the original's year is
// closed the caller moves the draft to an open year and sets refers_year. Does not touch the
// ledger.
EntryDraft reversal_of(const Entry& original, std::string kind, std::string actor,
                       std::string idempotency_key, std::string memo);

}  // namespace subsidy
