// SHA-256 through OpenSSL's EVP interface, hex-encoded.
#include "ledger/base/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace subsidy {

namespace {

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("SHA-256: ") + what + " failed");
}

// The SHA-256 implementation, fetched once: with OpenSSL 3, EVP_sha256() makes every
// EVP_DigestInit_ex look the algorithm up again, which cost a tenth of `verify`.
const EVP_MD* sha256_md() {
  static const EVP_MD* const md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? fetched : EVP_sha256();
  }();
  return md;
}

std::string to_hex(const unsigned char* bytes, unsigned int size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2U);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kDigits[bytes[i] >> 4U]);
    hex.push_back(kDigits[bytes[i] & 0x0FU]);
  }
  return hex;
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr) throw std::runtime_error("SHA-256: out of memory");
  if (EVP_DigestInit_ex(context_, sha256_md(), nullptr) != 1) {
    EVP_MD_CTX_free(context_);
    throw std::runtime_error("SHA-256: init failed");
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(context_);
}

void Sha256::update(std::string_view bytes) {
  check(EVP_DigestUpdate(context_, bytes.data(), bytes.size()), "update");
}

std::string Sha256::finish_hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  check(EVP_DigestFinal_ex(context_, digest, &size), "final");
  check(EVP_DigestInit_ex(context_, sha256_md(), nullptr), "init");
  return to_hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) {
  thread_local Sha256 hash;  // one context per thread, reused: the chain hashes millions of entries
  hash.update(bytes);
  return hash.finish_hex();
}

}  // namespace subsidy
