// The log-in sessions of `subsidy serve`: one per person logged in, named by a random 256-bit id
// (OpenSSL RAND_bytes) that the browser holds in an HttpOnly, SameSite=Strict cookie, with its own
// random CSRF token that every POST must carry, and the person's private key unlocked at log-in so
// that each action is signed by them exactly as the command line signs (ops::Signer). A session
// ends after 30 idle minutes, at log-out, or when the person is no longer active. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "ledger/ops/operation.h"

namespace subsidy::server {

// 32 random bytes from OpenSSL's RAND_bytes as 64 lowercase hex digits. Throws RefusedError when
// the generator fails (never falls back to a weaker one).
std::string random_token();

// True when the two tokens are equal, compared in time independent of where they differ
// (CRYPTO_memcmp); false for different lengths or an empty one.
bool tokens_equal(std::string_view a, std::string_view b);

struct Session {
  std::string id;    // the cookie's value
  std::string csrf;  // the token every POST of this session carries
  ops::Signer signer;  // signer.login is the person's login
  int64_t last_seen_s = 0;  // seconds since the epoch of the last request
};

class SessionStore {
 public:
  static constexpr int64_t kIdleSeconds = 30 * 60;
  // At most `max_sessions` live sessions; a new one beyond that pushes out the longest idle.
  explicit SessionStore(int64_t idle_seconds = kIdleSeconds, size_t max_sessions = 256);

  // A new session for `signer` at time `now_s`, with a fresh id and CSRF token.
  std::shared_ptr<const Session> create(ops::Signer signer, int64_t now_s);
  // The live session `id` at `now_s` (its idle clock restarted), or null when there is none or it
  // was idle longer than the limit (it is then removed).
  std::shared_ptr<const Session> find(std::string_view id, int64_t now_s);
  // Ends session `id` (nothing when there is none).
  void remove(std::string_view id);
  // Ends every session of `login` (a person disabled, or locked out).
  void remove_person(std::string_view login);
  size_t size() const;

 private:
  void drop_expired(int64_t now_s);  // requires mutex_

  int64_t idle_seconds_;
  size_t max_sessions_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Session>, std::less<>> sessions_;
};

}  // namespace subsidy::server
