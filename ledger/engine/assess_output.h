// The printed forms of an Assessment: the JSON document of INTERFACE.md, CSV (one row per
// application), a table for people (Chinese headings by default, thousands separators, totals at
// the bottom, aligned by display width) and the step-by-step explanation of one application that an
// auditor or the enterprise can check by hand.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "ledger/base/language.h"
#include "ledger/engine/assess.h"
#include "ledger/policy/policy.h"
#include "ledger/tables/table.h"

namespace subsidy {

// "zh" or "en"; nullopt for anything else.
std::optional<Language> language_from_name(std::string_view name);

// The `assess --format json` document of INTERFACE.md: year, policy, applications (sorted by
// application_id) and enterprises (sorted by uscc), money as strings with two decimals,
// local_retained_tax null when none was imported.
nlohmann::ordered_json assessment_json(const Assessment& assessment);
// The same document as assessment_json(assessment).dump(2), byte for byte, written straight into a
// string: at a million applications the document tree cost more time and memory than the
// assessment itself. Being the same text, the SHA-256 that a posting run records of it does not
// depend on which of the two wrote it. Throws what dump() throws on text that is not UTF-8.
std::string assessment_json_text(const Assessment& assessment);
// The same text written to `out` a piece at a time, for a dry run that only prints it; `out` is
// left as it was after any failure of its own, and nothing is added after the closing brace.
void write_assessment_json(const Assessment& assessment, std::ostream& out);

// CSV with an English snake_case header: application_id, project_id, uscc, scheme, status, amount,
// county_share, region_share, reasons (codes joined by ';'); money plain ("1234.50"). RFC 4180
// quoting where a field needs it; lines end with CRLF.
void write_assessment_csv(const Assessment& assessment, std::ostream& out);

// The table for people as a ReportTable: one row per application with the scheme's name (Chinese
// from `policy` when `language` is zh), status, amount and shares and reasons; the totals of the
// awarded applications, and a footer row with the held amount when any is held. Its text layout
// is the one write_assessment_table prints. Does not fail.
reports::ReportTable assessment_table(const Assessment& assessment, const Policy& policy,
                                      Language language);

// The table for people: one line per application with the scheme's name, status, amount and
// shares (thousands separators) and reasons, then the totals of awarded and of held amounts.
// `policy` gives the Chinese scheme names. assessment_table() written by reports::write_text.
void write_assessment_table(const Assessment& assessment, const Policy& policy, Language language,
                            std::ostream& out);

// What a posting run booked, for the first line of its table (the figures of AssessPosting).
struct AssessBooked {
  int64_t run_id = 0;
  int64_t posted = 0;     // entries posted (one per application whose amount changed)
  int64_t unchanged = 0;  // applications already booked at the assessed amounts
  int64_t held = 0;       // held applications, nothing booked
};

// How `assess` prints its table for people.
struct AssessTableOptions {
  // nullopt: a dry run, whose first line says 预览（未入账）; else what the run booked.
  std::optional<AssessBooked> booked;
  // false: 申请编号, 企业名称, 奖励类别, 状态, 金额, 原因, long texts wrapped onto continuation
  // lines by display width so that no line exceeds max_width (the shares go into footer rows
  // under the totals); true: every column of assessment_table() on one line each, however wide.
  bool wide = false;
  size_t max_width = 120;
  // Enterprise names by USCC (masterdata); a USCC without a name is shown as itself.
  std::map<std::string, std::string, std::less<>> enterprise_names;
};

// The first line of the table: "预览（未入账）：" or "已入账：第 N 次测算…" before the title.
std::string assessment_status_line(const Assessment& assessment, const AssessTableOptions& options,
                                   Language language);

// The table `assess` prints: the first line of assessment_status_line(), then the wide table of
// assessment_table() or the narrow one (see AssessTableOptions). Does not fail.
reports::ReportTable assessment_table(const Assessment& assessment, const Policy& policy,
                                      Language language, const AssessTableOptions& options);
void write_assessment_table(const Assessment& assessment, const Policy& policy, Language language,
                            const AssessTableOptions& options, std::ostream& out);

// Every step of one application: formula with operands, exact value, rounding, cap, project rule,
// enterprise-year limit and tax retention with the pro-rata numerator and denominator, safety
// factor, cost split; then the result. The application must have been assessed with a trace
// (AssessOptions::trace_ids). Throws RefusedError when the application is not in the assessment or
// has no trace.
void write_explanation(const Assessment& assessment, const Policy& policy,
                       std::string_view application_id, Language language, std::ostream& out);

}  // namespace subsidy
