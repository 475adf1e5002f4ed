// The people of the ledger (docs/people.md): `user add NAME --role R[,R] [--display-name TEXT]
// --passphrase-file FILE`, `user list`, `user disable NAME`, `user roles NAME R[,R]`, `user passwd
// [--passphrase-file FILE]`, `user rotate-key NAME --passphrase-file FILE`, `user export-keys DIR`
// and `export signatures --year Y --out DIR`. The changes are operations of ledger/ops/user.h,
// signed by the acting admin (or, for passwd, by the person); the rest only read.
#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include "cli.h"
#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/ops/user.h"
#include "ledger/people/registry.h"
#include "ledger/people/signatures.h"

namespace subsidy::cli {

namespace {

struct UserOptions {
  std::string name;
  std::string roles;
  std::string display_name;
  std::string passphrase_file;
  std::string out;
  int64_t year = 0;
};

void print_person(const people::Person& person) {
  std::cout << person.login << "\t" << person.display_name << "\t"
            << people::roles_text(person.roles) << "\t" << person.status << "\t"
            << person.changed_at << "\t" << person.changed_by << "\n";
}

void write_private(const std::filesystem::path& path, std::string_view bytes) {
  write_file_atomically(path.string(), bytes, 0600);
}

void new_directory(const Context& context, const std::string& out) {
  context.check_out_directory(out);
  if (std::filesystem::exists(out) && !std::filesystem::is_empty(out)) {
    throw RefusedError(out + ": exists and is not empty");
  }
  create_private_directories(out);
}

int run_list(const Context& context) {
  Db db = context.open_db();
  const std::vector<people::Person> people = people::list_people(db);
  if (people.empty()) {
    std::cout << "这个账本没有人员登记（a legacy ledger: its changes are not signed）\n";
    return 0;
  }
  std::cout << "login\tdisplay name\troles\tstatus\tchanged at\tchanged by\n";
  for (const people::Person& person : people) print_person(person);
  return 0;
}

int run_export_keys(const Context& context, const std::string& out) {
  Db db = context.open_db();
  const std::vector<people::Person> people = people::list_people(db);
  new_directory(context, out);
  for (const people::Person& person : people) {
    write_private(std::filesystem::path(out) / (person.login + ".pem"), person.public_key);
  }
  std::cout << "wrote " << people.size() << " public key(s) to " << out << "\n";
  return 0;
}

int run_export_signatures(const Context& context, int64_t year, const std::string& out) {
  Db db = context.open_db();
  const std::vector<people::SignatureRow> rows = people::signatures_of_fiscal_year(db, year);
  const std::map<int64_t, std::string> keys = people::signing_keys(db);
  new_directory(context, out);
  int64_t written = 0;
  for (const people::SignatureRow& row : rows) {
    const std::filesystem::path base =
        std::filesystem::path(out) / std::to_string(row.signature_id);
    write_private(base.string() + ".bin", people::signed_bytes(row));
    write_private(base.string() + ".sig", people::from_hex(row.signature_hex));
    write_private(base.string() + ".user", row.signer + "\n");
    const auto key = keys.find(row.signature_id);
    if (key != keys.end()) write_private(base.string() + ".pem", key->second);
    ++written;
  }
  std::cout << "wrote " << written << " signature(s) of " << year << " to " << out
            << " (ID.bin signed bytes, ID.sig DER, ID.user signer, ID.pem signer's key then)\n";
  return 0;
}

template <typename Change>
int run_change(const Context& context, Change&& change) {
  Db db = context.open_db();
  if (!people::has_people(db)) {
    throw RefusedError("这个账本没有人员登记（created by init without --admin）");
  }
  ops::OpContext op = context.op_context(db);
  const ops::PersonOutcome outcome = change(op);
  print_person(outcome.person);
  return 0;
}

void add_user_changes(CLI::App& user, Context& context, const std::shared_ptr<UserOptions>& o) {
  CLI::App* add = user.add_subcommand("add", "register a person with a new SM2 key pair (admin)");
  add->add_option("NAME", o->name, "login name")->required();
  add->add_option("--role", o->roles,
                  "ROLE[,ROLE…]: admin maker checker cashier auditor "
                  "region:<code>")
      ->required();
  add->add_option("--display-name", o->display_name, "the name shown (Chinese)");
  add->add_option("--passphrase-file", o->passphrase_file, "the person's first passphrase (0600)")
      ->required();
  add->callback([&context, o] {
    context.action = [&context, o] {
      return run_change(context, [&](ops::OpContext& op) {
        return ops::add_person(
            op, {o->name, o->display_name, o->roles, read_passphrase_file(o->passphrase_file), {}});
      });
    };
  });
  CLI::App* disable = user.add_subcommand("disable", "disable a person (admin)");
  disable->add_option("NAME", o->name)->required();
  disable->callback([&context, o] {
    context.action = [&context, o] {
      return run_change(context,
                        [&](ops::OpContext& op) { return ops::disable_person(op, o->name); });
    };
  });
  CLI::App* roles = user.add_subcommand("roles", "replace a person's roles (admin)");
  roles->add_option("NAME", o->name)->required();
  roles->add_option("ROLES", o->roles)->required();
  roles->callback([&context, o] {
    context.action = [&context, o] {
      return run_change(context,
                        [&](ops::OpContext& op) { return ops::set_roles(op, o->name, o->roles); });
    };
  });
  CLI::App* rotate = user.add_subcommand(
      "rotate-key", "a new key pair for a person who forgot their passphrase (admin)");
  rotate->add_option("NAME", o->name)->required();
  rotate->add_option("--passphrase-file", o->passphrase_file, "the new passphrase (0600)")
      ->required();
  rotate->callback([&context, o] {
    context.action = [&context, o] {
      return run_change(context, [&](ops::OpContext& op) {
        return ops::rotate_key(op, o->name, read_passphrase_file(o->passphrase_file));
      });
    };
  });
  CLI::App* passwd = user.add_subcommand("passwd", "change your own passphrase");
  passwd->add_option("--passphrase-file", o->passphrase_file,
                     "the new passphrase (0600); else asked on the terminal");
  passwd->callback([&context, o] {
    context.action = [&context, o] {
      return run_change(context, [&](ops::OpContext& op) {
        const std::string next = o->passphrase_file.empty()
                                     ? read_passphrase("新口令 (new passphrase): ")
                                     : read_passphrase_file(o->passphrase_file);
        return ops::change_passphrase(op, next);
      });
    };
  });
}

}  // namespace

void add_user_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* user = app.add_subcommand("user", "the people of the ledger, their roles and keys");
  user->require_subcommand(1);
  add_user_changes(*user, context, options);
  CLI::App* list = user->add_subcommand("list", "every person as they stand");
  list->callback([&context] { context.action = [&context] { return run_list(context); }; });
  CLI::App* keys = user->add_subcommand("export-keys", "one NAME.pem public key per person");
  keys->add_option("DIR", options->out, "a new directory")->required();
  keys->callback([&context, options] {
    context.action = [&context, options] { return run_export_keys(context, options->out); };
  });

  CLI::App* export_group = app.get_subcommand("export");
  CLI::App* signatures = export_group->add_subcommand(
      "signatures", "every signature of a fiscal year as files an auditor checks with openssl");
  signatures
      ->add_option("--year", options->year,
                   "the fiscal year: commands that posted into it or were signed in it")
      ->required()
      ->check(CLI::Range(1900, 9999));
  signatures->add_option("--out", options->out, "a new directory")->required();
  signatures->callback([&context, options] {
    context.action = [&context, options] {
      return run_export_signatures(context, options->year, options->out);
    };
  });
}

}  // namespace subsidy::cli
