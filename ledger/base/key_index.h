// A lookup from a text key (an application, project or enterprise id) to the position of its row
// in a vector the caller owns. It exists for speed at a million rows: std::unordered_map reaches a
// key through a bucket, the node before it, the node and the key's text, four cache misses, and
// assess makes several such lookups per application. Here one slot holds the key's view, a tag of
// its hash and the position, so a lookup costs the slot and the key's text: about half the time
// (docs/performance.md). Open addressing with linear probing, at most half full.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace subsidy {

class KeyIndex {
 public:
  // An index with room for `expected_keys` keys before it first grows.
  explicit KeyIndex(size_t expected_keys = 0);

  // Adds `key` at `position`. Returns false, adding nothing, when the key is already there. The
  // index keeps the view, not the text: the caller keeps the text alive and unchanged for as long
  // as the index is used. Throws std::length_error beyond kMaxKeys keys.
  bool insert(std::string_view key, uint32_t position);

  // The position `key` was inserted at; nullopt when it never was.
  std::optional<uint32_t> find(std::string_view key) const;

  size_t size() const { return size_; }

  // Far beyond any county (a million applications is the benchmark's largest); the bound keeps
  // positions and slot counts within 32 bits.
  static constexpr size_t kMaxKeys = size_t{1} << 30;

 private:
  struct Slot {
    std::string_view key;
    uint32_t tag = 0;  // 0: empty; otherwise the hash's high half with its lowest bit set
    uint32_t position = 0;
  };

  void grow(size_t capacity);
  void place(const Slot& slot, uint64_t hash);

  std::vector<Slot> slots_;  // a power of two in size, at least twice size_
  size_t size_ = 0;
};

}  // namespace subsidy
