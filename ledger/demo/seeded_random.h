// A reproducible source of random integers for generated data (the demo county, the benchmark,
// simulated bank returns): std::mt19937_64, whose output sequence the C++ standard fixes, with our
// own integer-only distributions on top, because the standard library's distributions may differ
// between implementations. There is no floating point here: a "probability" is a per-mille count.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace subsidy {

class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}

  // The next raw 64-bit value of the engine.
  uint64_t next() { return engine_(); }

  // A uniformly distributed integer in [low, high] (both included), by rejection sampling so that
  // no value is favoured. Requires low <= high (asserted: a programmer error otherwise).
  int64_t uniform(int64_t low, int64_t high);

  // An index in [0, count) uniformly. Requires count > 0.
  size_t index(size_t count);

  // True with probability per_mille / 1000. per_mille <= 0 is never, >= 1000 always.
  bool chance_per_mille(int64_t per_mille);

  // An index i with probability weights[i] / sum(weights). Requires every weight >= 0 and a
  // positive sum.
  size_t weighted(std::span<const int64_t> weights);

 private:
  std::mt19937_64 engine_;
};

}  // namespace subsidy
