// Operation `policy add` (issue 19 item 1): a further policy stored in an existing ledger, as a
// sealed record of the `policies` table, so that award years after the first policy's period are
// assessed under their own (policy_for_year: the policy in force on 31 December of the year).
#pragma once

#include <string>

#include "ledger/ops/operation.h"
#include "ledger/policy/policy.h"

namespace subsidy::ops {

struct AddPolicyRequest {
  std::string policy_text;  // the policy file (TOML) as given
  std::string policy_name;  // its base name, e.g. "successor-2025.toml"
};

struct AddPolicyOutcome {
  Policy policy;  // as stored
  OpRecord record;
};

// Validates and stores the policy. Throws InputError (FILE:LINE:COLUMN: reason) for a file that
// does not load, RefusedError (one line in Chinese) when a policy of that id is stored already, its
// period overlaps a stored one's, its amendment is broken (check_no_overlap), or it amends a
// version from a date on which a year already booked under that version would move to it; nothing
// is stored then.
AddPolicyOutcome add_policy(OpContext& context, const AddPolicyRequest& request);

}  // namespace subsidy::ops
