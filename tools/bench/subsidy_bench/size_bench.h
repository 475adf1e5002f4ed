// One county size of the benchmark (bench.h): its scratch directory, the ledger copies each run
// starts from, and the steps, in steps.cpp (county, import, assess, post, reads, raw insert) and
// steps_payments.cpp (reports, journal and ledger-cli, batch export, bank-return import).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "bench.h"

namespace subsidy::bench {

inline constexpr int64_t kLargeSize = 1'000'000;

// A ledger file and its write-ahead log, copied so that a run starts from a known state.
void copy_ledger(const std::string& from, const std::string& to);

class SizeBench {
 public:
  SizeBench(const BenchOptions& options, int64_t size, std::vector<Figure>& figures);
  void run();

 private:
  std::string path(const std::string& name) const;
  // Output of the measured programs: stdout discarded, messages to steps.log of this size.
  Output log() const { return {"/dev/null", path("steps.log")}; }
  // The subsidy program's command line for `ledger` with the size's key, acting as `actor`.
  std::vector<std::string> subsidy(const std::string& ledger, std::vector<std::string> args,
                                   const std::string& actor = "bench") const;
  // Runs `prepare` (not timed) and then `measured` `runs_` times; records the median.
  void measure(const std::string& step, const std::function<void()>& prepare,
               const std::function<RunResult()>& measured);
  // The same subcommand for each award year, as one step.
  std::vector<std::vector<std::string>> per_year(const std::string& ledger,
                                                 const std::vector<std::string>& args) const;
  // steps.cpp
  void generate();
  void make_empty_ledger();
  void import();
  void assess_and_post();
  void read_steps();
  void raw_insert_baseline();
  // steps_payments.cpp
  void report_steps();
  void journal_baseline();
  void configure_payer();
  void batch_export();
  void bank_return_import();

  const BenchOptions& options_;
  int64_t size_;
  std::vector<Figure>& figures_;
  std::string dir_;
  int runs_;
};

}  // namespace subsidy::bench
