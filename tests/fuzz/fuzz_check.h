// The one assertion fuzz targets use: on a broken property it prints what broke and the input, then
// aborts, which libFuzzer reports as a crash (saving the input) and a replay turns into a failed
// ctest entry. Works the same in release builds (it is not assert()).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace subsidy::fuzz {

// Aborts with `what` and the input (printed with %.*s, so embedded NULs cut it short) when !ok.
inline void require(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property broken: %s\ninput (%zu bytes): %.*s\n", what, input.size(),
               static_cast<int>(input.size()), input.data());
  std::abort();
}

}  // namespace subsidy::fuzz
