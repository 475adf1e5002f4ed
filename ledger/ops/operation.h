// The operations layer's frame: what every operation is given (the open ledger, who acts, the
// clock, the operations log) and how it runs (one write transaction, with the ledger digest read
// before and after inside it, one signature by the acting person on a ledger with people, and one
// operations-log line made from its result). Every command
// that changes the ledger is one function of ledger/ops built on run_write, called alike by the
// command line, the demo and the server: front ends parse, call one operation, render its result.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ledger/base/clock.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/people/sm2_key.h"
#include "ledger/store/store.h"

namespace subsidy::ops {

// Where operations write their lines. One line per operation that changed (or tried to change)
// the ledger; never a key or passphrase.
class OpsLog {
 public:
  virtual ~OpsLog() = default;
  virtual void write(const std::string& line) = 0;
};

// The operations log beside the ledger: `<ledger_path>.ops.log`, rotating at 10 MiB, 5 files
// kept, each line prefixed with the UTC time to the millisecond, the file opened at the first line.
// One per process and path.
std::shared_ptr<OpsLog> file_ops_log(const std::string& ledger_path);

// The person acting on a ledger with people (people/registry.h): their login and their private
// key, unlocked once per process. Every operation that changes such a ledger ends with their
// signature (sign_after_write).
struct Signer {
  std::string login;
  std::shared_ptr<const people::UnlockedKey> key;
};

// What every operation is given. `db` must outlive the context; `log` may be null (no line is
// written, as in tests). `command_prefix` goes before the command of every line this context
// writes: the demo runs the operations with "demo: ", so that its lines are told from the
// bureau's own.
struct OpContext {
  Db& db;
  std::string actor;
  Clock clock = system_clock();
  std::shared_ptr<OpsLog> log = nullptr;
  std::string command_prefix = {};
  std::optional<Signer> signer = std::nullopt;  // required on a ledger with people
  std::string arguments = {};                   // the command line's arguments, for the signature
  // The command as the front end names it ("batch create"): on a ledger with people, the signer's
  // roles are checked against it before the operation's work too, so that a command that would
  // find nothing to do is refused all the same. Empty: checked after the work only.
  std::string command = {};
};

// What one operation did, as its operations-log line says it.
struct OpRecord {
  std::string command;        // e.g. "import applications", "settle" (with the context's prefix)
  std::string counts;         // "key=value key=value": what it wrote
  std::string digest_before;  // format_digest of the ledger head, read inside the transaction
  std::string digest_after;   // the same after the operation's changes, before commit
};

// The line written for `record` by `actor`: every control character (C0, DEL, C1), bidi control,
// format character and line or paragraph separator is escaped (escape_for_line), so that no value
// can start a forged line or move the terminal of whoever reads the log.
std::string format_log_line(const std::string& actor, const OpRecord& record);

// The acting person's name as operations record and compare it: NFC-normalized and trimmed
// (text_border.h). Throws RefusedError naming --user when it is empty, longer than 64
// characters, or holds a control, bidi or format character, a line separator or a space other
// than U+0020 (with the character's position and code point). Front ends build OpContext::actor
// with it.
std::string checked_actor(std::string_view actor);

// Writes the line of `record` to the context's log (when it has one), and the same at debug level
// to the program's own log (`-v`).
void write_record(const OpContext& context, const OpRecord& record);

// Refuses to write on a ledger that was changed behind the program's back: throws RefusedError
// (one line, naming the first problem) when the schema is not exactly the one its migrations
// create (a trigger dropped or implanted, ...) or when a sealed table has rows in a group that no
// record seals or a row count other than its seal's (records.h). Cheap: one aggregate per table.
void check_before_write(OpContext& context);

// Seals every group of the sealed tables that the operation added (records.h: seal_new_groups),
// as the context's actor at the context's clock.
void seal_after_write(OpContext& context);

// On a ledger with people: checks that the context's signer is a registered, active person whose
// roles allow `record.command` (people/registry.h: command_refusal) and whose key is the one
// registered, then appends their signature over the heads the operation left and seals it.
// Throws RefusedError (one line naming the rule) otherwise, so that nothing is committed. On a
// legacy ledger (no people) does nothing.
void sign_after_write(OpContext& context, const OpRecord& record);

// On a ledger with people and a context naming its command: refuses (RefusedError, the rule
// named) a signer whose roles do not allow it, before any work. Does nothing otherwise.
void check_role_before_write(OpContext& context);

// A ledger made by an older program (schema before the record chain) has its rows unsealed when
// this program's migrations first open it: seals them all once, in one transaction, and writes one
// line "upgrade: sealed N groups". Does nothing for any other ledger. Call right after opening.
void seal_after_upgrade(OpContext& context);

// Runs `body(record)` inside one write transaction: the ledger is checked (check_before_write),
// the digest before is read, `body` does the work and fills record.command and record.counts,
// every group it added is sealed (seal_after_write), the acting person signs (sign_after_write,
// which refuses a person without the role for the command), the digest after is read, the
// transaction commits, and the log line is written. A body that leaves record.command empty did
// nothing worth a line (e.g. a batch with nothing to pay, a bank return imported before): no line
// is written. When `body` throws, nothing is committed, nothing is logged and the exception
// propagates. Returns what `body` returns, with the record.
template <typename Body>
auto run_write(OpContext& context, Body&& body) {
  OpRecord record;
  Transaction transaction(context.db);
  check_before_write(context);
  check_role_before_write(context);
  record.digest_before = current_digest(context.db);
  auto result = std::forward<Body>(body)(record);
  seal_after_write(context);
  if (!record.command.empty()) sign_after_write(context, record);
  record.digest_after = current_digest(context.db);
  transaction.commit();
  if (!record.command.empty()) {
    record.command = context.command_prefix + record.command;
    write_record(context, record);
  }
  return std::make_pair(std::move(result), std::move(record));
}

}  // namespace subsidy::ops
