// The current time as the ledger stores it: UTC, ISO-8601, to the second ("2026-11-24T20:54:49Z"),
// the form of journal.h's format_utc.
// Stored times are always in this form so that they sort as text.
#pragma once

#include <chrono>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace subsidy {

// Where times come from: every operation takes a Clock, so tests inject a fixed or stepping one.
using Clock = std::function<std::chrono::system_clock::time_point()>;
// The real UTC clock (or the fixed time set by fix_system_clock).
Clock system_clock();
// Test-only: from now on, in this process, system_clock() and utc_now_iso8601() give `time`. The
// CLI sets it from $SUBSIDY_FIXED_TIME so that its outputs can be compared byte for byte
// (tests/golden). Call it before any clock is read; not thread-safe.
void fix_system_clock(std::chrono::system_clock::time_point time);
// "2024-01-31T08:00:00Z" (exactly that form, UTC) as a time point; nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text);
// "2024-01-31T08:00:00Z": a time point as UTC ISO-8601, to the second.
std::string format_utc(std::chrono::system_clock::time_point time);

// The current time.
std::string utc_now_iso8601();

// A given time (seconds since the epoch) in the same form.
std::string utc_iso8601(std::time_t seconds);

}  // namespace subsidy
