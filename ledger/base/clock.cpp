// UTC timestamps in ISO-8601 (clock.h): the one form in which master data, ledger entries and
// payment events carry times, so that stored times sort as text.
#include "ledger/base/clock.h"

namespace subsidy {

namespace {

// Set by fix_system_clock (tests only); empty means the real clock.
std::optional<std::chrono::system_clock::time_point>& fixed_time() {
  static std::optional<std::chrono::system_clock::time_point> time;
  return time;
}

std::chrono::system_clock::time_point now() {
  return fixed_time() ? *fixed_time() : std::chrono::system_clock::now();
}

}  // namespace

Clock system_clock() {
  return [] { return now(); };
}

void fix_system_clock(std::chrono::system_clock::time_point time) {
  fixed_time() = time;
}

std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text) {
  std::tm utc{};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  if (text.size() != 20 || end == nullptr || *end != '\0') return std::nullopt;
  const auto time = std::chrono::system_clock::from_time_t(timegm(&utc));
  if (format_utc(time) != text) return std::nullopt;  // 2023-02-30 and the like
  return time;
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
  return format_utc(now());
}

}  // namespace subsidy
