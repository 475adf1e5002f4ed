// The policy texts stored in the ledger (table `policies` of migration 001): storing a validated
// policy file at `init` (or later), and loading every stored policy back for the importer's scheme
// catalog and for `assess`. The text is stored whole, so that an old assessment can be recomputed
// with the very file it was made with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ledger/masterdata/scheme_catalog.h"
#include "ledger/policy/policy.h"
#include "ledger/store/store.h"

namespace subsidy {

// Validates `text` with load_policy, then stores it with its SHA-256, `loaded_at` (UTC ISO-8601)
// and `actor`. Throws InputError for a file load_policy refuses, RefusedError when a policy with
// the same id is stored already or when its effective period overlaps a stored one. Runs in its own
// transaction; on any throw nothing is stored. Returns the loaded policy.
Policy store_policy(Db& db, std::string_view text, std::string_view source_name,
                    const std::string& actor, const std::string& loaded_at);

// Every stored policy, parsed, in the order they were stored. Throws InputError when a stored text
// no longer loads (it names the stored source name).
std::vector<Policy> load_stored_policies(Db& db);

// A stored policy with what the ledger recorded about its file.
struct StoredPolicy {
  Policy policy;
  std::string source_name;  // the file's base name as given
  std::string sha256;       // of the stored text
  std::string loaded_at;    // UTC
  std::string actor;
  std::string text;  // the file as given
};

// Every stored policy with its record, in the order they were stored. Throws InputError when a
// stored text no longer loads.
std::vector<StoredPolicy> stored_policies(Db& db);

// The scheme catalog the CLI gives the applications importer: for an award year, the schemes of the
// policy in force (policy_for_year); for a year no policy covers, any scheme of any stored policy
// (`assess` then rejects the year as outside_policy_period, which is its job, not the importer's).
class PolicySchemeCatalog : public SchemeCatalog {
 public:
  // Requires policies that passed check_no_overlap (as stored ones have).
  explicit PolicySchemeCatalog(std::vector<Policy> policies) : policies_(std::move(policies)) {}
  std::optional<std::vector<std::string>> inputs_of(std::string_view scheme,
                                                    int year) const override;

 private:
  std::vector<Policy> policies_;
};

}  // namespace subsidy
