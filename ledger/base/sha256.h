// SHA-256 (OpenSSL EVP) as lowercase hex: the one hash of the project, used by the ledger's hash
// chain and by anything that must prove later which bytes it saw.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace subsidy {

// The SHA-256 of `bytes` as 64 lowercase hex digits. Throws std::runtime_error only if OpenSSL
// itself fails (out of memory).
std::string sha256_hex(std::string_view bytes);

// An incremental SHA-256 for data that arrives in pieces. Owns its OpenSSL context.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Adds bytes to the message.
  void update(std::string_view bytes);
  // The digest of everything added since construction or the last finish(), as lowercase hex;
  // the object is then ready for a new message.
  std::string finish_hex();

 private:
  evp_md_ctx_st* context_;
};

}  // namespace subsidy
