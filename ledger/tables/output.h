// Putting a finished report where the user asked: on stdout, or into a file that appears complete
// or not at all (written under a temporary name beside it, then renamed).
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "ledger/tables/table.h"
#include "ledger/tables/writers.h"

namespace subsidy::reports {

// Writes `table` in `format` and `lang` to `out_path`, or to `stdout_stream` when there is none.
// XLSX is binary and needs a file: without `out_path` it throws UsageError.
void emit_report(const ReportTable& table, Format format, Language lang,
                 const std::optional<std::string>& out_path, std::ostream& stdout_stream);

// The text forms of a report into a stream: table, CSV or JSON. Asserts format != xlsx.
void write_text_format(const ReportTable& table, Format format, Language lang, std::ostream& out);

}  // namespace subsidy::reports
