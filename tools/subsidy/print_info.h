// What the PDF prints of the command line state besides their tables: the 编制单位 (the configured
// payer.name), the date, and the names people sign under (the registry's display names).
#pragma once

#include <string>

#include "cli.h"
#include "ledger/tables/pdf.h"

namespace subsidy::cli {

// 编制单位 from the configured payer.name (empty when not configured: the print leaves a blank),
// the date from the context's clock; no details, notes or signatures.
reports::PrintInfo print_info(const Context& context, Db& db);

// The name printed for `actor` (a recorded login) on a signature row: the person's display name
// from the people registry when the ledger has people and knows them, else `actor` as recorded.
std::string signer_name(Db& db, const std::string& actor);

}  // namespace subsidy::cli
