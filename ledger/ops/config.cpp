// Operation `config set` (config.h).
#include "ledger/ops/config.h"

#include "ledger/base/clock.h"
#include "ledger/payments/config.h"

namespace subsidy::ops {

ConfigSetOutcome set_config(OpContext& context, const ConfigSetRequest& request) {
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    std::optional<std::string> previous = config_value(context.db, request.key);
    subsidy::set_config(context.db, request.key, request.value, context.actor,
                        format_utc(context.clock()));
    op.command = "config set " + request.key;
    op.counts = "old=" + previous.value_or("(unset)") + " new=" + request.value;
    return ConfigSetResult{request.key, request.value, std::move(previous)};
  });
  return {std::move(result), std::move(record)};
}

}  // namespace subsidy::ops
