// The current time as the ledger stores it: UTC, ISO-8601, to the second ("2026-11-24T20:54:49Z"),
// the form of journal.h's format_utc.
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
