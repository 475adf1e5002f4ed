// SM2 key pairs, their encrypted PKCS#8 form and SM2/SM3 signatures through OpenSSL 3 (sm2_key.h).
#include "ledger/people/sm2_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "ledger/base/check.h"

namespace subsidy::people {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

namespace {

constexpr size_t kMinPassphraseBytes = 8;
constexpr int kSaltBytes = 16;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

[[noreturn]] void fail(const std::string& what) {
  const unsigned long code = ERR_get_error();
  char text[256] = {0};
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  throw RefusedError("SM2: " + what + (code != 0 ? std::string(" (") + text + ")" : ""));
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return size > 0 ? std::string(data, static_cast<size_t>(size)) : std::string();
}

Bio read_bio(std::string_view text) {
  Bio bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) fail("out of memory");
  return bio;
}

// Sets the distinguishing ID on a signing or verifying context just initialized (before the
// first data: OpenSSL 3.0 refuses the ID as a parameter of the init itself).
bool set_distinguishing_id(EVP_PKEY_CTX* ctx) {
  return ctx != nullptr &&
         EVP_PKEY_CTX_set1_id(ctx, kSm2DistinguishingId.data(), kSm2DistinguishingId.size()) > 0;
}

void check_passphrase(std::string_view passphrase) {
  if (passphrase.size() < kMinPassphraseBytes) {
    throw RefusedError("口令至少 8 个字节（the passphrase must be at least 8 bytes）");
  }
  if (passphrase.find('\0') != std::string_view::npos) {
    throw RefusedError("口令不能含 NUL 字符");
  }
}

std::string encrypt_pkcs8(EVP_PKEY* key, std::string_view passphrase, const ScryptCost& cost) {
  check_passphrase(passphrase);
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
  if (info == nullptr) fail("cannot encode the private key");
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, kSaltBytes) != 1) {
    PKCS8_PRIV_KEY_INFO_free(info);
    fail("no random bytes");
  }
  X509_ALGOR* pbe =
      PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), salt, kSaltBytes, nullptr, cost.n, cost.r, cost.p);
  if (pbe == nullptr) {
    PKCS8_PRIV_KEY_INFO_free(info);
    fail("cannot set up scrypt");
  }
  const std::string pass(passphrase);
  X509_SIG* sealed = PKCS8_set0_pbe(pass.c_str(), static_cast<int>(pass.size()), info, pbe);
  PKCS8_PRIV_KEY_INFO_free(info);
  if (sealed == nullptr) {
    X509_ALGOR_free(pbe);
    fail("cannot encrypt the private key");
  }
  Bio out(BIO_new(BIO_s_mem()));
  const int written = out ? PEM_write_bio_PKCS8(out.get(), sealed) : 0;
  X509_SIG_free(sealed);
  if (written != 1) fail("cannot write the private key");
  return bio_text(out.get());
}

}  // namespace

struct UnlockedKey::Impl {
  Pkey key;
};

UnlockedKey::UnlockedKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UnlockedKey::UnlockedKey(UnlockedKey&&) noexcept = default;
UnlockedKey& UnlockedKey::operator=(UnlockedKey&&) noexcept = default;
UnlockedKey::~UnlockedKey() = default;

std::pair<NewKey, UnlockedKey> generate_unlocked_key(std::string_view passphrase,
                                                     const ScryptCost& cost) {
  check_passphrase(passphrase);
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  if (!key) fail("cannot generate a key pair");
  UnlockedKey unlocked(std::make_unique<UnlockedKey::Impl>(UnlockedKey::Impl{std::move(key)}));
  NewKey pair{unlocked.public_pem(), unlocked.encrypted_pem(passphrase, cost)};
  return {std::move(pair), std::move(unlocked)};
}

NewKey generate_key(std::string_view passphrase, const ScryptCost& cost) {
  return generate_unlocked_key(passphrase, cost).first;
}

std::string UnlockedKey::public_pem() const {
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PUBKEY(out.get(), impl_->key.get()) != 1) {
    fail("cannot write the public key");
  }
  return bio_text(out.get());
}

std::string UnlockedKey::encrypted_pem(std::string_view passphrase, const ScryptCost& cost) const {
  return encrypt_pkcs8(impl_->key.get(), passphrase, cost);
}

std::string UnlockedKey::sign(std::string_view message) const {
  MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  if (!ctx ||
      EVP_DigestSignInit_ex(ctx.get(), &pkey_ctx, "SM3", nullptr, nullptr, impl_->key.get(),
                            nullptr) != 1 ||
      !set_distinguishing_id(pkey_ctx)) {
    fail("cannot start signing");
  }
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  size_t size = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &size, data, message.size()) != 1) fail("cannot sign");
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                     message.size()) != 1) {
    fail("cannot sign");
  }
  signature.resize(size);
  SUBSIDY_ASSERT(!signature.empty());
  return signature;
}

UnlockedKey unlock_key(std::string_view private_pem, std::string_view passphrase) {
  const std::string pass(passphrase);
  Bio in = read_bio(private_pem);
  Pkey key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, const_cast<char*>(pass.c_str())));
  if (!key) {
    ERR_clear_error();
    throw WrongPassphraseError("口令不对（wrong passphrase）");
  }
  if (EVP_PKEY_is_a(key.get(), "SM2") != 1) throw RefusedError("SM2: the key is not an SM2 key");
  return UnlockedKey(std::make_unique<UnlockedKey::Impl>(UnlockedKey::Impl{std::move(key)}));
}

bool verify_signature(std::string_view public_pem, std::string_view message,
                      std::string_view der_signature) {
  Bio in = read_bio(public_pem);
  Pkey key(PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr));
  MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  const bool ok =
      key && ctx && EVP_PKEY_is_a(key.get(), "SM2") == 1 &&
      EVP_DigestVerifyInit_ex(ctx.get(), &pkey_ctx, "SM3", nullptr, nullptr, key.get(), nullptr) ==
          1 &&
      set_distinguishing_id(pkey_ctx) &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der_signature.data()),
                       der_signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace subsidy::people
