// `report NAME --year Y [--format table|csv|json|xlsx|pdf] [--out FILE] [--lang zh|en]` and
// `export journal --year Y [--out FILE]`: the reconciliation reports and the ledger-cli / hledger
// journal, each read from the ledger and stating the ledger head digest it was made from.
#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli.h"
#include "ledger/base/atomic_file.h"
#include "ledger/base/error.h"
#include "ledger/payments/config.h"
#include "ledger/tables/output.h"
#include "print_info.h"
#include "reports/journal_export.h"
#include "reports/ledger_reports.h"

namespace subsidy::cli {

namespace {

struct ReportOptions {
  std::string name;
  int64_t year = 0;
  std::string format = "table";
  std::optional<std::string> out;
  std::string lang = "zh";
  bool force = false;
  std::optional<std::string> region;  // cost-sharing: only this region's row
};

// A person whose roles are all region:<code> (属地财政) reads only cost-sharing, of their own
// region: refuses anything else with the rule named; returns the region to show.
std::optional<std::string> region_of_viewer(const Context& context, Db& db,
                                            const ReportOptions& options) {
  const std::optional<std::vector<std::string>> codes = context.region_viewer_codes(db);
  if (!codes) return options.region;
  if (options.name != "cost-sharing") {
    throw RefusedError(
        "岗位分离：属地财政（region）只能查看本区域的 cost-sharing（分担与结算），不能查看 " +
        options.name);
  }
  const std::string region = options.region.value_or(codes->front());
  if (std::find(codes->begin(), codes->end(), region) == codes->end()) {
    throw RefusedError("岗位分离：属地财政 " + *context.login() + " 只能查看本区域（" +
                       codes->front() + "），不能查看区域 " + region);
  }
  return region;
}

// Counts the rows of tax-retention flagged as exceptions (the policy says there must be none).
int64_t exception_rows(const reports::ReportTable& table) {
  if (table.name() != "tax-retention") return 0;
  const size_t column = table.column_index("exception");
  int64_t count = 0;
  for (const reports::Row& row : table.rows()) {
    count += std::holds_alternative<std::string>(row[column]) ? 1 : 0;
  }
  return count;
}

int run_report(const Context& context, const ReportOptions& options) {
  const reports::Format format = reports::parse_format(options.format);
  const Language lang = reports::parse_lang(options.lang);
  if ((format == reports::Format::xlsx || format == reports::Format::pdf) && !options.out) {
    throw UsageError("--format " + options.format + " writes a file: give --out FILE");
  }
  if (options.out) context.check_out(*options.out, options.force);
  Db db = context.open_db();
  const std::optional<std::string> region = region_of_viewer(context, db, options);
  if (region && options.name != "cost-sharing") {
    throw UsageError("--region applies to the cost-sharing report only");
  }
  reports::ReportTable table =
      reports::build_report(db, options.name, AwardYear::known(options.year), lang);
  if (region) table = reports::only_region(table, *region);
  // 编制单位 of the XLSX print: the paying bureau's name when the payer is configured.
  table.set_organisation(config_value(db, "payer.name").value_or(""));
  const reports::PrintInfo print = print_info(context, db);
  reports::emit_report(table, format, lang, options.out, std::cout, &print);
  if (const int64_t exceptions = exception_rows(table); exceptions > 0) {
    std::cerr << "subsidy: warning: " << exceptions
              << " enterprise(s) have awards above their local retained tax (see the exception "
                 "column)\n";
  }
  return 0;
}

int run_export_journal(const Context& context, int64_t year, const std::optional<std::string>& out,
                       bool force) {
  if (out) context.check_out(*out, force);
  Db db = context.open_db();
  if (!out) {
    reports::export_journal(db, FiscalYear::known(year), std::cout);
    return 0;
  }
  write_file_atomically(*out, [&](const std::string& temporary) {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw RefusedError("cannot write " + *out);
    reports::export_journal(db, FiscalYear::known(year), file);
    file.close();
    if (!file) throw RefusedError("cannot write " + *out + ": write failed");
  });
  return 0;
}

}  // namespace

void add_report_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* report = app.add_subcommand("report", "a reconciliation report read from the ledger");
  std::string names;
  for (const std::string& name : reports::report_names())
    names += (names.empty() ? "" : ", ") + name;
  report->add_option("name", options->name, "one of: " + names)->required();
  report->add_option("--year", options->year, "the award / fiscal year")
      ->required()
      ->check(CLI::Range(1900, 9999));
  report->add_option("--format", options->format,
                     "table (default), csv, json, xlsx or pdf (A4, to print and sign)");
  report->add_option("--out", options->out,
                     "write to FILE instead of stdout (xlsx and pdf need it)");
  report->add_option("--lang", options->lang, "headings and words: zh (default) or en");
  report->add_flag("--force", options->force, "replace the --out file if it exists");
  report->add_option("--region", options->region, "cost-sharing: only this region's row");
  report->callback([&context, options] {
    context.action = [&context, options] { return run_report(context, *options); };
  });

  CLI::App* export_group = app.add_subcommand("export", "the ledger in formats other tools read");
  export_group->require_subcommand(1);
  CLI::App* journal =
      export_group->add_subcommand("journal", "the year as a ledger-cli / hledger journal");
  auto year = std::make_shared<int64_t>(0);
  auto out = std::make_shared<std::optional<std::string>>();
  journal->add_option("--year", *year, "the fiscal year")
      ->required()
      ->check(CLI::Range(1900, 9999));
  journal->add_option("--out", *out, "write to FILE instead of stdout");
  auto force = std::make_shared<bool>(false);
  journal->add_flag("--force", *force, "replace the --out file if it exists");
  journal->callback([&context, year, out, force] {
    context.action = [&context, year, out, force] {
      return run_export_journal(context, *year, *out, *force);
    };
  });
}

}  // namespace subsidy::cli
