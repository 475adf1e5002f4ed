// The reports read from a ledger holding the worked example of shared/examples/basic: each
// report's figures against the example's expected assessment, and the tie-outs between reports —
// enterprise statements against the trial balance's award and payable accounts, cost sharing
// against the county and region totals, the journal export against the trial balance.
#include <catch2/catch.hpp>

#include "ledger/books/ledger_verify.h"
#include "ledger/books/year_close.h"
#include "report_fixture.h"
#include "reports/ledger_reports.h"

using namespace subsidy;
using namespace subsidy::reports;
using subsidy::testing::ExampleLedger;
using subsidy::testing::money_of;

namespace {

Money money_at(const ReportTable& table, const Row& row, const std::string& key) {
  const Cell& cell = row[table.column_index(key)];
  return std::holds_alternative<Money>(cell) ? std::get<Money>(cell) : Money{};
}

const std::string& text_at(const ReportTable& table, const Row& row, const std::string& key) {
  static const std::string empty;
  const Cell& cell = row[table.column_index(key)];
  return std::holds_alternative<std::string>(cell) ? std::get<std::string>(cell) : empty;
}

const Row& row_where(const ReportTable& table, const std::string& key, const std::string& value) {
  for (const Row& row : table.rows()) {
    if (text_at(table, row, key) == value) return row;
  }
  FAIL("no row with " << key << " = " << value);
  throw std::logic_error("unreachable");
}

Money total_of(const ReportTable& table, const std::string& key) {
  REQUIRE(table.has_totals());
  return std::get<Money>(table.totals()[table.column_index(key)]);
}

// Trial balance: net (debit - credit) of the year over the accounts whose name starts with prefix.
Money tb_net(const ReportTable& tb, const std::string& prefix) {
  Money net;
  for (const Row& row : tb.rows()) {
    if (text_at(tb, row, "account").rfind(prefix, 0) == 0) {
      net += money_at(tb, row, "debit") - money_at(tb, row, "credit");
    }
  }
  return net;
}

// Trial balance: the signed (debit > 0) balance in column `key` ("opening" or "closing") over the
// accounts whose name starts with prefix, read from its 借/贷 side and amount.
Money tb_balance(const ReportTable& tb, const std::string& prefix, const std::string& key) {
  Money sum;
  for (const Row& row : tb.rows()) {
    if (text_at(tb, row, "account").rfind(prefix, 0) != 0) continue;
    const Money amount = money_at(tb, row, key);
    const std::string& side = text_at(tb, row, key + "_side");
    CHECK((side == "借" || side == "贷" || side == "平"));
    CHECK((side == "平") == amount.is_zero());
    sum += side == "贷" ? -amount : amount;
  }
  return sum;
}

// The amount of the row whose column `item` is `label` (the statements' rows are labelled).
Money row_amount(const ReportTable& table, const std::string& label, const std::string& key) {
  return money_at(table, row_where(table, "item", label), key);
}

}  // namespace

TEST_CASE("every report states the head digest of the ledger it was read from") {
  ExampleLedger ledger;
  const std::string digest = format_digest(head(ledger.db()));
  const auto tables = build_reports(ledger.db(), report_names(), AwardYear(2023));
  REQUIRE(tables.size() == report_names().size());
  for (const ReportTable& table : tables) {
    INFO(table.name());
    CHECK(table.ledger_head() == digest);
    CHECK(table.year() == 2023);
  }
  CHECK_THROWS_AS(build_report(ledger.db(), "no-such-report", AwardYear(2023)), UsageError);
}

TEST_CASE("enterprise statements carry the booked awards and tie out to the trial balance") {
  ExampleLedger ledger;
  const ReportTable statement = build_report(ledger.db(), "enterprise-statement", AwardYear(2023));
  const ReportTable tb = build_report(ledger.db(), "trial-balance", AwardYear(2023));
  // Each awarded application shows exactly the amount and shares of the expected assessment.
  for (const auto& item : ledger.assessment()["applications"]) {
    const Row& row = row_where(statement, "application_id", item["application_id"]);
    INFO(item["application_id"]);
    // Held applications show their amount in the assessment but have nothing booked.
    const bool booked = item["status"] == "awarded";
    CHECK(money_at(statement, row, "award") == (booked ? money_of(item["amount"]) : Money{}));
    CHECK(money_at(statement, row, "county_share") == money_of(item["county_share"]));
    CHECK(money_at(statement, row, "region_share") == money_of(item["region_share"]));
  }
  CHECK(text_at(statement, row_where(statement, "application_id", "A-05"), "reasons") ==
        "capped_by_loan_limit");
  CHECK(text_at(statement, row_where(statement, "application_id", "A-11"), "status") == "暂缓");
  // Tie-out: the statements add up to the trial balance's award and payable accounts.
  CHECK(total_of(statement, "county_share") == tb_net(tb, "county_expense"));
  CHECK(total_of(statement, "award") ==
        tb_net(tb, "county_expense") + total_of(statement, "region_share"));
  CHECK(total_of(statement, "outstanding") == -tb_net(tb, "award_payable:"));
  CHECK(total_of(statement, "paid") == Money::from_fen(20'000'000));  // batch 2 came back
  CHECK(total_of(statement, "award") - total_of(statement, "paid") ==
        total_of(statement, "outstanding"));
  const Row& jia = row_where(statement, "application_id", "A-02");
  CHECK(text_at(statement, jia, "enterprise") == "江苏甲机械有限公司");
  CHECK(text_at(statement, jia, "scheme") == "智能化单台套设备、智能仓储、物流设备项目");
}

TEST_CASE("an award lowered after payment shows as a clawback on the enterprise line") {
  ExampleLedger ledger;
  const std::string jia_uscc = "91321323L30P8774PE";
  const std::string claw = chart::clawback_receivable(jia_uscc);
  // 甲 was paid 200,000.00; the award is lowered by 5,000.00, which 甲 now owes back (the
  // adjustment debits clawback_receivable), and pays 3,000.00 of it.
  ledger.post_flow("adj:1", "award_adjustment", 3, claw, "county_expense", 500'000);
  ledger.post_flow("back:1", "clawback_received", 3, "treasury", claw, 300'000);
  const ReportTable statement = build_report(ledger.db(), "enterprise-statement", AwardYear(2023));
  const Row* enterprise_line = nullptr;
  for (const Row& row : statement.rows()) {
    if (text_at(statement, row, "uscc") == jia_uscc &&
        text_at(statement, row, "line") == "企业合计") {
      enterprise_line = &row;
    }
  }
  REQUIRE(enterprise_line != nullptr);
  // The demand, not what is left of it; receiving money back does not lower it.
  CHECK(money_at(statement, *enterprise_line, "clawback") == Money::from_fen(500'000));
  CHECK(money_at(statement, *enterprise_line, "paid") == Money::from_fen(20'000'000));
  CHECK(total_of(statement, "clawback") == Money::from_fen(500'000));
  // The clawback does not touch award_payable: what is outstanding still ties out.
  const ReportTable tb = build_report(ledger.db(), "trial-balance", AwardYear(2023));
  CHECK(total_of(statement, "outstanding") == -tb_net(tb, "award_payable:"));
}

TEST_CASE("cost sharing adds up over the regions to the county and region totals") {
  ExampleLedger ledger;
  {
    Transaction transaction(ledger.db());
    EntryDraft settle;
    settle.fiscal_year = 2023;
    settle.kind = "region_payment";
    settle.actor = "tester";
    settle.idempotency_key = "region_payment:test";
    settle.lines = {{"treasury", Money::from_fen(10'000'000)},
                    {"region_due:P01", Money::from_fen(-10'000'000)}};
    post_entry(ledger.db(), settle);
    transaction.commit();
  }
  const ReportTable sharing = build_report(ledger.db(), "cost-sharing", AwardYear(2023));
  const ReportTable tb = build_report(ledger.db(), "trial-balance", AwardYear(2023));
  Money county;
  Money region;
  for (const auto& item : ledger.assessment()["enterprises"]) {
    county += money_of(item["county_share"]);
    region += money_of(item["region_share"]);
  }
  CHECK(total_of(sharing, "county_share") == county);
  CHECK(total_of(sharing, "region_share") == region);
  CHECK(total_of(sharing, "award") == county + region);
  CHECK(total_of(sharing, "county_share") == tb_net(tb, "county_expense"));
  CHECK(total_of(sharing, "owed") == tb_net(tb, "region_due:"));
  CHECK(total_of(sharing, "settled") == Money::from_fen(10'000'000));
  for (const Row& row : sharing.rows()) {
    CHECK(money_at(sharing, row, "owed") ==
          money_at(sharing, row, "region_share") - money_at(sharing, row, "settled"));
    CHECK(money_at(sharing, row, "award") ==
          money_at(sharing, row, "county_share") + money_at(sharing, row, "region_share"));
  }
  CHECK(text_at(sharing, row_where(sharing, "region_code", "P01"), "region") == "泗阳经济开发区");
  REQUIRE(sharing.charts().size() == 1);
}

TEST_CASE("the trial balance balances, and the next year opens with this year's closing") {
  ExampleLedger ledger;
  const ReportTable tb = build_report(ledger.db(), "trial-balance", AwardYear(2023));
  CHECK(total_of(tb, "debit") == total_of(tb, "credit"));
  REQUIRE(tb.footers().size() == 2);  // debit balances, credit balances: equal
  CHECK(tb.footers()[0].cells[tb.column_index("closing")] ==
        tb.footers()[1].cells[tb.column_index("closing")]);
  CHECK(tb_balance(tb, "", "closing").is_zero());
  CHECK(tb_balance(tb, "", "opening").is_zero());
  CHECK(text_at(tb, row_where(tb, "account", "treasury"), "subject") == "国库存款");
  ledger.post_flow("next-year", "payment_sent", 3, "award_payable:913213233MPWH2JD13",
                   "bank_in_transit", 100, 2024);
  const ReportTable next = build_report(ledger.db(), "trial-balance", AwardYear(2024));
  for (const Row& row : tb.rows()) {
    const Row& later = row_where(next, "account", text_at(tb, row, "account"));
    CHECK(money_at(next, later, "opening") == money_at(tb, row, "closing"));
    CHECK(text_at(next, later, "opening_side") == text_at(tb, row, "closing_side"));
  }
  CHECK(total_of(next, "debit") == Money::from_fen(100));
}

TEST_CASE("tax retention lists the limit's reduction and flags awards above the retention") {
  ExampleLedger ledger;
  ReportTable retention = build_report(ledger.db(), "tax-retention", AwardYear(2023));
  const Row& capped = row_where(retention, "uscc", subsidy::testing::kRetentionCapped);
  CHECK(money_at(retention, capped, "local_retained_tax") == Money::from_yuan(100'000));
  CHECK(money_at(retention, capped, "reduction") == Money::from_yuan(1'980'000));
  CHECK(money_at(retention, capped, "booked") == Money::from_yuan(100'000));
  CHECK(money_at(retention, capped, "headroom").is_zero());
  for (const Row& row : retention.rows()) CHECK(text_at(retention, row, "exception").empty());
  // An award booked beyond the retention must show up as an exception.
  Transaction transaction(ledger.db());
  post_award_differences(ledger.db(), {2023, "tester", std::nullopt, "test"},
                         {{"A-10", subsidy::testing::kRetentionCapped, "T01", "cloud_4star", 2023,
                           false, Status::awarded, Money::from_fen(400'000),
                           Money::from_fen(200'000), Money::from_fen(200'000)}});
  transaction.commit();
  retention = build_report(ledger.db(), "tax-retention", AwardYear(2023));
  CHECK_FALSE(text_at(retention, row_where(retention, "uscc", subsidy::testing::kRetentionCapped),
                      "exception")
                  .empty());
}

TEST_CASE("loan interest shows the loans, the 1% amounts and the cut by the 4,000,000.00 limit") {
  ExampleLedger ledger;
  const ReportTable loans = build_report(ledger.db(), "loan-interest", AwardYear(2023));
  REQUIRE(loans.rows().size() == 1);
  const Row& row = loans.rows().front();
  CHECK(std::get<int64_t>(row[loans.column_index("loans")]) == 2);
  CHECK(money_at(loans, row, "loan_amount") == Money::from_yuan(450'000'000));
  CHECK(money_at(loans, row, "one_percent") == Money::from_yuan(4'500'000));
  CHECK(money_at(loans, row, "limit") == Money::from_yuan(4'000'000));
  CHECK(money_at(loans, row, "reduction") == Money::from_yuan(500'000));
  CHECK(money_at(loans, row, "booked") == Money::from_yuan(4'000'000));
  CHECK(money_at(loans, row, "county_share") == Money::from_yuan(4'000'000));
}

TEST_CASE("disbursement follows each batch through the bank") {
  ExampleLedger ledger;
  const ReportTable batches = build_report(ledger.db(), "disbursement", AwardYear(2023));
  const Row& first = row_where(batches, "batch_id", "1");
  CHECK(money_at(batches, first, "sent") == Money::from_yuan(200'000));
  CHECK(money_at(batches, first, "confirmed") == Money::from_yuan(200'000));
  CHECK(money_at(batches, first, "outstanding").is_zero());
  const Row& second = row_where(batches, "batch_id", "2");
  CHECK(money_at(batches, second, "sent") == Money::from_yuan(36'000));
  CHECK(money_at(batches, second, "rejected") == Money::from_yuan(36'000));
  CHECK(money_at(batches, second, "confirmed").is_zero());
  const ReportTable tb = build_report(ledger.db(), "trial-balance", AwardYear(2023));
  CHECK(total_of(batches, "outstanding") == -tb_net(tb, "bank_in_transit"));
}

TEST_CASE("awards by scheme add up to the statements, and policy targets count the awards") {
  ExampleLedger ledger;
  const ReportTable schemes = build_report(ledger.db(), "awards-by-scheme", AwardYear(2023));
  const ReportTable statement = build_report(ledger.db(), "enterprise-statement", AwardYear(2023));
  CHECK(total_of(schemes, "award") == total_of(statement, "award"));
  CHECK(money_at(schemes, row_where(schemes, "scheme_code", "loan_interest"), "award") ==
        Money::from_yuan(4'000'000));
  CHECK(text_at(schemes, row_where(schemes, "scheme_code", "loan_interest"), "scheme") ==
        "智改数转贷款贴息");

  const ReportTable targets =
      build_report(ledger.db(), "policy-targets", AwardYear(2023), Language::en);
  auto achieved = [&targets](const std::string& target) {
    return std::get<int64_t>(
        row_where(targets, "target", target)[targets.column_index("achieved")]);
  };
  CHECK(achieved("Smart technical upgrade projects") == 1);  // A-02 (A-01 lost on project P-E1-1)
  CHECK(achieved("Provincial smart factories") == 1);
  CHECK(achieved("Key digital upgrade projects") == 1);
  CHECK(achieved("Service institutions") == 1);              // one enterprise
  CHECK(achieved("Star-rated cloud enterprises") == 1);      // A-10 cloud_4star
  CHECK(achieved("Municipal-or-higher smart workshops") == 0);
  CHECK(targets.rows().size() == 10);
  CHECK(build_report(ledger.db(), "policy-targets", AwardYear(2022)).rows().front()[5] ==
        Cell{int64_t{0}});
}

TEST_CASE("the balance sheet and the income statement tie to the trial balance and the close") {
  ExampleLedger ledger;
  ledger.post_flow("fund:2023", "county_funding", 0, "treasury", "county_appropriation",
                   600'000'000, 2023);
  const auto check_year = [&] {
    const auto tables = build_reports(
        ledger.db(), {"trial-balance", "资产负债表", "收入支出表", "enterprise-statement"},
        AwardYear(2023));
    const ReportTable& tb = tables[0];
    const ReportTable& bs = tables[1];
    const ReportTable& ie = tables[2];
    CHECK(bs.name() == "balance-sheet");
    CHECK(ie.name() == "income-expenditure");
    const Money assets = tb_balance(tb, "treasury", "closing") +
                         tb_balance(tb, "region_due:", "closing") +
                         tb_balance(tb, "clawback_receivable:", "closing");
    const Money liabilities =
        -tb_balance(tb, "award_payable:", "closing") - tb_balance(tb, "bank_in_transit", "closing");
    CHECK(row_amount(bs, "国库存款", "closing") == tb_balance(tb, "treasury", "closing"));
    CHECK(row_amount(bs, "资产合计", "closing") == assets);
    CHECK(row_amount(bs, "负债合计", "closing") == liabilities);
    CHECK(row_amount(bs, "净资产合计", "closing") == assets - liabilities);
    CHECK(row_amount(bs, "负债和净资产合计", "closing") == assets);
    CHECK(row_amount(bs, "资产合计", "opening").is_zero());
    const Money result = -tb_net(tb, "county_expense") - tb_net(tb, "county_appropriation");
    CHECK(result == Money::from_fen(600'000'000) - tb_net(tb, "county_expense"));
    CHECK(row_amount(ie, "本年收支结余", "amount") == result);
    CHECK(row_amount(bs, "其中：本年收支结余", "closing") == result);
    CHECK(row_amount(ie, "支出合计", "amount") == total_of(tables[3], "award"));
    CHECK(row_amount(ie, "县区（园区）承担奖补资金", "amount") ==
          total_of(tables[3], "award") - tb_net(tb, "county_expense"));
    CHECK(row_amount(ie, "本级预算安排（智改数转专项资金）", "amount") ==
          Money::from_fen(600'000'000));
    Money by_scheme, by_clause;
    for (const Row& row : ie.rows()) {
      const std::string& section = text_at(ie, row, "section");
      if (section == "支出" && text_at(ie, row, "item") != "支出合计") {
        by_scheme += money_at(ie, row, "amount");
      }
      if (section == "支出（按政策条款）") by_clause += money_at(ie, row, "amount");
    }
    CHECK(by_scheme == row_amount(ie, "支出合计", "amount"));
    CHECK(by_clause == by_scheme);
    return result;
  };
  const Money result = check_year();
  {
    Transaction transaction(ledger.db());
    close_year(ledger.db(), FiscalYear(2023), "chief", subsidy::testing::stepping_clock());
    transaction.commit();
  }
  subsidy::testing::seal_as_an_operation_would(ledger.db());
  CHECK(check_year() == result);  // the pre-closing views of a closed year are as before
  const ReportTable next = build_report(ledger.db(), "trial-balance", AwardYear(2024));
  CHECK(tb_balance(next, "county_expense", "opening").is_zero());
  CHECK(tb_balance(next, "county_appropriation", "opening").is_zero());
  CHECK(tb_balance(next, "fund_balance", "opening") == -result);
  const ReportTable sheet = build_report(ledger.db(), "balance-sheet", AwardYear(2024));
  CHECK(row_amount(sheet, "一般公共预算结转结余", "opening") == result);
  CHECK(verify_ledger(ledger.db()).ok());
}
