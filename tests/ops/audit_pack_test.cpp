// ops::write_audit_pack: the year-end pack, made at the context's time, changing nothing.
#include "tests/ops/ops_fixture.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

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

  // 2023 is not closed: refused without --force, then packed and marked 未结账.
  check_refused<RefusedError>(ledger, [&] { ops::write_audit_pack(clerk, {2023, out}); });
  CHECK_FALSE(std::filesystem::exists(out));
  const ops::AuditPackResult pack = ops::write_audit_pack(clerk, {2023, out, true});
  CHECK_FALSE(pack.closed);
  CHECK(pack.year == 2023);
  CHECK(pack.out == out);
  CHECK(pack.head == head(ledger.db()));
  CHECK(pack.created_at == kFixedTime);
  const auto manifest =
      nlohmann::json::parse(fixture::read_file(ledger.dir() / "pack-2023" / "manifest.json"));
  CHECK(manifest["created_at"] == kFixedTime);
  CHECK(manifest["actor"] == "auditor-zhao");
  CHECK(manifest["ledger_digest"] == format_digest(pack.head));
  CHECK(manifest["status"] == "未结账");
  CHECK(manifest["closed"] == false);
  for (const auto& file : manifest["files"]) {
    const std::string name = file["name"];
    if (!name.ends_with(".csv")) continue;
    const std::string csv = fixture::read_file(ledger.dir() / "pack-2023" / name);
    CHECK_THAT(csv, Catch::Contains("未结账：2023 年度尚未结账"));
  }
  CHECK(fixture::read_file(ledger.dir() / "pack-2023" / "digest.txt") ==
        format_digest(pack.head) + "\n");
  // The 目录 (PDF and XLSX), the policy file and the record of the imported files are in it, and
  // the manifest names the files of its folders by their paths in the pack.
  std::set<std::string> names;
  for (const auto& file : manifest["files"]) names.insert(file["name"].get<std::string>());
  CHECK(names.count("目录.pdf") == 1);
  CHECK(names.count("目录.xlsx") == 1);
  CHECK(names.count("输入文件/导入记录.csv") == 1);
  bool policy = false;
  for (const std::string& name : names) policy = policy || name.starts_with("政策/");
  CHECK(policy);
  CHECK(manifest["index"] == "目录.pdf");
  CHECK(ledger.state() == before);
  CHECK(ledger.log->lines.empty());

  SECTION("into a directory that exists: refused, nothing written") {
    check_refused<RefusedError>(ledger, [&] { ops::write_audit_pack(clerk, {2023, out, true}); });
  }
  SECTION("under a parent that does not exist: refused, no directory made") {
    const std::string nowhere = (ledger.dir() / "missing" / "pack").string();
    check_refused<RefusedError>(ledger, [&] {
      ops::write_audit_pack(clerk, {2023, nowhere, true});
    });
    CHECK_FALSE(std::filesystem::exists(ledger.dir() / "missing"));
  }
}
