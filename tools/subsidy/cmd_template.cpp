// `subsidy template KIND [--format csv|xlsx] --out FILE [--force]`: an empty import file whose
// first row holds the kind's Chinese headings (masterdata/import_template.h), or with KIND
// bank-return the CSV return a bank may fill in (支付编号, 状态, 原因, 金额;
// bankfiles/bank_return_csv.h), written atomically to a path the output rules allow
// (base/output_path.h). Needs no ledger.
#include <iostream>

#include "cli.h"
#include "ledger/bankfiles/bank_return_csv.h"
#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/import_template.h"
#include "ledger/policy/policy.h"

namespace subsidy::cli {

namespace {

struct TemplateArgs {
  std::string kind;
  std::string format = "csv";
  std::string out;
  bool force = false;
};

int run_template(const Context& context, const TemplateArgs& args) {
  if (args.kind == "bank-return") {
    if (args.format != "csv") throw UsageError("template bank-return: --format csv only");
    context.check_out(args.out, args.force);
    write_file_atomically(args.out, std::string_view(bank_return_template_csv()));
    std::cout << args.out << "\n";
    return 0;
  }
  const ImportKind kind = *import_kind_from_name(args.kind);  // CLI11 checked the name
  context.check_out(args.out, args.force);
  if (args.format == "xlsx") {
    write_file_atomically(args.out, [kind](const std::string& temporary) {
      write_template_xlsx(kind, builtin_policy(), temporary);
    });
  } else {
    write_file_atomically(args.out, template_csv(kind));
  }
  std::cout << args.out << "\n";
  return 0;
}

}  // namespace

void add_template_commands(CLI::App& app, Context& context) {
  CLI::App* command =
      app.add_subcommand("template", "write an empty import file with the Chinese headings");
  auto args = std::make_shared<TemplateArgs>();
  command
      ->add_option("KIND", args->kind,
                   "regions, enterprises, tax, compliance, projects, applications or "
                   "bank-return")
      ->required()
      ->check(CLI::IsMember({"regions", "enterprises", "tax", "compliance", "projects",
                             "applications", "bank-return"}));
  command->add_option("--format", args->format, "csv (default) or xlsx")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  command->add_option("--out", args->out, "the file to write")->required();
  command->add_flag("--force", args->force, "replace an existing file");
  command->callback([&context, args] {
    context.action = [&context, args] { return run_template(context, *args); };
  });
}

}  // namespace subsidy::cli
