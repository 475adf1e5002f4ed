// The benchmark's results as Markdown (bench.h): the machine, one row per step with the median time
// and peak memory at each size, the growth from one size to the next (near-linear means 10× the
// work within 12× the time) and the targets of the issues, met or missed.
#include <sqlite3.h>
#include <sys/utsname.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include "bench.h"
#include "ledger/base/error.h"

namespace subsidy::bench {

namespace {

constexpr std::string_view kBegin = "<!-- subsidy-bench:begin -->";
constexpr std::string_view kEnd = "<!-- subsidy-bench:end -->";
constexpr int64_t kNsPerSecond = 1'000'000'000;

std::string first_line_with(const std::string& file, const std::string& prefix) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) {
      const size_t colon = line.find(':');
      return colon == std::string::npos ? line
                                        : line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  }
  return "unknown";
}

std::string machine_description() {
  struct utsname name {};
  uname(&name);
  std::ostringstream out;
  out << first_line_with("/proc/cpuinfo", "model name") << ", "
      << std::thread::hardware_concurrency() << " cores, "
      << format_memory(std::stoll(first_line_with("/proc/meminfo", "MemTotal")))
      << " memory; Linux " << name.release << "; SQLCipher on SQLite " << sqlite3_libversion();
  return out.str();
}

std::string grouped(int64_t value) {
  std::string digits = std::to_string(value);
  for (int64_t at = static_cast<int64_t>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<size_t>(at), ",");
  }
  return digits;
}

// "9.8×" for later / earlier, with one decimal, rounded down.
std::string ratio(int64_t later, int64_t earlier) {
  if (earlier <= 0) return "–";
  const int64_t tenths = later * 10 / earlier;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "×";
}

using FigureMap = std::map<std::pair<std::string, int64_t>, RunResult>;

struct Target {
  std::string text;
  // Whether the target holds at `size`, and the figures that decide it; nullopt when a figure it
  // needs was not measured.
  std::function<std::optional<std::pair<bool, std::string>>(const FigureMap&, int64_t)> check;
};

std::optional<RunResult> find(const FigureMap& figures, const std::string& step, int64_t size) {
  const auto found = figures.find({step, size});
  if (found == figures.end()) return std::nullopt;
  return found->second;
}

using Verdict = std::optional<std::pair<bool, std::string>>;

Target time_under(const std::string& step, int64_t limit_s) {
  return {
      step + " under " + std::to_string(limit_s) + " s",
      [step, limit_s](const FigureMap& figures, int64_t size) -> Verdict {
        const auto figure = find(figures, step, size);
        if (!figure) return std::nullopt;
        return std::pair{figure->wall_ns < limit_s * kNsPerSecond, format_seconds(figure->wall_ns)};
      }};
}

Target memory_under(const std::string& step, int64_t limit_mib) {
  return {step + " under " + std::to_string(limit_mib) + " MiB of memory",
          [step, limit_mib](const FigureMap& figures, int64_t size) -> Verdict {
            const auto figure = find(figures, step, size);
            if (!figure) return std::nullopt;
            return std::pair{figure->peak_rss_kib < limit_mib * 1024,
                             format_memory(figure->peak_rss_kib)};
          }};
}

// Posting alone: the posting run less the dry run of the same assessment, against the raw insert
// of as many rows. `tenths` is the allowed factor in tenths (15 = 1.5×).
Target posting_within(int64_t tenths) {
  return {"posting (assess and post less assess --dry-run) within " + ratio(tenths, 10) +
              " the raw SQLCipher insert",
          [tenths](const FigureMap& figures, int64_t size) -> Verdict {
            const auto post = find(figures, step::kAssessPost, size);
            const auto dry = find(figures, step::kAssessDryRun, size);
            const auto raw = find(figures, step::kRawInsert, size);
            if (!post || !dry || !raw) return std::nullopt;
            const int64_t posting = std::max<int64_t>(0, post->wall_ns - dry->wall_ns);
            return std::pair{posting * 10 <= raw->wall_ns * tenths,
                             format_seconds(posting) + " vs " + format_seconds(raw->wall_ns) +
                                 ", " + ratio(posting, raw->wall_ns)};
          }};
}

Target every_report_under(int64_t limit_s) {
  return {"every report under " + std::to_string(limit_s) + " s",
          [limit_s](const FigureMap& figures, int64_t size) -> Verdict {
            std::optional<std::pair<std::string, int64_t>> slowest;
            for (const auto& [key, result] : figures) {
              if (key.second != size || key.first.rfind(step::kReportPrefix, 0) != 0) continue;
              if (!slowest || result.wall_ns > slowest->second) {
                slowest = std::pair{key.first, result.wall_ns};
              }
            }
            if (!slowest) return std::nullopt;
            return std::pair{slowest->second < limit_s * kNsPerSecond,
                             "slowest: " + slowest->first + ", " + format_seconds(slowest->second)};
          }};
}

Target faster_than_ledger_cli(int64_t factor) {
  return {"balances at least " + std::to_string(factor) + "× faster than ledger -f journal bal",
          [factor](const FigureMap& figures, int64_t size) -> Verdict {
            const auto ours = find(figures, step::kBalances, size);
            const auto theirs = find(figures, step::kLedgerCli, size);
            if (!ours || !theirs) return std::nullopt;
            return std::pair{ours->wall_ns * factor <= theirs->wall_ns,
                             format_seconds(ours->wall_ns) + " vs " +
                                 format_seconds(theirs->wall_ns) + ", " + ": ledger-cli takes " +
                                 ratio(theirs->wall_ns, ours->wall_ns) + " our time"};
          }};
}

// The targets of the import, policy, ledger and reports issues, for 1,000,000 applications.
std::vector<Target> targets() {
  return {time_under(step::kImport, 30),
          time_under(step::kAssessDryRun, 20),
          memory_under(step::kAssessDryRun, 2048),
          posting_within(15),
          time_under(step::kVerify, 15),
          time_under(step::kBalances, 2),
          every_report_under(5),
          faster_than_ledger_cli(10)};
}

// Whether every step stays within 12× the time for 10× the work, naming the ones that do not.
std::string growth_verdict(const std::vector<int64_t>& sizes, const std::vector<std::string>& steps,
                           const FigureMap& figures) {
  std::string over;
  bool compared = false;
  for (size_t i = 1; i < sizes.size(); ++i) {
    if (sizes[i] != sizes[i - 1] * 10) continue;
    for (const std::string& name : steps) {
      const auto earlier = find(figures, name, sizes[i - 1]);
      const auto later = find(figures, name, sizes[i]);
      if (!earlier || !later) continue;
      compared = true;
      if (later->wall_ns > earlier->wall_ns * 12) {
        over += "\n  - " + name + ": " + ratio(later->wall_ns, earlier->wall_ns) + " from " +
                grouped(sizes[i - 1]) + " to " + grouped(sizes[i]);
      }
    }
  }
  if (!compared) return "not measured (needs sizes ten times apart)";
  return over.empty() ? "yes: every step stays within 12× the time for 10× the work"
                      : "no; over 12× for 10× the work:" + over;
}

}  // namespace

std::string results_markdown(const BenchOptions& options, const std::vector<Figure>& figures) {
  FigureMap by_step;
  std::vector<std::string> steps;
  int runs = 0, largest_runs = 0;
  for (const Figure& figure : figures) {
    if (by_step.emplace(std::pair{figure.step, figure.size}, figure.result).second &&
        std::find(steps.begin(), steps.end(), figure.step) == steps.end()) {
      steps.push_back(figure.step);
    }
    (figure.size >= 1'000'000 ? largest_runs : runs) = figure.runs;
  }
  std::ostringstream out;
  out << "Measured by `subsidy-bench` (tools/bench/subsidy_bench/) on " << machine_description()
      << ". Each figure is the median wall time of " << runs << " runs"
      << (largest_runs > 0 ? " (" + std::to_string(largest_runs) + " at 1,000,000)" : "")
      << " and the largest peak resident memory of those runs, each run in its own process on a "
         "fresh copy of the ledger; the ledger is encrypted (SQLCipher). Seed "
      << options.seed << ".\n\n| step |";
  for (int64_t size : options.sizes) out << " " << grouped(size) << " |";
  for (size_t i = 1; i < options.sizes.size(); ++i) {
    out << " growth " << grouped(options.sizes[i - 1]) << " → " << grouped(options.sizes[i])
        << " |";
  }
  out << "\n|---|";
  for (size_t i = 0; i < options.sizes.size() * 2 - 1; ++i) out << "---|";
  out << "\n";
  for (const std::string& step : steps) {
    out << "| " << step << " |";
    for (int64_t size : options.sizes) {
      const auto figure = find(by_step, step, size);
      out << " "
          << (figure ? format_seconds(figure->wall_ns) + ", " + format_memory(figure->peak_rss_kib)
                     : "–")
          << " |";
    }
    for (size_t i = 1; i < options.sizes.size(); ++i) {
      const auto earlier = find(by_step, step, options.sizes[i - 1]);
      const auto later = find(by_step, step, options.sizes[i]);
      out << " " << (earlier && later ? ratio(later->wall_ns, earlier->wall_ns) : "–") << " |";
    }
    out << "\n";
  }
  out << "\nNear-linear growth: " << growth_verdict(options.sizes, steps, by_step) << "\n";
  const int64_t largest = options.sizes.back();
  out << "\nTargets (set for 1,000,000 applications), checked at " << grouped(largest) << ":\n\n";
  for (const Target& target : targets()) {
    const auto verdict = target.check(by_step, largest);
    out << "- " << target.text << ": "
        << (!verdict ? "not measured"
                     : (verdict->first ? "met (" : "MISSED (") + verdict->second + ")")
        << "\n";
  }
  return out.str();
}

void update_document(const std::string& path, const std::string& section) {
  std::ifstream in(path);
  if (!in) throw RefusedError("cannot read " + path);
  std::ostringstream whole;
  whole << in.rdbuf();
  std::string text = whole.str();
  const std::string marked = std::string(kBegin) + "\n" + section + std::string(kEnd);
  const size_t begin = text.find(kBegin);
  const size_t end = text.find(kEnd);
  if (begin != std::string::npos && end != std::string::npos && begin < end) {
    text.replace(begin, end + kEnd.size() - begin, marked);
  } else {
    text += "\n## The whole cycle at scale (subsidy-bench)\n\n" + marked + "\n";
  }
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw RefusedError("cannot write " + path);
}

}  // namespace subsidy::bench
