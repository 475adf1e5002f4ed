// Exact sharing of money: halves with a named odd fen, and largest-remainder pro-rata shares.
#include "ledger/money/allocation.h"
#include "ledger/base/check.h"

#include <algorithm>
#include <numeric>

namespace subsidy {

namespace {

// The postcondition of a cut allocation: the shares sum to the limit exactly, and each lies
// between 0 and its claim.
void check_shares(Money limit, std::span<const Money> claims, const std::vector<Money>& shares) {
  SUBSIDY_ASSERT(shares.size() == claims.size());
  Int128 sum = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    SUBSIDY_ASSERT_MSG(!shares[i].is_negative(), "no share is negative");
    SUBSIDY_ASSERT_MSG(shares[i].fen() <= claims[i].fen(), "no share exceeds its claim");
    sum += shares[i].fen();
  }
  SUBSIDY_ASSERT_MSG(sum == Int128(limit.fen()), "the shares sum to the limit");
}

}  // namespace

Split split_in_half(Money amount, OddFen odd) {
  SUBSIDY_ASSERT(!amount.is_negative());
  const int64_t half_down = amount.fen() / 2;
  const int64_t half_up = amount.fen() - half_down;
  SUBSIDY_ASSERT(half_down >= 0 && half_up - half_down <= 1 && half_up + half_down == amount.fen());
  if (odd == OddFen::to_first) return {Money::from_fen(half_up), Money::from_fen(half_down)};
  return {Money::from_fen(half_down), Money::from_fen(half_up)};
}

std::vector<Money> allocate_pro_rata(Money limit, std::span<const Money> claims) {
  SUBSIDY_ASSERT(!limit.is_negative());
  Int128 total = 0;
  for (Money claim : claims) {
    SUBSIDY_ASSERT(!claim.is_negative());
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
  SUBSIDY_ASSERT(left < claims.size());
  std::vector<size_t> order(claims.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  for (size_t i = 0; i < left; ++i) shares[order[i]] += Money::from_fen(1);
  check_shares(limit, claims, shares);
  return shares;
}

}  // namespace subsidy
