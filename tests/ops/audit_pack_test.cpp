// ops::write_audit_pack: the year-end pack, made at the context's time, changing nothing.
#include "tests/ops/ops_fixture.h"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/audit_pack.h"

using namespace ops_fixture;

TEST_CASE("the audit pack is written at the context's time and logs nothing") {
  OpsLedger ledger;
  ops::OpContext clerk = ledger.context("auditor-zhao");
  ops::assess_and_post(clerk, {AwardYear(2023)});
  ledger.log->lines.clear();
  const std::string before = ledger.state();
  const std::string out = (ledger.dir() / "pack-2023").string();

  const ops::AuditPackResult pack = ops::write_audit_pack(clerk, {2023, out});
  CHECK(pack.year == 2023);
  CHECK(pack.out == out);
  CHECK(pack.head == head(ledger.db()));
  CHECK(pack.created_at == kFixedTime);
  const auto manifest =
      nlohmann::json::parse(fixture::read_file(ledger.dir() / "pack-2023" / "manifest.json"));
  CHECK(manifest["created_at"] == kFixedTime);
  CHECK(manifest["actor"] == "auditor-zhao");
  CHECK(manifest["ledger_digest"] == format_digest(pack.head));
  CHECK(fixture::read_file(ledger.dir() / "pack-2023" / "digest.txt") ==
        format_digest(pack.head) + "\n");
  CHECK(ledger.state() == before);
  CHECK(ledger.log->lines.empty());

  SECTION("into a directory that exists: refused, nothing written") {
    check_refused<RefusedError>(ledger, [&] { ops::write_audit_pack(clerk, {2023, out}); });
  }
  SECTION("under a parent that does not exist: refused, no directory made") {
    const std::string nowhere = (ledger.dir() / "missing" / "pack").string();
    check_refused<RefusedError>(ledger, [&] { ops::write_audit_pack(clerk, {2023, nowhere}); });
    CHECK_FALSE(std::filesystem::exists(ledger.dir() / "missing"));
  }
}
