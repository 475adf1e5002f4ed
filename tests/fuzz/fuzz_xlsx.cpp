// Fuzz target for the .xlsx reader (masterdata/xlsx_reader.h) over arbitrary bytes, with small
// limits (4 KiB per part, 16 entries, 64 columns) so that the zip-bomb, entry-count and column
// refusals are reached too. Properties: the reader either throws RefusedError with a message that
// names the file, or gives rows no wider than the column limit, which rows_to_csv turns into text
// whose line count is at least the row count. Any other exception is a crash.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/base/error.h"
#include "ledger/masterdata/xlsx_reader.h"

namespace {

using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 16384;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  subsidy::XlsxLimits limits;
  limits.max_entry_bytes = 4096;
  limits.max_entries = 16;
  limits.max_columns = 64;
  try {
    const auto rows = subsidy::read_xlsx_first_sheet(input, "f.xlsx", limits);
    for (const auto& row : rows) {
      require(row.size() <= limits.max_columns, "a row within the column limit", input);
    }
    const std::string csv = subsidy::rows_to_csv(rows);
    size_t lines = 0;
    for (const char c : csv) lines += c == '\n' ? 1 : 0;
    require(lines >= rows.size(), "one CSV line or more per row", input);
  } catch (const subsidy::RefusedError& error) {
    require(std::string_view(error.what()).rfind("f.xlsx", 0) == 0, "a refusal names the file",
            input);
  }
  return 0;
}
