// Test-only kill points (test_points.h).
#include "ledger/ops/test_points.h"

#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace subsidy::ops {

namespace {

void kill_self(int /*signal*/) {
  ::kill(::getpid(), SIGKILL);
}

}  // namespace

void test_kill_point(std::string_view name) {
  const char* env = std::getenv("SUBSIDY_TEST_KILL_AT");
  if (env == nullptr || name != env) return;
  ::kill(::getpid(), SIGKILL);
  ::pause();  // SIGKILL cannot be caught: never reached
}

void arm_test_kill_timer() {
  const char* env = std::getenv("SUBSIDY_TEST_KILL_AFTER_US");
  if (env == nullptr) return;
  int64_t micros = 0;
  const char* end = env + std::strlen(env);
  if (std::from_chars(env, end, micros).ptr != end || micros <= 0) return;
  struct sigaction action {};
  action.sa_handler = kill_self;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGALRM, &action, nullptr);
  itimerval timer{};
  timer.it_value.tv_sec = static_cast<time_t>(micros / 1000000);
  timer.it_value.tv_usec = static_cast<suseconds_t>(micros % 1000000);
  ::setitimer(ITIMER_REAL, &timer, nullptr);
}

}  // namespace subsidy::ops
