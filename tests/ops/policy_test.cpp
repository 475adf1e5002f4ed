// ops::add_policy (issue 19 item 1): a further policy stored in an existing ledger, refused when
// its period overlaps a stored one or its id is stored already, listed with its period, 文号 and
// SHA-256, and each award year assessed under the policy in force for it.
#include "tests/ops/ops_fixture.h"

#include <fstream>
#include <sstream>

#include "ledger/base/sha256.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/policy.h"

using namespace ops_fixture;

namespace {

std::string successor_text() {
  std::ifstream file(std::string(SUBSIDY_SOURCE_DIR) + "/tests/data/policies/successor-2025.toml");
  REQUIRE(file.good());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// `text` with every `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The example's 2023 applications and tax again as award year 2025 (ids B-..).
void import_2025(OpsLedger& ledger) {
  ops::OpContext admin = ledger.context("admin");
  ImportOptions options;
  options.file_name = "tax-2025.csv";
  ops::import_file(
      admin, {ImportKind::tax, replaced(fixture::example("tax.csv"), ",2023,", ",2025,"), options});
  options.file_name = "applications-2025.csv";
  // Only the schemes the successor has.
  std::istringstream all(fixture::example("applications.csv"));
  std::string applications, line;
  for (bool header = true; std::getline(all, line); header = false) {
    for (const char* scheme : {",robot_purchase,", ",smart_factory_provincial,",
                               ",digital_project,", ",loan_interest,"}) {
      if (header || line.find(scheme) != std::string::npos) {
        applications +=
            (header ? line : "B-" + replaced(line.substr(2), ",2023,", ",2025,")) + "\n";
        break;
      }
    }
  }
  ops::import_file(admin, {ImportKind::applications, applications, options});
}

}  // namespace

TEST_CASE("policy add stores a successor; each award year is assessed under its own policy") {
  OpsLedger ledger;
  ops::OpContext admin = ledger.context("admin");
  const std::string text = successor_text();
  const ops::AddPolicyOutcome added = ops::add_policy(admin, {text, "successor-2025.toml"});
  CHECK(added.policy.id() == "siyang-2025-test");
  CHECK(added.record.command == "policy add");
  CHECK(added.record.counts ==
        "policy=siyang-2025-test document=泗政办发〔2025〕0号 from=2025-01-01 to=2027-12-31 "
        "version=1");
  REQUIRE(ledger.log->lines.size() == 1);

  const std::vector<StoredPolicy> stored = stored_policies(ledger.db());
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].policy.id() == builtin_policy().id());
  CHECK(stored[1].policy.id() == "siyang-2025-test");
  CHECK(stored[1].sha256 == sha256_hex(text));
  CHECK(stored[1].source_name == "successor-2025.toml");
  CHECK(stored[1].actor == "admin");
  CHECK(verify_ledger(ledger.db()).ok());

  import_2025(ledger);
  ops::OpContext clerk = ledger.context();
  const ops::AssessResult y2023 = ops::assess_and_post(clerk, {AwardYear(2023)}).result;
  const ops::AssessResult y2025 = ops::assess_and_post(clerk, {AwardYear(2025)}).result;
  CHECK(y2023.assessed.policy.id() == builtin_policy().id());
  CHECK(y2025.assessed.policy.id() == "siyang-2025-test");
  CHECK(y2025.assessed.assessment.applications.size() == 6);
  CHECK(verify_ledger(ledger.db()).ok());

  SECTION("refused, nothing stored: the same policy again, an overlapping period, a bad file") {
    check_refused<RefusedError>(ledger, [&] {
      ops::add_policy(admin, {text, "successor-2025.toml"});
    });
    const std::string overlapping = replaced(
        replaced(text, "siyang-2025-test", "siyang-2024-overlap"), "2025-01-01", "2024-06-01");
    check_refused<RefusedError>(ledger, [&] {
      ops::add_policy(admin, {overlapping, "overlap.toml"});
    });
    check_refused<InputError>(ledger, [&] { ops::add_policy(admin, {"id = 3\n", "broken.toml"}); });
  }
}
