// Every scheme of POLICY.md section 1 under the built-in policy, with amounts worked out by hand
// in the comments: the fixed amounts, each rate formula with its rounding (half up, once) and its
// own cap, the conditions with their bounds (以上 ≥ includes, 超过 > excludes) and the tiers.
#include "assess_fixture.h"

using namespace subsidy;
using namespace subsidy::testing;

namespace {

// One application of `scheme` by its own enterprise; the row is filled by `fill`.
template <typename Fill>
ApplicationResult assess_one(const std::string& scheme, Fill fill) {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  fill(county.application("A-1", scheme));
  const Assessment assessment = assess(builtin_policy(), county.input());
  REQUIRE(assessment.applications.size() == 1);
  return assessment.applications[0];
}

ApplicationResult assess_fixed(const std::string& scheme) {
  return assess_one(scheme, [](ApplicationInput&) {});
}

}  // namespace

TEST_CASE("fixed-amount schemes pay their amount, shared half and half") {
  struct Case {
    const char* scheme;
    const char* amount;  // POLICY.md section 1 (三(一)..三(五)), in yuan
    const char* half;
  };
  for (const Case& c :
       {Case{"smart_factory_provincial", "1500000.00", "750000.00"},
        Case{"smart_workshop_provincial", "400000.00", "200000.00"},
        Case{"smart_workshop_municipal", "50000.00", "25000.00"},
        Case{"first_set_national", "1500000.00", "750000.00"},
        Case{"first_set_provincial", "800000.00", "400000.00"},
        Case{"platform_cross_industry", "1500000.00", "750000.00"},
        Case{"platform_industry", "800000.00", "400000.00"},
        Case{"platform_enterprise", "400000.00", "200000.00"},
        Case{"benchmark_factory_provincial", "500000.00", "250000.00"},
        Case{"benchmark_factory_municipal", "50000.00", "25000.00"},
        Case{"cloud_5star", "150000.00", "75000.00"}, Case{"cloud_4star", "80000.00", "40000.00"},
        Case{"cloud_3star", "30000.00", "15000.00"},
        Case{"integration_5a", "250000.00", "125000.00"},
        Case{"integration_4a", "200000.00", "100000.00"},
        Case{"integration_3a", "150000.00", "75000.00"},
        Case{"integration_2a", "120000.00", "60000.00"},
        Case{"integration_a", "80000.00", "40000.00"}}) {
    INFO(c.scheme);
    const ApplicationResult app = assess_fixed(c.scheme);
    CHECK(app.status == Status::awarded);
    CHECK(app.amount == yuan(c.amount));
    CHECK(app.county_share == yuan(c.half));
    CHECK(app.region_share == yuan(c.half));
    CHECK(app.reasons.empty());
  }
}

TEST_CASE("robot_purchase: 5% of the equipment, rounded half up once, at most 1,000,000.00") {
  // 5% × 333,333.33 = 16,666.6665 → 16,666.67 (the 5 in the third decimal rounds up).
  auto app = assess_one("robot_purchase", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::equipment_amount, yuan("333333.33"));
  });
  CHECK(app.amount == yuan("16666.67"));
  CHECK(app.reasons.empty());
  // 5% × 20,000,000.01 = 1,000,000.0005 → 1,000,000.00: rounds to the cap, not above it.
  app = assess_one("robot_purchase", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::equipment_amount, yuan("20000000.01"));
  });
  CHECK(app.amount == yuan("1000000.00"));
  CHECK(app.reasons.empty());
  // 5% × 20,000,100.00 = 1,000,005.00 → capped at 1,000,000.00.
  app = assess_one("robot_purchase", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::equipment_amount, yuan("20000100.00"));
  });
  CHECK(app.amount == yuan("1000000.00"));
  CHECK(reasons_of(app) == std::vector<std::string>{"capped_by_scheme"});
}

TEST_CASE(
    "smart_equipment_project: 10% equipment + 30% software, total investment ≥ 1,000,000.00") {
  // 以上 includes the bound: total 1,000,000.00 qualifies; 10% × 900,000.00 + 30% × 100,000.00
  // = 90,000.00 + 30,000.00 = 120,000.00.
  auto app = assess_one("smart_equipment_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::total_investment, yuan("1000000.00"));
    row.inputs.set_money(InputColumn::equipment_amount, yuan("900000.00"));
    row.inputs.set_money(InputColumn::software_amount, yuan("100000.00"));
  });
  CHECK(app.status == Status::awarded);
  CHECK(app.amount == yuan("120000.00"));
  // 999,999.99 is below the bound.
  app = assess_one("smart_equipment_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::total_investment, yuan("999999.99"));
    row.inputs.set_money(InputColumn::equipment_amount, yuan("900000.00"));
    row.inputs.set_money(InputColumn::software_amount, yuan("99999.99"));
  });
  CHECK(app.status == Status::rejected);
  CHECK(app.amount == Money());
  CHECK(reasons_of(app) == std::vector<std::string>{"condition_failed:total_investment"});
  // 10% × 4,000,000.00 + 30% × 500,000.00 = 550,000.00 → capped at 500,000.00.
  app = assess_one("smart_equipment_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::total_investment, yuan("4500000.00"));
    row.inputs.set_money(InputColumn::equipment_amount, yuan("4000000.00"));
    row.inputs.set_money(InputColumn::software_amount, yuan("500000.00"));
  });
  CHECK(app.amount == yuan("500000.00"));
  CHECK(reasons_of(app) == std::vector<std::string>{"capped_by_scheme"});
}

TEST_CASE("core_tech_rd: 30% of the R&D expense, at most 2,000,000.00") {
  // 30% × 123,456.78 = 37,037.034 → 37,037.03.
  auto app = assess_one("core_tech_rd", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::rd_expense, yuan("123456.78"));
  });
  CHECK(app.amount == yuan("37037.03"));
  // 30% × 6,666,666.70 = 2,000,000.01 → capped at 2,000,000.00.
  app = assess_one("core_tech_rd", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::rd_expense, yuan("6666666.70"));
  });
  CHECK(app.amount == yuan("2000000.00"));
  CHECK(reasons_of(app) == std::vector<std::string>{"capped_by_scheme"});
}

TEST_CASE("digital_project: 8% of the info investment when it is more than 500,000.00") {
  // 超过 excludes the bound: 500,000.00 is refused, 500,000.01 qualifies with
  // 8% × 500,000.01 = 40,000.0008 → 40,000.00.
  auto app = assess_one("digital_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::info_investment, yuan("500000.00"));
  });
  CHECK(app.status == Status::rejected);
  CHECK(reasons_of(app) == std::vector<std::string>{"condition_failed:info_investment"});
  app = assess_one("digital_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::info_investment, yuan("500000.01"));
  });
  CHECK(app.amount == yuan("40000.00"));
  // 8% × 5,000,000.06 = 400,000.0048 → 400,000.00, exactly the cap: not capped.
  app = assess_one("digital_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::info_investment, yuan("5000000.06"));
  });
  CHECK(app.amount == yuan("400000.00"));
  CHECK(app.reasons.empty());
  // 8% × 5,000,000.07 = 400,000.0056 → 400,000.01 → capped at 400,000.00.
  app = assess_one("digital_project", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::info_investment, yuan("5000000.07"));
  });
  CHECK(app.amount == yuan("400000.00"));
  CHECK(reasons_of(app) == std::vector<std::string>{"capped_by_scheme"});
}

TEST_CASE("service_institution: 150,000.00 or 100,000.00 by revenue and staff, else refused") {
  struct Case {
    const char* revenue;
    int64_t staff;
    const char* amount;  // "" when refused
    const char* reason;
  };
  for (const Case& c : {
           Case{"5000000.00", 20, "150000.00", ""},  // both bounds of the upper tier included
           Case{"4999999.99", 20, "100000.00", ""},  // revenue just short: the lower tier
           Case{"5000000.00", 19, "100000.00", ""},  // staff just short: the lower tier
           Case{"3000000.00", 10, "100000.00", ""},  // both bounds of the lower tier included
           Case{"2999999.99", 50, "", "condition_failed:service_revenue"},
           Case{"6000000.00", 9, "", "condition_failed:staff_count"},
       }) {
    INFO(c.revenue << " / " << c.staff);
    auto app = assess_one("service_institution", [&](ApplicationInput& row) {
      row.inputs.set_money(InputColumn::service_revenue, yuan(c.revenue));
      row.inputs.set_count(InputColumn::staff_count, c.staff);
    });
    if (*c.amount == '\0') {
      CHECK(app.status == Status::rejected);
      CHECK(reasons_of(app) == std::vector<std::string>{c.reason});
    } else {
      CHECK(app.status == Status::awarded);
      CHECK(app.amount == yuan(c.amount));
    }
  }
}

TEST_CASE("loan_interest: 1% of the loan, half up, borne by the county alone") {
  // 1% × 123,456,789.01 = 1,234,567.8901 → 1,234,567.89; the county bears all of it.
  auto app = assess_one("loan_interest", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::loan_amount, yuan("123456789.01"));
  });
  CHECK(app.amount == yuan("1234567.89"));
  CHECK(app.county_share == yuan("1234567.89"));
  CHECK(app.region_share == Money());
  // 1% × 50.50 = 0.505 → 0.51: half up (四舍五入), where half even would give 0.50.
  app = assess_one("loan_interest", [](ApplicationInput& row) {
    row.inputs.set_money(InputColumn::loan_amount, yuan("50.50"));
  });
  CHECK(app.amount == yuan("0.51"));
}
