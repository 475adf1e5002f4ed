// The two years of the ledger as two types that do not mix: AwardYear, the year an application's
// award is for (`--year` of assess, batch create and the reports; applications.year), and
// FiscalYear, the year an entry is booked in (ledger_entries.fiscal_year; year close). Both hold a
// plain int32_t; construction is explicit, `checked` refuses a year outside 1900–9999 with an
// InputError, and passing one where the other is expected does not compile. The one bridge is
// booked_in(): an award is booked in the fiscal year equal to its award year.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "ledger/base/check.h"
#include "ledger/base/error.h"

namespace subsidy {

namespace years_detail {

// One year type per tag; the tag keeps AwardYear and FiscalYear apart.
template <typename Tag>
struct Year {
  static constexpr int64_t kFirst = 1900;
  static constexpr int64_t kLast = 9999;

  int32_t value = 0;

  constexpr explicit Year(int32_t year) : value(year) {}

  // The year `year`; throws InputError naming `where` (its file, line and column) when it is
  // outside kFirst..kLast.
  static Year checked(int64_t year, InputProblem where) {
    if (year < kFirst || year > kLast) {
      where.reason =
          "year " + std::to_string(year) + " is outside 1900–9999; give a four-digit year";
      throw InputError({std::move(where)});
    }
    return Year(static_cast<int32_t>(year));
  }

  // A year the caller knows to be in range: read back from the ledger (whose schema checks it) or
  // already checked by a front end. Asserts kFirst..kLast (a programmer error otherwise).
  static Year known(int64_t year) {
    SUBSIDY_ASSERT(year >= kFirst && year <= kLast);
    return Year(static_cast<int32_t>(year));
  }

  constexpr Year next() const { return Year(value + 1); }
  constexpr Year previous() const { return Year(value - 1); }
  std::string to_string() const { return std::to_string(value); }

  friend constexpr bool operator==(Year, Year) = default;
  friend constexpr auto operator<=>(Year, Year) = default;
};

struct AwardTag {};
struct FiscalTag {};

}  // namespace years_detail

using AwardYear = years_detail::Year<years_detail::AwardTag>;
using FiscalYear = years_detail::Year<years_detail::FiscalTag>;

static_assert(!std::is_convertible_v<AwardYear, FiscalYear>, "an award year is not a fiscal year");
static_assert(!std::is_convertible_v<FiscalYear, AwardYear>, "a fiscal year is not an award year");
static_assert(!std::is_convertible_v<int, AwardYear> && !std::is_convertible_v<int, FiscalYear>,
              "a year is made explicitly");
static_assert(!std::is_convertible_v<AwardYear, int> && !std::is_convertible_v<FiscalYear, int>,
              "a year is read through .value");

// The fiscal year an award of `award_year` is booked in: the same year (award_posting.h).
constexpr FiscalYear booked_in(AwardYear award_year) {
  return FiscalYear(award_year.value);
}

}  // namespace subsidy
