// The key index (key_index.h): every inserted key is found at its position, nothing else is found,
// a key is refused the second time, and the index grows past the size it was built for without
// losing a key. A std::map over the same random keys is the reference.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "ledger/base/key_index.h"

using subsidy::KeyIndex;

TEST_CASE("key index: found at its position, refused twice, absent keys not found") {
  const std::vector<std::string> keys = {"", "P-1", "P-10", "P-1 ", "91321323L30P8774PE", "泗阳"};
  KeyIndex index(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    CHECK(index.insert(keys[i], static_cast<uint32_t>(i)));
  }
  CHECK(index.size() == keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    INFO(keys[i]);
    CHECK(index.find(keys[i]) == std::optional<uint32_t>(static_cast<uint32_t>(i)));
  }
  CHECK_FALSE(index.insert("P-10", 99));  // the first position stays
  CHECK(index.find("P-10") == std::optional<uint32_t>(2));
  CHECK(index.size() == keys.size());
  CHECK_FALSE(index.find("P-2"));
  CHECK_FALSE(index.find("P-1  "));
  CHECK_FALSE(KeyIndex().find("anything"));
}

TEST_CASE("key index: grows from nothing to 100,000 keys and agrees with std::map") {
  std::mt19937_64 random(7);
  std::vector<std::string> keys;
  std::map<std::string, uint32_t> reference;
  while (keys.size() < 100'000) {
    std::string key = "A" + std::to_string(random() % 1'000'000'000);
    if (reference.emplace(key, static_cast<uint32_t>(keys.size())).second) keys.push_back(key);
  }
  KeyIndex index;  // built for none: grows many times
  for (size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(index.insert(keys[i], static_cast<uint32_t>(i)));
  }
  size_t wrong = 0;
  for (const auto& [key, position] : reference) {
    if (index.find(key) != std::optional<uint32_t>(position)) ++wrong;
  }
  CHECK(wrong == 0);
  size_t found_absent = 0;
  for (int i = 0; i < 100'000; ++i) {
    const std::string key = "B" + std::to_string(random());
    if (index.find(key)) ++found_absent;
  }
  CHECK(found_absent == 0);
}
