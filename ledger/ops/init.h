// Operation `init`: stores the policy text in a ledger just created (the front end creates the
// file, and removes it again when this fails, so that init makes a complete ledger or nothing).
#pragma once

#include <optional>
#include <string>

#include "ledger/ops/operation.h"
#include "ledger/ops/user.h"
#include "ledger/policy/policy.h"

namespace subsidy::ops {

struct InitRequest {
  std::string policy_text;  // the policy file (TOML) as given
  std::string policy_name;  // its base name, e.g. "siyang-2022-9.toml"
  // The first admin (init --admin): the ledger then has people and every change is signed; the
  // context's signer becomes this admin. nullopt: a legacy ledger without people (unsigned).
  std::optional<AddPersonRequest> admin = std::nullopt;
};

struct InitOutcome {
  Policy policy;  // as stored
  OpRecord record;
};

// The built-in policy (siyang-2022-9.toml) as a request.
InitRequest builtin_init_request();

// Validates and stores the policy. The record's digest_before is "-": there was no ledger before.
// Throws InputError for a policy file that does not load, RefusedError when a policy of that id
// (or an overlapping period) is stored already; nothing is stored then.
InitOutcome init_ledger(OpContext& context, const InitRequest& request);

}  // namespace subsidy::ops
