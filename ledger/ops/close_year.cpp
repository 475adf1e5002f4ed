// Operation `close` (close_year.h).
#include "ledger/ops/close_year.h"

#include <string>

namespace subsidy::ops {

CloseYearOutcome close_year(OpContext& context, const CloseYearRequest& request) {
  auto [closing, record] = run_write(context, [&](OpRecord& op) {
    YearClosing closed =
        subsidy::close_year(context.db, request.year, context.actor, context.clock);
    op.command = "close --year " + request.year.to_string();
    op.counts = "entries_posted=1 closing_entry=" + std::to_string(closed.entry_id);
    return closed;
  });
  return {std::move(closing), std::move(record)};
}

}  // namespace subsidy::ops
