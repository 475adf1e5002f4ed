// Language-neutral number forms (see number_text.h).
#include "ledger/engine/number_text.h"

#include <algorithm>

namespace subsidy {

std::string grouped_decimal(const Decimal& value) {
  std::string plain = value.to_plain_string();
  const size_t sign = plain.front() == '-' ? 1 : 0;
  const size_t point = std::min(plain.find('.'), plain.size());
  for (size_t at = point; at > sign + 3; at -= 3) plain.insert(at - 3, ",");
  return plain;
}

std::string percent(const Decimal& rate) {
  // rate × 100 without rounding: the same coefficient, the exponent two higher.
  std::string text = Decimal(rate.coefficient(), rate.exponent() + 2).to_plain_string();
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);  // "8.0" → "8." → "8"
    if (text.back() == '.') text.pop_back();
  }
  return text + "%";
}

}  // namespace subsidy
