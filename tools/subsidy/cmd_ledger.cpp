// The ledger's own commands: `verify [--against FILE]`, `digest`, `close --year Y` and
// `balances [--year Y] [--format table|csv|json] [--lang]` (a ReportTable written by the common
// writers; the JSON keeps its own document). Each reads or seals the ledger through the library
// (journal.h, ledger_verify.h); `close` is the only one that changes it, through its operation
// (ops/close_year.h).
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli.h"
#include "ledger/base/error.h"
#include "ledger/books/journal.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/books/readers.h"
#include "ledger/ops/close_year.h"
#include "ledger/payments/payment_verify.h"
#include "ledger/people/signatures.h"
#include "ledger/tables/output.h"

namespace subsidy::cli {

namespace {

constexpr size_t kMaxDigestFileBytes = 1 << 20;

std::string read_digest_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RefusedError(path + ": cannot read the digest file");
  std::string text;
  text.resize(kMaxDigestFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxDigestFileBytes) throw RefusedError(path + ": too large for a digest file");
  return text;
}

int run_verify(const Context& context, const std::optional<std::string>& against) {
  std::optional<LedgerHead> saved;
  if (against) saved = parse_digest(read_digest_file(*against), *against);
  Db db = context.open_db();
  VerifyReport report = saved ? verify_against(db, *saved) : verify_ledger(db);
  add_payment_problems(db, report);  // payments as the entries say them (payment_verify.h)
  people::PeopleCheck people_check;
  people::add_people_problems(db, report, &people_check);  // every change signed (signatures.h)
  if (!report.ok()) {
    std::cerr << "subsidy: verify FAILED: " << report.problem_count << " problem(s)";
    if (report.first_bad_entry) std::cerr << ", first bad entry " << *report.first_bad_entry;
    std::cerr << "\n";
    for (const std::string& problem : report.problems) std::cerr << problem << "\n";
    if (report.problem_count > static_cast<int64_t>(report.problems.size())) {
      std::cerr << "(" << report.problem_count - static_cast<int64_t>(report.problems.size())
                << " more not shown)\n";
    }
    return 1;
  }
  std::cout << "verified: " << report.entries_checked << " entries, " << report.lines_checked
            << " lines, " << report.accounts_checked
            << " account totals; hash chain, balances, totals, closings and append-only triggers "
               "intact\n";
  std::cout << "sealed: " << report.records_checked << " records over " << report.rows_checked
            << " rows of master data, policies, configuration, assessments, payments and bank "
               "returns; record chain, sealed rows, policy texts and schema intact\n";
  if (report.memorandum_closings > 0) {
    std::cout << "old-style closings: " << report.memorandum_closings
              << " memorandum closing(s) on year_close:<year>, kept as booked (nothing closed into "
                 "fund_balance for those years)\n";
  }
  if (people_check.has_people) {
    std::cout << "signed: " << people_check.signatures_checked << " signatures (SM2/SM3) by "
              << people_check.people
              << " registered people; every change signed by a person holding the role for it\n";
  } else {
    std::cout << "people: this ledger has no people (created without --admin): its changes are "
                 "not signed\n";
  }
  if (saved) {
    std::cout << "extends the saved digest of " << *against << " (entry " << saved->entry_count
              << ")\n";
  }
  std::cout << format_digest(report.head) << "\n";
  return 0;
}

struct CloseOptions {
  int64_t year = 0;
  bool force = false;
  std::string reason;
};

// Lists the year's open items (stdout), then closes it; a year with open items is refused by the
// operation (one line on stderr, after the list) unless forced with a reason.
int run_close(const Context& context, const CloseOptions& options) {
  Db db = context.open_db();
  const FiscalYear year = FiscalYear::known(options.year);
  if (!closing_of(db, year)) {
    const ops::OpenItems open = ops::open_items_of_year(db, year);
    std::cout << options.year << " 年度未结事项" << (open.any() ? "" : "：无") << "\n";
    if (open.any()) std::cout << ops::format_open_items(open);
    std::cout.flush();
  }
  ops::OpContext op = context.op_context(db);
  const ops::CloseYearOutcome outcome = ops::close_year(op, {year, options.force, options.reason});
  if (outcome.open_items.any()) {
    std::cout << "强制结账：" << outcome.open_items.total_count()
              << " 项未结事项，理由已记入结账分录\n";
  }
  std::cout << "fiscal year " << options.year << " closed by entry " << outcome.closing.entry_id
            << "\n"
            << outcome.record.digest_after << "\n";
  return 0;
}

// The balances as a table of the common model: one row per account, the totals of debits and
// credits (and their difference) in the last row; laid out for the terminal as the command always
// printed it (no rules; "total" / "合计"), under a title that says plainly what the figures are:
// balances over all years, or the movements of one year before its closing entry.
reports::ReportTable balances_table(const std::vector<AccountBalance>& balances,
                                    std::optional<int64_t> year, std::string digest) {
  using reports::ColumnType;
  const std::string y = year ? std::to_string(*year) : "";
  reports::ReportTable table =
      year ? reports::ReportTable(
                 "balances", "科目本年发生额（" + y + "年度，结账前；是发生额，不是余额）",
                 "Movements of " + y + " per account (before closing; not balances)", *year,
                 std::move(digest))
           : reports::ReportTable("balances", "科目余额（全部年度累计，含结账分录；借方为正）",
                                  "Account balances (all years, closings included; debit positive)",
                                  0, std::move(digest));
  table.add_column({"account", "科目", "account", ColumnType::text});
  table.add_column(
      {"debit", year ? "本年借方" : "借方", year ? "debits" : "debit", ColumnType::money});
  table.add_column(
      {"credit", year ? "本年贷方" : "贷方", year ? "credits" : "credit", ColumnType::money});
  table.add_column({"balance", year ? "本年净发生额" : "余额", year ? "net movement" : "balance",
                    ColumnType::money});
  table.add_column({"lines", "行数", "lines", ColumnType::integer});
  table.reserve_rows(balances.size());
  Money debit;
  Money credit;
  for (const AccountBalance& b : balances) {
    table.add_row({b.account, b.debit, b.credit, b.balance, b.line_count});
    debit += b.debit;
    credit += b.credit;
  }
  table.set_totals({reports::Cell{}, debit, credit, debit - credit, reports::Cell{}});
  table.set_totals_label("合计", "total");
  reports::TextLayout layout;
  layout.header = reports::TextLayout::Header::title;
  layout.rule = reports::TextLayout::Rule::none;
  table.set_text_layout(layout);
  return table;
}

int run_balances(const Context& context, std::optional<int64_t> year, const std::string& format,
                 const std::string& lang) {
  Db db = context.open_db();
  ReadTransaction read(db);  // the balances and the digest they state from one state
  const std::vector<AccountBalance> balances =
      year ? books::year_movements(db, FiscalYear::known(*year), books::ClosingEntry::excluded)
           : account_balances(db, std::nullopt);
  if (format == "json") {
    // The document scripts read ("accounts", "digest"), older than the table model's JSON.
    nlohmann::ordered_json accounts = nlohmann::ordered_json::array();
    for (const AccountBalance& b : balances) {
      accounts.push_back({{"account", b.account},
                          {"debit", format_plain(b.debit)},
                          {"credit", format_plain(b.credit)},
                          {"balance", format_plain(b.balance)},
                          {"lines", b.line_count}});
    }
    nlohmann::ordered_json document = {{"year", year ? nlohmann::ordered_json(*year) : nullptr},
                                       {"shows", year ? "movements before closing" : "balances"},
                                       {"digest", current_digest(db)},
                                       {"accounts", accounts}};
    std::cout << document.dump(2) << "\n";
    return 0;
  }
  const reports::ReportTable table = balances_table(balances, year, current_digest(db));
  reports::write_text_format(table, reports::parse_format(format), reports::parse_lang(lang),
                             std::cout);
  return 0;
}

}  // namespace

void add_ledger_commands(CLI::App& app, Context& context) {
  CLI::App* verify = app.add_subcommand(
      "verify", "check the whole ledger: hash chain, entry balances, account totals, closings");
  auto against = std::make_shared<std::optional<std::string>>();
  verify->add_option("--against", *against,
                     "a digest saved earlier (by `subsidy digest`) that the ledger must extend");
  verify->callback([&context, against] {
    context.action = [&context, against] { return run_verify(context, *against); };
  });

  CLI::App* digest = app.add_subcommand("digest", "print the ledger head: entry count and hash");
  digest->callback([&context] {
    context.action = [&context] {
      Db db = context.open_db();
      std::cout << current_digest(db) << "\n";
      return 0;
    };
  });

  CLI::App* close = app.add_subcommand("close", "seal a fiscal year: nothing posts into it after");
  auto close_options = std::make_shared<CloseOptions>();
  close->add_option("--year", close_options->year, "the fiscal year to close")
      ->required()
      ->check(CLI::Range(1900, 9999));
  CLI::Option* close_reason = close->add_option(
      "--reason", close_options->reason, "why a year with open items is closed (强制结账理由)");
  CLI::Option* close_force =
      close->add_flag("--force", close_options->force,
                      "close although the year has open items (未结事项); needs --reason");
  close_force->needs(close_reason);
  close_reason->needs(close_force);
  close->callback([&context, close_options] {
    context.action = [&context, close_options] { return run_close(context, *close_options); };
  });

  CLI::App* balances = app.add_subcommand(
      "balances", "account balances over all years, or one year's movements with --year");
  auto year = std::make_shared<std::optional<int64_t>>();
  auto format = std::make_shared<std::string>("table");
  auto lang = std::make_shared<std::string>("zh");
  balances
      ->add_option("--year", *year,
                   "the movements of this fiscal year (before its closing entry), not balances")
      ->check(CLI::Range(1900, 9999));
  balances->add_option("--format", *format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  balances->add_option("--lang", *lang, "headings: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  balances->callback([&context, year, format, lang] {
    context.action = [&context, year, format, lang] {
      return run_balances(context, *year, *format, *lang);
    };
  });
}

}  // namespace subsidy::cli
