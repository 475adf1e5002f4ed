// Operation `close`: seals a fiscal year (year_close.h): a closing entry that carries the digest
// of the ledger as it stood, after which nothing more is posted into that year. A year with open
// items (open_items.h) is closed only when forced with a reason; the open items and the reason go
// into the closing entry's memo, sealed in the hash chain that `verify` re-derives.
#pragma once

#include <cstdint>
#include <string>

#include "ledger/books/year_close.h"
#include "ledger/ops/open_items.h"
#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct CloseYearRequest {
  FiscalYear year;
  bool force = false;       // close although the year has open items
  std::string reason = {};  // required with force: why (强制结账理由)
};

struct CloseYearOutcome {
  YearClosing closing;  // the closing entry; record.digest_after is the ledger head after it
  OpRecord record;
  OpenItems open_items;  // what was open when the year was closed (forced when any)
};

// The note a forced close appends to the closing entry's memo:
// "强制结账 未结事项: <summary>; 理由: <reason>".
std::string forced_close_note(const OpenItems& items, const std::string& reason);

// Closes the year. Throws RefusedError, having changed nothing, when it is closed already, when
// it has open items and the request is not forced, or when force comes without a clean reason.
CloseYearOutcome close_year(OpContext& context, const CloseYearRequest& request);

}  // namespace subsidy::ops
