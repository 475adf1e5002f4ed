// `subsidy init [--policy FILE]`: creates a new ledger (refusing an existing one), applies the
// schema and stores the policy text, the built-in siyang-2022-9 unless another file is given.
// The policy is validated before the ledger file is created, and a ledger whose creation fails
// half-way is removed again, so that init either makes a complete ledger or nothing.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli.h"
#include "ledger/base/clock.h"
#include "ledger/base/embedded.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::cli {

namespace {

constexpr std::string_view kBuiltinPolicy = "siyang-2022-9.toml";
constexpr uintmax_t kMaxPolicyBytes = 1 << 20;  // a policy file is a few KiB; 1 MiB is generous

struct PolicySource {
  std::string text;
  std::string name;
};

PolicySource read_policy(const std::optional<std::string>& path) {
  if (!path) {
    for (const EmbeddedFile& file : embedded_policies::files()) {
      if (file.name == kBuiltinPolicy) return {std::string(file.content), std::string(file.name)};
    }
    throw RefusedError("the built-in policy is missing from this program");
  }
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
  const PolicySource policy = read_policy(policy_path);
  const Policy checked = load_policy(policy.text, policy.name);  // refuse before creating anything
  const bool existed = std::filesystem::exists(context.db_path);
  std::string digest;
  try {
    Db db = context.open_db(true);
    store_policy(db, policy.text, policy.name, context.actor, utc_now_iso8601());
    digest = current_digest(db);
    std::cout << "created ledger " << context.db_path
              << (db.encrypted() ? " (encrypted)" : " (NOT encrypted: no key given)")
              << " with policy " << checked.id() << "\n";
  } catch (...) {
    if (!existed) remove_ledger_files(context.db_path);
    throw;
  }
  log_operation(context, "init", "policy=" + checked.id(), "-", digest);
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
