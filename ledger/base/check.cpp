// The failure path of SUBSIDY_ASSERT (check.h): one line to stderr, then abort.
#include "ledger/base/check.h"

#include <cstdio>
#include <cstdlib>

namespace subsidy {

std::string assertion_message(const char* file, int line, const char* condition, const char* why) {
  std::string message =
      std::string(file) + ":" + std::to_string(line) + ": assertion failed: " + condition;
  if (why != nullptr && why[0] != '\0') message += std::string(" (") + why + ")";
  return message;
}

void assertion_failed(const char* file, int line, const char* condition, const char* why) {
  const std::string message = assertion_message(file, line, condition, why) + "\n";
  // One write, unbuffered: the line is out before abort() ends the process.
  std::fwrite(message.data(), 1, message.size(), stderr);
  std::fflush(stderr);
  std::abort();
}

}  // namespace subsidy
