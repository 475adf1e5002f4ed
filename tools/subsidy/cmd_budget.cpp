// `budget set --year Y AMOUNT --ref 文号` and `budget adjust --year Y ±AMOUNT --ref 文号`: the
// fund's budget of an award year and its funding (ops/budget.h, docs/budget.md).
#include <iostream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/ops/budget.h"

namespace subsidy::cli {

namespace {

struct BudgetArgs {
  int64_t year = 0;
  std::string amount_text;
  std::string ref;
};

// The amount as typed: exact fen by the rules of the input files; a leading '+' is allowed for
// an adjustment.
Money budget_amount(const std::string& text, bool signed_change) {
  std::string_view digits = text;
  if (signed_change && digits.starts_with('+')) digits.remove_prefix(1);
  const Parsed<Money> amount = parse_money(digits);
  if (!amount) throw RefusedError("金额 '" + text + "' 无法识别：" + amount.error);
  return *amount.value;
}

void print_budget(const ops::BudgetOutcome& outcome) {
  const BudgetChange& change = outcome.change;
  std::cout << change.year << "年度预算" << (change.kind == BudgetChangeKind::set ? "下达" : "调整")
            << " " << format_grouped(change.amount) << "（文号 " << change.ref << "），凭证 "
            << change.entry_id
            << (change.amount.is_negative() ? "：借 county_appropriation，贷 treasury（冲减）\n"
                                            : "：借 treasury，贷 county_appropriation\n")
            << change.year << "年度预算合计 " << format_grouped(outcome.budget.total) << "（预算数 "
            << format_grouped(outcome.budget.initial) << "，调整数 "
            << format_grouped(outcome.budget.adjustments) << "）\n";
}

int run_budget(const Context& context, const BudgetArgs& args, BudgetChangeKind kind) {
  const bool adjust = kind == BudgetChangeKind::adjust;
  const Money amount = budget_amount(args.amount_text, adjust);
  Db db = context.open_db();
  ops::OpContext op = context.op_context(db);
  print_budget(adjust ? ops::adjust_budget(op, {args.year, amount, args.ref})
                      : ops::set_budget(op, {args.year, amount, args.ref}));
  return 0;
}

void add_budget_change(CLI::App& budget, Context& context, BudgetChangeKind kind) {
  const bool adjust = kind == BudgetChangeKind::adjust;
  auto args = std::make_shared<BudgetArgs>();
  CLI::App* command = budget.add_subcommand(
      adjust ? "adjust" : "set",
      adjust ? "adjust a year's budget by a difference (booked as funding)"
             : "set a year's budget (booked as funding: Dr treasury, Cr county_appropriation)");
  command->add_option("--year", args->year, "the award year of the budget")
      ->required()
      ->check(CLI::Range(1900, 9999));
  command
      ->add_option(
          "amount", args->amount_text,
          adjust ? "the difference, e.g. 500000.00 or -200000.00" : "the budget, e.g. 30000000.00")
      ->required()
      ->allow_extra_args(false);
  command->add_option("--ref", args->ref, "the document number (文号) of the allocation")
      ->required();
  command->callback([&context, args, kind] {
    context.action = [&context, args, kind] { return run_budget(context, *args, kind); };
  });
}

}  // namespace

void add_budget_commands(CLI::App& app, Context& context) {
  CLI::App* budget = app.add_subcommand("budget", "the fund's budget of an award year (预算指标)");
  budget->require_subcommand(1);
  add_budget_change(*budget, context, BudgetChangeKind::set);
  add_budget_change(*budget, context, BudgetChangeKind::adjust);
}

}  // namespace subsidy::cli
