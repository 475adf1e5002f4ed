// Assertions that stay: SUBSIDY_ASSERT is checked in every build, Release included. A broken
// invariant is a programmer error, and a ledger that has lost one must not go on writing, so the
// failure prints one line (FILE:LINE: assertion failed: COND (why)) to stderr and aborts. Bad input
// is not a programmer error: it gets a typed error (error.h), never an assertion.
//
// The check costs one predicted branch; the failure path is a cold, out-of-line function.
#pragma once

#include <string>

namespace subsidy {

// The line an assertion failure prints, without the newline: "FILE:LINE: assertion failed: COND",
// followed by " (WHY)" when `why` is not empty.
std::string assertion_message(const char* file, int line, const char* condition, const char* why);

// Prints assertion_message(...) and a newline to stderr, then std::abort(). Never returns.
[[noreturn, gnu::cold, gnu::noinline]] void assertion_failed(const char* file, int line,
                                                             const char* condition,
                                                             const char* why);

}  // namespace subsidy

#define SUBSIDY_ASSERT(cond)                                      \
  do {                                                            \
    if (!(cond)) [[unlikely]] {                                   \
      ::subsidy::assertion_failed(__FILE__, __LINE__, #cond, ""); \
    }                                                             \
  } while (false)

#define SUBSIDY_ASSERT_MSG(cond, why)                                \
  do {                                                               \
    if (!(cond)) [[unlikely]] {                                      \
      ::subsidy::assertion_failed(__FILE__, __LINE__, #cond, (why)); \
    }                                                                \
  } while (false)

// A place control never reaches while the invariants hold: fails like SUBSIDY_ASSERT_MSG(false,
// why), and the compiler knows nothing follows (no made-up return value after it).
#define SUBSIDY_UNREACHABLE(why) \
  ::subsidy::assertion_failed(__FILE__, __LINE__, "unreachable", (why))
