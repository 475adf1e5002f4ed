// Measuring one step of the benchmark: run it in a child process (a forked function or another
// program), take the wall time in whole nanoseconds from the parent's steady clock and the child's
// peak resident memory from wait4's rusage, so that each figure belongs to that step alone and no
// step inherits the memory of an earlier one. Integers only: times are nanoseconds, memory KiB.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace subsidy::bench {

struct RunResult {
  int64_t wall_ns = 0;
  int64_t peak_rss_kib = 0;
};

// Runs `work` in a forked child. Throws RefusedError when the child does not exit 0 (an exception
// in `work` is printed by the child and turns into exit 1).
RunResult run_in_child(const std::function<void()>& work);

// Where a program's output goes: stdout replaces `stdout_path`, stderr is appended to `log_path`
// (kept on the terminal when empty).
struct Output {
  std::string stdout_path = "/dev/null";
  std::string log_path;
};

// Runs a program (argv[0] is its path) with stdin from /dev/null and its output as `output` says.
// Throws RefusedError naming the command (and the log) when it cannot start or exits non-zero.
RunResult run_program(const std::vector<std::string>& argv, const Output& output = {});

// Several programs one after the other, as one step: the sum of their times, the largest peak.
RunResult run_programs(const std::vector<std::vector<std::string>>& commands,
                       const Output& output = {});

// The median of the runs' times (the lower middle one for an even count) and the largest peak
// memory of all runs. Requires at least one run.
RunResult summarize(std::vector<RunResult> runs);

// "12.345 s" from nanoseconds, "1.2 MiB" style from KiB: integer arithmetic, rounded down.
std::string format_seconds(int64_t ns);
std::string format_memory(int64_t kib);

}  // namespace subsidy::bench
