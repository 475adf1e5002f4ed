// Test-only kill points for the crash tests (tests/cli/export_kill_test.sh): a process can be made
// to die by SIGKILL at a named point of an operation, or after a given time, exactly as `kill -9`
// would kill it, without the test having to sleep and guess. Both are off unless their
// environment variable is set; nothing else reads these variables.
#pragma once

#include <string_view>

namespace subsidy::ops {

// Dies by SIGKILL when $SUBSIDY_TEST_KILL_AT equals `name` (e.g. "export.recorded": the export's
// first phase has committed, no file is written yet). Does nothing otherwise. Never returns when
// it kills.
void test_kill_point(std::string_view name);

// When $SUBSIDY_TEST_KILL_AFTER_US holds a positive number of microseconds, arms a timer that
// kills this process by SIGKILL that long after the call, wherever it then is. Does nothing
// otherwise (also for a value that is not a number). Call once, at the start of main.
void arm_test_kill_timer();

}  // namespace subsidy::ops
