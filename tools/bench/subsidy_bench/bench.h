// The whole-cycle benchmark (`subsidy-bench`): for each county size, generate the county, then time
// every step a bureau runs on it through the `subsidy` program itself, as the median of several
// runs with the peak memory of each, and the baselines beside them (a raw SQLCipher bulk insert of
// as many rows as posting writes; ledger-cli balancing the same ledger exported as a journal).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "measure.h"

namespace subsidy::bench {

struct BenchOptions {
  std::vector<int64_t> sizes = {10'000, 100'000, 1'000'000};  // applications per county
  int runs = 3;          // runs per step, of which the median is reported
  int largest_runs = 3;  // runs per step for sizes of 1,000,000 and more
  std::string work_dir = "bench-work";
  std::string subsidy;  // the subsidy program; default: ../subsidy beside this program
  std::string ledger_cli = "/usr/bin/ledger";
  uint64_t seed = 2022;
  bool keep = false;                      // keep the work directory afterwards
  std::optional<std::string> update_doc;  // docs/performance.md to write the table into
};

// The names of the steps the targets and the derived figures refer to.
namespace step {
inline constexpr const char* kGenerate = "generate county (CSV)";
inline constexpr const char* kImport = "import (six files)";
inline constexpr const char* kAssessDryRun = "assess --dry-run (3 years)";
inline constexpr const char* kAssessPost = "assess and post (3 years)";
inline constexpr const char* kRawInsert =
    "baseline: raw SQLCipher insert of as many entries and lines";
inline constexpr const char* kVerify = "verify";
inline constexpr const char* kBalances = "balances";
inline constexpr const char* kReportPrefix = "report ";
inline constexpr const char* kJournalExport = "export journal (whole ledger)";
inline constexpr const char* kLedgerCli = "baseline: ledger -f journal bal";
inline constexpr const char* kBatchExport = "batch create, approve (second actor), export pain.001";
inline constexpr const char* kBankReturn = "bank-return import (pain.002, 2 rejections)";
}  // namespace step

// One measured step at one size.
struct Figure {
  std::string step;
  int64_t size = 0;
  int runs = 0;
  RunResult result;  // median time, largest peak memory
};

// Every figure of every size, in the order measured. Throws RefusedError when a step fails.
std::vector<Figure> run_benchmark(const BenchOptions& options);

// The results as a Markdown section: the machine, the table (time and memory per step and size),
// the growth from each size to the next and the targets met or missed.
std::string results_markdown(const BenchOptions& options, const std::vector<Figure>& figures);

// Replaces the text between the subsidy-bench markers of `path` (or appends a marked section when
// there are none), leaving every other section of the file as it was.
void update_document(const std::string& path, const std::string& section);

}  // namespace subsidy::bench
