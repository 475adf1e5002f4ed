// A generated county for demonstrations and benchmarks: the CSV input files of INTERFACE.md
// (regions, enterprises, tax, compliance, projects, applications) for a Siyang-sized county, or for
// a county of any number of applications. The data are made up but shaped like the real thing:
// Siyang's tax-attribution regions after the 2020 re-division, company names, valid unified social
// credit codes, bank accounts at real head-office CNAPS prefixes, three award years 2022-2024 over
// every scheme of POLICY.md, and the cases the policy's limits exist for (retention limits, missing
// retention figures, the loan-interest limit, superior awards, compliance events).
// Deterministic: the same options give the same bytes on every machine (seeded_random.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace subsidy {

struct CountyOptions {
  uint64_t seed = 1;
  int64_t enterprise_count = 400;    // between kMinEnterprises and kMaxCountyEnterprises
  int64_t application_count = 1500;  // over 2022-2024; between kMinApplications and the max
  // A county the size of Siyang: about 400 enterprises, about 1,500 applications in three years.
  static CountyOptions siyang(uint64_t seed);
  // A county for the benchmark: `applications` applications over applications / 10 enterprises.
  static CountyOptions scaled(int64_t applications, uint64_t seed);
};

inline constexpr int64_t kMinEnterprises = 20;
inline constexpr int64_t kMinApplications = 100;
inline constexpr int64_t kMaxCountyEnterprises = 1'000'000;
inline constexpr int64_t kMaxCountyApplications = 10'000'000;
// The award years the generated applications fall in (the policy's period, rule Y).
inline constexpr int kFirstCountyYear = 2022;
inline constexpr int kLastCountyYear = 2024;

// One tax-attribution region (税收归属地) of the county.
struct CountyRegion {
  std::string_view code;  // e.g. "P01"
  std::string_view name;  // e.g. "泗阳经济开发区"
  std::string_view kind;  // "park", "street" or "township" (乡 and 镇 alike)
};

// Siyang's sixteen tax-attribution regions: two parks, three streets, ten towns and one
// township, as after 苏政复〔2020〕65号 (the sources are named in docs/demo.md).
const std::vector<CountyRegion>& siyang_regions();

// The scheme codes of POLICY.md section 1 the generator draws applications from, in table order.
const std::vector<std::string_view>& county_scheme_codes();

// Where the files were written and what is in them.
struct CountySummary {
  std::string directory;
  std::map<std::string, std::string> files;  // kind ("regions", ...) -> path of its CSV file
  int64_t regions = 0;
  int64_t enterprises = 0;
  int64_t enterprises_without_bank = 0;
  int64_t tax_rows = 0;          // enterprise-years with a retention figure
  int64_t missing_tax_rows = 0;  // enterprise-years deliberately left without one
  int64_t compliance_rows = 0;
  int64_t projects = 0;
  int64_t applications = 0;  // exactly options.application_count
  std::map<std::string, int64_t> applications_per_scheme;
  std::map<int, int64_t> applications_per_year;
};

// Writes regions.csv, enterprises.csv, tax.csv, compliance.csv, projects.csv and applications.csv
// into `directory` (created when missing; existing files of those names are replaced). Each file is
// written under a temporary name and renamed when complete, so a failure never leaves a partial
// file under the final name. Throws RefusedError for options out of range or a file that cannot be
// written (naming the path and the system's reason).
CountySummary generate_county(const std::string& directory, const CountyOptions& options);

}  // namespace subsidy
