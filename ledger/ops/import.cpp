// Operation `import` (import.h).
#include "ledger/ops/import.h"

#include <optional>

#include "ledger/awards/award_posting.h"
#include "ledger/masterdata/policy_store.h"

namespace subsidy::ops {

ImportOutcome import_file(OpContext& context, ImportRequest request) {
  auto [result, record] = run_write(context, [&](OpRecord& op) {
    request.options.actor = context.actor;
    request.options.recorded_at = format_utc(context.clock());
    std::optional<PolicySchemeCatalog> catalog;
    if (request.kind == ImportKind::applications) {
      catalog.emplace(load_stored_policies(context.db));
      request.options.schemes = &*catalog;
    }
    ImportResult imported =
        subsidy::import_file(context.db, request.kind, request.bytes, request.options);
    // A changed application that is already booked: the next assess of its year posts the
    // difference, which the front end tells the user.
    if (request.kind == ImportKind::applications) {
      for (ChangedRecord& changed : imported.changed) {
        changed.posted = booked_award(context.db, changed.key).entries > 0;
      }
    }
    op.command = "import " + std::string(import_kind_name(request.kind));
    op.counts = "file=" + request.options.file_name + " sha256=" + imported.file_sha256 +
                " import_id=" + std::to_string(imported.import_id) +
                " new=" + std::to_string(imported.new_count) +
                " changed=" + std::to_string(imported.changed_count) +
                " unchanged=" + std::to_string(imported.unchanged_count);
    return imported;
  });
  return {std::move(result), std::move(record)};
}

ImportPreview preview_import(Db& db, ImportRequest request) {
  ImportPreview preview;
  std::optional<PolicySchemeCatalog> catalog;
  if (request.kind == ImportKind::applications) {
    catalog.emplace(load_stored_policies(db));
    request.options.schemes = &*catalog;
  }
  Transaction never_committed(db);  // rolled back when it goes out of scope
  try {
    preview.result = subsidy::import_file(db, request.kind, request.bytes, request.options);
  } catch (const InputError& e) {
    preview.problems = e.problems();
  }
  return preview;
}

}  // namespace subsidy::ops
