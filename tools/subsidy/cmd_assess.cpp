// `subsidy assess --year Y [--dry-run] [--format table|json|csv] [--lang zh|en]` and
// `subsidy explain APPLICATION_ID --year Y [--lang zh|en]`: the policy engine run on the ledger's
// own master data. Without --dry-run the differences are posted in one transaction and the run is
// recorded; --dry-run prints exactly what a real run would post and changes nothing.
#include <iostream>
#include <sstream>

#include "cli.h"
#include "ledger/engine/assess_output.h"
#include "ledger/awards/assess_run.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::cli {

namespace {

// Traces (the explanation of every step) are kept for every application of runs up to this size;
// a bigger run records amounts and reasons only, to stay within memory (docs/performance.md).
constexpr size_t kMaxTracedApplications = 200'000;

struct AssessArgs {
  int year = 0;
  bool dry_run = false;
  std::string format = "table";
  std::string lang = "zh";
};

Language language_of(const std::string& name) {
  const std::optional<Language> language = language_from_name(name);
  if (!language) throw UsageError("--lang takes zh or en, not " + name);
  return *language;
}

// `json_text` is the JSON already written for the posting run; a dry run has none and streams it.
void print(const Assessment& assessment, const Policy& policy, const AssessArgs& args,
           const std::string* json_text) {
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
    write_assessment_table(assessment, policy, language_of(args.lang), std::cout);
  }
}

int64_t count_applications(Db& db, int year) {
  Statement count = db.prepare("SELECT COUNT(*) FROM applications WHERE year = ?");
  count.bind(1, int64_t{year});
  count.step();
  return count.int64(0);
}

int run_assess(const Context& context, const AssessArgs& args) {
  Db db = context.open_db();
  std::optional<Transaction> tx;
  if (!args.dry_run) tx.emplace(db);  // taken first: what is assessed is what is posted
  const std::vector<Policy> policies = load_stored_policies(db);
  AssessOptions options;
  options.trace_all = !args.dry_run && static_cast<size_t>(count_applications(db, args.year)) <=
                                           kMaxTracedApplications;
  const Policy* policy = nullptr;
  const Assessment assessment = assess_year(db, policies, args.year, options, &policy);
  if (args.dry_run) {
    print(assessment, *policy, args, nullptr);
    return 0;
  }
  const std::string json_text = assessment_json_text(assessment);
  const std::string before = current_digest(db);
  const AssessPosting posting = post_assessment(db, assessment, *policy, context.actor, json_text);
  const std::string after = current_digest(db);
  tx->commit();
  log_operation(context, "assess --year " + std::to_string(args.year),
                "run=" + std::to_string(posting.run_id) +
                    " applications=" + std::to_string(assessment.applications.size()) +
                    " entries_posted=" + std::to_string(posting.posted) + " unchanged=" +
                    std::to_string(posting.unchanged) + " held=" + std::to_string(posting.held),
                before, after);
  print(assessment, *policy, args, &json_text);
  std::cerr << "assess " << args.year << ": run " << posting.run_id << ", " << posting.posted
            << " entries posted, " << posting.unchanged << " unchanged, " << posting.held
            << " held\n";
  return 0;
}

int run_explain(const Context& context, const std::string& application_id, int year,
                const std::string& lang) {
  Db db = context.open_db();
  const std::vector<Policy> policies = load_stored_policies(db);
  AssessOptions options;
  options.trace_ids.push_back(application_id);
  const Policy* policy = nullptr;
  const Assessment assessment = assess_year(db, policies, year, options, &policy);
  write_explanation(assessment, *policy, application_id, language_of(lang), std::cout);
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
