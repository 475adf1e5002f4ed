// CNY amounts as an exact count of fen (分) in an int64: parsing with the strict rules of the input
// files, checked arithmetic that never wraps, multiplication by exact decimal rates rounded once with
// a named mode, and the three printed forms (plain, grouped, Chinese capitals for vouchers).
// There is deliberately no constructor from, and no conversion to, binary floating point.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/money/decimal.h"

namespace subsidy {

class Money {
 public:
  // At most 15 integer digits: 999,999,999,999,999.99 is the largest amount any input may carry.
  static constexpr int64_t kMaxAbsFen = 99'999'999'999'999'999;

  constexpr Money() = default;  // 0.00
  // Throws OverflowError when |fen| > kMaxAbsFen.
  static Money from_fen(int64_t fen);
  // Whole yuan, e.g. from_yuan(500000) is 500,000.00. Throws OverflowError when out of range.
  static Money from_yuan(int64_t yuan);
  // The decimal rounded to the fen with `mode`. Throws OverflowError when out of range.
  static Money from_decimal(const Decimal& value, Rounding mode);

  constexpr int64_t fen() const { return fen_; }
  Decimal to_decimal() const { return Decimal(Int128(fen_), -2); }
  constexpr bool is_zero() const { return fen_ == 0; }
  constexpr bool is_negative() const { return fen_ < 0; }

  // Checked arithmetic: throws OverflowError when the result leaves ±kMaxAbsFen.
  Money operator+(Money other) const;
  Money operator-(Money other) const;
  Money operator-() const { return from_fen(-fen_); }
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }
  constexpr auto operator<=>(const Money&) const = default;

  // this × rate, computed exactly and rounded once to the fen with `mode`.
  Money times(const Decimal& rate, Rounding mode) const;
  // this × numerator / denominator, computed exactly and rounded once to the fen with `mode`.
  // Requires denominator > 0. Used for pro-rata shares, where the ratio is itself two amounts.
  Money times_ratio(const Int128& numerator, const Int128& denominator, Rounding mode) const;

 private:
  constexpr explicit Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

// Parses an amount by the rules of the input files: `1234`, `1234.5`, `1234.50`, `1,234.50` (commas
// only as correct thousands separators), `-0.01`; surrounding ASCII spaces are ignored. Refuses, with
// the reason in Parsed::error: exponents, more than two decimals, several points, currency signs,
// misplaced commas (also a grouped number starting with 0, "0,001", which is likely a decimal
// comma), empty text, inner spaces, more than 15 integer digits.
Parsed<Money> parse_money(std::string_view text);

// "1234567.89", "-0.01", "0.00".
std::string format_plain(Money amount);
// "1,234,567.89".
std::string format_grouped(Money amount);
// The capital-numeral amount of vouchers (大写金额) by 《支付结算办法》附一 and 《会计基础工作规范》
// 第52条, e.g. 1,409.50 → "人民币壹仟肆佰零玖元伍角整", 0.05 → "人民币伍分", 0.00 → "人民币零元整".
// Negative amounts (reversals) are written "人民币负…": -0.05 → "人民币负伍分". Covers every Money
// (up to 15 integer digits, read in groups 万 / 亿 / 万亿); never throws. Rules: docs/money.md.
std::string format_chinese_capital(Money amount);

}  // namespace subsidy
