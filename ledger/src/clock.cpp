// UTC timestamps in ISO-8601 (clock.h), through the thread-safe gmtime_r.
#include "ledger/clock.h"

#include <array>

namespace subsidy {

std::string utc_iso8601(std::time_t seconds) {
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  std::array<char, 32> text{};
  const size_t length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(text.data(), length);
}

std::string utc_now_iso8601() {
  return utc_iso8601(std::time(nullptr));
}

}  // namespace subsidy
