// `subsidy template KIND`: an empty import file for people to fill in, whose first row holds the
// Chinese headings of the kind's columns in INTERFACE.md's order (the importer accepts them as
// aliases: docs/import.md). CSV is UTF-8 with a byte-order mark (so Excel shows the Chinese); the
// .xlsx workbook adds an example row, text-typed code columns (so Excel keeps a USCC's digits) and
// a second sheet listing the scheme and compliance event codes with their Chinese names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ledger/masterdata/importer.h"
#include "ledger/policy/policy.h"

namespace subsidy {

struct TemplateColumn {
  std::string_view name;     // the English heading of INTERFACE.md
  std::string_view name_zh;  // the Chinese heading, accepted as an alias
  bool required;
};

// The columns of `kind` in INTERFACE.md's order.
std::vector<TemplateColumn> import_columns(ImportKind kind);

// The CSV template: a BOM and the Chinese headings, CRLF-terminated.
std::string template_csv(ImportKind kind);

// Writes the .xlsx template to `path` (a new file; the caller makes it atomic). The second sheet
// lists the schemes of `policy` and the compliance events. Throws RefusedError.
void write_template_xlsx(ImportKind kind, const Policy& policy, const std::string& path);

}  // namespace subsidy
