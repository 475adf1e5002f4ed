// Stored policies (policy_store.h): init's storing of the built-in policy, loading it back, the
// refusals, and the scheme catalog the applications importer gets from them.
#include "ledger/masterdata/policy_store.h"
#include "tests/masterdata/import_fixture.h"
#include "ledger/base/sha256.h"
#include "ledger/base/embedded.h"

using fixture::example;
using fixture::TempLedger;

namespace {

std::string builtin_text() {
  for (const subsidy::EmbeddedFile& file : subsidy::embedded_policies::files()) {
    if (file.name == "siyang-2022-9.toml") return std::string(file.content);
  }
  FAIL("the built-in policy is not embedded");
  return "";
}

}  // namespace

TEST_CASE("the built-in policy is stored whole and loads back") {
  TempLedger ledger;
  const auto stored = subsidy::store_policy(ledger.db(), builtin_text(), "siyang-2022-9.toml",
                                            "tester", "2026-01-01T00:00:00Z");
  CHECK(stored.id() == "siyang-2022-9");
  const auto policies = subsidy::load_stored_policies(ledger.db());
  REQUIRE(policies.size() == 1);
  CHECK(policies[0].id() == "siyang-2022-9");
  subsidy::Statement row = ledger.db().prepare("SELECT text, sha256, actor FROM policies");
  REQUIRE(row.step());
  CHECK(row.text(0) == builtin_text());
  CHECK(row.text(1) == subsidy::sha256_hex(builtin_text()));
  CHECK(row.text(2) == "tester");
}

TEST_CASE("a policy stored twice, or a broken one, is refused and nothing is stored") {
  TempLedger ledger;
  subsidy::store_policy(ledger.db(), builtin_text(), "siyang-2022-9.toml", "tester",
                        "2026-01-01T00:00:00Z");
  const std::string before = ledger.snapshot();
  CHECK_THROWS_AS(subsidy::store_policy(ledger.db(), builtin_text(), "again.toml", "tester",
                                        "2026-01-01T00:00:00Z"),
                  subsidy::RefusedError);
  CHECK_THROWS_AS(subsidy::store_policy(ledger.db(), "id = 3.5\n", "broken.toml", "tester",
                                        "2026-01-01T00:00:00Z"),
                  subsidy::InputError);
  CHECK(ledger.snapshot() == before);
}

TEST_CASE("the catalog of stored policies: schemes of the year's policy and their inputs") {
  const subsidy::PolicySchemeCatalog catalog({subsidy::builtin_policy()});
  CHECK(catalog.inputs_of("robot_purchase", 2023) == std::vector<std::string>{"equipment_amount"});
  const auto smart = catalog.inputs_of("smart_equipment_project", 2023);
  REQUIRE(smart);
  CHECK(std::find(smart->begin(), smart->end(), "total_investment") != smart->end());
  CHECK(catalog.inputs_of("smart_factory_provincial", 2022) == std::vector<std::string>{});
  CHECK_FALSE(catalog.inputs_of("robot_rental", 2023));
  // A year no policy covers: any scheme some stored policy knows (assess rejects the year).
  CHECK(catalog.inputs_of("cloud_3star", 2021) == std::vector<std::string>{});
  CHECK_FALSE(catalog.inputs_of("robot_rental", 2021));
}

TEST_CASE("the worked example's applications import with the real policy's catalog") {
  TempLedger ledger;
  ledger.import(subsidy::ImportKind::regions, example("regions.csv"));
  ledger.import(subsidy::ImportKind::enterprises, example("enterprises.csv"));
  ledger.import(subsidy::ImportKind::projects, example("projects.csv"));
  const subsidy::PolicySchemeCatalog catalog({subsidy::builtin_policy()});
  subsidy::ImportOptions options;
  options.file_name = "applications.csv";
  options.actor = "tester";
  options.recorded_at = "2026-01-01T00:00:00Z";
  options.schemes = &catalog;
  const auto result = subsidy::import_file(ledger.db(), subsidy::ImportKind::applications,
                                           example("applications.csv"), options);
  CHECK(result.new_count == 14);
  // Without the equipment amount robot_purchase cannot be computed: refused.
  CHECK_THROWS_WITH(subsidy::import_file(ledger.db(), subsidy::ImportKind::applications,
                                         "application_id,project_id,year,scheme\n"
                                         "A-99,P-E1-1,2023,robot_purchase\n",
                                         options),
                    "applications.csv:2:equipment_amount: is empty but scheme robot_purchase "
                    "needs it");
}
