// Private to the engine and its printed forms: language-neutral number forms for traces and
// explanations.
#pragma once

#include <string>

#include "ledger/money/decimal.h"

namespace subsidy {

// "1,234,567.89", "40,000.0008", "-12": the plain form with the integer part grouped in threes.
std::string grouped_decimal(const Decimal& value);
// A rate as a percentage without rounding: 0.08 → "8%", 0.055 → "5.5%", 0.10 → "10%".
std::string percent(const Decimal& rate);

}  // namespace subsidy
