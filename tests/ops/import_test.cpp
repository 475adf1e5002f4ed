// ops::import_file: the import operation as every front end runs it.
#include <catch2/catch.hpp>

#include "ledger/awards/award_posting.h"
#include "ledger/books/records.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/ops/import.h"
#include "ledger/policy/policy.h"
#include "tests/masterdata/import_fixture.h"

using fixture::example;
using fixture::TempLedger;
using subsidy::ImportKind;

namespace {

subsidy::Clock fixed_clock() {
  return [] { return std::chrono::system_clock::from_time_t(1'767'254'400); };  // 2026-01-01
}

}  // namespace

TEST_CASE("a changed application that the ledger already booked is marked as posted") {
  TempLedger ledger;
  ledger.import_example();
  subsidy::store_policy(ledger.db(), subsidy::builtin_policy_text(), "siyang-2022-9.toml", "tester",
                        "2026-01-01T08:00:00Z");
  {
    subsidy::Transaction transaction(ledger.db());
    subsidy::AwardTarget target;
    target.application_id = "A-06";
    target.uscc = "913213233MPWH2JD13";
    target.region_code = "T01";
    target.scheme = "digital_project";
    target.fiscal_year = 2023;
    target.amount = subsidy::Money::from_fen(3'600'000);
    target.county_share = subsidy::Money::from_fen(1'800'000);
    target.region_share = subsidy::Money::from_fen(1'800'000);
    subsidy::post_award_differences(ledger.db(),
                                    {2023, "tester", std::nullopt, "assess --year 2023"}, {target});
    // Written below the operations layer: sealed as an operation would have sealed them.
    subsidy::seal_new_groups(ledger.db(), "tester", "2026-01-01T08:00:00Z");
    transaction.commit();
  }
  std::string changed = example("applications.csv");
  changed.replace(changed.find("500000.01"), 9, "600000.00");
  changed.replace(changed.find("500000.00"), 9, "700000.00");
  subsidy::ops::OpContext context{ledger.db(), "tester", fixed_clock(), nullptr};
  subsidy::ImportOptions options;
  options.file_name = "applications.csv";
  const subsidy::ops::ImportOutcome outcome =
      subsidy::ops::import_file(context, {ImportKind::applications, changed, options});
  const subsidy::ImportResult& result = outcome.result;
  CHECK(outcome.record.command == "import applications");
  const auto entries_part = [](const std::string& digest) {  // the journal's head only
    return digest.substr(0, digest.find(" records="));
  };
  CHECK(entries_part(outcome.record.digest_before) ==
        entries_part(outcome.record.digest_after));                    // no entry posted
  CHECK(outcome.record.digest_before != outcome.record.digest_after);  // the import is sealed
  REQUIRE(result.changed.size() == 2);
  CHECK(result.changed[0].key == "A-06");
  CHECK(result.changed[0].posted);
  CHECK(result.changed[1].key == "A-07");
  CHECK_FALSE(result.changed[1].posted);
}

TEST_CASE("a refused import through the operation changes nothing and logs nothing") {
  TempLedger ledger;
  struct Log : subsidy::ops::OpsLog {
    std::vector<std::string> lines;
    void write(const std::string& line) override { lines.push_back(line); }
  };
  auto log = std::make_shared<Log>();
  subsidy::ops::OpContext context{ledger.db(), "tester", fixed_clock(), log};
  const std::string before = ledger.snapshot();
  subsidy::ImportOptions options;
  options.file_name = "regions.csv";
  CHECK_THROWS_AS(subsidy::ops::import_file(context, {ImportKind::regions, "code,name\n", options}),
                  subsidy::InputError);
  CHECK(ledger.snapshot() == before);
  CHECK(log->lines.empty());
  subsidy::ops::import_file(context, {ImportKind::regions, example("regions.csv"), options});
  REQUIRE(log->lines.size() == 1);
  CHECK(log->lines[0].rfind("actor=tester command=import regions file=regions.csv", 0) == 0);
}

TEST_CASE("the operations log escapes C1 controls, bidi controls and line separators too") {
  const std::string line =
      subsidy::ops::format_log_line("clerk\xc2\x85\xe2\x80\xae", {"settle",
                                                                  "ref=a\xe2\x80\xa8"
                                                                  "b",
                                                                  "d1", "d2"});
  CHECK(line ==
        "actor=clerk\\u{0085}\\u{202e} command=settle ref=a\\u{2028}b digest_before=d1 "
        "digest_after=d2");
}

TEST_CASE("the actor is normalized, and refused with a control, bidi or format character") {
  CHECK(subsidy::ops::checked_actor(" clerk ") == "clerk");
  CHECK(subsidy::ops::checked_actor("Caf\x65\xcc\x81") == "Caf\xc3\xa9");
  CHECK_THROWS_WITH(subsidy::ops::checked_actor("clerk\ncommand=forged"),
                    Catch::Contains("--user: character 6 is U+000A"));
  CHECK_THROWS_WITH(subsidy::ops::checked_actor("\x1b[31mclerk"),
                    Catch::Contains("--user: character 1 is U+001B"));
  CHECK_THROWS_WITH(subsidy::ops::checked_actor("clerk\xe2\x80\x8b"), Catch::Contains("U+200B"));
  CHECK_THROWS_WITH(subsidy::ops::checked_actor(""), Catch::Contains("--user is empty"));
  CHECK_THROWS(subsidy::ops::checked_actor(std::string(65, 'a')));
}

TEST_CASE("the operations log escapes control characters") {
  const std::string line = subsidy::ops::format_log_line("clerk\ncommand=forged",
                                                         {"settle", "ref=a\x1b[2J", "d1", "d2"});
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find('\x1b') == std::string::npos);
  CHECK(line ==
        "actor=clerk\\x0acommand=forged command=settle ref=a\\x1b[2J digest_before=d1 "
        "digest_after=d2");
}
