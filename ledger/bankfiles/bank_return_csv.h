// Reading the CSV return some banks' online banking gives instead of a pain.002: one row per
// transfer with its EndToEndId, status and reason.
#pragma once

#include <string>
#include <string_view>

#include "ledger/payments/bank_return.h"

namespace subsidy {

// Parses UTF-8 CSV (BOM accepted, RFC 4180 quoting, one header row, columns in any order):
// EndToEndId, status, reason, and optionally amount (the amount the bank paid, checked against the
// batch). A status is an ISO 20022 code (ACSC, RJCT, ...) or one of the words banks' returns use:
// 成功 (ACSC), 失败 (RJCT), 处理中 (PDNG). The reason is a code, a code and text separated by a
// space or colon ("AC04 账户已销户"), or free text. Returns one PaymentReturn with an empty id
// holding every row. Throws InputError listing every bad row (FILE:LINE:COLUMN: reason) —
// missing column, unknown status, empty or duplicate EndToEndId, bad amount, bad UTF-8, ragged row
// — or when there are no rows or more than kMaxBatchItems.
BankReturn read_bank_return_csv(std::string_view bytes, const std::string& label);

}  // namespace subsidy
