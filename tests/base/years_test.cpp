// Award year and fiscal year (years.h): the range check of `checked`, and two types that do not
// mix.
#include <catch2/catch.hpp>

#include <type_traits>

#include "ledger/base/years.h"

using namespace subsidy;

static_assert(!std::is_convertible_v<AwardYear, FiscalYear>);
static_assert(!std::is_convertible_v<FiscalYear, AwardYear>);
static_assert(!std::is_constructible_v<FiscalYear, AwardYear>);
static_assert(!std::is_constructible_v<AwardYear, FiscalYear>);

TEST_CASE("a year outside 1900-9999 is refused with a located InputError") {
  CHECK(AwardYear::checked(2023, {"applications.csv", 2, "year", ""}) == AwardYear(2023));
  CHECK(FiscalYear::checked(1900, {}) == FiscalYear(1900));
  CHECK(FiscalYear::checked(9999, {}) == FiscalYear(9999));
  CHECK_THROWS_AS(FiscalYear::checked(1899, {}), InputError);
  CHECK_THROWS_AS(AwardYear::checked(10000, {}), InputError);
  CHECK_THROWS_WITH(AwardYear::checked(23, {"--year", 0, "year", ""}),
                    "--year:0:year: year 23 is outside 1900–9999; give a four-digit year");
  CHECK_THROWS_AS(AwardYear::checked(int64_t{1} << 40, {}), InputError);  // no narrowing wrap
}

TEST_CASE("years compare within their kind, and an award is booked in its own year") {
  CHECK(AwardYear(2023) < AwardYear(2024));
  CHECK(AwardYear(2023).next() == AwardYear(2024));
  CHECK(FiscalYear(2024).previous() == FiscalYear(2023));
  CHECK(booked_in(AwardYear(2023)) == FiscalYear(2023));
  CHECK(FiscalYear(2025).to_string() == "2025");
}
