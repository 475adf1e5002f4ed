// The open-addressing key index of key_index.h.
#include "ledger/base/key_index.h"
#include "ledger/base/check.h"

#include <functional>
#include <stdexcept>

namespace subsidy {

namespace {

constexpr size_t kMinSlots = 16;

uint64_t hash_of(std::string_view key) {
  return static_cast<uint64_t>(std::hash<std::string_view>{}(key));
}

uint32_t tag_of(uint64_t hash) {
  return static_cast<uint32_t>(hash >> 32) | 1u;  // never 0, which marks an empty slot
}

// The smallest power of two that holds `keys` keys at most half full.
size_t slots_for(size_t keys) {
  size_t slots = kMinSlots;
  while (slots < 2 * keys) slots *= 2;  // at most 31 doublings: keys <= kMaxKeys
  return slots;
}

}  // namespace

KeyIndex::KeyIndex(size_t expected_keys) {
  if (expected_keys > kMaxKeys) throw std::length_error("KeyIndex: too many keys");
  slots_.resize(slots_for(expected_keys));
  SUBSIDY_ASSERT(slots_.size() >= 2 * expected_keys);
}

bool KeyIndex::insert(std::string_view key, uint32_t position) {
  if (size_ + 1 > kMaxKeys) throw std::length_error("KeyIndex: too many keys");
  if (2 * (size_ + 1) > slots_.size()) grow(slots_for(size_ + 1));
  SUBSIDY_ASSERT_MSG(2 * (size_ + 1) <= slots_.size(), "at most half full after this insert");
  const uint64_t hash = hash_of(key);
  const uint32_t tag = tag_of(hash);
  const size_t mask = slots_.size() - 1;
  // One probe both refuses a key already there and finds the empty slot for a new one.
  for (size_t probe = 0, at = hash & mask; probe < slots_.size(); ++probe, at = (at + 1) & mask) {
    Slot& slot = slots_[at];
    if (slot.tag == tag && slot.key == key) return false;
    if (slot.tag == 0) {
      slot = Slot{key, tag, position};
      ++size_;
      SUBSIDY_ASSERT(size_ <= kMaxKeys);
      return true;
    }
  }
  SUBSIDY_UNREACHABLE("a KeyIndex at most half full has an empty slot on every probe");
}

std::optional<uint32_t> KeyIndex::find(std::string_view key) const {
  SUBSIDY_ASSERT_MSG(2 * size_ <= slots_.size(), "at most half full");
  const uint64_t hash = hash_of(key);
  const uint32_t tag = tag_of(hash);
  const size_t mask = slots_.size() - 1;
  // At most half full, so an empty slot ends every probe; the bound only guards that invariant.
  for (size_t probe = 0, at = hash & mask; probe < slots_.size(); ++probe, at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.tag == 0) return std::nullopt;
    if (slot.tag == tag && slot.key == key) return slot.position;
  }
  SUBSIDY_UNREACHABLE("a KeyIndex at most half full has an empty slot on every probe");
}

void KeyIndex::grow(size_t capacity) {
  SUBSIDY_ASSERT_MSG((capacity & (capacity - 1)) == 0, "a power of two: probes wrap by a mask");
  SUBSIDY_ASSERT(capacity >= 2 * size_ && capacity > slots_.size());
  std::vector<Slot> old(capacity);
  old.swap(slots_);
  for (const Slot& slot : old) {
    if (slot.tag != 0) place(slot, hash_of(slot.key));
  }
}

// Puts `slot` into the first empty slot of its probe sequence; the caller made room.
void KeyIndex::place(const Slot& slot, uint64_t hash) {
  const size_t mask = slots_.size() - 1;
  for (size_t probe = 0, at = hash & mask; probe < slots_.size(); ++probe, at = (at + 1) & mask) {
    if (slots_[at].tag == 0) {
      slots_[at] = slot;
      return;
    }
  }
  SUBSIDY_UNREACHABLE("grow() made room: every probe meets an empty slot");
}

}  // namespace subsidy
