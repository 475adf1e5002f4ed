// The registry of people (migration 008): each person's normalized login name, display name,
// roles, SM2 key pair (the private key encrypted under their passphrase), status and who changed
// them when, kept as an append-only history sealed in the record chain; the roles and the rules
// of separation of duties; and the passphrase attempts that lock a person after five failures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/store/store.h"

namespace subsidy::people {

// The roles, as stored: "admin", "maker", "checker", "cashier", "auditor", "region:<code>".
using Roles = std::vector<std::string>;

// The login name under which a person is stored and compared: NFKC, case-folded, every space,
// control and invisible (format) character removed (text_border.h: name_key, then no spaces), so
// that "张会计", " 张 会计 " and "张会计" + U+200B are one person. Throws RefusedError when nothing
// is left or it is longer than 64 characters.
std::string person_login(std::string_view raw);

// "maker,checker" as roles: each known, none twice, sorted. Throws RefusedError for an unknown
// role, none, or admin together with maker, checker or cashier (separation of duties).
Roles parse_roles(std::string_view text);
std::string roles_text(const Roles& roles);
bool has_role(const Roles& roles, std::string_view role);
// The region codes of the person's region:<code> roles.
std::vector<std::string> region_codes(const Roles& roles);

// One person as they stand after one change of the registry.
struct Person {
  int64_t change_id = 0;
  std::string login;
  std::string display_name;
  Roles roles;
  std::string status;  // "active" or "disabled"
  std::string public_key;
  std::string private_key;
  std::string change;  // add, roles, disable, rotate-key, passwd
  std::string changed_by;
  std::string changed_at;
  bool active() const { return status == "active"; }
};

// True when the ledger has at least one person (it is not a legacy ledger).
bool has_people(Db& db);
// The person as they stand now (their latest change), or nullopt.
std::optional<Person> find_person(Db& db, std::string_view login);
// Every person as they stand now, by login.
std::vector<Person> list_people(Db& db);
// The name a print shows for a recorded actor: the person's display name when the ledger has
// people and the actor is one with a display name, else the actor as recorded ("" stays "").
std::string display_name_of(Db& db, const std::string& actor);
// Every change of the registry, in order.
std::vector<Person> registry_history(Db& db);

// Appends one change of the registry (`person` as they stand after it; change_id is assigned).
// Must run inside a write transaction; the row is sealed by the operation (ops/operation.h).
void append_change(Db& db, const Person& person);

// The roles that may run `command` (as the operations log names it: "batch approve SY…"):
// {"maker"}, {"checker"}, ... An empty list means any active person (user passwd).
std::vector<std::string> roles_for_command(std::string_view command);

// nullopt when `person` may run `command`; else the one line naming the rule that refuses it.
std::optional<std::string> command_refusal(const Person& person, std::string_view command);

// ---- passphrase attempts ---------------------------------------------------------------------

inline constexpr int kMaxFailedAttempts = 5;
inline constexpr int64_t kLockSeconds = 15 * 60;

// Throws RefusedError when the person failed kMaxFailedAttempts times in a row and the last
// failure is less than 15 minutes before `now` (UTC, ISO-8601).
void check_not_locked(Db& db, const std::string& login, const std::string& now);
// Records a failed attempt, or a success ending a run of failures, in its own transaction.
void record_attempt(Db& db, const std::string& login, const std::string& at, bool ok);

}  // namespace subsidy::people
