// The open items of a fiscal year (未结事项): what `close` lists before it seals the year, and
// refuses to seal over unless forced with a reason. Five kinds, each with a count and an amount:
// bank rejections not paid again, payables whose enterprise has no usable bank account, held
// awards, regions owing their share (region_due not settled) and batches approved but not
// exported. The award year read is the fiscal year of the same number.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/base/years.h"
#include "ledger/money/money.h"
#include "ledger/store/store.h"

namespace subsidy::ops {

struct OpenItemKind {
  std::string kind;   // rejected_unpaid, no_bank_account, held, region_owing, approved_unexported
  std::string label;  // the Chinese name people read
  int64_t count = 0;
  Money amount;  // >= 0
};

struct OpenItems {
  std::vector<OpenItemKind> kinds;  // always all five, in the order above
  int64_t total_count() const;
  bool any() const { return total_count() > 0; }
};

// The open items of `year`, read inside the caller's transaction (if any); changes nothing.
OpenItems open_items_of_year(Db& db, FiscalYear year);

// One line per kind: "  银行退票未重新支付: 2 笔, 金额 756,437.77".
std::string format_open_items(const OpenItems& items);
// One line: "2 笔退票未重新支付 756,437.77; 7 户无银行账户 …" of the kinds with a count, for the
// closing entry's memo and the refusal.
std::string open_items_summary(const OpenItems& items);

}  // namespace subsidy::ops
