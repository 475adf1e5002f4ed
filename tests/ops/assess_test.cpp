// ops::assess_and_post and ops::assess_only: the posting run and the dry run.
#include "tests/ops/ops_fixture.h"

#include <nlohmann/json.hpp>

#include "ledger/books/journal.h"
#include "ledger/engine/assess_output.h"
#include "ledger/ops/assess.h"

using namespace ops_fixture;

TEST_CASE("assess and post books the year's awards and logs the run") {
  OpsLedger ledger;
  ops::OpContext context = ledger.context("clerk-li");
  const std::string before = current_digest(ledger.db());
  const ops::AssessedYear preview = ops::assess_only(ledger.db(), AwardYear(2023));
  CHECK(current_digest(ledger.db()) == before);  // the dry run changes nothing
  CHECK(ledger.log->lines.empty());

  const ops::AssessOutcome outcome = ops::assess_and_post(context, {AwardYear(2023)});
  const ops::AssessResult& result = outcome.result;
  const auto expected = nlohmann::json::parse(fixture::example("expected-assess-2023.json"));
  REQUIRE(result.assessed.assessment.applications.size() == expected["applications"].size());
  CHECK(result.assessed.policy.id() == builtin_policy().id());
  CHECK(result.json_text == assessment_json_text(preview.assessment));
  CHECK(result.posting.run_id == 1);
  CHECK(result.posting.posted == 8);  // the awarded applications of the example
  CHECK(result.posting.held == 1);
  CHECK(outcome.record.command == "assess --year 2023");
  CHECK(outcome.record.counts == "run=1 applications=13 entries_posted=8 unchanged=5 held=1");
  CHECK(outcome.record.digest_before == before);
  CHECK(outcome.record.digest_after == current_digest(ledger.db()));
  CHECK(outcome.record.digest_after != before);
  REQUIRE(ledger.log->lines.size() == 1);
  CHECK(ledger.log->lines[0] == "actor=clerk-li command=assess --year 2023 " +
                                    outcome.record.counts + " digest_before=" + before +
                                    " digest_after=" + outcome.record.digest_after);
  CHECK(ledger.count("SELECT count(*) FROM ledger_entries WHERE posted_at = '" +
                     std::string(kFixedTime) + "' AND actor = 'clerk-li'") == 8);
  CHECK(ledger.count("SELECT count(*) FROM assessment_runs WHERE run_at = '" +
                     std::string(kFixedTime) + "'") == 1);

  SECTION("a second run posts no difference") {
    const ops::AssessOutcome again = ops::assess_and_post(context, {AwardYear(2023)});
    CHECK(again.result.posting.run_id == 2);
    CHECK(again.record.counts == "run=2 applications=13 entries_posted=0 unchanged=13 held=1");
    CHECK(journal_part(again.record.digest_before) == journal_part(again.record.digest_after));
  }
}

TEST_CASE("assess refused for want of a policy changes and logs nothing") {
  OpsLedger ledger(false);
  ops::OpContext context = ledger.context();
  check_refused<RefusedError>(ledger, [&] { ops::assess_and_post(context, {AwardYear(2023)}); });
}
