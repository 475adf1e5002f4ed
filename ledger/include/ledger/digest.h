// SHA-256 digests (OpenSSL libcrypto) of files and of canonical record contents, as lower-case hex.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace subsidy {

using Sha256 = std::array<uint8_t, 32>;

// The SHA-256 of `bytes`. Throws RefusedError only if libcrypto itself fails.
Sha256 sha256(std::string_view bytes);

// 64 lower-case hex digits.
std::string to_hex(const Sha256& digest);

// to_hex(sha256(bytes)).
inline std::string sha256_hex(std::string_view bytes) {
  return to_hex(sha256(bytes));
}

}  // namespace subsidy
