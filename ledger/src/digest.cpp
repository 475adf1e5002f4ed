// SHA-256 through OpenSSL's EVP interface (the low-level SHA256() is deprecated in OpenSSL 3).
#include "ledger/digest.h"

#include <openssl/evp.h>

#include "ledger/error.h"

namespace subsidy {

Sha256 sha256(std::string_view bytes) {
  Sha256 digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    throw RefusedError("libcrypto failed to compute a SHA-256 digest");
  }
  return digest;
}

std::string to_hex(const Sha256& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (uint8_t byte : digest) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0xF]);
  }
  return hex;
}

}  // namespace subsidy
