// `subsidy init [--policy FILE]`: creates a new ledger (refusing an existing one), applies the
// schema and stores the policy text, the built-in siyang-2022-9 unless another file is given.
// The policy is validated before the ledger file is created, and a ledger whose creation fails
// half-way is removed again, so that init either makes a complete ledger or nothing.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/ops/init.h"
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

int run_init(const Context& context, const std::optional<std::string>& policy_path) {
  const ops::InitRequest policy = read_policy(policy_path);
  load_policy(policy.policy_text, policy.policy_name);  // refuse before creating anything
  const bool existed = std::filesystem::exists(context.db_path);
  try {
    Db db = context.open_db(true);
    ops::OpContext op = context.op_context(db);
    const ops::InitOutcome outcome = ops::init_ledger(op, policy);
    std::cout << "created ledger " << context.db_path
              << (db.encrypted() ? " (encrypted)" : " (NOT encrypted: no key given)")
              << " with policy " << outcome.policy.id() << "\n";
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
  init->callback([&context, policy] {
    context.action = [&context, policy] { return run_init(context, *policy); };
  });
}

}  // namespace subsidy::cli
