// Internals of the generated county (demo_county.h), shared by its source files: the word lists,
// the enterprise roster with the roles that make the policy's limits bite, the buffered CSV file
// writer and the application generator. Not a public header: only ledger/demo includes it.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/atomic_file.h"
#include "ledger/demo/demo_county.h"
#include "ledger/demo/seeded_random.h"

namespace subsidy::county {

inline constexpr size_t kYearCount = kLastCountyYear - kFirstCountyYear + 1;

// ---- word lists (demo_county_words.cpp) ----

// A bank branch in Siyang: its name, 12-digit CNAPS code (the first three digits are the real
// head-office prefix; the branch digits are made up) and the shape of its account numbers.
struct BankBranch {
  std::string_view name;
  std::string_view cnaps_code;
  std::string_view account_prefix;
  size_t account_digits = 0;  // total length of an account number
  int64_t weight = 0;         // share of the county's enterprises banking here
};
const std::vector<BankBranch>& bank_branches();

struct Industry {
  std::string_view word;  // e.g. "机械"
  bool service = false;   // an information / digital service firm (service_institution scheme)
};
const std::vector<Industry>& industries();
// The two characters of a trade name (字号) are drawn from these lists.
const std::vector<std::string_view>& trade_name_first();
const std::vector<std::string_view>& trade_name_second();
// Workshop and technology words for project names.
const std::vector<std::string_view>& workshop_words();
const std::vector<std::string_view>& technology_words();
// The project name for a scheme: "{W}" is replaced by a workshop word, "{T}" by a technology word.
std::string_view project_name_pattern(std::string_view scheme);

// ---- the roster (demo_county_enterprises.cpp) ----

enum class Role : uint8_t {
  ordinary,
  low_retention,        // little local retained tax: its awards bump into rule T
  big_borrower,         // two large loans a year: its interest subsidy hits the rule L limit
  service_institution,  // an information / digital service firm
};

struct Enterprise {
  std::string uscc;
  std::string name;
  size_t region = 0;
  int bank = -1;  // index into bank_branches(); -1 when the bureau has no bank details
  std::string account_no;
  Role role = Role::ordinary;
  int64_t tax_base_yuan = 0;  // a typical year's local retained tax
  int64_t next_project = 1;   // numbering of its projects
};

struct ComplianceEvent {
  size_t enterprise = 0;
  std::string_view event;
  std::string_view factor;  // empty: the policy's default factor
};

struct Roster {
  std::vector<Enterprise> enterprises;
  std::vector<size_t> service_institutions;
  std::vector<size_t> low_retention;
  std::vector<size_t> big_borrowers;
  std::array<std::vector<ComplianceEvent>, kYearCount> events;  // per award year
  std::array<std::vector<size_t>, kYearCount> missing_tax;      // per award year, sorted
};

Roster make_roster(SeededRandom& random, int64_t enterprise_count);

// A unified social credit code: "91" (an enterprise, a company), the Siyang (or Suqian) division
// code, a GB 11714 organisation code with its check digit, and the GB 32100 check character.
std::string make_uscc(SeededRandom& random);

// ---- output (demo_county_output.cpp) ----

// Writes one CSV file through a 1 MiB buffer to PATH.tmp; finish() renames it to PATH. Throws
// RefusedError naming the path when the system refuses a write. The destructor removes an
// unfinished temporary file.
class CsvFileWriter {
 public:
  explicit CsvFileWriter(std::string path);
  CsvFileWriter(const CsvFileWriter&) = delete;
  CsvFileWriter& operator=(const CsvFileWriter&) = delete;
  ~CsvFileWriter();

  // A field: quoted (RFC 4180) when it holds a comma, a quote or a line break.
  CsvFileWriter& field(std::string_view text);
  CsvFileWriter& integer(int64_t value);
  // An amount in fen as a plain decimal with two places ("1234567.89").
  CsvFileWriter& amount(int64_t fen);
  // An amount in fen with thousands commas, quoted ("\"1,234,567.89\"").
  CsvFileWriter& grouped_amount(int64_t fen);
  CsvFileWriter& empty();
  void end_row();
  int64_t rows() const { return rows_; }  // rows ended so far, header included
  void finish();
  const std::string& path() const { return path_; }

 private:
  void separator();
  void flush();
  std::string path_;
  AtomicFile atomic_;  // the temporary file, made the target by finish()
  const std::string& temp_path_ = atomic_.temporary_path();
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool row_started_ = false;
  int64_t rows_ = 0;
};

// ---- applications (demo_county_applications.cpp) ----

// Writes projects.csv and applications.csv for the roster: exactly `application_count` applications
// over the award years, and fills the summary's project and application counts.
void write_applications(SeededRandom& random, Roster& roster, int64_t application_count,
                        CsvFileWriter& projects, CsvFileWriter& applications,
                        CountySummary& summary);

}  // namespace subsidy::county
