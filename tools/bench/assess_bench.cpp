// Benchmark of the policy engine: generates a county year in memory (by default 1,000,000
// applications over 100,000 enterprises, every scheme, a tenth of the enterprises with events,
// missing or small retentions and superior awards), then times assess() and prints the peak
// resident memory of the process (getrusage). The figures go into docs/performance.md ("Assess").
// Usage: assess_bench [APPLICATIONS [ENTERPRISES [trace]]]; `trace` builds every explanation trace
// too.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "ledger/engine/assess.h"
#include "ledger/engine/assess_output.h"
#include "ledger/policy/policy.h"

using namespace subsidy;

namespace {

constexpr uint64_t kMaxCount = 50'000'000;  // a limit on what the arguments may ask for

uint64_t count_argument(int argc, char** argv, int index, uint64_t fallback) {
  if (argc <= index) return fallback;
  const std::string text = argv[index];
  const bool digits = !text.empty() && text.size() <= 9 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  const uint64_t value = digits ? std::stoull(text) : 0;
  if (value == 0 || value > kMaxCount) {
    std::fprintf(stderr, "assess_bench: a count must lie in 1..%llu\n",
                 static_cast<unsigned long long>(kMaxCount));
    std::exit(2);
  }
  return value;
}

// User + system CPU time of the process so far, in milliseconds: unlike the wall clock it does not
// grow when other programs share the machine.
long long cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto ms = [](const timeval& t) {
    return static_cast<long long>(t.tv_sec) * 1000 + static_cast<long long>(t.tv_usec) / 1000;
  };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports KiB
}

AssessInput generate(uint64_t applications, uint64_t enterprises) {
  std::mt19937_64 rng(20230101);
  auto fen_below = [&](uint64_t n) { return Money::from_fen(static_cast<int64_t>(rng() % n)); };
  AssessInput input;
  input.year = 2023;
  input.enterprises.reserve(enterprises);
  input.projects.reserve(enterprises * 3);
  input.applications.reserve(applications);
  for (uint64_t e = 0; e < enterprises; ++e) {
    EnterpriseInput& enterprise = input.enterprises.emplace_back();
    enterprise.uscc = "913213230000" + std::to_string(100000 + e);
    enterprise.region_code = e % 2 == 0 ? "P01" : "T01";
    if (e % 17 != 0) enterprise.local_retained_tax = fen_below(1'000'000'000);
    if (e % 23 == 0) enterprise.events.push_back({"court_enforcement", std::nullopt});
    if (e % 11 == 0) enterprise.events.push_back({"general_safety_accident", std::nullopt});
    for (int p = 0; p < 3; ++p) {
      ProjectInput& project = input.projects.emplace_back();
      project.project_id = "P" + std::to_string(e) + "-" + std::to_string(p);
      if ((e + static_cast<uint64_t>(p)) % 13 == 0) project.superior_award = fen_below(100'000'000);
    }
  }
  const auto& schemes = builtin_policy().schemes();
  for (uint64_t a = 0; a < applications; ++a) {
    const uint64_t e = rng() % enterprises;
    ApplicationInput& app = input.applications.emplace_back();
    app.application_id = "A" + std::to_string(10'000'000 + a);
    app.uscc = input.enterprises[e].uscc;
    app.project_id = input.projects[e * 3 + rng() % 3].project_id;
    app.scheme = schemes[rng() % schemes.size()].code;
    app.inputs.set_money(InputColumn::equipment_amount, fen_below(3'000'000'000));
    app.inputs.set_money(InputColumn::software_amount, fen_below(300'000'000));
    app.inputs.set_money(InputColumn::total_investment, fen_below(1'000'000'000));
    app.inputs.set_money(InputColumn::rd_expense, fen_below(1'000'000'000));
    app.inputs.set_money(InputColumn::info_investment, fen_below(1'000'000'000));
    app.inputs.set_money(InputColumn::loan_amount, fen_below(50'000'000'000));
    app.inputs.set_money(InputColumn::service_revenue, fen_below(1'000'000'000));
    app.inputs.set_count(InputColumn::staff_count, static_cast<int64_t>(rng() % 40));
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  const uint64_t applications = count_argument(argc, argv, 1, 1'000'000);
  const uint64_t enterprises = count_argument(argc, argv, 2, 100'000);
  AssessOptions options;
  options.trace_all = argc > 3 && std::string(argv[3]) == "trace";
  const AssessInput input = generate(applications, enterprises);
  const long input_mib = peak_rss_mib();

  const long long cpu_start = cpu_ms();
  const auto start = std::chrono::steady_clock::now();
  const Assessment result = assess(builtin_policy(), input, options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  const long long cpu = cpu_ms() - cpu_start;

  Money total;
  size_t awarded = 0;
  for (const EnterpriseResult& enterprise : result.enterprises) total += enterprise.total;
  for (const ApplicationResult& app : result.applications) awarded += app.status == Status::awarded;
  std::printf("applications %llu, enterprises %llu, awarded %zu, total %s\n",
              static_cast<unsigned long long>(applications),
              static_cast<unsigned long long>(enterprises), awarded, format_grouped(total).c_str());
  std::printf(
      "assess%s: %lld ms wall clock, %lld ms CPU; peak RSS %ld MiB (%ld MiB after "
      "generating the input)\n",
      options.trace_all ? " with every trace" : "", ms, cpu, peak_rss_mib(), input_mib);
  return 0;
}
