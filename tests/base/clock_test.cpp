// UTC times (clock.h): parse_utc reads back exactly what format_utc writes and nothing else, and a
// fixed clock (the CLI's $SUBSIDY_FIXED_TIME) is what system_clock() and utc_now_iso8601() give.
#include <catch2/catch.hpp>

#include "ledger/base/clock.h"

using subsidy::format_utc;
using subsidy::parse_utc;

TEST_CASE("parse_utc reads format_utc's form back, and only that form") {
  const auto time = parse_utc("2026-01-20T08:00:00Z");
  REQUIRE(time);
  CHECK(format_utc(*time) == "2026-01-20T08:00:00Z");
  CHECK(std::chrono::system_clock::to_time_t(*time) == 1768896000);
  CHECK_FALSE(parse_utc(""));
  CHECK_FALSE(parse_utc("2026-01-20"));
  CHECK_FALSE(parse_utc("2026-01-20 08:00:00Z"));
  CHECK_FALSE(parse_utc("2026-01-20T08:00:00"));
  CHECK_FALSE(parse_utc("2026-01-20T08:00:00+08:00"));
  CHECK_FALSE(parse_utc("2026-01-20T08:00:00Zx"));
  CHECK_FALSE(parse_utc("2023-02-30T08:00:00Z"));
  CHECK_FALSE(parse_utc("2026-1-20T08:00:00Z "));
}

// No other test of base_test reads the clock: fixing it cannot be undone in this process.
TEST_CASE("a fixed clock gives the fixed time to system_clock and utc_now_iso8601") {
  subsidy::fix_system_clock(*parse_utc("2026-01-20T08:00:00Z"));
  CHECK(format_utc(subsidy::system_clock()()) == "2026-01-20T08:00:00Z");
  CHECK(subsidy::utc_now_iso8601() == "2026-01-20T08:00:00Z");
}
