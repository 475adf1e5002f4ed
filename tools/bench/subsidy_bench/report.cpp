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
#include "ledger/error.h"

namespace subsidy::bench {

namespace {

constexpr std::string_view kBegin = "<!-- subsidy-bench:begin -->";
constexpr std::string_view kEnd = "<!-- subsidy-bench:end -->";

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

Target time_under(const std::string& step, int64_t limit_s) {
  return {step + " under " + std::to_string(limit_s) + " s",
          [step, limit_s](const FigureMap& figures,
                          int64_t size) -> std::optional<std::pair<bool, std::string>> {
            const auto figure = find(figures, step, size);
            if (!figure) return std::nullopt;
            return std::pair{figure->wall_ns < limit_s * 1'000'000'000,
                             format_seconds(figure->wall_ns)};
          }};
}

std::vector<Target> targets() {
  return {time_under("import (six files)", 30)};
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
