// Report output: the choice of writer, and files written under a temporary name then renamed.
#include "ledger/tables/output.h"


#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "ledger/base/atomic_file.h"
#include "ledger/base/check.h"
#include "ledger/base/clock.h"
#include "ledger/base/error.h"
#include "ledger/tables/xlsx.h"

namespace subsidy::reports {

void write_text_format(const ReportTable& table, Format format, Language lang, std::ostream& out) {
  switch (format) {
    case Format::table:
      write_text(table, lang, out);
      return;
    case Format::csv:
      write_csv(table, lang, out);
      return;
    case Format::json:
      write_json(table, lang, out);
      return;
    case Format::xlsx:
    case Format::pdf:
      break;
  }
  SUBSIDY_UNREACHABLE("xlsx and pdf are not text formats");
}

void emit_report(const ReportTable& table, Format format, Language lang,
                 const std::optional<std::string>& out_path, std::ostream& stdout_stream,
                 const PrintInfo* print) {
  if (format == Format::pdf) {
    if (!out_path) throw UsageError("--format pdf writes a file: give --out FILE");
    PrintInfo fallback;
    fallback.printed_at = system_clock()();
    const PrintInfo& info = print != nullptr ? *print : fallback;
    write_file_atomically(*out_path, [&](const std::string& temporary) {
      write_pdf(table, lang, info, temporary);
    });
    return;
  }
  if (format == Format::xlsx) {
    if (!out_path) throw UsageError("--format xlsx writes a file: give --out FILE");
    write_file_atomically(
        *out_path, [&](const std::string& temporary) { write_xlsx({&table}, lang, temporary); });
    return;
  }
  if (!out_path) {
    write_text_format(table, format, lang, stdout_stream);
    stdout_stream.flush();
    return;
  }
  write_file_atomically(*out_path, [&](const std::string& temporary) {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw RefusedError("cannot write " + *out_path + ": " + std::strerror(errno));
    write_text_format(table, format, lang, file);
    file.close();
    if (!file) throw RefusedError("cannot write " + *out_path + ": write failed");
  });
}

}  // namespace subsidy::reports
