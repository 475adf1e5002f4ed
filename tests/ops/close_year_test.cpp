// ops::close_year over open items (open_items.h): refused with the items named, or forced with a
// reason that the closing entry seals; and the audit pack's SHA256SUMS of a closed year.
#include "tests/ops/ops_fixture.h"

#include <algorithm>
#include <filesystem>

#include "ledger/base/sha256.h"
#include "ledger/books/chart.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/year_close.h"
#include "ledger/ops/assess.h"
#include "ledger/ops/audit_pack.h"
#include "ledger/ops/close_year.h"
#include "ledger/ops/open_items.h"
#include "ledger/ops/settle.h"

using namespace ops_fixture;

namespace {

// The example ledger with its 2023 awards posted: region T01 owes the county its shares.
struct LedgerWithOpenItems : OpsLedger {
  LedgerWithOpenItems() {
    ops::OpContext clerk = context();
    ops::assess_and_post(clerk, {AwardYear(2023)});
    log->lines.clear();
  }
};

const ops::OpenItemKind& open_kind(const ops::OpenItems& items, const std::string& kind) {
  for (const ops::OpenItemKind& item : items.kinds) {
    if (item.kind == kind) return item;
  }
  FAIL("no open-item kind " << kind);
  return items.kinds.front();
}

}  // namespace

TEST_CASE("open items: every kind listed, the regions owing and held awards counted") {
  LedgerWithOpenItems ledger;
  const ops::OpenItems items = ops::open_items_of_year(ledger.db(), FiscalYear(2023));
  REQUIRE(items.kinds.size() == 5);
  const ops::OpenItemKind& regions = open_kind(items, "region_owing");
  CHECK(regions.count == 2);
  CHECK(regions.amount.fen() > balance_of(ledger.db(), chart::region_due("T01")).fen());
  CHECK(open_kind(items, "held").count == 1);
  CHECK(open_kind(items, "held").amount == Money::from_fen(5'000'000));
  CHECK(items.total_count() == 3);
  const std::string listed = ops::format_open_items(items);
  CHECK_THAT(listed, Catch::Contains("区域分担款未结算: 2 项"));
  CHECK_THAT(listed, Catch::Contains("暂缓（held）的奖励: 1 项, 金额 50,000.00"));

  SECTION("a region that pays its share is no longer owing") {
    ops::OpContext chief = ledger.context("chief");
    ops::settle(chief, {"T01", balance_of(ledger.db(), chart::region_due("T01")), 2023, "B-1"});
    const ops::OpenItems after = ops::open_items_of_year(ledger.db(), FiscalYear(2023));
    CHECK(open_kind(after, "region_owing").count == 1);
  }
  CHECK_THAT(listed, Catch::Contains("银行退票未重新支付: 0 项"));
  CHECK(ops::open_items_of_year(ledger.db(), FiscalYear(2022)).total_count() == 0);
}

TEST_CASE("close refuses a year with open items unless forced with a reason") {
  LedgerWithOpenItems ledger;
  ops::OpContext chief = ledger.context("chief");
  SECTION("not forced: refused, the ledger and its digest unchanged, the items named") {
    const std::string before = current_digest(ledger.db());
    check_refused<RefusedError>(ledger, [&] { ops::close_year(chief, {FiscalYear(2023)}); });
    CHECK(current_digest(ledger.db()) == before);
    CHECK_FALSE(closing_of(ledger.db(), FiscalYear(2023)));
    CHECK_THROWS_WITH(ops::close_year(chief, {FiscalYear(2023)}),
                      Catch::Contains("3 项未结事项") && Catch::Contains("区域分担款未结算 2 项") &&
                          Catch::Contains("--force --reason"));
  }
  SECTION("forced without a reason, or with a blank one: refused") {
    check_refused<RefusedError>(ledger, [&] { ops::close_year(chief, {FiscalYear(2023), true}); });
    check_refused<RefusedError>(ledger, [&] {
      ops::close_year(chief, {FiscalYear(2023), true, "  "});
    });
  }
  SECTION("forced with a reason: the closing entry seals the items and the reason") {
    const ops::CloseYearOutcome outcome =
        ops::close_year(chief, {FiscalYear(2023), true, "区县分担款次年清算"});
    CHECK(outcome.open_items.total_count() == 3);
    CHECK_THAT(outcome.record.counts,
               Catch::EndsWith("open_items=3 forced=1 reason=区县分担款次年清算"));
    const std::optional<Entry> entry = entry_by_id(ledger.db(), outcome.closing.entry_id);
    REQUIRE(entry);
    CHECK_THAT(entry->memo,
               Catch::EndsWith("; 强制结账 未结事项: 暂缓（held）的奖励 1 项 50000.00; "
                               "区域分担款未结算 2 项 " +
                               format_plain(open_kind(outcome.open_items, "region_owing").amount) +
                               "; 理由: 区县分担款次年清算"));
    CHECK(verify_ledger(ledger.db()).ok());
    REQUIRE(ledger.log->lines.size() == 1);
    CHECK_THAT(ledger.log->lines[0], Catch::Contains("forced=1 reason=区县分担款次年清算"));
  }
  SECTION("a year without open items closes without force, nothing forced in the memo") {
    const ops::CloseYearOutcome outcome = ops::close_year(chief, {FiscalYear(2022)});
    CHECK_FALSE(outcome.open_items.any());
    const std::optional<Entry> entry = entry_by_id(ledger.db(), outcome.closing.entry_id);
    REQUIRE(entry);
    CHECK_THAT(entry->memo, !Catch::Contains("强制结账"));
    CHECK_THAT(outcome.record.counts, Catch::EndsWith("open_items=0"));
  }
}

TEST_CASE("the audit pack of a closed year has SHA256SUMS of every other file") {
  LedgerWithOpenItems ledger;
  ops::OpContext chief = ledger.context("chief");
  ops::close_year(chief, {FiscalYear(2023), true, "test"});
  const std::filesystem::path dir = ledger.dir() / "pack-closed";
  const ops::AuditPackResult pack = ops::write_audit_pack(chief, {2023, dir.string()});
  CHECK(pack.closed);
  const std::string sums = fixture::read_file(dir / "SHA256SUMS");
  size_t files = 0;
  // Files in the pack's folders (审批/, 政策/ …) are listed by their path in the pack.
  for (const auto& item : std::filesystem::recursive_directory_iterator(dir)) {
    if (!item.is_regular_file()) continue;
    const std::string name = item.path().lexically_relative(dir).string();
    if (name == "SHA256SUMS") continue;
    ++files;
    const std::string line = sha256_hex(fixture::read_file(item.path())) + "  " + name + "\n";
    CHECK_THAT(sums, Catch::Contains(line));
  }
  CHECK(files > 3);
  CHECK(static_cast<size_t>(std::count(sums.begin(), sums.end(), '\n')) == files);
  CHECK_THAT(fixture::read_file(dir / "manifest.json"), Catch::Contains("\"status\": \"已结账\""));
  CHECK_THAT(sums, Catch::Contains("  政策/"));
  CHECK_THAT(sums, Catch::Contains("  目录.pdf\n"));
}
