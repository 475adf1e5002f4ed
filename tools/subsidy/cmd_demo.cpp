// `subsidy demo DIR [--seed N] [--lang zh|en]`: makes a Siyang-sized county in DIR, runs the whole
// year cycle on it in a new encrypted ledger (demo_cycle.h) and prints a short summary: what went
// in, what each year's run decided, which years are closed, whether verify passes, where the files
// are. The numbers depend only on the seed; the key, and so the ledger's bytes, are new each time.
#include <filesystem>
#include <iostream>

#include "cli.h"
#include "demo_cycle.h"

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
  const char* projects;
  const char* enterprises_without_bank;
  const char* applications;
  const char* year;
  const char* awarded;
  const char* rejected;
  const char* held;
  const char* county;
  const char* region;
  const char* entries;
  const char* closed;
  const char* verify_ok;
  const char* verify_bad;
  const char* files;
  const char* ledger;
  const char* key;
  const char* ops_log;
  const char* csv;
};

constexpr Words kChinese = {"泗阳县“智改数转”奖补演示",
                            "输入",
                            "个税收归属地",
                            "家企业",
                            "个项目",
                            "家无银行账户",
                            "项申请",
                            "年",
                            "奖励",
                            "驳回",
                            "暂缓",
                            "县财政",
                            "属地",
                            "笔分录",
                            "已结账年度",
                            "核验通过",
                            "核验发现问题",
                            "文件",
                            "账本（加密）",
                            "密钥（仅本人可读）",
                            "操作日志",
                            "输入文件"};
constexpr Words kEnglish = {"Siyang smart-manufacturing subsidy demo",
                            "input",
                            "regions",
                            "enterprises",
                            "projects",
                            "without bank details",
                            "applications",
                            "year",
                            "awarded",
                            "rejected",
                            "held",
                            "county",
                            "region",
                            "entries",
                            "closed fiscal years",
                            "verify passed",
                            "verify found problems",
                            "files",
                            "ledger (encrypted)",
                            "key (owner only)",
                            "operations log",
                            "input files"};

void print_summary(const DemoSummary& summary, const DemoArgs& args, std::ostream& out) {
  const Words& w = args.lang == "en" ? kEnglish : kChinese;
  const CountySummary& county = summary.county;
  out << w.title << " (seed " << args.seed << ")\n"
      << w.input << ": " << county.regions << " " << w.regions << ", " << county.enterprises << " "
      << w.enterprises << " (" << county.enterprises_without_bank << " "
      << w.enterprises_without_bank << "), " << county.projects << " " << w.projects << ", "
      << county.applications << " " << w.applications << "\n";
  for (const DemoYear& year : summary.years) {
    out << "  " << year.year << " " << w.year << ": " << year.applications << " " << w.applications
        << ", " << year.awarded << " " << w.awarded << " " << format_grouped(year.awarded_total)
        << " (" << w.county << " " << format_grouped(year.county_share) << ", " << w.region << " "
        << format_grouped(year.region_share) << "), " << year.rejected << " " << w.rejected << ", "
        << year.held << " " << w.held << "; " << year.entries_posted << " " << w.entries << "\n";
  }
  out << w.closed << ":";
  for (int year : summary.closed_years) out << " " << year;
  out << "\n"
      << (summary.verify_problems == 0 ? w.verify_ok : w.verify_bad) << ": " << summary.digest
      << "\n"
      << w.files << ":\n"
      << "  " << w.ledger << ": " << summary.ledger_path << "\n"
      << "  " << w.key << ": " << summary.key_path << "\n"
      << "  " << w.ops_log << ": " << summary.ops_log_path << "\n"
      << "  " << w.csv << ": "
      << std::filesystem::path(county.files.at("applications")).parent_path().string() << "\n";
  for (const std::string& file : summary.files) out << "  " << file << "\n";
}

int run_demo(const Context& context, const DemoArgs& args) {
  const DemoSummary summary = run_demo_cycle(context, {args.directory, args.seed});
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
