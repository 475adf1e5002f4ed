// `subsidy config set KEY VALUE` and `config show`: the ledger's settings, today the paying account
// (payer.name, payer.account, payer.bank, payer.cnaps, payer.bic) that every payment batch freezes.
#include <iostream>

#include "cli.h"
#include "ledger/ops/config.h"
#include "ledger/payments/config.h"

namespace subsidy::cli {

namespace {

int run_set(const Context& context, const std::string& key, const std::string& value) {
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const ops::ConfigSetResult result = ops::set_config(op, {key, value}).result;
  std::cout << result.key << " = " << result.value << "\n";
  return 0;
}

int run_show(const Context& context) {
  Db db = context.open_db();
  for (const auto& [key, value] : all_config(db)) std::cout << key << " = " << value << "\n";
  return 0;
}

}  // namespace

void add_config_commands(CLI::App& app, Context& context) {
  CLI::App* config = app.add_subcommand("config", "the ledger's settings (the paying account)");
  config->require_subcommand(1);
  CLI::App* set = config->add_subcommand(
      "set", "set payer.name, payer.account, payer.bank, payer.cnaps or payer.bic");
  auto key = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  set->add_option("KEY", *key, "the setting")->required();
  set->add_option("VALUE", *value, "its value")->required();
  set->callback([&context, key, value] {
    context.action = [&context, key, value] { return run_set(context, *key, *value); };
  });
  CLI::App* show = config->add_subcommand("show", "print every setting");
  show->callback([&context] { context.action = [&context] { return run_show(context); }; });
}

}  // namespace subsidy::cli
