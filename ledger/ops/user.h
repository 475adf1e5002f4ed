// Operations on the registry of people (people/registry.h), each signed by an admin: `user add`,
// `user roles`, `user disable`, `user rotate-key` (a new key pair for a person who forgot their
// passphrase; their old signatures stay valid), and `user passwd` (the acting person's own
// passphrase). Each is one change of the registry, sealed in the record chain.
#pragma once

#include <memory>
#include <string>

#include "ledger/ops/operation.h"
#include "ledger/people/registry.h"
#include "ledger/people/sm2_key.h"

namespace subsidy::ops {

struct AddPersonRequest {
  std::string name;          // as given; stored normalized (people::person_login)
  std::string display_name;  // empty: the name as given, trimmed
  std::string roles;         // "maker,checker"
  std::string passphrase;    // the person's first passphrase
  people::ScryptCost cost = {};
};

struct PersonOutcome {
  people::Person person;  // as they stand after the operation
  OpRecord record;
  std::shared_ptr<const people::UnlockedKey> key = nullptr;  // add_person: the new key, open
};

// Adds a person with a new SM2 key pair. Throws RefusedError for a name taken (also by a name
// differing only in spaces or invisible characters), bad roles (people::parse_roles), a short
// passphrase. The outcome holds the new private key open, so that a front end that adds people
// and then acts as them (the demo) needs no second scrypt.
PersonOutcome add_person(OpContext& context, const AddPersonRequest& request);

// The person's roles replaced. Throws RefusedError for an unknown person or bad roles.
PersonOutcome set_roles(OpContext& context, const std::string& name, const std::string& roles);

// The person disabled: they sign nothing after; their past signatures stay valid.
PersonOutcome disable_person(OpContext& context, const std::string& name);

// A new key pair for the person under `passphrase` (an admin, for a forgotten passphrase).
PersonOutcome rotate_key(OpContext& context, const std::string& name, const std::string& passphrase,
                         const people::ScryptCost& cost = {});

// The acting person's private key encrypted again under `new_passphrase`.
PersonOutcome change_passphrase(OpContext& context, const std::string& new_passphrase,
                                const people::ScryptCost& cost = {});

// Used by init: the first admin added inside the init operation's transaction, and the context's
// signer set to them with the new key.
people::Person add_first_admin(OpContext& context, const AddPersonRequest& request);

}  // namespace subsidy::ops
