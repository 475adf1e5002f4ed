// Fuzz target for amounts: parse_money, Decimal::parse_plain and Decimal::parse_scientific on any
// bytes. Every input must either be refused with a reason or round-trip: a parsed amount formatted
// plain or grouped re-parses to the same fen, a decimal's strings re-parse to the same coefficient
// and exponent, and quantize rounds in the direction its mode names, by less than one unit.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/money/decimal.h"
#include "ledger/base/error.h"
#include "ledger/money/money.h"

namespace {

using subsidy::Decimal;
using subsidy::Money;
using subsidy::Rounding;
using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 256;  // amounts are short; longer inputs only hit length refusals
// to_plain_string is about |exponent| characters long; keep the printed ones short.
constexpr int32_t kMaxPlainExponent = 60;

void check_money(std::string_view text) {
  const auto parsed = subsidy::parse_money(text);
  if (!parsed) {
    require(!parsed.error.empty(), "a refused amount has a reason", text);
    return;
  }
  const Money amount = *parsed.value;
  require(amount.fen() <= Money::kMaxAbsFen && amount.fen() >= -Money::kMaxAbsFen, "in range",
          text);
  for (const std::string& printed :
       {subsidy::format_plain(amount), subsidy::format_grouped(amount)}) {
    const auto again = subsidy::parse_money(printed);
    require(again && again.value->fen() == amount.fen(), "formatted amount re-parses", text);
  }
  const auto as_decimal = Decimal::parse_plain(subsidy::format_plain(amount));
  require(as_decimal && as_decimal.value->coefficient() == amount.fen() &&
              as_decimal.value->exponent() == -2,
          "plain amount is the same decimal", text);
  require(Money::from_decimal(amount.to_decimal(), Rounding::half_up) == amount,
          "decimal round trip", text);
  const std::string words = subsidy::format_chinese_capital(amount);
  require(words.rfind("人民币", 0) == 0, "capitals start with 人民币", text);
}

// Checks that quantize(-2) moved the value the way `mode` says, by less than 0.01.
void check_quantize(const Decimal& value, Rounding mode, std::string_view text) {
  Decimal rounded;
  try {
    rounded = value.quantize(-2, mode);
  } catch (const subsidy::OverflowError&) {
    return;  // a refusal is a correct answer for values too large
  }
  require(rounded.exponent() == -2, "quantize gives the asked exponent", text);
  try {
    const Decimal moved = rounded - value;
    require(moved.abs() < Decimal(1, -2), "quantize moves by less than one unit", text);
  } catch (const subsidy::OverflowError&) {
    return;  // aligning a tiny value's exponent with -2 may not fit; nothing to compare
  }
  if (mode == Rounding::down) require(rounded.abs() <= value.abs(), "down is toward zero", text);
  if (mode == Rounding::up) require(rounded.abs() >= value.abs(), "up is away from zero", text);
  if (mode == Rounding::floor) require(rounded <= value, "floor is toward -infinity", text);
  if (mode == Rounding::ceiling) require(rounded >= value, "ceiling is toward +infinity", text);
}

void check_decimal(std::string_view text, bool scientific) {
  const auto parsed = scientific ? Decimal::parse_scientific(text) : Decimal::parse_plain(text);
  if (!parsed) {
    require(!parsed.error.empty(), "a refused decimal has a reason", text);
    return;
  }
  const Decimal value = *parsed.value;
  const auto again = Decimal::parse_scientific(value.to_scientific_string());
  require(again && again.value->coefficient() == value.coefficient() &&
              again.value->exponent() == value.exponent(),
          "scientific string re-parses to the same decimal", text);
  if (value.exponent() <= 0 && value.exponent() >= -kMaxPlainExponent) {
    const auto plain = Decimal::parse_plain(value.to_plain_string());
    require(plain && plain.value->coefficient() == value.coefficient() &&
                plain.value->exponent() == value.exponent(),
            "plain string re-parses to the same decimal", text);
  }
  require(value == value && -(-value) == value && value.abs() >= Decimal(), "comparison", text);
  for (Rounding mode : {Rounding::half_up, Rounding::half_even, Rounding::half_down, Rounding::up,
                        Rounding::down, Rounding::ceiling, Rounding::floor}) {
    check_quantize(value, mode, text);
  }
  try {
    const Money amount = Money::from_decimal(value, Rounding::half_up);
    require(amount.fen() <= Money::kMaxAbsFen && amount.fen() >= -Money::kMaxAbsFen, "range", text);
  } catch (const subsidy::OverflowError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_money(text);
  check_decimal(text, false);
  check_decimal(text, true);
  return 0;
}
