// Operation `policy add` (policy.h).
#include "ledger/ops/policy.h"

#include "ledger/base/clock.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::ops {

AddPolicyOutcome add_policy(OpContext& context, const AddPolicyRequest& request) {
  auto [policy, record] = run_write(context, [&](OpRecord& op) {
    Policy stored = store_policy(context.db, request.policy_text, request.policy_name,
                                 context.actor, format_utc(context.clock()));
    op.command = "policy add";
    op.counts = "policy=" + stored.id() + " document=" + stored.document_number() +
                " from=" + stored.effective_from().to_string() +
                " to=" + stored.effective_to().to_string();
    return stored;
  });
  return {std::move(policy), std::move(record)};
}

}  // namespace subsidy::ops
