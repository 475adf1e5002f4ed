// Putting a finished report where the user asked: on stdout, or into a file that appears complete
// or not at all (written under a temporary name beside it, then renamed).
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "ledger/tables/pdf.h"
#include "ledger/tables/table.h"
#include "ledger/tables/writers.h"

namespace subsidy::reports {

// Writes `table` in `format` and `lang` to `out_path`, or to `stdout_stream` when there is none.
// XLSX and PDF are binary and need a file: without `out_path` they throw UsageError. A PDF states
// what `print` gives (编制单位, date, details, signatures); without it, no 编制单位 and the
// date of system_clock() (ledger/base/clock.h).
void emit_report(const ReportTable& table, Format format, Language lang,
                 const std::optional<std::string>& out_path, std::ostream& stdout_stream,
                 const PrintInfo* print = nullptr);

// The text forms of a report into a stream: table, CSV or JSON. Asserts format is one of them.
void write_text_format(const ReportTable& table, Format format, Language lang, std::ostream& out);

}  // namespace subsidy::reports
