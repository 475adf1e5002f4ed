// Child processes for the benchmark's measurements (measure.h).
#include "measure.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "ledger/base/error.h"

namespace subsidy::bench {

namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Waits for `child`; returns its peak memory. Throws when it did not exit 0.
int64_t wait_for(pid_t child, const std::string& what) {
  int status = 0;
  struct rusage usage {};
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw RefusedError("waiting for " + what + ": " + std::strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw RefusedError(what + " failed (" +
                       (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                          : "signal " + std::to_string(WTERMSIG(status))) +
                       ")");
  }
  return usage.ru_maxrss;  // KiB on Linux
}

std::string joined(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& arg : argv) text += (text.empty() ? "" : " ") + arg;
  return text;
}

}  // namespace

RunResult run_in_child(const std::function<void()>& work) {
  std::cout.flush();
  const int64_t start = now_ns();
  const pid_t child = fork();
  if (child < 0) throw RefusedError(std::string("fork: ") + std::strerror(errno));
  if (child == 0) {
    int code = 0;
    try {
      work();
    } catch (const std::exception& e) {
      std::cerr << "subsidy-bench: " << e.what() << "\n";
      code = 1;
    }
    std::cout.flush();
    _exit(code);  // no atexit handlers or destructors of the parent's objects
  }
  const int64_t peak = wait_for(child, "a measured step");
  return {now_ns() - start, peak};
}

RunResult run_program(const std::vector<std::string>& argv, const Output& output) {
  assert(!argv.empty());
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const int64_t start = now_ns();
  const pid_t child = fork();
  if (child < 0) throw RefusedError(std::string("fork: ") + std::strerror(errno));
  if (child == 0) {
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(output.stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0) _exit(126);
    if (!output.log_path.empty()) {
      const int log = open(output.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (log < 0 || dup2(log, 2) < 0) _exit(126);
    }
    execv(args[0], args.data());
    std::perror(args[0]);
    _exit(127);
  }
  const std::string log = output.log_path.empty() ? "" : " (messages in " + output.log_path + ")";
  const int64_t peak = wait_for(child, joined(argv) + log);
  return {now_ns() - start, peak};
}

RunResult run_programs(const std::vector<std::vector<std::string>>& commands,
                       const Output& output) {
  RunResult total;
  for (const auto& argv : commands) {
    const RunResult one = run_program(argv, output);
    total.wall_ns += one.wall_ns;
    total.peak_rss_kib = std::max(total.peak_rss_kib, one.peak_rss_kib);
  }
  return total;
}

RunResult summarize(std::vector<RunResult> runs) {
  assert(!runs.empty());
  std::sort(runs.begin(), runs.end(),
            [](const RunResult& a, const RunResult& b) { return a.wall_ns < b.wall_ns; });
  RunResult result{runs[(runs.size() - 1) / 2].wall_ns, 0};
  for (const RunResult& run : runs)
    result.peak_rss_kib = std::max(result.peak_rss_kib, run.peak_rss_kib);
  return result;
}

std::string format_seconds(int64_t ns) {
  const int64_t ms = ns / 1'000'000;
  std::string fraction = std::to_string(ms % 1000);
  fraction.insert(0, 3 - fraction.size(), '0');
  return std::to_string(ms / 1000) + "." + fraction + " s";
}

std::string format_memory(int64_t kib) {
  const int64_t tenths = kib * 10 / 1024;  // MiB with one decimal
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

}  // namespace subsidy::bench
