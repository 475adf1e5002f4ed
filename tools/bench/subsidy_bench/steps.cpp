// The steps of the benchmark at one county size (bench.h): generate, then every command of the
// cycle through the `subsidy` program on copies of the ledger, so that each run starts from the
// same state, and the baselines.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "baselines.h"
#include "bench.h"
#include "ledger/base/error.h"
#include "ledger/demo/demo_county.h"
#include "ledger/store/store.h"
#include "size_bench.h"

namespace subsidy::bench {

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 6> kImportOrder = {"regions",    "enterprises", "tax",
                                                     "compliance", "projects",    "applications"};

}  // namespace

void copy_ledger(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(to + suffix);
  fs::copy_file(from, to);
  if (fs::exists(from + "-wal")) fs::copy_file(from + "-wal", to + "-wal");
}

SizeBench::SizeBench(const BenchOptions& options, int64_t size, std::vector<Figure>& figures)
    : options_(options),
      size_(size),
      figures_(figures),
      dir_((fs::path(options.work_dir) / ("n" + std::to_string(size))).string()),
      runs_(size >= kLargeSize ? options.largest_runs : options.runs) {}

std::string SizeBench::path(const std::string& name) const {
  return (fs::path(dir_) / name).string();
}

std::vector<std::string> SizeBench::subsidy(const std::string& ledger,
                                            std::vector<std::string> args,
                                            const std::string& actor) const {
  std::vector<std::string> argv = {options_.subsidy,   "--db",   ledger, "--key-file",
                                   path("ledger.key"), "--user", actor};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

void SizeBench::measure(const std::string& step, const std::function<void()>& prepare,
                        const std::function<RunResult()>& measured) {
  std::vector<RunResult> runs;
  for (int run = 0; run < runs_; ++run) {
    prepare();
    runs.push_back(measured());
  }
  Figure figure{step, size_, runs_, summarize(runs)};
  std::cerr << "  " << step << ": " << format_seconds(figure.result.wall_ns) << ", "
            << format_memory(figure.result.peak_rss_kib) << "\n";
  figures_.push_back(figure);
}

void SizeBench::generate() {
  measure(
      step::kGenerate, [] {},
      [this] {
        return run_in_child(
            [this] { generate_county(path("csv"), CountyOptions::scaled(size_, options_.seed)); });
      });
}

void SizeBench::make_empty_ledger() {
  {
    std::ofstream key(path("ledger.key"));
    key << "subsidy-bench key " << options_.seed << "\n";
  }
  fs::permissions(path("ledger.key"), fs::perms::owner_read | fs::perms::owner_write);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path("empty.db") + suffix);
  run_program(subsidy(path("empty.db"), {"init"}), log());
}

void SizeBench::import() {
  std::vector<std::vector<std::string>> commands;
  for (const char* kind : kImportOrder) {
    commands.push_back(
        subsidy(path("imported.db"), {"import", kind, path("csv/" + std::string(kind) + ".csv")}));
  }
  measure(
      step::kImport, [this] { copy_ledger(path("empty.db"), path("imported.db")); },
      [&] { return run_programs(commands, log()); });
}

std::vector<std::vector<std::string>> SizeBench::per_year(
    const std::string& ledger, const std::vector<std::string>& args) const {
  std::vector<std::vector<std::string>> commands;
  for (int year = kFirstCountyYear; year <= kLastCountyYear; ++year) {
    std::vector<std::string> with_year = args;
    with_year.push_back("--year");
    with_year.push_back(std::to_string(year));
    commands.push_back(subsidy(ledger, with_year));
  }
  return commands;
}

void SizeBench::assess_and_post() {
  const auto dry_run = per_year(path("imported.db"), {"assess", "--dry-run", "--format", "json"});
  measure(
      step::kAssessDryRun, [] {}, [&] { return run_programs(dry_run, log()); });
  const auto post = per_year(path("posted.db"), {"assess", "--format", "csv"});
  measure(
      step::kAssessPost, [this] { copy_ledger(path("imported.db"), path("posted.db")); },
      [&] { return run_programs(post, log()); });
}

// Steps that only read the posted ledger.
void SizeBench::read_steps() {
  const std::string ledger = path("posted.db");
  measure(
      step::kVerify, [] {}, [&] { return run_program(subsidy(ledger, {"verify"}), log()); });
  measure(
      step::kBalances, [] {},
      [&] {
        return run_program(subsidy(ledger, {"balances", "--format", "csv"}), log());
      });
}

void SizeBench::raw_insert_baseline() {
  const std::string key = *load_key(path("ledger.key"));
  const LedgerSize size = ledger_size(path("posted.db"), key);
  std::cerr << "  posted ledger: " << size.entries << " entries, " << size.lines << " lines\n";
  measure(
      step::kRawInsert, [] {}, [&] { return raw_insert(path("raw.db"), key, size); });
}

void SizeBench::run() {
  fs::create_directories(dir_);
  std::cerr << "county of " << size_ << " applications (" << runs_ << " runs per step)\n";
  generate();
  make_empty_ledger();
  import();
  assess_and_post();
  raw_insert_baseline();
  read_steps();
  report_steps();
  journal_baseline();
  configure_payer();
  batch_export();
  bank_return_import();
}

std::vector<Figure> run_benchmark(const BenchOptions& options) {
  std::vector<Figure> figures;
  for (int64_t size : options.sizes) SizeBench(options, size, figures).run();
  if (!options.keep) fs::remove_all(options.work_dir);
  return figures;
}

}  // namespace subsidy::bench
