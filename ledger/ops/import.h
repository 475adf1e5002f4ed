// Operation `import`: one input file of INTERFACE.md stored as new versions of master data, all or
// nothing (masterdata/importer.h does the reading and checking).
#pragma once

#include <string>
#include <vector>

#include "ledger/base/error.h"

#include "ledger/masterdata/importer.h"
#include "ledger/ops/operation.h"

namespace subsidy::ops {

struct ImportRequest {
  ImportKind kind = ImportKind::regions;
  std::string bytes;      // the file as given
  ImportOptions options;  // file name, encoding, limits, progress; actor and time come from the
                          // operation's context
};

struct ImportOutcome {
  ImportResult result;  // for applications, changed[].posted says which were already booked
  OpRecord record;
};

// Imports the file. Applications are checked against the scheme codes and input columns of the
// policies stored in the ledger. Throws InputError (every problem with file, line and column) or
// RefusedError, having changed nothing.
ImportOutcome import_file(OpContext& context, ImportRequest request);

// What import_file would do with the file, changing nothing (the browser's preview): the
// importer runs with every check against the ledger's current master data inside a transaction
// that is rolled back. `problems` is empty when the file would be imported; else it holds what
// import_file would refuse it with (at most InputError::kMaxProblems, located by line and column),
// and `result` is empty. Throws RefusedError for what import_file throws it for (the file too
// large, a damaged workbook).
struct ImportPreview {
  ImportResult result;
  std::vector<InputProblem> problems;
};
ImportPreview preview_import(Db& db, ImportRequest request);

}  // namespace subsidy::ops
