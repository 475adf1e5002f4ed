// Reading the first sheet of an .xlsx workbook (what Excel saves) as a table of text cells, for
// the importer. libzip opens the archive and libxml2 parses its XML parts; every cell comes back
// as the text stored in the XML (a shared string, an inline string, or a number exactly as
// written, never through a double). Hostile files are refused, never expanded: each archive entry
// read is capped (zip bombs), the archive's entry count is capped, and a DOCTYPE or ENTITY
// declaration refuses the part (no entity expansion, no network).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace subsidy {

struct XlsxLimits {
  uint64_t max_entry_bytes = uint64_t{256} << 20;  // any one XML part, uncompressed
  int64_t max_entries = 10'000;                    // entries in the archive
  size_t max_columns = 16'384;                     // Excel's own limit (column XFD)
};

// True when `bytes` begin like a zip archive ("PK\3\4"), which is how an .xlsx file begins.
bool looks_like_zip(std::string_view bytes);

// The rows of the workbook's first sheet in row order; each row as many cells as its last
// non-empty cell, missing cells empty. Throws RefusedError ("`file_name`: ...") for a file that
// is not a readable workbook or breaks a limit.
std::vector<std::vector<std::string>> read_xlsx_first_sheet(std::string_view bytes,
                                                            std::string_view file_name,
                                                            const XlsxLimits& limits = {});

// The rows as CSV text (RFC 4180, LF line ends), every row padded to the widest row, so that the
// CSV reader can check them like any other file.
std::string rows_to_csv(const std::vector<std::vector<std::string>>& rows);

}  // namespace subsidy
