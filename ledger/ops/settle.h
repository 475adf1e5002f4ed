// Operation `settle`: a region (park, township, street) paid the county its share of the awards:
// one entry Dr treasury, Cr region_due:<region> in the fiscal year given, idempotent by the
// payment's reference, refused when the region does not owe that much.
#pragma once

#include <cstdint>
#include <string>

#include "ledger/money/money.h"
#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct SettleRequest {
  std::string region;  // region code (regions.csv)
  Money amount;        // what it paid
  int64_t year = 0;    // the fiscal year to book it in
  std::string ref;     // the payment's reference (e.g. the bank's): one entry per reference
};

struct SettleResult {
  bool posted = false;   // false: the same settlement was recorded before, nothing posted
  int64_t entry_id = 0;  // the settlement's entry (the earlier one when not posted)
  std::string region;
  Money amount;
  std::string ref;
};

struct SettleOutcome {
  SettleResult result;
  OpRecord record;
};

// Records the settlement. A repeat of a recorded one (same reference, same content) posts nothing.
// The reference passes the text border (text_border.h: NFC, trimmed, no control, bidi or format
// character). Throws RefusedError, having changed nothing, for an amount <= 0, an empty or unclean
// reference, an unknown
// region, a new settlement of more than the region owes, or a reference used for another entry.
SettleOutcome settle(OpContext& context, const SettleRequest& request);

}  // namespace subsidy::ops
