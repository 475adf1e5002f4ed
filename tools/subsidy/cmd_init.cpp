// `subsidy init [--policy FILE] [--plaintext]`: creates a new ledger (refusing an existing one),
// applies the schema and stores the policy text, the built-in siyang-2022-9 unless another file is
// given. The ledger holds bank accounts and tax figures, so it is encrypted: init without a key is
// refused unless --plaintext says so. The policy is validated before the ledger file is created,
// and a ledger whose creation fails half-way is removed again, so that init either makes a
// complete ledger or nothing. `subsidy keygen FILE` makes a good key file.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/base/key_file.h"
#include "ledger/ops/init.h"
#include "ledger/people/registry.h"
#include "ledger/policy/policy.h"

namespace subsidy::cli {

namespace {

constexpr uintmax_t kMaxPolicyBytes = 1 << 20;  // a policy file is a few KiB; 1 MiB is generous

ops::InitRequest read_policy(const std::optional<std::string>& path) {
  if (!path) return ops::builtin_init_request();
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(*path, error);
  if (error) throw RefusedError(*path + ": cannot read the policy file: " + error.message());
  if (size > kMaxPolicyBytes) throw RefusedError(*path + ": a policy file is at most 1 MiB");
  std::ifstream in(*path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {std::move(text), std::filesystem::path(*path).filename().string()};
}

void remove_ledger_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
}

// Refuses a ledger without a key unless --plaintext, and --plaintext with a key.
void check_key_choice(const Context& context, bool plaintext) {
  const bool keyed = context.key().has_value();
  if (plaintext && keyed) {
    throw UsageError(
        "--plaintext 与密钥（--key-file、SUBSIDY_KEY_FILE 或 SUBSIDY_DB_KEY）不能同时给出");
  }
  if (!plaintext && !keyed) {
    throw RefusedError(context.db_path +
                       ": 拒绝创建不加密的账本：账本里有银行账号和税务数据。请先用 `subsidy keygen "
                       "密钥文件` 生成密钥，再用 --key-file 或环境变量 SUBSIDY_KEY_FILE 指明它；"
                       "确实不要加密时加 --plaintext");
  }
}

struct AdminOptions {
  std::optional<std::string> name;
  std::string display_name;
};

int run_init(const Context& context, const std::optional<std::string>& policy_path, bool plaintext,
             const AdminOptions& admin) {
  check_key_choice(context, plaintext);
  ops::InitRequest policy = read_policy(policy_path);
  if (admin.name) {
    const std::string login = people::person_login(*admin.name);
    policy.admin = ops::AddPersonRequest{
        *admin.name, admin.display_name, "admin", read_passphrase(login + " 的新口令: "), {}};
  }
  load_policy(policy.policy_text, policy.policy_name);  // refuse before creating anything
  const bool existed = std::filesystem::exists(context.db_path);
  try {
    Db db = context.open_db(true);
    ops::OpContext op = context.op_context(db);
    const ops::InitOutcome outcome = ops::init_ledger(op, policy);
    std::cout << "created ledger " << context.db_path
              << (db.encrypted() ? " (encrypted)" : " (NOT encrypted: --plaintext)")
              << " with policy " << outcome.policy.id() << "\n";
    if (admin.name) {
      std::cout << "admin " << people::person_login(*admin.name)
                << ": every change of this ledger is signed (SM2) by the person who makes it\n";
    }
  } catch (...) {
    if (!existed) remove_ledger_files(context.db_path);
    throw;
  }
  return 0;
}

}  // namespace

void add_init_commands(CLI::App& app, Context& context) {
  CLI::App* init = app.add_subcommand(
      "init", "create the ledger with the built-in policy (siyang-2022-9) or the one given");
  auto policy = std::make_shared<std::optional<std::string>>();
  init->add_option("--policy", *policy, "policy file (TOML) to use instead of the built-in one");
  auto plaintext = std::make_shared<bool>(false);
  init->add_flag("--plaintext", *plaintext,
                 "create the ledger without encryption (refused otherwise when no key is given)");
  auto admin = std::make_shared<AdminOptions>();
  init->add_option("--admin", admin->name,
                   "the first admin: the ledger gets a registry of people and every change is "
                   "signed (passphrase from the terminal or $SUBSIDY_PASSPHRASE_FILE)");
  init->add_option("--display-name", admin->display_name, "the admin's display name");
  init->callback([&context, policy, plaintext, admin] {
    context.action = [&context, policy, plaintext, admin] {
      return run_init(context, *policy, *plaintext, *admin);
    };
  });

  CLI::App* keygen = app.add_subcommand(
      "keygen", "write a new ledger key file: 32 random bytes as the raw key x'hex', mode 0600");
  auto file = std::make_shared<std::string>();
  keygen->add_option("FILE", *file, "the key file to create (never replaced)")->required();
  keygen->callback([file, &context] {
    context.action = [file] {
      write_new_key_file(*file);
      std::cout << "wrote a new key to " << *file
                << " (mode 0600); use it with --key-file or SUBSIDY_KEY_FILE, and keep a copy "
                   "somewhere safe: without it the ledger cannot be opened\n";
      return 0;
    };
  });
}

}  // namespace subsidy::cli
