// Exact decimal arithmetic on a checked 128-bit coefficient: parsing, rounding division, quantize,
// exact add/subtract/multiply, comparison and the two string forms of the decimal specification.
#include "ledger/money/decimal.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "ledger/base/check.h"
#include "ledger/base/error.h"

namespace subsidy {

namespace {

// Int128 (checked_int128_t) is sign and 128-bit magnitude: 10^38 < 2^128 - 1 < 10^39.
constexpr int kMaxPower = 38;
constexpr size_t kMaxDecimalText = 200;

std::array<Int128, kMaxPower + 1> make_powers() {
  std::array<Int128, kMaxPower + 1> powers{};
  powers[0] = 1;
  for (size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
  return powers;
}

Int128 abs128(const Int128& v) {
  return v < 0 ? Int128(-v) : v;
}

// Runs `f` and turns Boost's overflow into our typed refusal, so a caller sees one clear line.
template <typename F>
auto checked(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::overflow_error&) {
    throw OverflowError(std::string("arithmetic overflow in ") + what);
  } catch (const std::range_error&) {
    throw OverflowError(std::string("arithmetic overflow in ") + what);
  }
}

// Brings two decimals to the smaller exponent so their coefficients can be combined.
void align(const Decimal& a, const Decimal& b, Int128& ca, Int128& cb, int32_t& exponent) {
  exponent = std::min(a.exponent(), b.exponent());
  ca = a.quantize(exponent, Rounding::down).coefficient();
  cb = b.quantize(exponent, Rounding::down).coefficient();
}

}  // namespace

std::string_view rounding_name(Rounding mode) {
  switch (mode) {
    case Rounding::half_up:
      return "half_up";
    case Rounding::half_even:
      return "half_even";
    case Rounding::half_down:
      return "half_down";
    case Rounding::up:
      return "up";
    case Rounding::down:
      return "down";
    case Rounding::ceiling:
      return "ceiling";
    case Rounding::floor:
      return "floor";
  }
  return "?";
}

std::optional<Rounding> rounding_from_name(std::string_view name) {
  for (Rounding mode : {Rounding::half_up, Rounding::half_even, Rounding::half_down, Rounding::up,
                        Rounding::down, Rounding::ceiling, Rounding::floor}) {
    if (rounding_name(mode) == name) return mode;
  }
  return std::nullopt;
}

const Int128& power_of_ten(int n) {
  static const std::array<Int128, kMaxPower + 1> powers = make_powers();
  SUBSIDY_ASSERT(n >= 0 && n <= kMaxPower);
  return powers[static_cast<size_t>(n)];
}

Int128 divide_rounded(const Int128& numerator, const Int128& denominator, Rounding mode) {
  SUBSIDY_ASSERT(denominator > 0);
  Int128 quotient = numerator / denominator;   // truncates toward zero
  Int128 remainder = numerator % denominator;  // carries the numerator's sign
  if (remainder == 0) return quotient;
  const int sign = numerator < 0 ? -1 : 1;
  const Int128 rem = abs128(remainder);
  const Int128 rest = denominator - rem;  // compare 2*rem with d without overflowing
  const int half = rem < rest ? -1 : (rem == rest ? 0 : 1);
  bool away = false;  // move one step away from zero?
  switch (mode) {
    case Rounding::down:
      away = false;
      break;
    case Rounding::up:
      away = true;
      break;
    case Rounding::ceiling:
      away = sign > 0;
      break;
    case Rounding::floor:
      away = sign < 0;
      break;
    case Rounding::half_up:
      away = half >= 0;
      break;
    case Rounding::half_down:
      away = half > 0;
      break;
    case Rounding::half_even:
      away = half > 0 || (half == 0 && (abs128(quotient) % 2) == 1);
      break;
  }
  if (!away) return quotient;
  return checked("rounding", [&] { return Int128(quotient + sign); });
}

int Decimal::digits() const {
  const Int128 magnitude = abs128(coefficient_);
  int count = 1;
  while (count <= kMaxPower && magnitude >= power_of_ten(count)) ++count;
  return count;
}

Decimal Decimal::quantize(int32_t exponent, Rounding mode) const {
  if (exponent == exponent_) return *this;
  if (exponent < exponent_) {  // more decimals: exact, may overflow
    const int64_t shift = int64_t{exponent_} - exponent;
    if (coefficient_ == 0) return Decimal(0, exponent);
    if (shift > kMaxPower) throw OverflowError("arithmetic overflow in quantize");
    return Decimal(
        checked("quantize",
                [&] { return Int128(coefficient_ * power_of_ten(static_cast<int>(shift))); }),
        exponent);
  }
  const int64_t shift = int64_t{exponent} - exponent_;
  if (shift > kMaxPower) {
    // |coefficient| < 10^39 / 2, so the value is below half a unit of the new exponent.
    if (coefficient_ == 0) return Decimal(0, exponent);
    const Int128 tiny = coefficient_ < 0 ? Int128(-1) : Int128(1);
    return Decimal(divide_rounded(tiny, power_of_ten(kMaxPower), mode), exponent);
  }
  return Decimal(divide_rounded(coefficient_, power_of_ten(static_cast<int>(shift)), mode),
                 exponent);
}

Decimal Decimal::operator+(const Decimal& other) const {
  Int128 a, b;
  int32_t exponent = 0;
  align(*this, other, a, b, exponent);
  return Decimal(checked("addition", [&] { return Int128(a + b); }), exponent);
}

Decimal Decimal::operator-(const Decimal& other) const {
  Int128 a, b;
  int32_t exponent = 0;
  align(*this, other, a, b, exponent);
  return Decimal(checked("subtraction", [&] { return Int128(a - b); }), exponent);
}

Decimal Decimal::operator*(const Decimal& other) const {
  const int64_t exponent = int64_t{exponent_} + other.exponent_;
  if (exponent > INT32_MAX || exponent < INT32_MIN) throw OverflowError("exponent overflow");
  return Decimal(
      checked("multiplication", [&] { return Int128(coefficient_ * other.coefficient_); }),
      static_cast<int32_t>(exponent));
}

std::strong_ordering Decimal::operator<=>(const Decimal& other) const {
  if (is_negative() != other.is_negative()) {
    return is_negative() ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  try {
    Int128 a, b;
    int32_t exponent = 0;
    align(*this, other, a, b, exponent);
    return a < b ? std::strong_ordering::less
                 : (a == b ? std::strong_ordering::equal : std::strong_ordering::greater);
  } catch (const OverflowError&) {
    // Aligning overflowed, so the magnitudes differ hugely: the one that overflowed is the larger.
    const bool this_bigger_magnitude = exponent_ > other.exponent_;
    const bool this_greater = this_bigger_magnitude != is_negative();
    return this_greater ? std::strong_ordering::greater : std::strong_ordering::less;
  }
}

std::string Decimal::to_plain_string() const {
  std::string digits_text = abs128(coefficient_).str();
  // Zero times a positive power of ten is "0", not "000".
  if (exponent_ > 0 && coefficient_ != 0) digits_text.append(static_cast<size_t>(exponent_), '0');
  if (exponent_ < 0) {
    const size_t scale = static_cast<size_t>(-int64_t{exponent_});
    if (digits_text.size() <= scale) digits_text.insert(0, scale - digits_text.size() + 1, '0');
    digits_text.insert(digits_text.size() - scale, 1, '.');
  }
  if (coefficient_ < 0) digits_text.insert(0, 1, '-');
  return digits_text;
}

std::string Decimal::to_scientific_string() const {
  // The decimal specification, to-scientific-string: plain notation when the exponent is <= 0 and
  // the adjusted exponent is >= -6; otherwise one digit, a point, the rest and E±adjusted.
  const std::string coefficient_text = abs128(coefficient_).str();
  const int64_t adjusted = int64_t{exponent_} + static_cast<int64_t>(coefficient_text.size()) - 1;
  const std::string sign = coefficient_ < 0 ? "-" : "";
  if (exponent_ <= 0 && adjusted >= -6) return sign + abs().to_plain_string();
  std::string out = sign;
  out.push_back(coefficient_text[0]);
  if (coefficient_text.size() > 1) out.append(".").append(coefficient_text, 1);
  out += "E";
  out += adjusted >= 0 ? "+" : "-";
  out += std::to_string(adjusted >= 0 ? adjusted : -adjusted);
  return out;
}

namespace {

// Parses [-]digits[.digits] into a Decimal; `allow_plus` admits a leading '+'.
Parsed<Decimal> parse_mantissa(std::string_view text, bool allow_plus) {
  Parsed<Decimal> result;
  if (text.empty()) {
    result.error = "is empty";
    return result;
  }
  if (text.size() > kMaxDecimalText) {
    result.error = "is longer than " + std::to_string(kMaxDecimalText) + " characters";
    return result;
  }
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '-' || (allow_plus && text[0] == '+')) {
    negative = text[0] == '-';
    pos = 1;
  }
  Int128 coefficient = 0;
  int32_t scale = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.') {
      if (seen_point) {
        result.error = "has more than one decimal point";
        return result;
      }
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') {
      result.error = std::string("has an unexpected character '") + c + "'";
      return result;
    }
    seen_digit = true;
    try {
      coefficient = coefficient * 10 + (c - '0');
    } catch (const std::overflow_error&) {
      result.error = "has too many digits";
      return result;
    }
    if (seen_point) ++scale;
  }
  if (!seen_digit) {
    result.error = "has no digits";
    return result;
  }
  result.value = Decimal(negative ? Int128(-coefficient) : coefficient, -scale);
  return result;
}

}  // namespace

Parsed<Decimal> Decimal::parse_plain(std::string_view text) {
  Parsed<Decimal> result = parse_mantissa(text, false);
  if (result && (text.front() == '.' || text.back() == '.' || text.substr(0, 2) == "-.")) {
    result.value.reset();
    result.error = "needs a digit on both sides of the decimal point";
  }
  return result;
}

Parsed<Decimal> Decimal::parse_scientific(std::string_view text) {
  const size_t e = text.find_first_of("eE");
  Parsed<Decimal> result = parse_mantissa(text.substr(0, e), true);
  if (!result || e == std::string_view::npos) return result;
  std::string_view exponent_text = text.substr(e + 1);
  bool negative = false;
  if (!exponent_text.empty() && (exponent_text[0] == '+' || exponent_text[0] == '-')) {
    negative = exponent_text[0] == '-';
    exponent_text.remove_prefix(1);
  }
  if (exponent_text.empty() ||
      exponent_text.find_first_not_of("0123456789") != std::string_view::npos) {
    result.value.reset();
    result.error = "has a malformed exponent";
    return result;
  }
  // Leading zeros are allowed ("1E+007"); past them, more than 10 digits cannot fit an int32.
  const size_t first_significant = exponent_text.find_first_not_of('0');
  exponent_text.remove_prefix(std::min(first_significant, exponent_text.size()));
  int64_t magnitude = 0;
  if (exponent_text.size() <= 10) {
    for (char c : exponent_text) magnitude = magnitude * 10 + (c - '0');
  }
  const int64_t exponent = result.value->exponent() + (negative ? -magnitude : magnitude);
  if (exponent_text.size() > 10 || exponent > INT32_MAX || exponent < INT32_MIN) {
    result.value.reset();
    result.error = "has an exponent out of range";
    return result;
  }
  result.value = Decimal(result.value->coefficient(), static_cast<int32_t>(exponent));
  return result;
}

}  // namespace subsidy
