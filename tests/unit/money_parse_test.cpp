// Strict parsing and plain/grouped formatting of amounts (money.h), and checked arithmetic.
#include <catch2/catch.hpp>

#include "ledger/error.h"
#include "ledger/money.h"

using subsidy::Money;
using subsidy::parse_money;

TEST_CASE("amounts the input files may carry are parsed exactly") {
  struct Case {
    const char* text;
    int64_t fen;
  };
  for (const Case& c :
       {Case{"1234", 123400}, Case{"1234.5", 123450}, Case{"1234.50", 123450},
        Case{"1,234.50", 123450}, Case{"-0.01", -1}, Case{"0", 0}, Case{"1,234,567.89", 123456789},
        Case{"999999999999999.99", 99999999999999999}, Case{" 12.30 ", 1230}}) {
    INFO(c.text);
    auto parsed = parse_money(c.text);
    REQUIRE(parsed);
    CHECK(parsed.value->fen() == c.fen);
  }
}

TEST_CASE("malformed amounts are refused with a reason") {
  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c :
       {Case{"1e5", "exponent"}, Case{"12.345", "more than two decimals"},
        Case{"1.2.3", "more than one decimal point"}, Case{"¥12", "currency"},
        Case{",12", "thousands separators"}, Case{"1,23.00", "thousands separators"},
        Case{"", "empty"}, Case{"1 234", "space"}, Case{"1234567890123456", "15 integer digits"},
        Case{"12.", "both sides"}, Case{".5", "both sides"}, Case{"1-2", "minus"},
        Case{"1,2345", "thousands separators"}, Case{"-", "both sides"}}) {
    INFO(c.text);
    auto parsed = parse_money(c.text);
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("plain and grouped formatting") {
  CHECK(subsidy::format_plain(Money::from_fen(123456789)) == "1234567.89");
  CHECK(subsidy::format_grouped(Money::from_fen(123456789)) == "1,234,567.89");
  CHECK(subsidy::format_grouped(Money::from_fen(-100000)) == "-1,000.00");
  CHECK(subsidy::format_grouped(Money::from_fen(99999)) == "999.99");
  CHECK(subsidy::format_plain(Money::from_fen(-1)) == "-0.01");
  CHECK(subsidy::format_plain(Money()) == "0.00");
}

TEST_CASE("money arithmetic is checked and never wraps") {
  const Money max = Money::from_fen(Money::kMaxAbsFen);
  CHECK_THROWS_AS(max + Money::from_fen(1), subsidy::OverflowError);
  CHECK_THROWS_AS(Money::from_fen(-Money::kMaxAbsFen) - Money::from_fen(1), subsidy::OverflowError);
  CHECK_THROWS_AS(Money::from_fen(INT64_MAX), subsidy::OverflowError);
  CHECK((Money::from_fen(5) + Money::from_fen(7)).fen() == 12);
}

TEST_CASE("amount times rate is exact and rounded once with the named mode") {
  using subsidy::Decimal;
  using subsidy::Rounding;
  const Decimal eight_percent = *Decimal::parse_plain("0.08").value;
  // 8% × 500,000.01 = 40,000.0008 → 40,000.00 half up.
  CHECK(Money::from_fen(50000001).times(eight_percent, Rounding::half_up).fen() == 4000000);
  CHECK(Money::from_fen(50000001).times(eight_percent, Rounding::up).fen() == 4000001);
  // 10% × 1,234,567.89 = 123,456.789 → .79 half up, .78 down.
  const Decimal ten_percent = *Decimal::parse_plain("0.10").value;
  CHECK(Money::from_fen(123456789).times(ten_percent, Rounding::half_up).fen() == 12345679);
  CHECK(Money::from_fen(123456789).times(ten_percent, Rounding::down).fen() == 12345678);
  // Ties: 0.5 × 0.01 = 0.005.
  const Decimal half = *Decimal::parse_plain("0.5").value;
  CHECK(Money::from_fen(1).times(half, Rounding::half_up).fen() == 1);
  CHECK(Money::from_fen(1).times(half, Rounding::half_even).fen() == 0);
  CHECK(Money::from_fen(3).times(half, Rounding::half_even).fen() == 2);
  CHECK(Money::from_fen(1).times(half, Rounding::half_down).fen() == 0);
  CHECK(Money::from_fen(-1).times(half, Rounding::half_up).fen() == -1);
  CHECK(Money::from_fen(-1).times(half, Rounding::ceiling).fen() == 0);
  CHECK(Money::from_fen(-1).times(half, Rounding::floor).fen() == -1);
}
