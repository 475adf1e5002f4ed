// Operation `config set`: one of the ledger's settings (payments/config.h), today the paying
// account that every payment batch freezes.
#pragma once

#include <optional>
#include <string>

#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct ConfigSetRequest {
  std::string key;  // payer.name, payer.account, payer.bank, payer.cnaps or payer.bic
  std::string value;
};

struct ConfigSetResult {
  std::string key;
  std::string value;
  std::optional<std::string> previous;  // nullopt: it was not set
};

struct ConfigSetOutcome {
  ConfigSetResult result;
  OpRecord record;
};

// Sets the key, recording who and when. Throws RefusedError naming the key, having changed
// nothing, for an unknown key or a value of the wrong form (config.h).
ConfigSetOutcome set_config(OpContext& context, const ConfigSetRequest& request);

}  // namespace subsidy::ops
