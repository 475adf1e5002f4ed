// SUBSIDY_ASSERT (check.h): the line a failure prints, and that a failure aborts the process with
// that line on stderr, in Release too. The abort is observed from a forked child (a death test).
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <string>

#include "ledger/base/check.h"

using subsidy::assertion_message;

namespace {

struct Death {
  bool aborted = false;
  std::string stderr_text;
};

// Runs `body` in a forked child with its stderr on a pipe; reports how the child ended.
template <typename Body>
Death run_in_child(Body body) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    std::signal(SIGABRT, SIG_DFL);
    close(fds[0]);
    dup2(fds[1], STDERR_FILENO);
    body();
    _exit(0);
  }
  close(fds[1]);
  Death death;
  char buffer[512];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) {
    death.stderr_text.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  death.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
  return death;
}

int g_calls = 0;
bool counted(bool value) {
  ++g_calls;
  return value;
}

}  // namespace

TEST_CASE("an assertion failure names the file, the line, the condition and the reason") {
  CHECK(assertion_message("ledger/books/journal.cpp", 42, "sum == 0", "entry balances") ==
        "ledger/books/journal.cpp:42: assertion failed: sum == 0 (entry balances)");
  CHECK(assertion_message("a.cpp", 7, "x > 0", "") == "a.cpp:7: assertion failed: x > 0");
  CHECK(assertion_message("a.cpp", 7, "x > 0", nullptr) == "a.cpp:7: assertion failed: x > 0");
}

TEST_CASE("a holding assertion does nothing and evaluates its condition once") {
  g_calls = 0;
  SUBSIDY_ASSERT(counted(true));
  SUBSIDY_ASSERT_MSG(counted(true), "holds");
  CHECK(g_calls == 2);
}

TEST_CASE("a failing assertion prints one line to stderr and aborts, in every build") {
  const Death death = run_in_child([] {
    const int fen = -1;
    SUBSIDY_ASSERT(fen >= 0);
  });
  CHECK(death.aborted);
  CHECK(death.stderr_text.find("check_test.cpp:") != std::string::npos);
  CHECK(death.stderr_text.find(": assertion failed: fen >= 0\n") != std::string::npos);
}

TEST_CASE("a failing assertion with a reason prints the reason in brackets") {
  const Death death = run_in_child([] {
    const int left = 3;
    SUBSIDY_ASSERT_MSG(left < 2, "fewer fen left than claims");
  });
  CHECK(death.aborted);
  CHECK(death.stderr_text.find(": assertion failed: left < 2 (fewer fen left than claims)\n") !=
        std::string::npos);
}
