// Benchmark of `import applications`: generates a county-sized master data set (regions,
// enterprises, projects) and an applications file of N rows (default 1,000,000), imports them into
// a fresh encrypted ledger through the library (what the CLI runs), and prints the wall-clock time
// of the applications import, of its no-op re-import, and the peak RSS. Figures go into
// docs/performance.md. Usage: import_bench [ROWS] [--plain] (--plain: an unencrypted ledger).
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "ledger/base/clock.h"
#include "ledger/masterdata/identifiers.h"
#include "ledger/masterdata/importer.h"
#include "ledger/masterdata/policy_store.h"

namespace fs = std::filesystem;
using namespace subsidy;

namespace {

constexpr int64_t kEnterprises = 20'000;
constexpr int64_t kProjectsPerEnterprise = 10;

// A valid USCC for enterprise number i: a Siyang-looking prefix, i in base 31, the check character.
std::string uscc_of(int64_t i) {
  std::string body = "91321323";
  std::string tail;
  for (int digit = 0; digit < 9; ++digit, i /= 31)
    tail.insert(0, 1, kUsccAlphabet[static_cast<size_t>(i % 31)]);
  body += tail;
  return body + *uscc_check_character(body);
}

std::string project_of(int64_t i) {
  return "P-" + std::to_string(i);
}

// One application row of a realistic mix of schemes and amounts (some quoted with separators).
std::string application_row(int64_t i) {
  const std::string id = "A-" + std::to_string(i);
  const std::string project = project_of(i % (kEnterprises * kProjectsPerEnterprise));
  const std::string year = std::to_string(2022 + i % 3);
  const std::string amount =
      std::to_string(100'000 + (i * 7919) % 9'000'000) + "." + std::to_string(10 + i % 90);
  switch (i % 5) {
    case 0:
      return id + "," + project + "," + year + ",robot_purchase," + amount + ",,,,,,,";
    case 1:
      return id + "," + project + "," + year + ",loan_interest,,,,,,\"12,345,678.00\",,";
    case 2:
      return id + "," + project + "," + year + ",digital_project,,,,," + amount + ",,,";
    case 3:
      return id + "," + project + "," + year + ",smart_factory_provincial,,,,,,,,";
    default:
      return id + "," + project + "," + year + ",service_institution,,,,,,," + amount + ",25";
  }
}

void write_files(const fs::path& dir, int64_t rows) {
  std::ofstream regions(dir / "regions.csv");
  regions << "region_code,name,kind\nP01,泗阳经济开发区,park\nT01,众兴镇,township\n";
  std::ofstream enterprises(dir / "enterprises.csv");
  enterprises << "uscc,name,region_code,bank_name,cnaps_code,account_no,account_name\n";
  for (int64_t i = 0; i < kEnterprises; ++i) {
    enterprises << uscc_of(i) << ",泗阳企业" << i << "有限公司," << (i % 2 ? "P01" : "T01")
                << ",中国工商银行股份有限公司泗阳支行,102308200012," << 6222000000000 + i
                << ",泗阳企业" << i << "有限公司\n";
  }
  std::ofstream projects(dir / "projects.csv");
  projects << "project_id,uscc,name,superior_award\n";
  for (int64_t i = 0; i < kEnterprises * kProjectsPerEnterprise; ++i) {
    projects << project_of(i) << "," << uscc_of(i % kEnterprises) << ",智能化改造项目" << i << ","
             << (i % 7 == 0 ? "100000.00" : "") << "\n";
  }
  std::ofstream applications(dir / "applications.csv");
  applications << "application_id,project_id,year,scheme,equipment_amount,software_amount,"
                  "total_investment,rd_expense,info_investment,loan_amount,service_revenue,"
                  "staff_count\n";
  for (int64_t i = 0; i < rows; ++i) applications << application_row(i) << "\n";
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// User plus system CPU time of this process so far, in milliseconds. The machines are shared, so
// wall-clock time alone says as much about the neighbours' builds as about the importer.
int64_t cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto ms = [](const timeval& t) { return int64_t{t.tv_sec} * 1000 + t.tv_usec / 1000; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct Timing {
  int64_t wall_ms = 0;
  int64_t cpu_ms = 0;
};

// Opens the ledger, reads and imports one file and closes the ledger (which checkpoints the WAL
// into the database file): everything `subsidy import` does but parsing its arguments.
Timing timed_import(const OpenOptions& open, ImportKind kind, const fs::path& file,
                    const SchemeCatalog& catalog, ImportResult& result) {
  const int64_t cpu_start = cpu_ms();
  const auto start = std::chrono::steady_clock::now();
  std::optional<Db> db(Db::open(open));
  const std::string bytes = read_all(file);
  ImportOptions options;
  options.file_name = file.filename().string();
  options.actor = "bench";
  options.recorded_at = utc_now_iso8601();
  options.schemes = &catalog;
  result = import_file(*db, kind, bytes, options);
  db.reset();  // close now, inside the timing
  const auto elapsed = std::chrono::steady_clock::now() - start;
  return {std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(),
          cpu_ms() - cpu_start};
}

std::string seconds(int64_t ms) {
  std::string fraction = std::to_string(ms % 1000);
  return std::to_string(ms / 1000) + "." + std::string(3 - fraction.size(), '0') + fraction;
}

std::string seconds(const Timing& timing) {
  return seconds(timing.wall_ms) + " s wall, " + seconds(timing.cpu_ms) + " s CPU";
}

int64_t peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // Linux reports KiB
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 1'000'000;
  bool encrypted = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--plain") {
      encrypted = false;
    } else {
      rows = std::stoll(arg);
    }
  }
  std::string pattern = (fs::temp_directory_path() / "import-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const fs::path dir = pattern;
  write_files(dir, rows);

  OpenOptions open;
  open.path = (dir / "bench.db").string();
  if (encrypted) open.key = "benchmark passphrase";
  open.create = true;
  Db::open(open);  // init: creates the file and applies the schema
  open.create = false;
  const PolicySchemeCatalog catalog({builtin_policy()});
  ImportResult result;
  for (const char* kind : {"regions", "enterprises", "projects"}) {
    const Timing timing = timed_import(open, *import_kind_from_name(kind),
                                       dir / (std::string(kind) + ".csv"), catalog, result);
    std::cout << kind << ": " << result.new_count << " rows in " << seconds(timing) << "\n";
  }
  const fs::path applications = dir / "applications.csv";
  const Timing first = timed_import(open, ImportKind::applications, applications, catalog, result);
  std::cout << "applications: " << result.new_count << " new rows ("
            << fs::file_size(applications) / (1024 * 1024) << " MiB, "
            << (encrypted ? "encrypted" : "plain") << ") in " << seconds(first) << "\n";
  const Timing again = timed_import(open, ImportKind::applications, applications, catalog, result);
  std::cout << "re-import: " << result.unchanged_count << " unchanged in " << seconds(again)
            << "\n";
  std::cout << "ledger file: " << fs::file_size(open.path) / (1024 * 1024) << " MiB\n";
  std::cout << "peak RSS: " << peak_rss_mib() << " MiB\n";
  fs::remove_all(dir);
  return 0;
}
