// Operation `close` (close_year.h).
#include "ledger/ops/close_year.h"

#include <string>

#include "ledger/base/error.h"
#include "ledger/base/text_border.h"

namespace subsidy::ops {

std::string forced_close_note(const OpenItems& items, const std::string& reason) {
  return "强制结账 未结事项: " + open_items_summary(items) + "; 理由: " + reason;
}

CloseYearOutcome close_year(OpContext& context, const CloseYearRequest& request) {
  std::string reason;
  if (request.force) {
    reason = require_border_text(request.reason, TextKind::text, "--reason");
    if (reason.empty()) throw RefusedError("--force 需要 --reason 说明强制结账的理由");
  }
  OpenItems open;
  auto [closing, record] = run_write(context, [&](OpRecord& op) {
    // A closed year is refused as such by subsidy::close_year, not for its open items.
    if (!closing_of(context.db, request.year)) open = open_items_of_year(context.db, request.year);
    if (open.any() && !request.force) {
      throw RefusedError(request.year.to_string() + " 年度有 " +
                         std::to_string(open.total_count()) + " 项未结事项（" +
                         open_items_summary(open) +
                         "），未结账；处理后再结账，或加 --force --reason 说明理由");
    }
    const std::string note = request.force ? forced_close_note(open, reason) : std::string();
    YearClosing closed =
        subsidy::close_year(context.db, request.year, context.actor, context.clock, note);
    op.command = "close --year " + request.year.to_string();
    op.counts = "entries_posted=1 closing_entry=" + std::to_string(closed.entry_id) +
                " open_items=" + std::to_string(open.total_count());
    if (request.force) op.counts += " forced=1 reason=" + reason;
    return closed;
  });
  return {std::move(closing), std::move(record), std::move(open)};
}

}  // namespace subsidy::ops
