// Operation `close`: seals a fiscal year (year_close.h): a closing entry that carries the digest
// of the ledger as it stood, after which nothing more is posted into that year.
#pragma once

#include <cstdint>

#include "ledger/books/year_close.h"
#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct CloseYearRequest {
  FiscalYear year;
};

struct CloseYearOutcome {
  YearClosing closing;  // the closing entry; record.digest_after is the ledger head after it
  OpRecord record;
};

// Closes the year. Throws RefusedError, having changed nothing, when it is closed already.
CloseYearOutcome close_year(OpContext& context, const CloseYearRequest& request);

}  // namespace subsidy::ops
