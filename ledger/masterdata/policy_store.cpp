// Storing and loading the ledger's policy texts, and the scheme catalog built from them
// (policy_store.h).
#include "ledger/masterdata/policy_store.h"

#include "ledger/base/error.h"
#include "ledger/base/sha256.h"

namespace subsidy {

Policy store_policy(Db& db, std::string_view text, std::string_view source_name,
                    const std::string& actor, const std::string& loaded_at) {
  Policy policy = load_policy(text, source_name);
  Transaction transaction(db);
  std::vector<Policy> all = load_stored_policies(db);
  all.push_back(policy);
  check_no_overlap(all);  // also refuses an id that is stored already
  db.prepare(
        "INSERT INTO policies (policy_id, source_name, text, sha256, loaded_at, actor) "
        "VALUES (?, ?, ?, ?, ?, ?)")
      .bind(1, policy.id())
      .bind(2, source_name)
      .bind(3, text)
      .bind(4, sha256_hex(text))
      .bind(5, loaded_at)
      .bind(6, actor)
      .run();
  transaction.commit();
  return policy;
}

std::vector<Policy> load_stored_policies(Db& db) {
  std::vector<Policy> policies;
  Statement row = db.prepare("SELECT text, source_name FROM policies ORDER BY rowid");
  while (row.step()) policies.push_back(load_policy(row.text(0), row.text(1)));
  return policies;
}

std::vector<StoredPolicy> stored_policies(Db& db) {
  std::vector<StoredPolicy> policies;
  Statement row =
      db.prepare("SELECT text, source_name, sha256, loaded_at, actor FROM policies ORDER BY rowid");
  while (row.step()) {
    policies.push_back({load_policy(row.text(0), row.text(1)), row.text(1), row.text(2),
                        row.text(3), row.text(4), row.text(0)});
  }
  return policies;
}

std::optional<std::vector<std::string>> PolicySchemeCatalog::inputs_of(std::string_view scheme,
                                                                       int year) const {
  if (const Policy* policy = policy_for_year(policies_, year)) {
    if (!policy->has_scheme(scheme)) return std::nullopt;
    return policy->scheme_inputs(scheme);
  }
  for (const Policy& policy : policies_) {
    if (policy.has_scheme(scheme)) return policy.scheme_inputs(scheme);
  }
  return std::nullopt;
}

}  // namespace subsidy
