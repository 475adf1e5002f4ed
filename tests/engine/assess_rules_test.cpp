// Every limit of POLICY.md section 2 (E, P, L, S, T, C, Y and the once-per-enterprise schemes)
// under the built-in policy, with the numbers worked out by hand in the comments, and the input the
// engine refuses.
#include "assess_fixture.h"

#include "ledger/base/error.h"

using namespace subsidy;
using namespace subsidy::testing;

using Codes = std::vector<std::string>;

TEST_CASE("E: each excluding event rejects every application of the enterprise that year") {
  for (const char* event : {"major_safety_accident", "major_env_pollution", "court_enforcement",
                            "serious_dishonesty", "resource_rating_c", "resource_rating_d"}) {
    INFO(event);
    CountyBuilder county;
    county.enterprise("E1").event(event).project("P1");
    county.application("A-1", "cloud_5star");
    county.application("A-2", "loan_interest")
        .inputs.set_money(InputColumn::loan_amount, yuan("1000000.00"));
    const Assessment result = assess(builtin_policy(), county.input());
    for (const ApplicationResult& app : result.applications) {
      CHECK(app.status == Status::rejected);
      CHECK(app.amount == Money());
      CHECK(reasons_of(app) == Codes{std::string("ineligible:") + event});
    }
    CHECK(result.enterprises[0].total == Money());
  }
}

TEST_CASE(
    "E: several events give several reasons in the policy's order; a general accident does not "
    "exclude") {
  CountyBuilder county;
  county.enterprise("E1").event("court_enforcement").event("major_safety_accident").project("P1");
  county.application("A-1", "cloud_5star");
  county.enterprise("E2").event("general_safety_accident").project("P2");
  county.application("A-2", "cloud_5star");
  const Assessment result = assess(builtin_policy(), county.input());
  CHECK(reasons_of(result_of(result, "A-1")) ==
        Codes{"ineligible:major_safety_accident", "ineligible:court_enforcement"});
  // 150,000.00 × 0.90 = 135,000.00
  CHECK(result_of(result, "A-2").status == Status::awarded);
  CHECK(result_of(result, "A-2").amount == yuan("135000.00"));
}

TEST_CASE("P: only the highest award of a project after its own cap; ties to the smaller id") {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  // 5% × 30,000,000.00 = 1,500,000.00 → capped at 1,000,000.00, which then loses to the
  // 1,500,000.00 of the smart factory (before the cap it would have tied and won as the smaller
  // id).
  county.application("A-1", "robot_purchase")
      .inputs.set_money(InputColumn::equipment_amount, yuan("30000000.00"));
  county.application("A-2", "smart_factory_provincial");
  county.project("P2");
  county.application("A-3", "cloud_5star");
  county.application("A-4", "cloud_5star");  // 150,000.00 each: the tie goes to A-3
  const Assessment result = assess(builtin_policy(), county.input());
  CHECK(reasons_of(result_of(result, "A-1")) ==
        Codes{"capped_by_scheme", "not_highest_for_project"});
  CHECK(result_of(result, "A-1").amount == Money());
  CHECK(result_of(result, "A-2").amount == yuan("1500000.00"));
  CHECK(result_of(result, "A-3").amount == yuan("150000.00"));
  CHECK(result_of(result, "A-4").status == Status::rejected);
  CHECK(reasons_of(result_of(result, "A-4")) == Codes{"not_highest_for_project"});
}

TEST_CASE(
    "P: loan interest stands beside the project's award; a refused application takes no part") {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  county.application("A-1", "smart_factory_provincial");
  county.application("A-2", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("10000000.00"));  // 1% = 100,000.00
  county.application("A-3", "digital_project")
      .inputs.set_money(InputColumn::info_investment, yuan("500000.00"));  // refused
  const Assessment result = assess(builtin_policy(), county.input());
  CHECK(result_of(result, "A-1").amount == yuan("1500000.00"));
  CHECK(result_of(result, "A-2").amount == yuan("100000.00"));
  CHECK(result_of(result, "A-2").reasons.empty());
  CHECK(reasons_of(result_of(result, "A-3")) == Codes{"condition_failed:info_investment"});
}

TEST_CASE("P: the county tops up over a superior award, or pays nothing when that is as high") {
  CountyBuilder county;
  county.enterprise("E1");
  county.project("P1", "1000000.00").application("A-1", "smart_factory_provincial");
  county.project("P2", "1500000.00").application("A-2", "smart_factory_provincial");
  county.project("P3", "2000000.00").application("A-3", "smart_factory_provincial");
  county.project("P4", "0.00").application("A-4", "smart_factory_provincial");
  const Assessment result = assess(builtin_policy(), county.input());
  // max(0, 1,500,000.00 − 1,000,000.00) = 500,000.00
  CHECK(result_of(result, "A-1").amount == yuan("500000.00"));
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"topped_up_over_superior"});
  // max(0, 1,500,000.00 − 1,500,000.00) = 0 and max(0, 1,500,000.00 − 2,000,000.00) = 0
  for (const char* id : {"A-2", "A-3"}) {
    CHECK(result_of(result, id).status == Status::rejected);
    CHECK(result_of(result, id).amount == Money());
    CHECK(reasons_of(result_of(result, id)) == Codes{"superior_award_higher"});
  }
  CHECK(result_of(result, "A-4").amount == yuan("1500000.00"));
  CHECK(result_of(result, "A-4").reasons.empty());
}

TEST_CASE("L: loan interest of exactly 4,000,000.00 a year is paid in full") {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  county.application("A-1", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("300000000.00"));  // 3,000,000.00
  county.application("A-2", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("100000000.00"));  // 1,000,000.00
  const Assessment result = assess(builtin_policy(), county.input());
  CHECK(result_of(result, "A-1").amount == yuan("3000000.00"));
  CHECK(result_of(result, "A-2").amount == yuan("1000000.00"));
  CHECK(result_of(result, "A-1").reasons.empty());
}

TEST_CASE("L: one fen above 4,000,000.00 is shared out pro rata by largest remainder") {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  county.application("A-1", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("300000000.00"));  // 3,000,000.00
  county.application("A-2", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("100000001.00"));  // 1,000,000.01
  county.enterprise("E2").project("P2");  // another enterprise has its own limit
  county.application("A-3", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("400000000.00"));
  const Assessment result = assess(builtin_policy(), county.input());
  // In fen: 400,000,000 × 300,000,000 / 400,000,001 = 299,999,999 remainder 100,000,001;
  //         400,000,000 × 100,000,001 / 400,000,001 = 100,000,000 remainder 300,000,000.
  // One fen is left and goes to the larger remainder, A-2, which so keeps its whole claim.
  CHECK(result_of(result, "A-1").amount == yuan("2999999.99"));
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"capped_by_loan_limit"});
  CHECK(result_of(result, "A-2").amount == yuan("1000000.01"));
  CHECK(result_of(result, "A-2").reasons.empty());
  CHECK(result_of(result, "A-3").amount == yuan("4000000.00"));
}

TEST_CASE("S: the safety factor, default 0.90, a lower recorded one, never above 0.90") {
  struct Case {
    std::vector<std::optional<const char*>> factors;
    const char* amount;
  };
  // core_tech_rd: 30% × 111,111.10 = 33,333.33.
  for (const Case& c : {
           Case{{std::nullopt}, "30000.00"},    // × 0.90 = 29,999.997 → 30,000.00 (half up)
           Case{{"0.50"}, "16666.67"},          // × 0.50 = 16,666.665 → 16,666.67
           Case{{"0.80", "0.60"}, "20000.00"},  // the lowest: × 0.60 = 19,999.998 → 20,000.00
           Case{{"0.95"}, "30000.00"},          // at most 0.90
           Case{{"0"}, "0.00"},                 // awarded 0.00
       }) {
    CountyBuilder county;
    county.enterprise("E1").project("P1");
    for (const auto& factor : c.factors) county.event("general_safety_accident", factor);
    county.application("A-1", "core_tech_rd")
        .inputs.set_money(InputColumn::rd_expense, yuan("111111.10"));
    const ApplicationResult app = assess(builtin_policy(), county.input()).applications[0];
    INFO(c.amount);
    CHECK(app.status == Status::awarded);
    CHECK(app.amount == yuan(c.amount));
    CHECK(reasons_of(app) == Codes{"safety_factor"});
  }
}

TEST_CASE("S: no safety_factor reason where the factor leaves the amount as it was") {
  // core_tech_rd: 30% × 0.07 = 0.021 → 0.02; × 0.90 = 0.018 → 0.02 (half up): unchanged, so no
  // reason (docs/policy-format.md: a reason only where the rule changed the amount), while the
  // step is still shown in the trace. A zero award × 0.90 stays 0.00, no reason either.
  for (const char* rd_expense : {"0.07", "0.00"}) {
    INFO(rd_expense);
    CountyBuilder county;
    county.enterprise("E1").event("general_safety_accident").project("P1");
    county.application("A-1", "core_tech_rd")
        .inputs.set_money(InputColumn::rd_expense, yuan(rd_expense));
    AssessOptions traced;
    traced.trace_all = true;
    const ApplicationResult app =
        assess(builtin_policy(), county.input(), traced).applications[0];
    CHECK(app.status == Status::awarded);
    CHECK(app.amount == yuan(std::string(rd_expense) == "0.07" ? "0.02" : "0.00"));
    CHECK(reasons_of(app).empty());
    size_t safety_steps = 0;
    for (const TraceStep& step : app.trace) {
      if (step.kind != StepKind::safety_factor) continue;
      ++safety_steps;
      CHECK_FALSE(step.reason.has_value());
    }
    CHECK(safety_steps == 1);
  }
}

TEST_CASE("S applies after L: 4,000,000.00 of loan interest × 0.90") {
  CountyBuilder county;
  county.enterprise("E1").event("general_safety_accident").project("P1");
  county.application("A-1", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("500000000.00"));  // 5,000,000.00
  const ApplicationResult app = assess(builtin_policy(), county.input()).applications[0];
  CHECK(app.amount == yuan("3600000.00"));
  CHECK(reasons_of(app) == Codes{"capped_by_loan_limit", "safety_factor"});
}

TEST_CASE("T: awards above the local retention are shared out pro rata; ties to the smaller id") {
  CountyBuilder county;
  county.enterprise("E1", "100000.00");
  county.project("P1").application("A-1", "cloud_5star");    // 150,000.00
  county.project("P2").application("A-2", "cloud_3star");    //  30,000.00
  county.project("P3").application("A-3", "integration_a");  //  80,000.00
  county.enterprise("E2", "100.00");
  county.project("P4").application("A-4", "cloud_3star");
  county.project("P5").application("A-5", "cloud_3star");
  county.project("P6").application("A-6", "cloud_3star");
  county.enterprise("E3", "230000.00");  // exactly the sum of its awards: unchanged
  county.project("P7").application("A-7", "cloud_5star");
  county.project("P8").application("A-8", "integration_a");
  county.enterprise("E4", "0.00");
  county.project("P9").application("A-9", "cloud_5star");
  const Assessment result = assess(builtin_policy(), county.input());
  // In fen, 10,000,000 over 15,000,000 + 3,000,000 + 8,000,000 = 26,000,000:
  //   A-1 5,769,230 remainder 20,000,000; A-2 1,153,846 r 4,000,000; A-3 3,076,923 r 2,000,000;
  //   one fen left → A-1.
  CHECK(result_of(result, "A-1").amount == yuan("57692.31"));
  CHECK(result_of(result, "A-2").amount == yuan("11538.46"));
  CHECK(result_of(result, "A-3").amount == yuan("30769.23"));
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"capped_by_tax_retention"});
  // 10,000 fen over three equal 3,000,000: 3,333 each, remainders equal, the left fen to A-4.
  CHECK(result_of(result, "A-4").amount == yuan("33.34"));
  CHECK(result_of(result, "A-5").amount == yuan("33.33"));
  CHECK(result_of(result, "A-6").amount == yuan("33.33"));
  CHECK(result_of(result, "A-7").amount == yuan("150000.00"));
  CHECK(result_of(result, "A-7").reasons.empty());
  CHECK(result_of(result, "A-9").status == Status::awarded);
  CHECK(result_of(result, "A-9").amount == Money());
  CHECK(reasons_of(result_of(result, "A-9")) == Codes{"capped_by_tax_retention"});
  CHECK(result.enterprises[0].total == yuan("100000.00"));
}

TEST_CASE("T: without a retention figure the awards are held, shares 0.00, outside the total") {
  CountyBuilder county;
  county.enterprise("E1", "").event("general_safety_accident").project("P1");
  county.application("A-1", "cloud_5star");
  county.application("A-2", "cloud_4star");  // loses under P: stays rejected, not held
  const Assessment result = assess(builtin_policy(), county.input());
  const ApplicationResult& held = result_of(result, "A-1");
  CHECK(held.status == Status::held);
  CHECK(held.amount == yuan("135000.00"));  // after steps 1–5: 150,000.00 × 0.90
  CHECK(held.county_share == Money());
  CHECK(held.region_share == Money());
  CHECK(reasons_of(held) == Codes{"safety_factor", "no_tax_retention"});
  CHECK(result_of(result, "A-2").status == Status::rejected);
  CHECK(result.enterprises[0].total == Money());
  CHECK_FALSE(result.enterprises[0].local_retained_tax.has_value());
}

TEST_CASE("C: half each, the odd fen to the county; loan interest to the county alone") {
  CountyBuilder county;
  county.enterprise("E1").project("P1");
  county.application("A-1", "robot_purchase")
      .inputs.set_money(InputColumn::equipment_amount, yuan("0.20"));  // 5% = 0.01
  county.project("P2")
      .application("A-2", "robot_purchase")
      .inputs.set_money(InputColumn::equipment_amount, yuan("4269135.80"));
  county.project("P3")
      .application("A-3", "loan_interest")
      .inputs.set_money(InputColumn::loan_amount, yuan("1.00"));  // 0.01
  const Assessment result = assess(builtin_policy(), county.input());
  CHECK(result_of(result, "A-1").county_share == yuan("0.01"));
  CHECK(result_of(result, "A-1").region_share == yuan("0.00"));
  // 5% × 4,269,135.80 = 213,456.79: region ⌊21,345,679 / 2⌋ = 10,672,839 fen, county the rest.
  CHECK(result_of(result, "A-2").region_share == yuan("106728.39"));
  CHECK(result_of(result, "A-2").county_share == yuan("106728.40"));
  CHECK(result_of(result, "A-3").county_share == yuan("0.01"));
  CHECK(result_of(result, "A-3").region_share == Money());
  const EnterpriseResult& total = result.enterprises[0];
  CHECK(total.county_share == yuan("106728.42"));
  CHECK(total.region_share == yuan("106728.39"));
}

TEST_CASE("reasons come in rule order: cap, top-up, safety factor, tax retention") {
  CountyBuilder county;
  county.enterprise("E1", "1000000.00").event("general_safety_accident").project("P1", "500000.00");
  county.application("A-1", "core_tech_rd")
      .inputs.set_money(InputColumn::rd_expense, yuan("10000000.00"));
  const ApplicationResult app = assess(builtin_policy(), county.input()).applications[0];
  // 30% × 10,000,000.00 = 3,000,000.00 → cap 2,000,000.00 → top-up 2,000,000.00 − 500,000.00 =
  // 1,500,000.00 → × 0.90 = 1,350,000.00 → retention 1,000,000.00 → halves of 500,000.00.
  CHECK(app.amount == yuan("1000000.00"));
  CHECK(app.county_share == yuan("500000.00"));
  CHECK(reasons_of(app) == Codes{"capped_by_scheme", "topped_up_over_superior", "safety_factor",
                                 "capped_by_tax_retention"});
}

TEST_CASE("Y: only the award years 2022 to 2024 are assessed") {
  for (int year : {2021, 2025}) {
    CountyBuilder county(year);
    county.enterprise("E1").project("P1");
    county.application("A-1", "cloud_5star");
    county.application("A-2", "no_such_scheme");  // not even looked up outside the period
    const Assessment result = assess(builtin_policy(), county.input());
    for (const ApplicationResult& app : result.applications) {
      CHECK(app.status == Status::rejected);
      CHECK(reasons_of(app) == Codes{"outside_policy_period"});
    }
  }
  for (int year : {2022, 2024}) {
    CountyBuilder county(year);
    county.enterprise("E1").project("P1");
    county.application("A-1", "cloud_5star");
    CHECK(assess(builtin_policy(), county.input()).applications[0].status == Status::awarded);
  }
}

TEST_CASE("service_institution is rewarded once per enterprise, ever") {
  CountyBuilder county;
  county.earlier("E1", "service_institution");
  county.enterprise("E1").project("P1");
  auto& first = county.application("A-1", "service_institution");
  first.inputs.set_money(InputColumn::service_revenue, yuan("5000000.00"));
  first.inputs.set_count(InputColumn::staff_count, 20);
  county.enterprise("E2");
  county.project("P2");
  auto& lower = county.application("A-2", "service_institution");
  lower.inputs.set_money(InputColumn::service_revenue, yuan("3000000.00"));
  lower.inputs.set_count(InputColumn::staff_count, 10);
  county.project("P3");  // a different project, so that P does not decide it
  auto& higher = county.application("A-3", "service_institution");
  higher.inputs.set_money(InputColumn::service_revenue, yuan("5000000.00"));
  higher.inputs.set_count(InputColumn::staff_count, 20);
  auto& tie = county.application("A-4", "service_institution");
  tie.inputs.set_money(InputColumn::service_revenue, yuan("5000000.00"));
  tie.inputs.set_count(InputColumn::staff_count, 25);
  const Assessment result = assess(builtin_policy(), county.input());
  CHECK(reasons_of(result_of(result, "A-1")) == Codes{"already_awarded"});
  CHECK(reasons_of(result_of(result, "A-2")) == Codes{"already_awarded"});
  CHECK(result_of(result, "A-3").amount == yuan("150000.00"));  // the highest; ties: A-3 < A-4
  CHECK(reasons_of(result_of(result, "A-4")) == Codes{"already_awarded"});
}

TEST_CASE("input the importer should have refused is refused with the row named") {
  auto refused = [](auto change) {
    CountyBuilder county;
    county.enterprise("E1").project("P1");
    county.application("A-1", "robot_purchase")
        .inputs.set_money(InputColumn::equipment_amount, yuan("100.00"));
    change(county.input());
    try {
      assess(builtin_policy(), county.input());
    } catch (const RefusedError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  CHECK(refused([](AssessInput& in) { in.applications.push_back(in.applications[0]); }) ==
        "application A-1 is given twice");
  CHECK(refused([](AssessInput& in) { in.applications[0].uscc = "E9"; }) ==
        "application A-1: enterprise E9 is unknown");
  CHECK(refused([](AssessInput& in) { in.applications[0].project_id = "P9"; }) ==
        "application A-1: project P9 is unknown");
  CHECK(refused([](AssessInput& in) { in.applications[0].scheme = "moon"; }) ==
        "application A-1: scheme moon is not in policy siyang-2022-9");
  CHECK(refused([](AssessInput& in) {
          in.applications[0].inputs.set_money(InputColumn::equipment_amount, std::nullopt);
        }) == "application A-1: equipment_amount is empty but scheme robot_purchase reads it");
  CHECK(refused([](AssessInput& in) {
          in.applications[0].inputs.set_money(InputColumn::equipment_amount, yuan("-1.00"));
        }) == "application A-1: equipment_amount is negative but scheme robot_purchase reads it");
  CHECK(refused([](AssessInput& in) { in.enterprises[0].local_retained_tax = yuan("-1.00"); }) ==
        "enterprise E1: local_retained_tax is negative");
  CHECK(refused([](AssessInput& in) { in.enterprises.push_back(in.enterprises[0]); }) ==
        "enterprise E1 is given twice");
}
