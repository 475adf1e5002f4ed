// `subsidy assess --year Y [--dry-run] [--format table|json|csv] [--wide] [--lang zh|en]` and
// `subsidy explain APPLICATION_ID --year Y [--lang zh|en]`: the policy engine run on the ledger's
// own master data. Without --dry-run the differences are posted and the run is recorded
// (ops/assess.h); --dry-run prints exactly what a real run would post and changes nothing. The
// table's first line says which of the two it was; it fits 120 columns unless --wide.
#include <iostream>
#include <sstream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/engine/assess_output.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/ops/assess.h"

namespace subsidy::cli {

namespace {

struct AssessArgs {
  int year = 0;
  bool dry_run = false;
  bool wide = false;
  std::string format = "table";
  std::string lang = "zh";
};

Language language_of(const std::string& name) {
  const std::optional<Language> language = language_from_name(name);
  if (!language) throw UsageError("--lang takes zh or en, not " + name);
  return *language;
}

// `json_text` is the JSON already written for the posting run; a dry run has none and streams it.
// `booked` is what the posting run booked (nullopt: a dry run); the table's first line says it.
void print(Db& db, const Assessment& assessment, const Policy& policy, const AssessArgs& args,
           const std::string* json_text, const std::optional<AssessBooked>& booked) {
  if (args.format == "json") {
    if (json_text != nullptr) {
      std::cout << *json_text;
    } else {
      write_assessment_json(assessment, std::cout);
    }
    std::cout << "\n";
  } else if (args.format == "csv") {
    write_assessment_csv(assessment, std::cout);
  } else {
    AssessTableOptions options;
    options.booked = booked;
    options.wide = args.wide;
    if (!args.wide) {
      for (Enterprise& enterprise : load_enterprises(db)) {
        options.enterprise_names.emplace(std::move(enterprise.uscc), std::move(enterprise.name));
      }
    }
    write_assessment_table(assessment, policy, language_of(args.lang), options, std::cout);
  }
}

// The year's budget against the awards booked (on stderr, beside the run's summary), and a
// warning when the awards exceed it; nothing for a year without a budget.
void print_budget_standing(const ops::AssessResult& result, int64_t year) {
  if (!result.budget) return;
  const Money total = result.budget->total;
  std::cerr << "预算：" << year << "年度预算 " << format_grouped(total) << "，已入账奖补 "
            << format_grouped(result.booked) << "，差额 " << format_grouped(total - result.booked)
            << "\n";
  if (result.booked > total) {
    std::cerr << "警告：" << year << "年度已入账奖补 " << format_grouped(result.booked)
              << " 超出预算 " << format_grouped(result.booked - total)
              << "；超出部分在追加预算（budget adjust）前不会拨付\n";
  }
}

int run_assess(const Context& context, const AssessArgs& args) {
  Db db = context.open_db();
  if (args.dry_run) {
    const ops::AssessedYear assessed = ops::assess_only(db, AwardYear(args.year));
    print(db, assessed.assessment, assessed.policy, args, nullptr, std::nullopt);
    return 0;
  }
  ops::OpContext op = context.op_context(db);
  const ops::AssessResult result = ops::assess_and_post(op, {AwardYear(args.year)}).result;
  const AssessPosting& posting = result.posting;
  print(db, result.assessed.assessment, result.assessed.policy, args, &result.json_text,
        AssessBooked{posting.run_id, posting.posted, posting.unchanged, posting.held});
  std::cerr << "assess " << args.year << ": run " << posting.run_id << ", " << posting.posted
            << " entries posted, " << posting.unchanged << " unchanged, " << posting.held
            << " held\n";
  print_budget_standing(result, args.year);
  return 0;
}

int run_explain(const Context& context, const std::string& application_id, int year,
                const std::string& lang) {
  Db db = context.open_db();
  AssessOptions options;
  options.trace_ids.push_back(application_id);
  const ops::AssessedYear assessed = ops::assess_only(db, AwardYear(year), options);
  write_explanation(assessed.assessment, assessed.policy, application_id, language_of(lang),
                    std::cout);
  return 0;
}

}  // namespace

void add_assess_commands(CLI::App& app, Context& context) {
  auto args = std::make_shared<AssessArgs>();
  CLI::App* assess = app.add_subcommand("assess", "apply the policy to a year's applications");
  assess->add_option("--year", args->year, "award year")->required();
  assess->add_flag("--dry-run", args->dry_run, "only show what would be posted");
  assess->add_option("--format", args->format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  assess->add_flag("--wide", args->wide,
                   "table: every column (project, USCC, shares) on one line, however wide");
  assess->add_option("--lang", args->lang, "zh or en (table headings)")
      ->check(CLI::IsMember({"zh", "en"}));
  assess->callback([&context, args] {
    context.action = [&context, args] { return run_assess(context, *args); };
  });

  auto explain_args = std::make_shared<AssessArgs>();
  auto application_id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "every step of one application's award");
  explain->add_option("application_id", *application_id, "application id")->required();
  explain->add_option("--year", explain_args->year, "award year")->required();
  explain->add_option("--lang", explain_args->lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  explain->callback([&context, explain_args, application_id] {
    context.action = [&context, explain_args, application_id] {
      return run_explain(context, *application_id, explain_args->year, explain_args->lang);
    };
  });
}

}  // namespace subsidy::cli
