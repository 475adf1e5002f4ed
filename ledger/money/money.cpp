// Money: checked fen arithmetic, strict parsing of amounts and the plain and grouped printed forms.
// The Chinese capital form lives in money_words.cpp.
#include "ledger/money/money.h"

#include "ledger/base/check.h"
#include "ledger/base/error.h"

namespace subsidy {

namespace {

constexpr size_t kMaxIntegerDigits = 15;
constexpr size_t kMaxAmountText = 64;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Checks that `integer_part` groups its digits in threes when it contains commas: "1,234,567".
// A grouped number never starts with 0: "0,001" is more likely a decimal comma (0.001) than 1.00.
bool valid_grouping(std::string_view integer_part) {
  const size_t first_comma = integer_part.find(',');
  if (first_comma == std::string_view::npos) return true;
  if (first_comma == 0 || first_comma > 3 || integer_part[0] == '0') return false;
  size_t pos = first_comma;
  while (pos < integer_part.size()) {
    if (integer_part[pos] != ',' || pos + 4 > integer_part.size()) return false;
    for (size_t i = pos + 1; i < pos + 4; ++i) {
      if (!is_digit(integer_part[i])) return false;
    }
    pos += 4;
  }
  return true;
}

std::string refusal_reason(std::string_view text) {
  if (text.empty()) return "is empty";
  if (text.size() > kMaxAmountText) return "is too long to be an amount";
  if (text.find_first_of(" \t") != std::string_view::npos) return "contains a space";
  if (text.find_first_of("eE") != std::string_view::npos)
    return "uses an exponent; write the amount out";
  for (char c : text) {
    if (!is_digit(c) && c != '.' && c != ',' && c != '-') {
      return "contains a character that is not part of an amount (currency signs are not allowed)";
    }
  }
  return "";
}

}  // namespace

Money Money::from_fen(int64_t fen) {
  if (fen > kMaxAbsFen || fen < -kMaxAbsFen) {
    throw OverflowError("amount out of range: more than 15 integer digits");
  }
  return Money(fen);
}

Money Money::from_yuan(int64_t yuan) {
  if (yuan > kMaxAbsFen / 100 || yuan < -kMaxAbsFen / 100) {
    throw OverflowError("amount out of range: more than 15 integer digits");
  }
  return Money(yuan * 100);
}

Money Money::from_decimal(const Decimal& value, Rounding mode) {
  const Int128 fen = value.quantize(-2, mode).coefficient();
  if (fen > kMaxAbsFen || fen < -kMaxAbsFen) {
    throw OverflowError("amount out of range: more than 15 integer digits");
  }
  return Money(static_cast<int64_t>(fen));
}

Money Money::operator+(Money other) const {
  // Both operands are within ±kMaxAbsFen, so the int64 sum cannot wrap; from_fen checks the range.
  return from_fen(fen_ + other.fen_);
}

Money Money::operator-(Money other) const {
  return from_fen(fen_ - other.fen_);
}

Money Money::times(const Decimal& rate, Rounding mode) const {
  return from_decimal(to_decimal() * rate, mode);
}

Money Money::times_ratio(const Int128& numerator, const Int128& denominator, Rounding mode) const {
  SUBSIDY_ASSERT(denominator > 0);
  Int128 product;
  try {
    product = Int128(fen_) * numerator;
  } catch (const std::overflow_error&) {
    throw OverflowError("arithmetic overflow in a pro-rata share");
  }
  const Int128 fen = divide_rounded(product, denominator, mode);
  if (fen > kMaxAbsFen || fen < -kMaxAbsFen) {
    throw OverflowError("amount out of range: more than 15 integer digits");
  }
  return Money(static_cast<int64_t>(fen));
}

Parsed<Money> parse_money(std::string_view text) {
  Parsed<Money> result;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (std::string reason = refusal_reason(text); !reason.empty()) {
    result.error = std::move(reason);
    return result;
  }
  const bool negative = text.front() == '-';
  std::string_view body = negative ? text.substr(1) : text;
  if (body.find('-') != std::string_view::npos) {
    result.error = "has a minus sign that is not at the start";
    return result;
  }
  const size_t point = body.find('.');
  std::string_view integer_part = body.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? "" : body.substr(point + 1);
  if (point != std::string_view::npos && fraction.find('.') != std::string_view::npos) {
    result.error = "has more than one decimal point";
    return result;
  }
  if (integer_part.empty() || (point != std::string_view::npos && fraction.empty())) {
    result.error = "needs a digit on both sides of the decimal point";
    return result;
  }
  if (fraction.find(',') != std::string_view::npos || !valid_grouping(integer_part)) {
    result.error = "has misplaced thousands separators";
    return result;
  }
  if (fraction.size() > 2) {
    result.error = "has more than two decimals";
    return result;
  }
  std::string digits;
  for (char c : integer_part) {
    if (c != ',') digits.push_back(c);
  }
  const size_t leading_zeros = std::min(digits.find_first_not_of('0'), digits.size() - 1);
  if (digits.size() - leading_zeros > kMaxIntegerDigits) {
    result.error = "has more than 15 integer digits";
    return result;
  }
  int64_t fen = 0;
  for (char c : digits) fen = fen * 10 + (c - '0');
  for (size_t i = 0; i < 2; ++i) fen = fen * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  result.value = Money::from_fen(negative ? -fen : fen);
  return result;
}

std::string format_plain(Money amount) {
  const int64_t fen = amount.fen();
  const uint64_t magnitude = fen < 0 ? static_cast<uint64_t>(-fen) : static_cast<uint64_t>(fen);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (fen < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

std::string format_grouped(Money amount) {
  std::string plain = format_plain(amount);
  const size_t start = amount.is_negative() ? 1 : 0;
  const size_t point = plain.find('.');
  for (size_t pos = point; pos > start + 3; pos -= 3) plain.insert(pos - 3, ",");
  return plain;
}

}  // namespace subsidy
