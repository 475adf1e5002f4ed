// The server's sessions (tools/server/sessions.h): random ids and CSRF tokens, idle expiry after
// 30 minutes, log-out, the bound on live sessions, and the constant-time token comparison.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "tools/server/sessions.h"

using subsidy::ops::Signer;
using subsidy::server::random_token;
using subsidy::server::SessionStore;
using subsidy::server::tokens_equal;

TEST_CASE("tokens are 256 random bits as 64 hex digits, never repeated") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string token = random_token();
    CHECK(token.size() == 64);
    CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(token);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("tokens_equal: equal tokens only; empty and different lengths never match") {
  const std::string token = random_token();
  CHECK(tokens_equal(token, std::string(token)));
  CHECK_FALSE(tokens_equal(token, random_token()));
  CHECK_FALSE(tokens_equal(token, token.substr(1)));
  CHECK_FALSE(tokens_equal("", ""));
}

TEST_CASE("a session lives while used and ends after 30 idle minutes") {
  SessionStore store;
  const auto session = store.create(Signer{"张会计", nullptr}, 1000);
  CHECK(session->id != session->csrf);
  CHECK(store.find(session->id, 1000 + 29 * 60));  // used: the idle clock restarts
  const auto again = store.find(session->id, 1000 + 29 * 60 + 30 * 60);
  REQUIRE(again);
  CHECK(again->signer.login == "张会计");
  CHECK(again->csrf == session->csrf);
  CHECK_FALSE(store.find(session->id, 1000 + 29 * 60 + 30 * 60 + 30 * 60 + 1));
  CHECK(store.size() == 0);
  CHECK_FALSE(store.find("", 1000));
  CHECK_FALSE(store.find(random_token(), 1000));
}

TEST_CASE("log-out and a person's removal end their sessions only") {
  SessionStore store;
  const auto a = store.create(Signer{"a", nullptr}, 0);
  const auto b = store.create(Signer{"b", nullptr}, 0);
  const auto b2 = store.create(Signer{"b", nullptr}, 0);
  store.remove(a->id);
  CHECK_FALSE(store.find(a->id, 1));
  CHECK(store.find(b->id, 1));
  store.remove_person("b");
  CHECK_FALSE(store.find(b2->id, 1));
  CHECK(store.size() == 0);
}

TEST_CASE("beyond the bound, the longest idle session is pushed out") {
  SessionStore store(SessionStore::kIdleSeconds, 2);
  const auto first = store.create(Signer{"a", nullptr}, 0);
  const auto second = store.create(Signer{"b", nullptr}, 10);
  CHECK(store.find(first->id, 20));  // first is now the most recent
  const auto third = store.create(Signer{"c", nullptr}, 30);
  CHECK(store.size() == 2);
  CHECK(store.find(first->id, 31));
  CHECK_FALSE(store.find(second->id, 31));
  CHECK(store.find(third->id, 31));
}
