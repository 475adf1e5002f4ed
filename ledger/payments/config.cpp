// Settings in the `config` table: the known keys, their checks, and the payer read back.
#include "ledger/payments/config.h"

#include <array>

#include "ledger/base/check.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/base/utf8.h"
#include "ledger/books/journal.h"
#include "ledger/masterdata/identifiers.h"

namespace subsidy {

namespace {

constexpr std::array<std::string_view, 5> kKeys = {"payer.name", "payer.account", "payer.bank",
                                                   "payer.cnaps", "payer.bic"};

}  // namespace

bool is_config_key(std::string_view key) {
  for (const std::string_view known : kKeys) {
    if (known == key) return true;
  }
  return false;
}

void set_config(Db& db, std::string_view key, std::string_view value, std::string_view actor,
                std::string_view at) {
  constexpr size_t kMaxValueChars = 140;  // the longest field a payer value goes into
  const std::string name(key);
  if (!is_config_key(key)) {
    throw RefusedError("config: unknown key '" + name +
                       "' (payer.name, payer.account, payer.bank, payer.cnaps, payer.bic)");
  }
  static_assert(kMaxValueChars == kBankNameMaxChars);
  const bool is_name = key == "payer.name" || key == "payer.bank";
  const BorderText checked = border_text(value, is_name ? TextKind::bank_name : TextKind::text);
  if (!checked) throw RefusedError("config " + name + ": " + checked.problem->reason);
  if (checked.text.empty() || utf8_length(checked.text) > kMaxValueChars) {
    throw RefusedError("config " + name +
                       ": the value must be 1 to 140 characters of text "
                       "without control characters");
  }
  if (key == "payer.account") {
    if (auto problem = check_account_no(checked.text))
      throw RefusedError("config payer.account: " + *problem);
  }
  if (key == "payer.cnaps") {
    if (auto problem = check_cnaps_code(value))
      throw RefusedError("config payer.cnaps: " + *problem);
  }
  if (key == "payer.bic" && !is_bic(value)) {
    throw RefusedError("config payer.bic: '" + std::string(value) +
                       "' is not a BIC (8 or 11 capital letters and digits, e.g. ABOCCNBJ)");
  }
  SUBSIDY_ASSERT(is_config_key(key) && !value.empty());
  require_transaction(db);
  // Every change is a new row of config_changes (sealed like the rest of the ledger); `config` is
  // the view of the latest value of each key.
  db.prepare("INSERT INTO config_changes (key, value, changed_at, actor) VALUES (?, ?, ?, ?)")
      .bind(1, key)
      .bind(2, checked.text)
      .bind(3, at)
      .bind(4, actor)
      .run();
}

std::optional<std::string> config_value(Db& db, std::string_view key) {
  Statement stmt = db.prepare("SELECT value FROM config WHERE key = ?");
  stmt.bind(1, key);
  if (!stmt.step()) return std::nullopt;
  return stmt.text(0);
}

std::map<std::string, std::string> all_config(Db& db) {
  std::map<std::string, std::string> values;
  Statement stmt = db.prepare("SELECT key, value FROM config ORDER BY key");
  while (stmt.step()) values.emplace(stmt.text(0), stmt.text(1));
  return values;
}

Payer configured_payer(Db& db) {
  Payer payer;
  payer.name = config_value(db, "payer.name").value_or("");
  payer.account_no = config_value(db, "payer.account").value_or("");
  payer.bank_name = config_value(db, "payer.bank").value_or("");
  payer.cnaps_code = config_value(db, "payer.cnaps").value_or("");
  payer.bic = config_value(db, "payer.bic").value_or("");
  std::string missing;
  const auto need = [&](bool ok, const char* key) {
    if (!ok) missing += std::string(missing.empty() ? "" : ", ") + "config set " + key + " VALUE";
  };
  need(!payer.name.empty(), "payer.name");
  need(!payer.account_no.empty(), "payer.account");
  need(!payer.bank_name.empty(), "payer.bank");
  need(!payer.cnaps_code.empty() || !payer.bic.empty(), "payer.cnaps");
  if (!missing.empty()) throw RefusedError("the paying account is not configured: " + missing);
  return payer;
}

}  // namespace subsidy
