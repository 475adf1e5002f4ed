// The ledger's settings (`subsidy config set KEY VALUE`): the county treasury account that pays
// (payer.*), kept as their history in `config_changes` (migration 006; every change a sealed row)
// and read from the view `config` of the latest value of each key. Only known keys are accepted,
// each checked for its form, so that a typo cannot leave a setting silently unused.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/payments/payment_batch.h"
#include "ledger/store/store.h"

namespace subsidy {

// The keys `config set` accepts: payer.name, payer.account, payer.bank, payer.cnaps, payer.bic.
bool is_config_key(std::string_view key);

// Sets `key` to `value` (NFC-normalized and trimmed, text_border.h), recording who and when (UTC
// ISO-8601 `at`). Throws RefusedError naming the key for an unknown key, an empty value or one
// with control, bidi or format characters, a payer.name or payer.bank with odd spaces or a leading
// formula character, a payer.account that is not digits only (with the hint to remove spaces and
// hyphens), a payer.cnaps that is not 12 digits or a payer.bic that is not a BIC. Requires an
// open Transaction.
void set_config(Db& db, std::string_view key, std::string_view value, std::string_view actor,
                std::string_view at);

// The value of `key`, or nullopt when it was never set.
std::optional<std::string> config_value(Db& db, std::string_view key);

// Every setting with its value, sorted by key.
std::map<std::string, std::string> all_config(Db& db);

// The paying account from payer.*. Throws RefusedError listing the `config set` commands still
// needed when payer.name, payer.account or payer.bank is missing, or when neither payer.cnaps nor
// payer.bic is set.
Payer configured_payer(Db& db);

}  // namespace subsidy
