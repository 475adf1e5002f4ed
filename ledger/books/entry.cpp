// Checks on entry drafts (the rules every posted entry obeys, enforced before any byte is written)
// and the construction of reversing drafts.
#include "ledger/books/entry.h"

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/books/chart.h"

namespace subsidy {

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is malformed or a control
// character (C0, DEL): those would make CSV dumps and one-line memos ambiguous.
size_t valid_char_length(std::string_view text, size_t i) {
  SUBSIDY_ASSERT(i < text.size());
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x20 || lead == 0x7F) return 0;
  if (lead < 0x80) return 1;
  size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) return 0;
  }
  // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (lead == 0xE0 && second < 0xA0) return 0;
  if (lead == 0xED && second >= 0xA0) return 0;
  if (lead == 0xF0 && second < 0x90) return 0;
  if (lead == 0xF4 && second >= 0x90) return 0;
  return length;
}

std::string text_problem(std::string_view name, std::string_view text, size_t max_bytes,
                         bool required) {
  SUBSIDY_ASSERT(max_bytes > 0 && !name.empty());
  if (required && text.empty()) return std::string(name) + " is empty";
  if (text.size() > max_bytes) {
    return std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes";
  }
  for (size_t i = 0; i < text.size();) {
    const size_t length = valid_char_length(text, i);
    if (length == 0) return std::string(name) + " is not UTF-8 or holds a control character";
    i += length;
    SUBSIDY_ASSERT(i <= text.size());
  }
  return {};
}

std::string lines_problem(const std::vector<Line>& lines) {
  if (lines.size() < 2)
    return "an entry needs at least 2 lines, this one has " + std::to_string(lines.size());
  if (lines.size() > kMaxLinesPerEntry) return "more than 1000 lines in one entry";
  Money sum;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (std::string problem = chart::account_problem(lines[i].account); !problem.empty()) {
      return "line " + std::to_string(i + 1) + ": " + problem;
    }
    sum += lines[i].amount;  // checked: throws OverflowError rather than wrap
  }
  SUBSIDY_ASSERT(lines.size() >= 2 && lines.size() <= kMaxLinesPerEntry);
  if (!sum.is_zero()) {
    return "lines do not balance: debits and credits differ by " + format_plain(sum);
  }
  return {};
}

std::string draft_problem(const EntryDraft& draft) {
  if (draft.fiscal_year < 1900 || draft.fiscal_year > 9999) return "fiscal year out of range";
  if (draft.refers_year && (*draft.refers_year < 1900 || *draft.refers_year > 9999 ||
                            *draft.refers_year == draft.fiscal_year)) {
    return "refers_year must be another fiscal year than the entry's own";
  }
  if (std::string problem = chart::kind_problem(draft.kind); !problem.empty()) return problem;
  for (const auto& [name, text, max, required] :
       {std::tuple<const char*, std::string_view, size_t, bool>{"actor", draft.actor,
                                                                kMaxFieldBytes, true},
        {"idempotency key", draft.idempotency_key, kMaxFieldBytes, true},
        {"memo", draft.memo, kMaxMemoBytes, false},
        {"application id",
         draft.application_id ? std::string_view(*draft.application_id) : std::string_view(),
         kMaxFieldBytes, draft.application_id.has_value()}}) {
    if (std::string problem = text_problem(name, text, max, required); !problem.empty()) {
      return problem;
    }
  }
  return lines_problem(draft.lines);
}

}  // namespace

void check_draft(const EntryDraft& draft) {
  if (std::string problem = draft_problem(draft); !problem.empty()) {
    throw RefusedError("entry '" + draft.idempotency_key + "' refused: " + problem);
  }
  SUBSIDY_ASSERT(draft.lines.size() >= 2 && !draft.idempotency_key.empty());
}

EntryDraft reversal_of(const Entry& original, std::string kind, std::string actor,
                       std::string idempotency_key, std::string memo) {
  SUBSIDY_ASSERT_MSG(original.entry_id > 0, "a reversal reverses a posted entry");
  EntryDraft draft;
  draft.fiscal_year = original.fiscal_year;
  draft.kind = std::move(kind);
  draft.actor = std::move(actor);
  draft.idempotency_key = std::move(idempotency_key);
  draft.memo = std::move(memo);
  draft.application_id = original.application_id;
  draft.batch_id = original.batch_id;
  draft.reverses_entry_id = original.entry_id;
  draft.lines.reserve(original.lines.size());
  for (const Line& line : original.lines) draft.lines.push_back({line.account, -line.amount});
  SUBSIDY_ASSERT(draft.lines.size() == original.lines.size());
  return draft;
}

}  // namespace subsidy
