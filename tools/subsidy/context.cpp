// Opening the ledger for a command, and what its operation is given.
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "cli.h"
#include "ledger/base/output_path.h"
#include "ledger/ops/operation.h"

namespace subsidy::cli {

// Once the key is in this process's memory, a core dump would write it (and the decrypted pages)
// to disk in the clear: no core file at all (RLIMIT_CORE 0) and not dumpable (which also keeps
// other processes of the same user from ptrace-attaching or reading /proc/PID/mem). Neither can
// fail for an unprivileged process lowering its own limits; a failure is logged, not fatal,
// because refusing to work would not protect anything more.
void disable_core_dumps() {
  const rlimit no_core{0, 0};
  if (setrlimit(RLIMIT_CORE, &no_core) != 0) spdlog::warn("could not disable core dumps");
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    spdlog::warn("could not mark the process undumpable");
}

Db Context::open_db(bool create) const {
  OpenOptions options;
  options.path = db_path;
  options.key = key();
  if (options.key) disable_core_dumps();
  options.create = create;
  spdlog::debug("opening ledger {} ({})", db_path, options.key ? "encrypted" : "plain");
  Db db = Db::open(options);
  ops::OpContext op = op_context(db);
  ops::seal_after_upgrade(op);  // a ledger of an older program: its rows sealed once
  return db;
}

std::optional<std::string> Context::key() const {
  return load_key(key_file);
}

void Context::check_out(const std::string& out, bool force) const {
  check_output_path(out, {db_path, key_file_path(key_file)}, force);
}

void Context::check_out_directory(const std::string& out) const {
  check_not_protected(out, {db_path, key_file_path(key_file)});
}

ops::OpContext Context::op_context(Db& db) const {
  return ops::OpContext{db, ops::checked_actor(actor), clock, ops::file_ops_log(db_path), ""};
}

}  // namespace subsidy::cli
