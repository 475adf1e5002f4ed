// `policy add FILE`, `policy list`, `policy show ID` (issue 19 item 1): the policies stored in the
// ledger, each with its period, document number (文号) and the SHA-256 of its file. Adding is the
// operation ops/policy.h; listing and showing read the stored policies (policy_store.h).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"
#include "ledger/ops/policy.h"

namespace subsidy::cli {

namespace {

constexpr uintmax_t kMaxAddedPolicyBytes = 1 << 20;  // as `init --policy`

ops::AddPolicyRequest read_added_policy(const std::string& path) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  if (error) throw RefusedError(path + ": cannot read the policy file: " + error.message());
  if (size > kMaxAddedPolicyBytes) throw RefusedError(path + ": a policy file is at most 1 MiB");
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {std::move(text), std::filesystem::path(path).filename().string()};
}

std::string period_of(const Policy& policy) {
  return policy.effective_from().to_string() + " – " + policy.effective_to().to_string();
}

// "2", or "2（修订 ID）" for a version that amends another.
std::string version_of(const Policy& policy) {
  std::string text = std::to_string(policy.version());
  if (!policy.amends().empty()) text += "（修订 " + policy.amends() + "）";
  return text;
}

int run_policy_add(const Context& context, const std::string& path) {
  const ops::AddPolicyRequest request = read_added_policy(path);
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const Policy policy = ops::add_policy(op, request).policy;
  std::cout << "已添加政策 " << policy.id() << "（" << policy.document_number() << "，"
            << period_of(policy) << "）";
  if (!policy.amends().empty()) {
    std::cout << "，第 " << policy.version() << " 版，自 " << policy.effective_from().to_string()
              << " 起修订 " << policy.amends();
  }
  std::cout << "\n";
  return 0;
}

int run_policy_list(const Context& context) {
  Db db = context.open_db();
  std::cout << "编号\t文号\t版本\t有效期\t文件\tSHA-256\n";
  for (const StoredPolicy& stored : stored_policies(db)) {
    std::cout << stored.policy.id() << "\t" << stored.policy.document_number() << "\t"
              << version_of(stored.policy) << "\t" << period_of(stored.policy) << "\t"
              << stored.source_name << "\t" << stored.sha256 << "\n";
  }
  return 0;
}

int run_policy_show(const Context& context, const std::string& id) {
  Db db = context.open_db();
  const std::vector<StoredPolicy> all = stored_policies(db);
  std::vector<Policy> policies;
  for (const StoredPolicy& stored : all) policies.push_back(stored.policy);
  for (const StoredPolicy& stored : all) {
    if (stored.policy.id() != id) continue;
    const Policy& policy = stored.policy;
    std::cout << "编号: " << policy.id() << "\n标题: " << policy.title()
              << "\n文号: " << policy.document_number() << "\n版本: " << version_of(policy)
              << "\n有效期: " << period_of(policy);
    if (const Policy* amendment = amendment_of(policies, policy)) {
      std::cout << "\n修订: 自 " << amendment->effective_from().to_string() << " 起由 "
                << amendment->id() << "（第 " << amendment->version() << " 版）修订";
    }
    std::cout << "\n文件: " << stored.source_name << "\nSHA-256: " << stored.sha256
              << "\n存入: " << stored.loaded_at << " " << stored.actor << "\n奖补类别:\n";
    for (const Scheme& scheme : policy.schemes()) {
      std::cout << "  " << scheme.clause << " " << scheme.code << " " << scheme.name << "\n";
    }
    return 0;
  }
  throw RefusedError("账本中没有编号为 " + id + " 的政策（policy list 列出全部）");
}

}  // namespace

void add_policy_commands(CLI::App& app, Context& context) {
  CLI::App* policy = app.add_subcommand("policy", "the policies stored in the ledger");
  policy->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  CLI::App* add = policy->add_subcommand("add", "store a further policy (periods may not overlap)");
  add->add_option("file", *file, "the policy file (TOML)")->required();
  add->callback([&context, file] {
    context.action = [&context, file] { return run_policy_add(context, *file); };
  });
  CLI::App* list = policy->add_subcommand("list", "every stored policy: period, 文号, SHA-256");
  list->callback([&context] { context.action = [&context] { return run_policy_list(context); }; });
  auto id = std::make_shared<std::string>();
  CLI::App* show = policy->add_subcommand("show", "one stored policy and its schemes");
  show->add_option("id", *id, "the policy's id (policy list)")->required();
  show->callback([&context, id] {
    context.action = [&context, id] { return run_policy_show(context, *id); };
  });
}

}  // namespace subsidy::cli
