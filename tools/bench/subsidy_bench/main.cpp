// `subsidy-bench`: the whole-cycle benchmark at 10k, 100k and 1M applications (bench.h), or a
// 1,000-application smoke run that only shows the machinery works. Prints the Markdown table and,
// with --update-doc, writes it into docs/performance.md between its markers.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "bench.h"
#include "ledger/base/error.h"

namespace {

// The subsidy program built beside this one: <build>/tools/bench/subsidy-bench →
// <build>/tools/subsidy.
std::string default_subsidy() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "subsidy";
  return (self.parent_path().parent_path() / "subsidy").string();
}

}  // namespace

int main(int argc, char** argv) {
  subsidy::bench::BenchOptions options;
  options.subsidy = default_subsidy();
  bool smoke = false;
  std::string update_doc;
  CLI::App app{"subsidy-bench: times the whole cycle of subsidy-ledger at scale", "subsidy-bench"};
  app.add_option("--sizes", options.sizes,
                 "applications per county (default 10000 100000 1000000)");
  app.add_option("--runs", options.runs, "runs per step, median reported (default 3)")
      ->check(CLI::Range(1, 99));
  app.add_option("--largest-runs", options.largest_runs,
                 "runs per step at 1,000,000 applications and more (default 3)")
      ->check(CLI::Range(1, 99));
  app.add_option("--work", options.work_dir, "scratch directory (default ./bench-work)");
  app.add_option("--subsidy", options.subsidy, "the subsidy program (default: beside this one)");
  app.add_option("--ledger-cli", options.ledger_cli, "ledger-cli (default /usr/bin/ledger)");
  app.add_option("--seed", options.seed, "seed of the generated counties (default 2022)");
  app.add_flag("--keep", options.keep, "keep the scratch directory");
  app.add_flag("--smoke", smoke,
               "one run of a 1,000-application county: checks the machinery only");
  app.add_option("--update-doc", update_doc, "write the table into this Markdown file");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (smoke) {
    options.sizes = {1'000};
    options.runs = 1;
  }
  try {
    const auto figures = subsidy::bench::run_benchmark(options);
    const std::string markdown = subsidy::bench::results_markdown(options, figures);
    std::cout << markdown;
    if (!update_doc.empty()) subsidy::bench::update_document(update_doc, markdown);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "subsidy-bench: " << e.what() << "\n";
    return 1;
  }
}
