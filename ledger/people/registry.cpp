// The registry of people, roles and the separation of duties, and the passphrase attempts
// (registry.h).
#include "ledger/people/registry.h"

#include <algorithm>
#include <set>

#include "ledger/base/check.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"
#include "ledger/base/utf8.h"
#include "ledger/books/journal.h"

namespace subsidy::people {

namespace {

constexpr size_t kMaxLoginChars = 64;
constexpr std::string_view kRegionPrefix = "region:";

struct RoleName {
  std::string_view role;
  std::string_view chinese;
};
constexpr RoleName kRoles[] = {{"admin", "管理员"},
                               {"maker", "经办"},
                               {"checker", "复核"},
                               {"cashier", "出纳"},
                               {"auditor", "审计"}};

std::string chinese_of(std::string_view role) {
  for (const RoleName& name : kRoles) {
    if (name.role == role) return std::string(name.chinese);
  }
  return role.starts_with(kRegionPrefix) ? "属地财政" : "";
}

constexpr std::string_view kPersonColumns =
    "change_id, login, display_name, roles, status, public_key, private_key, change, changed_by, "
    "changed_at";

Person person_from(Statement& row) {
  Person person;
  person.change_id = row.int64(0);
  person.login = row.text(1);
  person.display_name = row.text(2);
  const std::string roles = row.text(3);
  for (size_t start = 0; start <= roles.size();) {
    const size_t comma = std::min(roles.find(',', start), roles.size());
    if (comma > start) person.roles.push_back(roles.substr(start, comma - start));
    start = comma + 1;
  }
  person.status = row.text(4);
  person.public_key = row.text(5);
  person.private_key = row.text(6);
  person.change = row.text(7);
  person.changed_by = row.text(8);
  person.changed_at = row.text(9);
  return person;
}

std::vector<Person> read_people(Db& db, const std::string& where) {
  Statement rows = db.prepare("SELECT " + std::string(kPersonColumns) + " FROM people " + where +
                              " ORDER BY change_id;");
  std::vector<Person> people;
  while (rows.step()) people.push_back(person_from(rows));  // one row per change
  return people;
}

}  // namespace

std::string person_login(std::string_view raw) {
  std::string login;
  for (const char c : name_key(raw)) {
    if (c != ' ') login += c;
  }
  if (login.empty()) throw RefusedError("--user: the name is empty");
  if (!is_clean_utf8(login)) throw RefusedError("--user: the name is not valid UTF-8");
  if (utf8_length(login) > kMaxLoginChars) {
    throw RefusedError("--user: the name is longer than 64 characters");
  }
  return login;
}

Roles parse_roles(std::string_view text) {
  std::set<std::string> roles;
  for (size_t start = 0; start <= text.size();) {
    const size_t comma = std::min(text.find(',', start), text.size());
    std::string role(text.substr(start, comma - start));
    role.erase(0, role.find_first_not_of(' '));
    role.erase(role.find_last_not_of(' ') + 1);
    start = comma + 1;
    if (role.empty()) continue;
    const bool region =
        role.starts_with(kRegionPrefix) && role.size() > kRegionPrefix.size() &&
        role.find_first_not_of("0123456789", kRegionPrefix.size()) == std::string::npos;
    if (chinese_of(role).empty() || (role.starts_with(kRegionPrefix) && !region)) {
      throw RefusedError("unknown role '" + role +
                         "': the roles are admin, maker, checker, cashier, auditor and "
                         "region:<region code>");
    }
    if (!roles.insert(role).second) throw RefusedError("role " + role + " is given twice");
  }
  if (roles.empty()) throw RefusedError("no role given (--role ROLE[,ROLE…])");
  Roles out(roles.begin(), roles.end());
  if (has_role(out, "admin")) {
    for (const char* money : {"maker", "checker", "cashier"}) {
      if (has_role(out, money)) {
        throw RefusedError(std::string("岗位分离：管理员（admin）不能兼任 ") + money + "（" +
                           chinese_of(money) + "）: the admin role cannot be combined with " +
                           money);
      }
    }
  }
  return out;
}

std::string roles_text(const Roles& roles) {
  std::string out;
  for (const std::string& role : roles) out += (out.empty() ? "" : ",") + role;
  return out;
}

bool has_role(const Roles& roles, std::string_view role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::vector<std::string> region_codes(const Roles& roles) {
  std::vector<std::string> codes;
  for (const std::string& role : roles) {
    if (role.starts_with(kRegionPrefix)) codes.push_back(role.substr(kRegionPrefix.size()));
  }
  return codes;
}

std::string display_name_of(Db& db, const std::string& actor) {
  if (actor.empty() || !has_people(db)) return actor;
  try {
    const std::optional<Person> person = find_person(db, person_login(actor));
    if (person && !person->display_name.empty()) return person->display_name;
  } catch (const RefusedError&) {
    // a recorded actor that is no valid login (a legacy name): printed as recorded
  }
  return actor;
}

bool has_people(Db& db) {
  Statement row = db.prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'people' AND "
      "EXISTS (SELECT 1 FROM people);");
  return row.step();
}

std::optional<Person> find_person(Db& db, std::string_view login) {
  Statement row = db.prepare("SELECT " + std::string(kPersonColumns) +
                             " FROM people WHERE login = ? ORDER BY change_id DESC LIMIT 1;");
  row.bind(1, login);
  if (!row.step()) return std::nullopt;
  return person_from(row);
}

std::vector<Person> list_people(Db& db) {
  return read_people(db, "WHERE change_id IN (SELECT MAX(change_id) FROM people GROUP BY login)");
}

std::vector<Person> registry_history(Db& db) {
  return read_people(db, "");
}

void append_change(Db& db, const Person& person) {
  require_transaction(db);
  SUBSIDY_ASSERT(!person.login.empty() && !person.roles.empty());
  Statement insert = db.prepare(
      "INSERT INTO people (login, display_name, roles, status, public_key, private_key, change, "
      "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);");
  insert.bind(1, person.login).bind(2, person.display_name).bind(3, roles_text(person.roles));
  insert.bind(4, person.status).bind(5, person.public_key).bind(6, person.private_key);
  insert.bind(7, person.change).bind(8, person.changed_by).bind(9, person.changed_at);
  insert.run();
}

std::vector<std::string> roles_for_command(std::string_view command) {
  const auto is = [&](std::string_view name) {
    return command == name || command.starts_with(std::string(name) + " ");
  };
  if (is("user passwd")) return {"*"};
  if (is("init") || is("user")) return {"admin"};
  if (is("import") || is("assess") || is("batch create") || is("settle") || is("config set") ||
      is("budget") || is("policy add")) {
    return {"maker"};
  }
  if (is("batch approve") || is("batch cancel") || is("close") || is("bank-return confirm") ||
      is("bank-return dismiss")) {
    return {"checker"};
  }
  if (is("batch export") || is("bank-return import")) return {"cashier"};
  return {};
}

std::optional<std::string> command_refusal(const Person& person, std::string_view command) {
  const std::string name = person.login;
  if (!person.active()) {
    return "岗位分离：" + name + " 已停用（disabled），不能执行 " + std::string(command);
  }
  const std::vector<std::string> allowed = roles_for_command(command);
  for (const std::string& role : allowed) {
    if (role == "*" || has_role(person.roles, role)) return std::nullopt;
  }
  std::string needed;
  for (const std::string& role : allowed) {
    needed += (needed.empty() ? "" : " 或 ") + role + "（" + chinese_of(role) + "）";
  }
  if (needed.empty()) needed = "（没有角色可以执行它）";
  return "岗位分离：" + name + "（" + roles_text(person.roles) + "）不能执行 " +
         std::string(command) + "：需要角色 " + needed;
}

void check_not_locked(Db& db, const std::string& login, const std::string& now) {
  Statement rows = db.prepare(
      "SELECT at, ok FROM passphrase_attempts WHERE login = ? ORDER BY attempt_id DESC LIMIT ?;");
  rows.bind(1, login).bind(2, int64_t{kMaxFailedAttempts});
  int failures = 0;
  std::string last_failure;
  while (rows.step()) {  // the last five attempts, newest first
    if (rows.int64(1) != 0) break;
    if (failures == 0) last_failure = rows.text(0);
    ++failures;
  }
  if (failures < kMaxFailedAttempts) return;
  const auto last = parse_utc(last_failure);
  const auto at = parse_utc(now);
  if (!last || !at) return;
  const auto until = *last + std::chrono::seconds(kLockSeconds);
  if (*at < until) {
    throw RefusedError(login + " 连续 5 次口令错误，已锁定到 " + format_utc(until) +
                       "（locked for 15 minutes after 5 wrong passphrases in a row）");
  }
}

void record_attempt(Db& db, const std::string& login, const std::string& at, bool ok) {
  if (ok) {
    Statement last = db.prepare(
        "SELECT ok FROM passphrase_attempts WHERE login = ? ORDER BY attempt_id DESC LIMIT 1;");
    last.bind(1, login);
    if (!last.step() || last.int64(0) != 0) return;  // no run of failures to end
  }
  Transaction transaction(db);
  Statement insert =
      db.prepare("INSERT INTO passphrase_attempts (login, at, ok) VALUES (?, ?, ?);");
  insert.bind(1, login).bind(2, at).bind(3, int64_t{ok ? 1 : 0});
  insert.run();
  transaction.commit();
}

}  // namespace subsidy::people
