// The canonical bytes of a ledger entry and its chain hash. The layout is a contract with auditors
// (docs/ledger-format.md, tools/verify-chain.py): changing anything here breaks every existing
// ledger, so the layout carries a version tag and is pinned by a known-answer test.
#include "ledger/books/chain.h"

#include "ledger/base/check.h"
#include "ledger/base/sha256.h"

namespace subsidy {

namespace {

constexpr std::string_view kFormatTag = "subsidy-ledger-entry/1";

void put(std::string& out, std::string_view value) {
  const size_t size_before = out.size();
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ',';
  SUBSIDY_ASSERT(out.size() >= size_before + value.size() + 3);  // digits, ':', value, ','
}

void put(std::string& out, int64_t value) {
  SUBSIDY_ASSERT(!out.empty());  // the format tag always comes first
  put(out, std::to_string(value));
}

template <typename T>
void put(std::string& out, const std::optional<T>& value) {
  SUBSIDY_ASSERT(!out.empty());  // the format tag always comes first
  if (value) {
    put(out, *value);
  } else {
    out += "~,";
  }
}

}  // namespace

std::string canonical_entry_bytes(const Entry& entry, std::string_view previous_hash) {
  std::string out;
  out.reserve(256 + entry.memo.size() + 48 * entry.lines.size());
  put(out, kFormatTag);
  put(out, previous_hash);
  put(out, entry.entry_id);
  put(out, entry.fiscal_year);
  put(out, entry.kind);
  put(out, entry.actor);
  put(out, entry.posted_at);
  put(out, entry.idempotency_key);
  put(out, entry.memo);
  put(out, entry.application_id);
  put(out, entry.batch_id);
  put(out, entry.run_id);
  put(out, entry.reverses_entry_id);
  put(out, entry.refers_year);
  put(out, static_cast<int64_t>(entry.lines.size()));
  int64_t line_no = 0;
  for (const Line& line : entry.lines) {
    put(out, ++line_no);
    put(out, line.account);
    put(out, line.amount.fen());
  }
  SUBSIDY_ASSERT(line_no == static_cast<int64_t>(entry.lines.size()));
  return out;
}

std::string chain_hash(const Entry& entry, std::string_view previous_hash) {
  std::string hash = sha256_hex(canonical_entry_bytes(entry, previous_hash));
  SUBSIDY_ASSERT(hash.size() == kGenesisHash.size());
  return hash;
}

}  // namespace subsidy
