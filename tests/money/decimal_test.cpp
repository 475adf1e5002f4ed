// Exact decimals (decimal.h): parsing both notations, quantize in every rounding mode including
// negative ties, refusal of results that do not fit, exact + - *, comparison and the string forms.
// The decimal specification's own test cases run in dectest_test.cpp; these are the contract cases.
#include <catch2/catch.hpp>

#include <string>

#include "ledger/money/decimal.h"
#include "ledger/base/error.h"

using subsidy::Decimal;
using subsidy::Int128;
using subsidy::OverflowError;
using subsidy::Rounding;

namespace {

Decimal plain(const char* text) {
  auto parsed = Decimal::parse_plain(text);
  INFO(text << ": " << parsed.error);
  REQUIRE(parsed);
  return *parsed.value;
}

Decimal sci(const char* text) {
  auto parsed = Decimal::parse_scientific(text);
  INFO(text << ": " << parsed.error);
  REQUIRE(parsed);
  return *parsed.value;
}

// The largest coefficient a checked Int128 (sign and 128-bit magnitude) holds: 2^128 - 1, about
// 3.4 × 10^38 (39 digits).
Int128 max_coefficient() {
  return std::numeric_limits<Int128>::max();
}

}  // namespace

TEST_CASE("plain notation keeps the scale and refuses everything else") {
  CHECK(plain("0.05").coefficient() == 5);
  CHECK(plain("0.05").exponent() == -2);
  CHECK(plain("-12.340").coefficient() == -12340);
  CHECK(plain("-12.340").exponent() == -3);
  CHECK(plain("7").exponent() == 0);
  CHECK(plain("007.10").coefficient() == 710);
  CHECK(plain("0.000").exponent() == -3);
  CHECK(plain("-0").is_zero());
  // 38 nines fit; 39 nines exceed 2^128 - 1.
  CHECK(plain(std::string(38, '9').c_str()).digits() == 38);

  struct Case {
    std::string text;
    const char* reason;
  };
  for (const Case& c :
       {Case{"", "empty"}, Case{"+1", "unexpected character '+'"}, Case{"1e5", "unexpected"},
        Case{" 1", "unexpected character ' '"}, Case{"1,000", "unexpected character ','"},
        Case{"1.", "both sides"}, Case{".5", "both sides"}, Case{"-.5", "both sides"},
        Case{"1.2.3", "more than one decimal point"}, Case{"-", "no digits"},
        Case{"Inf", "unexpected"}, Case{std::string(39, '9'), "too many digits"},
        Case{std::string(201, '1'), "longer than 200"}}) {
    INFO(c.text);
    auto parsed = Decimal::parse_plain(c.text);
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("scientific notation: exponents, a leading plus, no NaN or Infinity") {
  CHECK(sci("1.2E+3").coefficient() == 12);
  CHECK(sci("1.2E+3").exponent() == 2);
  CHECK(sci("-0e-7").exponent() == -7);
  CHECK(sci("+5").coefficient() == 5);
  CHECK(sci(".5").exponent() == -1);  // the specification allows a bare point
  CHECK(sci("5.").exponent() == 0);
  CHECK(sci("1E+0000000001").exponent() == 1);  // leading zeros in the exponent are allowed
  CHECK(sci("1E-2147483648").exponent() == INT32_MIN);
  CHECK(sci("1E+2147483647").exponent() == INT32_MAX);

  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c :
       {Case{"Inf", "unexpected"}, Case{"NaN", "unexpected"}, Case{"1E", "malformed"},
        Case{"1E+", "malformed"}, Case{"1E+1.5", "malformed"}, Case{"E5", "empty"},
        Case{"1e5e3", "malformed"}, Case{"1E+2147483648", "out of range"},
        Case{"1E12345678903", "out of range"}, Case{"0.1E-2147483648", "out of range"}}) {
    INFO(c.text);
    auto parsed = Decimal::parse_scientific(c.text);
    REQUIRE_FALSE(parsed);
    CHECK_THAT(parsed.error, Catch::Contains(c.reason));
  }
}

TEST_CASE("quantize rounds with the named mode, ties on both sides of zero") {
  // The classic table of the seven modes (as in java.math.RoundingMode's documentation).
  const char* inputs[] = {"5.5",  "2.5",  "1.6",  "1.1",  "1.0",
                          "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"};
  struct Row {
    Rounding mode;
    int expected[10];
  };
  const Row rows[] = {
      {Rounding::up, {6, 3, 2, 2, 1, -1, -2, -2, -3, -6}},
      {Rounding::down, {5, 2, 1, 1, 1, -1, -1, -1, -2, -5}},
      {Rounding::ceiling, {6, 3, 2, 2, 1, -1, -1, -1, -2, -5}},
      {Rounding::floor, {5, 2, 1, 1, 1, -1, -2, -2, -3, -6}},
      {Rounding::half_up, {6, 3, 2, 1, 1, -1, -1, -2, -3, -6}},
      {Rounding::half_down, {5, 2, 2, 1, 1, -1, -1, -2, -2, -5}},
      {Rounding::half_even, {6, 2, 2, 1, 1, -1, -1, -2, -2, -6}},
  };
  for (const Row& row : rows) {
    for (size_t i = 0; i < 10; ++i) {
      INFO(subsidy::rounding_name(row.mode) << " " << inputs[i]);
      const Decimal q = plain(inputs[i]).quantize(0, row.mode);
      CHECK(q.exponent() == 0);
      CHECK(q.coefficient() == row.expected[i]);
    }
  }
  // Ties at the fen: 0.125 and -0.125.
  CHECK(plain("0.125").quantize(-2, Rounding::half_up).to_plain_string() == "0.13");
  CHECK(plain("-0.125").quantize(-2, Rounding::half_up).to_plain_string() == "-0.13");
  CHECK(plain("-0.125").quantize(-2, Rounding::half_even).to_plain_string() == "-0.12");
  CHECK(plain("-0.135").quantize(-2, Rounding::half_even).to_plain_string() == "-0.14");
  CHECK(plain("-0.125").quantize(-2, Rounding::half_down).to_plain_string() == "-0.12");
  CHECK(plain("-0.1251").quantize(-2, Rounding::half_down).to_plain_string() == "-0.13");
}

TEST_CASE("quantize to more decimals is exact; what does not fit is refused") {
  CHECK(plain("1.5").quantize(-3, Rounding::down).to_plain_string() == "1.500");
  CHECK(plain("0").quantize(-60, Rounding::down).exponent() == -60);  // zero always fits
  CHECK_THROWS_AS(plain("1").quantize(-39, Rounding::half_up), OverflowError);
  CHECK_THROWS_AS(plain("1").quantize(INT32_MIN, Rounding::half_up), OverflowError);
  CHECK_THROWS_AS(plain(std::string(37, '9').c_str()).quantize(-2, Rounding::half_up),
                  OverflowError);
  // One more decimal on the largest coefficient needs ten times what Int128 holds.
  CHECK_THROWS_AS(Decimal(max_coefficient(), 0).quantize(-1, Rounding::up), OverflowError);
}

TEST_CASE("quantize far above the value's digits leaves 0 or one unit") {
  // Shifts beyond 10^38 take a separate path: the value is less than half a unit.
  const Decimal one(1, 0);
  CHECK(one.quantize(50, Rounding::half_up).to_scientific_string() == "0E+50");
  CHECK(one.quantize(50, Rounding::up).to_scientific_string() == "1E+50");
  CHECK(one.quantize(50, Rounding::ceiling).to_scientific_string() == "1E+50");
  CHECK(one.quantize(50, Rounding::floor).to_scientific_string() == "0E+50");
  CHECK((-one).quantize(50, Rounding::floor).to_scientific_string() == "-1E+50");
  CHECK(Decimal(max_coefficient(), 0).quantize(39, Rounding::half_up).is_zero());
  CHECK(Decimal(max_coefficient(), 0).quantize(38, Rounding::half_up).coefficient() == 3);
  CHECK(max_coefficient().str() == "340282366920938463463374607431768211455");
  CHECK(Decimal(0, 0).quantize(INT32_MAX, Rounding::up).is_zero());
}

TEST_CASE("exact arithmetic follows the specification's exponents and never wraps") {
  const Decimal sum = plain("1.1") + plain("2.22");
  CHECK(sum.to_plain_string() == "3.32");
  CHECK((plain("1") - plain("0.001")).to_plain_string() == "0.999");
  CHECK((plain("0.001") - plain("1")).to_plain_string() == "-0.999");
  CHECK((plain("1.5") * plain("0.08")).to_plain_string() == "0.120");
  CHECK((plain("-1.5") * plain("0.08")).to_plain_string() == "-0.120");
  CHECK((sci("1E+3") + plain("0.5")).to_plain_string() == "1000.5");
  CHECK(plain("2.50").abs() == plain("2.5"));
  CHECK((-plain("2.50")).to_plain_string() == "-2.50");

  const Decimal big(max_coefficient(), 0);
  CHECK_THROWS_AS(big + Decimal(1, 0), OverflowError);
  CHECK_THROWS_AS((-big) - Decimal(1, 0), OverflowError);
  CHECK_THROWS_AS(big * Decimal(2, 0), OverflowError);
  CHECK_THROWS_AS(sci("1E+100") + Decimal(1, 0), OverflowError);  // alignment needs 10^100
  CHECK_THROWS_AS(Decimal(1, INT32_MAX) * Decimal(1, 1), OverflowError);
  CHECK_THROWS_AS(Decimal(1, INT32_MIN) * Decimal(1, -1), OverflowError);
}

TEST_CASE("comparison is numeric, also when aligning the exponents would overflow") {
  CHECK(plain("1.0") == plain("1.00"));
  CHECK(plain("-1") < plain("0"));
  CHECK(plain("0") < sci("1E-30"));
  CHECK(sci("-1E-30") < plain("0"));
  CHECK(plain("0.00") == sci("0E+5"));
  CHECK(plain("2.5") > plain("2.49"));
  CHECK(plain("-2.5") < plain("-2.49"));
  // 1E+50 against 5: aligning overflows, the comparison must still be right for every sign.
  CHECK(sci("1E+50") > plain("5"));
  CHECK(plain("5") < sci("1E+50"));
  CHECK(sci("-1E+50") < plain("-5"));
  CHECK(plain("-5") > sci("-1E+50"));
  CHECK(sci("-1E+50") < plain("5"));
  CHECK(sci("1E+50") > sci("-1E+60"));
  CHECK(sci("1E+60") > sci("1E-60"));
  CHECK(sci("-1E+60") < sci("-1E-60"));
}

TEST_CASE("plain and scientific strings") {
  CHECK(Decimal(50, -3).to_plain_string() == "0.050");
  CHECK(Decimal(-12, 0).to_plain_string() == "-12");
  CHECK(Decimal(12, 2).to_plain_string() == "1200");
  CHECK(Decimal(-5, -3).to_plain_string() == "-0.005");
  CHECK(Decimal(0, 2).to_plain_string() == "0");  // not "000"
  CHECK(Decimal(0, -2).to_plain_string() == "0.00");
  // The examples of the specification's to-scientific-string.
  struct Case {
    int64_t coefficient;
    int32_t exponent;
    const char* text;
  };
  for (const Case& c : {Case{123, 0, "123"}, Case{-123, 0, "-123"}, Case{123, 1, "1.23E+3"},
                        Case{123, 3, "1.23E+5"}, Case{123, -1, "12.3"}, Case{123, -5, "0.00123"},
                        Case{123, -10, "1.23E-8"}, Case{-123, -12, "-1.23E-10"}, Case{0, 0, "0"},
                        Case{0, -2, "0.00"}, Case{0, 2, "0E+2"}, Case{5, -6, "0.000005"},
                        Case{50, -7, "0.0000050"}, Case{5, -7, "5E-7"}, Case{0, -7, "0E-7"}}) {
    INFO(c.text);
    CHECK(Decimal(c.coefficient, c.exponent).to_scientific_string() == c.text);
  }
}

TEST_CASE("rounding division, digits, powers of ten and mode names") {
  using subsidy::divide_rounded;
  CHECK(divide_rounded(7, 2, Rounding::half_even) == 4);
  CHECK(divide_rounded(5, 2, Rounding::half_even) == 2);
  CHECK(divide_rounded(-7, 2, Rounding::half_even) == -4);
  CHECK(divide_rounded(-5, 2, Rounding::half_even) == -2);
  CHECK(divide_rounded(-7, 3, Rounding::floor) == -3);
  CHECK(divide_rounded(-7, 3, Rounding::ceiling) == -2);
  CHECK(divide_rounded(-7, 3, Rounding::half_up) == -2);
  CHECK(divide_rounded(-3, 2, Rounding::half_up) == -2);
  CHECK(divide_rounded(-3, 2, Rounding::half_down) == -1);
  CHECK(divide_rounded(6, 3, Rounding::up) == 2);

  CHECK(Decimal(0, 0).digits() == 1);
  CHECK(Decimal(-9, 0).digits() == 1);
  CHECK(Decimal(10, 0).digits() == 2);
  CHECK(Decimal(max_coefficient(), 0).digits() == 39);
  CHECK(subsidy::power_of_ten(38).str() == "1" + std::string(38, '0'));

  for (Rounding mode : {Rounding::half_up, Rounding::half_even, Rounding::half_down, Rounding::up,
                        Rounding::down, Rounding::ceiling, Rounding::floor}) {
    CHECK(subsidy::rounding_from_name(subsidy::rounding_name(mode)) == mode);
  }
  CHECK_FALSE(subsidy::rounding_from_name("05up"));
  CHECK_FALSE(subsidy::rounding_from_name("HALF_UP"));
}
