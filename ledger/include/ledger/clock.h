// The one way the ledger tells the time: UTC, ISO-8601, to the second ("2026-11-24T20:54:49Z").
// Stored times are always in this form so that they sort as text.
#pragma once

#include <ctime>
#include <string>

namespace subsidy {

// The current time.
std::string utc_now_iso8601();

// A given time (seconds since the epoch) in the same form.
std::string utc_iso8601(std::time_t seconds);

}  // namespace subsidy
