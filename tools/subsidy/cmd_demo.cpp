// `subsidy demo DIR [--seed N] [--lang zh|en]`: makes a Siyang-sized county in DIR, runs the whole
// year cycle on it in a new encrypted ledger (ledger/demo/demo_cycle.h) and prints a short summary:
// what went in, what each year's run decided and what was paid and settled, which years are closed,
// whether verify passes, where the files are. The figures depend only on the seed; the key, and so
// the ledger's bytes and digest, are new each time.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "ledger/demo/demo_cycle.h"

namespace subsidy::cli {

namespace {

struct DemoArgs {
  std::string directory;
  uint64_t seed = 1;
  std::string lang = "zh";
};

// The summary's words in the two languages.
struct Words {
  const char* title;
  const char* input;
  const char* regions;
  const char* enterprises;
  const char* without_bank;
  const char* projects;
  const char* applications;
  const char* year;
  const char* awarded;
  const char* rejected;
  const char* held;
  const char* county;
  const char* region;
  const char* entries;
  const char* funded;
  const char* paid;
  const char* batches;
  const char* settled;
  const char* bank_rejected;
  const char* unpaid;
  const char* regions_settled;
  const char* closed;
  const char* verify_ok;
  const char* verify_bad;
  const char* files;
  const char* ledger;
  const char* key;
  const char* ops_log;
  const char* csv;
  const char* bank;
  const char* audit_pack;
};

constexpr Words kChinese = {
    .title = "泗阳县“智改数转”奖补演示",
    .input = "输入",
    .regions = "个税收归属地",
    .enterprises = "家企业",
    .without_bank = "家无银行账户",
    .projects = "个项目",
    .applications = "项申请",
    .year = "年度",
    .awarded = "项奖励",
    .rejected = "项驳回",
    .held = "项暂缓",
    .county = "县财政",
    .region = "属地",
    .entries = "笔分录",
    .funded = "预算（拨入国库）",
    .paid = "支付",
    .batches = "批（另一人审批）",
    .settled = "笔到账",
    .bank_rejected = "笔被银行退回，企业改账户后重付",
    .unpaid = "笔应付款未付（无银行账户、暂缓等）",
    .regions_settled = "个属地结清分担款",
    .closed = "已结账年度",
    .verify_ok = "核验通过",
    .verify_bad = "核验发现问题",
    .files = "文件",
    .ledger = "账本（加密）",
    .key = "密钥（仅本人可读）",
    .ops_log = "操作日志",
    .csv = "输入文件",
    .bank = "银行文件（pain.001 付款、pain.002 回单、付款凭证）",
    .audit_pack = "审计包",
};
constexpr Words kEnglish = {
    .title = "Siyang smart-manufacturing subsidy demo",
    .input = "input",
    .regions = "regions",
    .enterprises = "enterprises",
    .without_bank = "without bank details",
    .projects = "projects",
    .applications = "applications",
    .year = "award year",
    .awarded = "awarded",
    .rejected = "rejected",
    .held = "held",
    .county = "county",
    .region = "region",
    .entries = "entries",
    .funded = "budget (funded into treasury)",
    .paid = "paid",
    .batches = "batches (approved by a second person)",
    .settled = "transfers settled",
    .bank_rejected = "rejected by the bank, paid again to the corrected account",
    .unpaid = "payables left unpaid (no bank details, held, ...)",
    .regions_settled = "regions settled their share",
    .closed = "closed fiscal years",
    .verify_ok = "verify passed",
    .verify_bad = "verify found problems",
    .files = "files",
    .ledger = "ledger (encrypted)",
    .key = "key (owner only)",
    .ops_log = "operations log",
    .csv = "input files",
    .bank = "bank files (pain.001 sent, pain.002 returned, vouchers)",
    .audit_pack = "audit pack",
};

void print_year(const DemoYear& year, const Words& w, std::ostream& out) {
  out << "  " << year.year << " " << w.year << ": " << year.applications << " " << w.applications
      << ", " << year.awarded << " " << w.awarded << " " << format_grouped(year.awarded_total)
      << " (" << w.county << " " << format_grouped(year.county_share) << ", " << w.region << " "
      << format_grouped(year.region_share) << "), " << year.rejected << " " << w.rejected << ", "
      << year.held << " " << w.held << "; " << year.entries_posted << " " << w.entries << "\n"
      << "    " << w.paid << ": " << year.batches << " " << w.batches << ", "
      << year.transfers_settled << " " << w.settled << " " << format_grouped(year.settled_total)
      << ", " << year.transfers_rejected << " " << w.bank_rejected << ", " << year.payables_excluded
      << " " << w.unpaid << "; " << year.regions_settled << " " << w.regions_settled << " "
      << format_grouped(year.regions_settled_total) << "\n"
      << "    " << w.funded << ": " << format_grouped(year.budget) << " (" << year.budget_ref
      << ")\n";
}

void print_summary(const DemoSummary& summary, const DemoArgs& args, std::ostream& out) {
  const Words& w = args.lang == "en" ? kEnglish : kChinese;
  const CountySummary& county = summary.county;
  out << w.title << " (seed " << args.seed << ")\n"
      << w.input << ": " << county.regions << " " << w.regions << ", " << county.enterprises << " "
      << w.enterprises << " (" << county.enterprises_without_bank << " " << w.without_bank << "), "
      << county.projects << " " << w.projects << ", " << county.applications << " "
      << w.applications << "\n";
  for (const DemoYear& year : summary.years) print_year(year, w, out);
  const bool zh = args.lang != "en";
  out << (zh ? "人员（每项改动由其本人 SM2 签名；已验证签名 "
             : "people (every change signed by its "
               "person with SM2; signatures verified: ")
      << summary.signatures_verified << (zh ? " 个）" : ")") << ":\n";
  for (const DemoPerson& person : summary.people) {
    out << "  " << person.name << " (" << person.roles << "): " << person.signatures
        << (zh ? " 次签名 — " : " signed — ") << (person.commands.empty() ? "-" : person.commands)
        << (zh ? "；口令文件 " : "; passphrase file ") << person.passphrase_file << "\n";
  }
  out << w.closed << ":";
  for (int year : summary.closed_years) out << " " << year;
  out << "\n";
  for (const std::string& forced : summary.forced_closes) {
    out << "  " << (zh ? "强制结账（有未结事项）" : "closed with --force over open items") << " "
        << forced << "\n";
  }
  out << (summary.verify_problems == 0 ? w.verify_ok : w.verify_bad) << ": " << summary.digest
      << "\n"
      << w.files << ":\n"
      << "  " << w.ledger << ": " << summary.ledger_path << "\n"
      << "  " << w.key << ": " << summary.key_path << "\n"
      << "  " << w.ops_log << ": " << summary.ops_log_path << "\n"
      << "  " << w.csv << ": " << county.directory << "\n"
      << "  " << w.bank << ": " << summary.bank_dir << " (" << summary.bank_files << ")\n";
  for (const std::string& pack : summary.audit_packs) {
    const bool open = std::find(summary.open_packs.begin(), summary.open_packs.end(), pack) !=
                      summary.open_packs.end();
    out << "  " << w.audit_pack << ": " << pack
        << (open ? (zh ? "（未结账）" : " (未结账 not closed)") : "") << "\n";
  }
}

int run_demo(const Context& context, const DemoArgs& args) {
  disable_core_dumps();  // the demo's ledger is encrypted: its key will be in this process
  const DemoSummary summary = run_demo_cycle(
      {args.directory, args.seed, context.user.value_or(context.os_user), context.clock});
  print_summary(summary, args, std::cout);
  return summary.verify_problems == 0 ? 0 : 1;
}

}  // namespace

void add_demo_commands(CLI::App& app, Context& context) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* demo = app.add_subcommand(
      "demo", "make a Siyang-sized county in DIR and run the whole year cycle on it");
  demo->add_option("DIR", args->directory, "a new (or empty) directory")->required();
  demo->add_option("--seed", args->seed, "seed of the generated county (default 1)");
  demo->add_option("--lang", args->lang, "zh (default) or en")->check(CLI::IsMember({"zh", "en"}));
  demo->callback(
      [&context, args] { context.action = [&context, args] { return run_demo(context, *args); }; });
}

}  // namespace subsidy::cli
