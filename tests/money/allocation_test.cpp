// Exact sharing of money (allocation.h): the worked example's pro-rata cases, ties, edge cases, and
// property tests over thousands of seeded random claim sets that check the guarantees of
// allocate_pro_rata and split_in_half against an independent statement of the largest-remainder
// rule.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "ledger/money/allocation.h"

using subsidy::allocate_pro_rata;
using subsidy::Int128;
using subsidy::Money;
using subsidy::OddFen;
using subsidy::split_in_half;

namespace {

std::vector<int64_t> shares_fen(int64_t limit_fen, const std::vector<int64_t>& claims_fen) {
  std::vector<Money> claims;
  for (int64_t fen : claims_fen) claims.push_back(Money::from_fen(fen));
  std::vector<int64_t> out;
  for (Money share : allocate_pro_rata(Money::from_fen(limit_fen), claims))
    out.push_back(share.fen());
  return out;
}

constexpr uint64_t kSeed = 20220309;  // fixed, so a failure reproduces
constexpr int kRandomSets = 5000;

// A random claim set of one of several shapes: small, with zeros, all equal, or near the largest
// amount (10^15 yuan) so that limit × claim approaches 10^34.
std::vector<int64_t> random_claims(std::mt19937_64& random) {
  const size_t count = std::uniform_int_distribution<size_t>(0, 12)(random);
  const int shape = std::uniform_int_distribution<int>(0, 3)(random);
  std::uniform_int_distribution<int64_t> small(0, 100'000);
  std::uniform_int_distribution<int64_t> huge(Money::kMaxAbsFen - 1'000'000, Money::kMaxAbsFen);
  std::uniform_int_distribution<int> coin(0, 2);
  const int64_t same = small(random);
  std::vector<int64_t> claims;
  for (size_t i = 0; i < count; ++i) {
    switch (shape) {
      case 0:
        claims.push_back(small(random));
        break;
      case 1:
        claims.push_back(coin(random) == 0 ? 0 : small(random));
        break;
      case 2:
        claims.push_back(same);
        break;
      default:
        claims.push_back(coin(random) == 0 ? small(random) : huge(random));
        break;
    }
  }
  return claims;
}

// A limit that is usually below the sum (so sharing happens), sometimes equal or above.
int64_t random_limit(std::mt19937_64& random, Int128 sum) {
  const Int128 cap = sum < Money::kMaxAbsFen ? sum : Int128(Money::kMaxAbsFen);
  const int64_t top = static_cast<int64_t>(cap);
  switch (std::uniform_int_distribution<int>(0, 5)(random)) {
    case 0:
      return top;
    case 1:
      return std::uniform_int_distribution<int64_t>(0, Money::kMaxAbsFen)(random);
    case 2:
      return 0;
    default:
      return std::uniform_int_distribution<int64_t>(0, top)(random);
  }
}

// Checks one result against the rule stated independently: shares are floor(L·c/T) plus one fen
// for exactly L − Σfloor claims, those with the largest remainders, ties to the earlier claim.
void check_largest_remainder(int64_t limit, const std::vector<int64_t>& claims,
                             const std::vector<int64_t>& shares, Int128 total) {
  std::vector<Int128> remainders;
  Int128 floors = 0;
  size_t extras = 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    const Int128 product = Int128(limit) * claims[i];
    const Int128 floor_share = product / total;
    remainders.push_back(product % total);
    floors += floor_share;
    const Int128 extra = Int128(shares[i]) - floor_share;
    REQUIRE((extra == 0 || extra == 1));
    if (extra == 1) ++extras;
  }
  REQUIRE(Int128(extras) == Int128(limit) - floors);
  // Every claim given the extra fen ranks before every claim not given it.
  for (size_t i = 0; i < claims.size(); ++i) {
    for (size_t j = 0; j < claims.size(); ++j) {
      const bool i_extra = Int128(shares[i]) * total > Int128(limit) * claims[i];
      const bool j_extra = Int128(shares[j]) * total > Int128(limit) * claims[j];
      if (!i_extra || j_extra) continue;
      INFO("claim " << i << " got the extra fen, claim " << j << " did not");
      REQUIRE((remainders[i] > remainders[j] || (remainders[i] == remainders[j] && i < j)));
    }
  }
}

}  // namespace

TEST_CASE("the worked example's pro-rata cases") {
  // 1% of 250,000,000.00 and 200,000,000.00 over the 4,000,000.00 loan-interest limit:
  // 2,222,222.222… and 1,777,777.777…; the one fen left goes to the larger remainder.
  CHECK(shares_fen(400000000, {250000000, 200000000}) ==
        std::vector<int64_t>{222222222, 177777778});
  // 2,000,000.00 and 80,000.00 over a retention of 100,000.00: 96,153.846… and
  // 3,846.153…; the left fen goes to A-09.
  CHECK(shares_fen(10000000, {200000000, 8000000}) == std::vector<int64_t>{9615385, 384615});
}

TEST_CASE("pro-rata edge cases and the tie-break") {
  CHECK(shares_fen(10000, {}).empty());
  CHECK(shares_fen(100, {30, 50}) == std::vector<int64_t>{30, 50});  // under the limit: unchanged
  CHECK(shares_fen(80, {30, 50}) == std::vector<int64_t>{30, 50});   // exactly the limit
  CHECK(shares_fen(0, {30, 50}) == std::vector<int64_t>{0, 0});
  CHECK(shares_fen(0, {0, 0}) == std::vector<int64_t>{0, 0});
  CHECK(shares_fen(10, {0, 50, 0}) == std::vector<int64_t>{0, 10, 0});
  // Three equal claims over 1.00: 0.333… each, the left fen to the first.
  CHECK(shares_fen(100, {100, 100, 100}) == std::vector<int64_t>{34, 33, 33});
  // Equal remainders that are not neighbours: 0.5, 1, 0.5 → the fen to the first of the tied.
  CHECK(shares_fen(2, {1, 2, 1}) == std::vector<int64_t>{1, 1, 0});
  // Two fen left over four equal claims: the first two get them.
  CHECK(shares_fen(6, {5, 5, 5, 5}) == std::vector<int64_t>{2, 2, 1, 1});
  // The largest amounts: limit × claim near 10^34 must not overflow.
  const int64_t max = Money::kMaxAbsFen;
  CHECK(shares_fen(max, {max, max}) == std::vector<int64_t>{max / 2 + 1, max / 2});
}

TEST_CASE("pro-rata properties over random claim sets") {
  std::mt19937_64 random(kSeed);
  int shared_sets = 0;  // sets where the limit was below the sum, so the rule was exercised
  for (int round = 0; round < kRandomSets; ++round) {
    const std::vector<int64_t> claims = random_claims(random);
    Int128 total = 0;
    for (int64_t claim : claims) total += claim;
    const int64_t limit = random_limit(random, total);
    INFO("set " << round << " with " << claims.size() << " claims, limit " << limit);
    const std::vector<int64_t> shares = shares_fen(limit, claims);
    REQUIRE(shares.size() == claims.size());
    Int128 given = 0;
    for (size_t i = 0; i < claims.size(); ++i) {
      REQUIRE(shares[i] >= 0);
      REQUIRE(shares[i] <= claims[i]);
      given += shares[i];
    }
    REQUIRE(given == (total < limit ? total : Int128(limit)));
    if (total > limit) {
      check_largest_remainder(limit, claims, shares, total);
      ++shared_sets;
    }
    REQUIRE(shares_fen(limit, claims) == shares);  // deterministic
  }
  CHECK(shared_sets > kRandomSets / 2);
}

TEST_CASE("split in half: the odd fen goes to the named side") {
  // 213,456.79 split with the odd fen to the county (first): 106,728.40 / 106,728.39.
  const auto county_first = split_in_half(Money::from_fen(21345679), OddFen::to_first);
  CHECK(county_first.first.fen() == 10672840);
  CHECK(county_first.second.fen() == 10672839);
  const auto county_second = split_in_half(Money::from_fen(21345679), OddFen::to_second);
  CHECK(county_second.first.fen() == 10672839);
  CHECK(county_second.second.fen() == 10672840);
  CHECK(split_in_half(Money::from_fen(100), OddFen::to_first).first.fen() == 50);
  CHECK(split_in_half(Money(), OddFen::to_second).second.fen() == 0);

  std::mt19937_64 random(kSeed);
  std::uniform_int_distribution<int64_t> amounts(0, Money::kMaxAbsFen);
  for (int round = 0; round < kRandomSets; ++round) {
    const int64_t fen = round == 0 ? Money::kMaxAbsFen : amounts(random);
    INFO(fen);
    for (OddFen odd : {OddFen::to_first, OddFen::to_second}) {
      const auto split = split_in_half(Money::from_fen(fen), odd);
      REQUIRE(split.first.fen() + split.second.fen() == fen);
      const int64_t heavier = odd == OddFen::to_first ? split.first.fen() : split.second.fen();
      const int64_t lighter = odd == OddFen::to_first ? split.second.fen() : split.first.fen();
      REQUIRE(lighter == fen / 2);  // the other side is floor(amount / 2), as POLICY.md's rule C
      REQUIRE(heavier - lighter == fen % 2);
    }
  }
}
