// Reading a bank return file of either kind the banks send: a pain.002 status report or a CSV.
#pragma once

#include <string>
#include <string_view>

#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/payments/bank_return.h"

namespace subsidy {

// Reads a return of either kind: XML (pain.002, see pain002.h) when the first character that is
// not white space or a byte order mark is '<', else the CSV return (bank_return_csv.h) read
// through `mapping`. `bytes` must be UTF-8. Throws RefusedError / InputError as those readers do.
BankReturn read_bank_return(std::string_view bytes, const std::string& label,
                            const BankReturnMapping& mapping = default_return_mapping());

}  // namespace subsidy
