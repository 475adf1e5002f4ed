// Telling a pain.002 from a CSV return by its first significant character.
#include "ledger/bankfiles/bank_return_file.h"

#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/bankfiles/pain002.h"

namespace subsidy {

BankReturn read_bank_return(std::string_view bytes, const std::string& label,
                            const BankReturnMapping& mapping) {
  size_t at = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") at = 3;
  while (at < bytes.size() &&
         (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\r' || bytes[at] == '\n')) {
    ++at;
  }
  if (at < bytes.size() && bytes[at] == '<') return read_pain002(bytes, label);
  return read_bank_return_csv(bytes, label, mapping);
}

}  // namespace subsidy
