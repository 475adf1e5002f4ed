// Personal SM2 keys (GB/T 32918) with SM3 digests (GB/T 32905), through OpenSSL 3's EVP interface:
// a key pair generated for a person, the private key kept as encrypted PKCS#8 (PBES2 with scrypt
// and AES-256-CBC) under that person's passphrase, signatures in DER with the distinguishing ID
// 1234567812345678 (GB/T 35276's default), and their verification from a PEM public key. The
// same signatures verify with `openssl pkeyutl -verify -pubin -inkey NAME.pem -rawin -digest sm3
// -pkeyopt distid:1234567812345678 -in REC.bin -sigfile REC.sig` (docs/people.md: the -pkeyopt is
// needed, OpenSSL 3.0's command line otherwise uses an empty ID).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "ledger/base/error.h"

namespace subsidy::people {

// The distinguishing ID every signature of the ledger uses.
inline constexpr std::string_view kSm2DistinguishingId = "1234567812345678";

// The scrypt parameters of a private key's encryption. The default (N = 2^14, r = 8, p = 6) costs
// about 100 ms or more per unlock on the bureau's machine (docs/people.md gives the measurement);
// tests use cheaper ones where the cost is not what they test.
struct ScryptCost {
  uint64_t n = uint64_t{1} << 14;
  uint64_t r = 8;
  uint64_t p = 6;
};

// A passphrase that does not open the private key.
class WrongPassphraseError : public RefusedError {
 public:
  using RefusedError::RefusedError;
};

// A new key pair: the public key as PEM (SubjectPublicKeyInfo) and the private key as encrypted
// PKCS#8 PEM.
struct NewKey {
  std::string public_pem;
  std::string private_pem;
};

// Generates an SM2 key pair and encrypts its private key under `passphrase`. Throws RefusedError
// when the passphrase is shorter than 8 bytes or OpenSSL fails.
NewKey generate_key(std::string_view passphrase, const ScryptCost& cost = {});

class UnlockedKey;

// generate_key, also returning the new private key open (no second scrypt to sign with it).
std::pair<NewKey, UnlockedKey> generate_unlocked_key(std::string_view passphrase,
                                                     const ScryptCost& cost = {});

// A private key opened with its passphrase, for signing; the key leaves memory with the object.
class UnlockedKey {
 public:
  UnlockedKey(UnlockedKey&&) noexcept;
  UnlockedKey& operator=(UnlockedKey&&) noexcept;
  ~UnlockedKey();
  // The DER signature (SM2 with SM3, ID 1234567812345678) of `message`. Throws RefusedError.
  std::string sign(std::string_view message) const;
  // The public key as PEM.
  std::string public_pem() const;
  // The private key encrypted again under `passphrase` (user passwd). Throws RefusedError.
  std::string encrypted_pem(std::string_view passphrase, const ScryptCost& cost = {}) const;

 private:
  friend UnlockedKey unlock_key(std::string_view private_pem, std::string_view passphrase);
  friend std::pair<NewKey, UnlockedKey> generate_unlocked_key(std::string_view passphrase,
                                                              const ScryptCost& cost);
  struct Impl;
  explicit UnlockedKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Decrypts an encrypted PKCS#8 PEM private key. Throws WrongPassphraseError when the passphrase
// does not open it, RefusedError when it is not an SM2 key.
UnlockedKey unlock_key(std::string_view private_pem, std::string_view passphrase);

// True when `der_signature` is a valid SM2/SM3 signature (ID 1234567812345678) of `message` under
// the PEM public key. False for anything else (a bad key, a malformed signature); never throws.
bool verify_signature(std::string_view public_pem, std::string_view message,
                      std::string_view der_signature);

}  // namespace subsidy::people
