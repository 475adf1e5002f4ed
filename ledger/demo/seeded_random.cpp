// Integer-only distributions over std::mt19937_64 (seeded_random.h).
#include "ledger/demo/seeded_random.h"
#include "ledger/base/check.h"

#include <limits>

namespace subsidy {

int64_t SeededRandom::uniform(int64_t low, int64_t high) {
  SUBSIDY_ASSERT(low <= high);
  // The span high - low + 1 computed in unsigned arithmetic, where it cannot overflow; zero means
  // the whole 64-bit range.
  const uint64_t span = static_cast<uint64_t>(high) - static_cast<uint64_t>(low) + 1;
  uint64_t draw = engine_();
  if (span != 0) {
    // Reject the top (2^64 mod span) values so that every residue is equally likely.
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    const uint64_t limit = max - (max % span + 1) % span;
    while (draw > limit) draw = engine_();  // ends: each draw is accepted with probability > 1/2
    draw %= span;
  }
  return static_cast<int64_t>(static_cast<uint64_t>(low) + draw);
}

size_t SeededRandom::index(size_t count) {
  SUBSIDY_ASSERT(count > 0);
  return static_cast<size_t>(uniform(0, static_cast<int64_t>(count) - 1));
}

bool SeededRandom::chance_per_mille(int64_t per_mille) {
  if (per_mille <= 0) return false;
  if (per_mille >= 1000) return true;
  return uniform(0, 999) < per_mille;
}

size_t SeededRandom::weighted(std::span<const int64_t> weights) {
  int64_t total = 0;
  for (int64_t weight : weights) {
    SUBSIDY_ASSERT(weight >= 0);
    total += weight;
  }
  SUBSIDY_ASSERT(total > 0);
  int64_t draw = uniform(0, total - 1);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (draw < weights[i]) return i;
    draw -= weights[i];
  }
  SUBSIDY_UNREACHABLE("draw < total, the sum of the weights");
}

}  // namespace subsidy
