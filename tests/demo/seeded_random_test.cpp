// The reproducible integer distributions of seeded_random.h: the engine is the one the standard
// fixes, draws stay in their bounds, every value is reachable, weights and per-mille odds hold.
#include <catch2/catch.hpp>

#include <array>
#include <limits>
#include <vector>

#include "ledger/demo/seeded_random.h"

using subsidy::SeededRandom;

TEST_CASE("the engine is std::mt19937_64, whose 10000th output the standard fixes") {
  SeededRandom random(5489);  // the standard's default seed
  uint64_t value = 0;
  for (int i = 0; i < 10000; ++i) value = random.next();
  CHECK(value == 9981545732273789042ULL);  // [rand.predef] in the C++ standard
}

TEST_CASE("uniform stays within its bounds and reaches every value about equally") {
  SeededRandom random(1);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70'000; ++i) {
    const int64_t draw = random.uniform(-3, 3);
    REQUIRE(draw >= -3);
    REQUIRE(draw <= 3);
    ++counts[static_cast<size_t>(draw + 3)];
  }
  for (int count : counts) {
    CHECK(count > 9'000);  // 10,000 expected; the spread of a fair draw is about ±100
    CHECK(count < 11'000);
  }
  CHECK(random.uniform(5, 5) == 5);
  const int64_t min = std::numeric_limits<int64_t>::min();
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t any = random.uniform(min, max);  // the whole range: no overflow in the span
  CHECK(any >= min);
}

TEST_CASE("the same seed gives the same draws") {
  SeededRandom a(42), b(42), c(43);
  std::vector<int64_t> from_a, from_b, from_c;
  for (int i = 0; i < 100; ++i) {
    from_a.push_back(a.uniform(0, 1'000'000));
    from_b.push_back(b.uniform(0, 1'000'000));
    from_c.push_back(c.uniform(0, 1'000'000));
  }
  CHECK(from_a == from_b);
  CHECK(from_a != from_c);
}

TEST_CASE("weights and per-mille odds are honoured") {
  SeededRandom random(3);
  const std::array<int64_t, 3> weights = {0, 250, 750};
  std::array<int, 3> counts{};
  for (int i = 0; i < 40'000; ++i) ++counts[random.weighted(weights)];
  CHECK(counts[0] == 0);
  CHECK(counts[1] > 9'000);
  CHECK(counts[1] < 11'000);
  int hits = 0;
  for (int i = 0; i < 10'000; ++i) hits += random.chance_per_mille(100) ? 1 : 0;
  CHECK(hits > 850);
  CHECK(hits < 1'150);
  for (int i = 0; i < 100; ++i) {
    CHECK_FALSE(random.chance_per_mille(0));
    CHECK(random.chance_per_mille(1000));
  }
  for (int i = 0; i < 100; ++i) CHECK(random.index(3) < 3);
}
