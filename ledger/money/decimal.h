// Exact decimal numbers for rates, factors and intermediate results: coefficient × 10^exponent with
// a checked 128-bit coefficient. There is no conversion from or to binary floating point, and every
// operation that rounds names its rounding mode at the call site.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace subsidy {

// A 128-bit signed integer whose arithmetic throws std::overflow_error instead of wrapping.
using Int128 = boost::multiprecision::checked_int128_t;

// The rounding modes of the General Decimal Arithmetic specification. Money rounds half_up
// (四舍五入: half away from zero) unless a rule says otherwise.
enum class Rounding { half_up, half_even, half_down, up, down, ceiling, floor };

// "half_up", "half_even", ...: the names used in policy files and decTest directives.
std::string_view rounding_name(Rounding mode);
// The mode of a name above; nullopt for an unknown name.
std::optional<Rounding> rounding_from_name(std::string_view name);

// numerator / denominator rounded to an integer with `mode`. Requires denominator > 0.
// Throws OverflowError if the result does not fit.
Int128 divide_rounded(const Int128& numerator, const Int128& denominator, Rounding mode);

// 10^n for 0 <= n <= 38 (the largest power of ten an Int128 holds).
const Int128& power_of_ten(int n);

// The result of parsing text: a value, or a reason the text is refused.
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // set exactly when value is empty
  explicit operator bool() const { return value.has_value(); }
};

class Decimal {
 public:
  Decimal() = default;  // zero, exponent 0
  Decimal(Int128 coefficient, int32_t exponent) : coefficient_(coefficient), exponent_(exponent) {}
  static Decimal from_integer(int64_t value) { return Decimal(Int128(value), 0); }

  // Parses plain notation: optional '-', digits, optional '.' and digits ("0.05", "-12.340", "7").
  // No exponent, no '+', no spaces, no thousands separators. Keeps trailing zeros (scale matters).
  static Parsed<Decimal> parse_plain(std::string_view text);
  // Parses the numeric strings of the decimal specification, which adds exponents ("1.2E+3",
  // "-0e-7", "1E+007") and a leading '+'. Infinities and NaNs are refused (this type has none), and
  // so is a resulting exponent outside int32 ("has an exponent out of range").
  static Parsed<Decimal> parse_scientific(std::string_view text);

  const Int128& coefficient() const { return coefficient_; }
  int32_t exponent() const { return exponent_; }
  bool is_zero() const { return coefficient_ == 0; }
  bool is_negative() const { return coefficient_ < 0; }
  // Number of decimal digits in the coefficient (1 for zero).
  int digits() const;

  // The same value expressed with the given exponent, rounded with `mode` when digits are dropped.
  // Throws OverflowError when the coefficient would not fit.
  Decimal quantize(int32_t exponent, Rounding mode) const;

  // Exact arithmetic (no rounding); the result exponent follows the decimal specification
  // (min of the exponents for +/-, sum for *). Throw OverflowError when the result does not fit.
  Decimal operator+(const Decimal& other) const;
  Decimal operator-(const Decimal& other) const;
  Decimal operator*(const Decimal& other) const;
  Decimal operator-() const { return Decimal(-coefficient_, exponent_); }
  Decimal abs() const {
    return Decimal(coefficient_ < 0 ? Int128(-coefficient_) : coefficient_, exponent_);
  }

  // Numeric comparison: 1.0 == 1.00.
  std::strong_ordering operator<=>(const Decimal& other) const;
  bool operator==(const Decimal& other) const { return (*this <=> other) == 0; }

  // Plain notation with exactly -exponent decimals ("0.050", "-12", "1200" for 12E+2, "0" for
  // 0E+2). The text is about |exponent| characters long: meant for values of a bounded scale
  // (rates, amounts); print values read from untrusted text with to_scientific_string().
  std::string to_plain_string() const;
  // The specification's to-scientific-string ("1.2E+3", "0.000001", "1E-7").
  std::string to_scientific_string() const;

 private:
  Int128 coefficient_ = 0;
  int32_t exponent_ = 0;
};

}  // namespace subsidy
