// Reading the CSV files the bureau sends (RFC 4180): quoted fields with commas, doubled quotes and
// embedded line breaks, a UTF-8 byte-order mark, CRLF or LF line ends, trailing blank lines. The
// reader works on bytes in memory and knows nothing of the ledger, so it can be fuzzed on its own.
// Every problem names the file, the physical line (the header is line 1) and the column.
//
// Limits (CsvLimits): a field at most 64 KiB, a file at most 10,000,000 physical lines and 4 GiB.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace subsidy {

struct CsvLimits {
  size_t max_field_bytes = 64 * 1024;
  int64_t max_lines = 10'000'000;
  uint64_t max_file_bytes = uint64_t{4} << 30;  // 4 GiB
};

// One data record. `problems` lists what is wrong with it (invalid UTF-8, a NUL byte, an over-long
// field, a field count that differs from the header, a blank line); a record with problems must be
// reported, never used.
struct CsvRecord {
  int64_t line = 0;  // physical line where the record starts
  std::vector<std::string> fields;
  std::vector<InputProblem> problems;
};

// Reads the header at construction and then one record per next(). `bytes` must stay alive and
// unchanged while the reader is used. Throws InputError for what makes the rest of the file
// unreadable: no header, a header with problems, an unterminated quote, a quote inside an unquoted
// field, text after a closing quote, a lone carriage return, more lines than the limit; and
// RefusedError for a file over the size limit.
class CsvReader {
 public:
  CsvReader(std::string_view bytes, std::string file_name, CsvLimits limits = {});

  // The column names of line 1, with spaces and tabs around each trimmed.
  const std::vector<std::string>& header() const { return header_; }
  const std::string& file_name() const { return file_name_; }

  // Reads the next record into `record` (reusing its storage). False when only blank lines or
  // lines of empty fields are left: trailing blank lines are ignored. Throws as described above.
  bool next(CsvRecord& record);

  // Physical lines consumed so far, for progress reports.
  int64_t lines_read() const { return line_ - 1; }

 private:
  bool read_record(std::vector<std::string>& fields, std::vector<InputProblem>& problems);
  void read_quoted(std::string& field);
  void read_unquoted(std::string& field);
  void check_field(const std::string& field, int64_t line, std::vector<InputProblem>& problems);
  std::string column_label(size_t index) const;
  [[noreturn]] void fail(int64_t line, size_t field_index, std::string reason) const;

  std::string_view bytes_;
  std::string file_name_;
  CsvLimits limits_;
  size_t pos_ = 0;
  size_t end_ = 0;  // where the trailing blank lines start
  int64_t line_ = 1;
  size_t field_index_ = 0;  // the field being read, for the column of a problem
  std::vector<std::string> header_;
};

// The whole file as a table: header and every record. Throws InputError with every record's
// problems (up to InputError::kMaxProblems) when any record has one, else as CsvReader does.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;
};
CsvTable parse_csv(std::string_view bytes, std::string_view file_name, CsvLimits limits = {});

// Number of physical lines in `bytes` (line breaks, plus one for an unterminated last line).
int64_t count_lines(std::string_view bytes);

// Converts a GBK-encoded file (what Excel on Chinese Windows saves) to UTF-8 with iconv(3).
// Throws InputError naming the line and column number of the first byte that is not GBK.
std::string gbk_to_utf8(std::string_view bytes, std::string_view file_name);

}  // namespace subsidy
