// `settle REGION AMOUNT --year Y --ref TEXT`: records that a region (park, township, street) paid
// the county its share of the awards (ops/settle.h) and says which entry holds it.
#include <iostream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/ops/settle.h"

namespace subsidy::cli {

namespace {

struct SettleOptions {
  std::string region;
  std::string amount_text;
  int64_t year = 0;
  std::string ref;
};

int run_settle(const Context& context, const SettleOptions& options) {
  const Parsed<Money> amount = parse_money(options.amount_text);
  if (!amount) throw RefusedError("amount '" + options.amount_text + "' " + amount.error);
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  const ops::SettleResult result =
      ops::settle(op, {options.region, *amount.value, options.year, options.ref}).result;
  std::cout << (result.posted ? "recorded" : "already recorded") << ": entry " << result.entry_id
            << ", " << result.region << " paid " << format_grouped(result.amount) << " (ref "
            << result.ref << ")\n";
  return 0;
}

}  // namespace

void add_settle_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<SettleOptions>();
  CLI::App* settle =
      app.add_subcommand("settle", "record a region's payment of its share to the county");
  settle->add_option("region", options->region, "region code (regions.csv)")->required();
  settle->add_option("amount", options->amount_text, "the amount paid, e.g. 250000.00")->required();
  settle->add_option("--year", options->year, "the fiscal year to book it in")
      ->required()
      ->check(CLI::Range(1900, 9999));
  settle->add_option("--ref", options->ref, "the payment's reference; one entry per reference")
      ->required();
  settle->callback([&context, options] {
    context.action = [&context, options] { return run_settle(context, *options); };
  });
}

}  // namespace subsidy::cli
