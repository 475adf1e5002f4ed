// The session store of sessions.h: random ids and tokens from OpenSSL, idle expiry, a bound on the
// number of sessions.
#include "tools/server/sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>

#include "ledger/base/check.h"
#include "ledger/base/error.h"

namespace subsidy::server {

std::string random_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw RefusedError("随机数发生器失败（RAND_bytes）：不能建立会话");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned char byte : bytes) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

bool tokens_equal(std::string_view a, std::string_view b) {
  if (a.empty() || a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

SessionStore::SessionStore(int64_t idle_seconds, size_t max_sessions)
    : idle_seconds_(idle_seconds), max_sessions_(max_sessions) {
  SUBSIDY_ASSERT(idle_seconds > 0 && max_sessions > 0);
}

void SessionStore::drop_expired(int64_t now_s) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = now_s - it->second->last_seen_s > idle_seconds_ ? sessions_.erase(it) : std::next(it);
  }
}

std::shared_ptr<const Session> SessionStore::create(ops::Signer signer, int64_t now_s) {
  auto session = std::make_shared<Session>();
  session->id = random_token();
  session->csrf = random_token();
  session->signer = std::move(signer);
  session->last_seen_s = now_s;
  std::lock_guard lock(mutex_);
  drop_expired(now_s);
  while (sessions_.size() >= max_sessions_) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second->last_seen_s < oldest->second->last_seen_s) oldest = it;
    }
    sessions_.erase(oldest);
  }
  sessions_.emplace(session->id, session);
  return session;
}

std::shared_ptr<const Session> SessionStore::find(std::string_view id, int64_t now_s) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end()) return nullptr;
  if (now_s - it->second->last_seen_s > idle_seconds_) {
    sessions_.erase(it);
    return nullptr;
  }
  // A new object, so that a handler holding the old one never sees it change under it.
  auto touched = std::make_shared<Session>(*it->second);
  touched->last_seen_s = now_s;
  it->second = touched;
  return touched;
}

void SessionStore::remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

void SessionStore::remove_person(std::string_view login) {
  std::lock_guard lock(mutex_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second->signer.login == login ? sessions_.erase(it) : std::next(it);
  }
}

size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace subsidy::server
