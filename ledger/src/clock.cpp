// UTC timestamps in ISO-8601 (clock.h). The formatting is the journal's format_utc, so that master
// data and ledger entries carry times in exactly one form.
#include "ledger/clock.h"

#include <chrono>

#include "ledger/journal.h"

namespace subsidy {

std::string utc_iso8601(std::time_t seconds) {
  return format_utc(std::chrono::system_clock::from_time_t(seconds));
}

std::string utc_now_iso8601() {
  return format_utc(std::chrono::system_clock::now());
}

}  // namespace subsidy
