// Sharing money exactly: a split in two with the odd fen to a named side, and the pro-rata sharing
// of a limit over several claims by largest remainder (POLICY.md section 3). Both always return
// parts that sum exactly to what was shared.
#pragma once

#include <span>
#include <vector>

#include "ledger/money/money.h"

namespace subsidy {

enum class OddFen { to_first, to_second };

struct Split {
  Money first;
  Money second;
};

// Splits `amount` (>= 0) in two halves; when the fen count is odd the extra fen goes to `odd`.
// first + second == amount always.
Split split_in_half(Money amount, OddFen odd);

// Shares `limit` over `claims` pro rata when their sum exceeds it: each claim i gets
// floor(limit × claim_i / sum) fen, then the fen left over go one each to the largest remainders;
// equal remainders go to the claim that comes first in `claims` (callers order claims by their tie
// key, e.g. application_id). When the sum does not exceed the limit, every claim gets its own amount.
// Requires every claim >= 0 and limit >= 0. Guarantees: the result has one share per claim, every
// share is between 0 and its claim, and the shares sum to min(limit, sum of claims).
std::vector<Money> allocate_pro_rata(Money limit, std::span<const Money> claims);

}  // namespace subsidy
