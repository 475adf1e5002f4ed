// UTC timestamps in ISO-8601 (clock.h): the one form in which master data, ledger entries and
// payment events carry times, so that stored times sort as text.
#include "ledger/base/clock.h"

namespace subsidy {

Clock system_clock() {
  return [] { return std::chrono::system_clock::now(); };
}

std::string format_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, size);
}

std::string utc_iso8601(std::time_t seconds) {
  return format_utc(std::chrono::system_clock::from_time_t(seconds));
}

std::string utc_now_iso8601() {
  return format_utc(std::chrono::system_clock::now());
}

}  // namespace subsidy
