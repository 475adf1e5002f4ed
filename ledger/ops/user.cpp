// Operations on the registry of people (user.h).
#include "ledger/ops/user.h"

#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/base/text_border.h"

namespace subsidy::ops {

namespace {

people::Person require_person(Db& db, const std::string& name) {
  const std::string login = people::person_login(name);
  std::optional<people::Person> person = people::find_person(db, login);
  if (!person) throw RefusedError(login + " 不在人员登记里（no such person）");
  return *person;
}

people::Person new_person(OpContext& context, const AddPersonRequest& request,
                          std::shared_ptr<const people::UnlockedKey>* open) {
  people::Person person;
  person.login = people::person_login(request.name);
  if (people::find_person(context.db, person.login)) {
    throw RefusedError(person.login +
                       " 已在人员登记里（a person of that name exists; names "
                       "differing only in spaces or invisible characters are one)");
  }
  person.display_name =
      require_border_text(request.display_name.empty() ? request.name : request.display_name,
                          TextKind::name, "--display-name");
  person.roles = people::parse_roles(request.roles);
  person.status = "active";
  auto [key, unlocked] = people::generate_unlocked_key(request.passphrase, request.cost);
  person.public_key = std::move(key.public_pem);
  person.private_key = std::move(key.private_pem);
  person.change = "add";
  person.changed_by = context.actor;
  person.changed_at = format_utc(context.clock());
  if (open != nullptr) *open = std::make_shared<const people::UnlockedKey>(std::move(unlocked));
  people::append_change(context.db, person);
  return person;
}

template <typename Change>
PersonOutcome change_person(OpContext& context, const std::string& command, Change&& change) {
  auto [person, record] = run_write(context, [&](OpRecord& op) {
    people::Person changed = change();
    changed.changed_by = context.actor;
    changed.changed_at = format_utc(context.clock());
    people::append_change(context.db, changed);
    op.command = command + (command == "user passwd" ? "" : " " + changed.login);
    op.counts = "person=" + changed.login + " roles=" + people::roles_text(changed.roles) +
                " status=" + changed.status;
    return changed;
  });
  return {std::move(person), std::move(record)};
}

}  // namespace

PersonOutcome add_person(OpContext& context, const AddPersonRequest& request) {
  std::shared_ptr<const people::UnlockedKey> key;
  auto [person, record] = run_write(context, [&](OpRecord& op) {
    people::Person added = new_person(context, request, &key);
    op.command = "user add " + added.login;
    op.counts = "person=" + added.login + " roles=" + people::roles_text(added.roles);
    return added;
  });
  return {std::move(person), std::move(record), std::move(key)};
}

people::Person add_first_admin(OpContext& context, const AddPersonRequest& request) {
  AddPersonRequest admin = request;
  admin.roles = "admin";
  std::shared_ptr<const people::UnlockedKey> key;
  people::Person person = new_person(context, admin, &key);
  context.actor = person.login;
  context.signer = Signer{person.login, key};
  return person;
}

PersonOutcome set_roles(OpContext& context, const std::string& name, const std::string& roles) {
  return change_person(context, "user roles", [&] {
    people::Person person = require_person(context.db, name);
    person.roles = people::parse_roles(roles);
    person.change = "roles";
    return person;
  });
}

PersonOutcome disable_person(OpContext& context, const std::string& name) {
  return change_person(context, "user disable", [&] {
    people::Person person = require_person(context.db, name);
    if (!person.active()) throw RefusedError(person.login + " 已停用（already disabled）");
    person.status = "disabled";
    person.change = "disable";
    return person;
  });
}

PersonOutcome rotate_key(OpContext& context, const std::string& name, const std::string& passphrase,
                         const people::ScryptCost& cost) {
  return change_person(context, "user rotate-key", [&] {
    people::Person person = require_person(context.db, name);
    const people::NewKey key = people::generate_key(passphrase, cost);
    person.public_key = key.public_pem;
    person.private_key = key.private_pem;
    person.change = "rotate-key";
    return person;
  });
}

PersonOutcome change_passphrase(OpContext& context, const std::string& new_passphrase,
                                const people::ScryptCost& cost) {
  if (!context.signer) throw RefusedError("user passwd: --user 姓名 指明是谁");
  return change_person(context, "user passwd", [&] {
    people::Person person = require_person(context.db, context.signer->login);
    person.private_key = context.signer->key->encrypted_pem(new_passphrase, cost);
    person.change = "passwd";
    return person;
  });
}

}  // namespace subsidy::ops
