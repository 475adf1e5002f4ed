// ops::init_ledger and ops::set_config: the ledger's policy and settings.
#include "tests/ops/ops_fixture.h"

#include "ledger/masterdata/policy_store.h"
#include "ledger/payments/config.h"

using namespace ops_fixture;

TEST_CASE("init stores the policy and logs it with no digest before") {
  OpsLedger ledger(false);
  ops::OpContext context = ledger.context("admin");
  const ops::InitOutcome outcome = ops::init_ledger(context, ops::builtin_init_request());
  CHECK(outcome.policy.id() == builtin_policy().id());
  CHECK(outcome.record.command == "init");
  CHECK(outcome.record.counts == "policy=" + builtin_policy().id());
  CHECK(outcome.record.digest_before == "-");
  CHECK(outcome.record.digest_after == current_digest(ledger.db()));
  REQUIRE(load_stored_policies(ledger.db()).size() == 1);
  REQUIRE(ledger.log->lines.size() == 1);
  CHECK(ledger.log->lines[0] == "actor=admin command=init policy=" + builtin_policy().id() +
                                    " digest_before=- digest_after=" + outcome.record.digest_after);
  CHECK(ledger.count("SELECT count(*) FROM policies WHERE loaded_at = '" + std::string(kFixedTime) +
                     "'") == 1);
  SECTION("the same policy again is refused, changing and logging nothing") {
    check_refused<RefusedError>(ledger,
                                [&] { ops::init_ledger(context, ops::builtin_init_request()); });
  }
  SECTION("a policy file that does not load is refused") {
    check_refused<InputError>(ledger, [&] {
      ops::init_ledger(context, {"id = 1\n", "broken.toml"});
    });
  }
}

TEST_CASE("config set records the old and the new value") {
  OpsLedger ledger(false);
  ops::OpContext context = ledger.context("admin");
  const ops::ConfigSetOutcome first = ops::set_config(context, {"payer.name", "泗阳县财政局"});
  CHECK_FALSE(first.result.previous);
  CHECK(first.record.command == "config set payer.name");
  CHECK(first.record.counts == "old=(unset) new=泗阳县财政局");
  CHECK(journal_part(first.record.digest_before) ==
        journal_part(first.record.digest_after));  // no entry
  const ops::ConfigSetOutcome second =
      ops::set_config(context, {"payer.name", "泗阳县财政局国库科"});
  CHECK(second.result.previous == "泗阳县财政局");
  CHECK(second.record.counts == "old=泗阳县财政局 new=泗阳县财政局国库科");
  CHECK(config_value(ledger.db(), "payer.name") == "泗阳县财政局国库科");
  CHECK(ledger.log->lines.size() == 2);
  check_refused<RefusedError>(ledger, [&] { ops::set_config(context, {"payer.colour", "red"}); });
  check_refused<RefusedError>(ledger, [&] { ops::set_config(context, {"payer.cnaps", "12"}); });
}

TEST_CASE("a context's prefix goes before the command of its lines") {
  OpsLedger ledger(false);
  ops::OpContext context = ledger.context("demo-user");
  context.command_prefix = "demo: ";
  const ops::ConfigSetOutcome outcome = ops::set_config(context, {"payer.name", "泗阳县财政局"});
  CHECK(outcome.record.command == "demo: config set payer.name");
  REQUIRE(ledger.log->lines.size() == 1);
  CHECK(ledger.log->lines[0].rfind("actor=demo-user command=demo: config set payer.name old=", 0) ==
        0);
}
