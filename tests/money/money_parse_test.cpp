// Strict parsing and plain/grouped formatting of amounts (money.h), and checked arithmetic.
#include <catch2/catch.hpp>

#include <random>

#include "ledger/base/error.h"
#include "ledger/money/money.h"

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

TEST_CASE("more malformed amounts: other locales, signs and notations are refused") {
  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c :
       {Case{"+1", "not part of an amount"},
        Case{"1,234,56", "thousands separators"},
        Case{"12,34", "thousands separators"},
        Case{"1.234,50", "thousands separators"},
        Case{"0,001", "thousands separators"},
        Case{"00,001.00", "thousands separators"},
        Case{"\t12", "space"},
        Case{"12\t", "space"},
        Case{"1 234.00", "space"},
        Case{"\302\24012", "not part of an amount"} /* no-break space */,
        Case{"￥12", "currency"},
        Case{"１２", "not part of an amount"},
        Case{"12元", "currency"},
        Case{"--1", "minus"},
        Case{"-1-", "minus"},
        Case{"(100.00)", "not part of an amount"},
        Case{"0x10", "not part of an amount"},
        Case{"1_000", "not part of an amount"},
        Case{"NaN", "not part of an amount"},
        Case{"Infinity", "not part of an amount"},
        Case{"1E2", "exponent"},
        Case{"1.2.", "more than one decimal point"},
        Case{"-.50", "both sides"},
        Case{"1,000,000,000,000,000.00", "15 integer digits"},
        Case{"99999999999999999999999999999999999999999999999999999999999999999", "too long"}}) {
    INFO(c.text);
    auto parsed = parse_money(c.text);
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("edge amounts that are accepted") {
  struct Case {
    const char* text;
    int64_t fen;
  };
  for (const Case& c : {Case{"999,999,999,999,999.99", Money::kMaxAbsFen},
                        Case{"-999999999999999.99", -Money::kMaxAbsFen}, Case{"-0", 0},
                        Case{"-0.00", 0}, Case{"0000000000000001", 100}, Case{"007.5", 750},
                        Case{"0.01", 1}, Case{"1,000", 100000}, Case{"   -1,234.5   ", -123450}}) {
    INFO(c.text);
    auto parsed = parse_money(c.text);
    REQUIRE(parsed);
    CHECK(parsed.value->fen() == c.fen);
  }
}

TEST_CASE("formatted amounts parse back to the same fen") {
  std::mt19937_64 random(20220309);
  std::uniform_int_distribution<int64_t> any_fen(-Money::kMaxAbsFen, Money::kMaxAbsFen);
  std::uniform_int_distribution<int64_t> small_fen(-100'000, 100'000);
  for (int round = 0; round < 20000; ++round) {
    const int64_t fen = round % 2 == 0 ? any_fen(random) : small_fen(random);
    const Money amount = Money::from_fen(fen);
    INFO(fen);
    const auto plain = parse_money(subsidy::format_plain(amount));
    const auto grouped = parse_money(subsidy::format_grouped(amount));
    REQUIRE(plain);
    REQUIRE(grouped);
    REQUIRE(plain.value->fen() == fen);
    REQUIRE(grouped.value->fen() == fen);
  }
  CHECK(subsidy::format_grouped(Money::from_fen(-Money::kMaxAbsFen)) == "-999,999,999,999,999.99");
}

TEST_CASE("conversions between money and decimals are checked") {
  using subsidy::Decimal;
  using subsidy::Rounding;
  CHECK(Money::from_yuan(500000).fen() == 50000000);
  CHECK_THROWS_AS(Money::from_yuan(1'000'000'000'000'000), subsidy::OverflowError);
  CHECK(Money::from_fen(12345).to_decimal().to_plain_string() == "123.45");
  const Decimal third = *Decimal::parse_plain("0.3333333333333333333333333").value;
  CHECK(Money::from_decimal(third, Rounding::half_up).fen() == 33);
  CHECK(Money::from_decimal(third, Rounding::up).fen() == 34);
  CHECK_THROWS_AS(Money::from_decimal(*Decimal::parse_scientific("1E+15").value, Rounding::half_up),
                  subsidy::OverflowError);
  CHECK_THROWS_AS(Money::from_decimal(*Decimal::parse_scientific("1E+40").value, Rounding::half_up),
                  subsidy::OverflowError);
  // times_ratio rounds once: 100.00 × 1/3 = 33.333… → 33.33 half up, 33.34 up.
  CHECK(Money::from_fen(10000).times_ratio(1, 3, Rounding::half_up).fen() == 3333);
  CHECK(Money::from_fen(10000).times_ratio(1, 3, Rounding::up).fen() == 3334);
  CHECK(Money::from_fen(-10000).times_ratio(2, 3, Rounding::half_up).fen() == -6667);
  CHECK_THROWS_AS(Money::from_fen(Money::kMaxAbsFen).times_ratio(2, 1, Rounding::half_up),
                  subsidy::OverflowError);
}
