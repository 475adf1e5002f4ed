// Operation `init` (init.h).
#include "ledger/ops/init.h"

#include "ledger/base/clock.h"
#include "ledger/base/embedded.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::ops {

namespace {

constexpr std::string_view kBuiltinPolicy = "siyang-2022-9.toml";

}  // namespace

InitRequest builtin_init_request() {
  for (const EmbeddedFile& file : embedded_policies::files()) {
    if (file.name == kBuiltinPolicy) return {std::string(file.content), std::string(file.name)};
  }
  throw RefusedError("the built-in policy is missing from this program");
}

InitOutcome init_ledger(OpContext& context, const InitRequest& request) {
  if (request.admin) context.actor = people::person_login(request.admin->name);
  auto [policy, record] = run_write(context, [&](OpRecord& op) {
    Policy stored = store_policy(context.db, request.policy_text, request.policy_name,
                                 context.actor, format_utc(context.clock()));
    op.command = "init";
    op.counts = "policy=" + stored.id();
    if (request.admin) op.counts += " admin=" + add_first_admin(context, *request.admin).login;
    op.digest_before = "-";  // the ledger did not exist
    return stored;
  });
  return {std::move(policy), std::move(record)};
}

}  // namespace subsidy::ops
