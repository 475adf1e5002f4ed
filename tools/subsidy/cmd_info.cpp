// Commands that only tell: which schema the program carries and which policies it ships.
#include <iostream>

#include "cli.h"
#include "ledger/base/embedded.h"

namespace subsidy::cli {

void add_info_commands(CLI::App& app, Context& context) {
  CLI::App* policies = app.add_subcommand("policies", "list the policy files built into subsidy");
  policies->callback([&context] {
    context.action = [] {
      for (const EmbeddedFile& file : embedded_policies::files()) std::cout << file.name << "\n";
      return 0;
    };
  });
}

}  // namespace subsidy::cli
