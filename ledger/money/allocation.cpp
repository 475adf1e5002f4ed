// Exact sharing of money: halves with a named odd fen, and largest-remainder pro-rata shares.
#include "ledger/money/allocation.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace subsidy {

Split split_in_half(Money amount, OddFen odd) {
  assert(!amount.is_negative());
  const int64_t half_down = amount.fen() / 2;
  const int64_t half_up = amount.fen() - half_down;
  if (odd == OddFen::to_first) return {Money::from_fen(half_up), Money::from_fen(half_down)};
  return {Money::from_fen(half_down), Money::from_fen(half_up)};
}

std::vector<Money> allocate_pro_rata(Money limit, std::span<const Money> claims) {
  assert(!limit.is_negative());
  Int128 total = 0;
  for (Money claim : claims) {
    assert(!claim.is_negative());
    total += claim.fen();
  }
  if (total <= limit.fen()) return {claims.begin(), claims.end()};

  std::vector<Money> shares;
  std::vector<Int128> remainders;
  shares.reserve(claims.size());
  remainders.reserve(claims.size());
  Int128 given = 0;
  for (Money claim : claims) {
    const Int128 product = Int128(limit.fen()) * claim.fen();  // < 10^34: fits
    const Int128 share = product / total;
    remainders.push_back(product % total);
    shares.push_back(Money::from_fen(static_cast<int64_t>(share)));
    given += share;
  }
  // The floors lose less than one fen per claim, so fewer than claims.size() fen are left.
  const size_t left = static_cast<size_t>(Int128(limit.fen()) - given);
  assert(left < claims.size());
  std::vector<size_t> order(claims.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t i = 0; i < left; ++i) shares[order[i]] += Money::from_fen(1);
  return shares;
}

}  // namespace subsidy
