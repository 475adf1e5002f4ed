// Operation `settle` (settle.h).
#include "ledger/ops/settle.h"

#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/masterdata/masterdata.h"

namespace subsidy::ops {

namespace {

bool region_known(Db& db, const std::string& code) {
  for (const Region& region : load_regions(db)) {
    if (region.region_code == code) return true;
  }
  return false;
}

}  // namespace

SettleOutcome settle(OpContext& context, const SettleRequest& request) {
  const Money amount = request.amount;
  const std::string& region = request.region;
  if (amount.fen() <= 0) throw RefusedError("a settlement must be more than 0.00");
  if (request.ref.empty()) {
    throw RefusedError("--ref must name the payment (e.g. the bank reference)");
  }
  // The reference goes into the entry's key and memo: it passes the text border first.
  const std::string ref = require_border_text(request.ref, TextKind::text, "--ref");
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    Db& db = context.db;
    if (!region_known(db, region)) {
      throw RefusedError("unknown region '" + region + "' (import it with `import regions`)");
    }
    const std::string account = chart::region_due(region);
    const std::string key = "region_payment:" + ref;
    // A repeat of a recorded settlement is checked by post() (same content: nothing posted);
    // only a new one must fit within what the region still owes.
    if (!entry_by_key(db, key)) {
      const Money owed = balance_of(db, account);
      if (amount > owed) {
        throw RefusedError("region " + region + " owes " + format_grouped(owed) + ", less than " +
                           format_grouped(amount));
      }
    }
    EntryDraft draft;
    draft.fiscal_year = request.year;
    draft.kind = std::string(chart::kRegionPayment);
    draft.actor = context.actor;
    draft.idempotency_key = key;
    draft.memo = "settle " + region + " " + format_plain(amount) + " ref " + ref;
    draft.lines = {{std::string(chart::kTreasury), amount}, {account, -amount}};
    const PostResult posted = post_entry(db, draft, context.clock);
    op.command = "settle";
    op.counts = "region=" + region + " amount=" + format_plain(amount) + " ref=" + ref +
                " posted=" + (posted.posted ? "1" : "0");
    return SettleResult{posted.posted, posted.entry.entry_id, region, amount, ref};
  });
  return {std::move(result), std::move(record)};
}

}  // namespace subsidy::ops
