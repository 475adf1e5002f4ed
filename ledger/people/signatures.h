// The signature that ends every command that changes a ledger with people: the signed bytes (a
// short text naming the signer, the command, its arguments, the time and the heads of the journal
// and of the record chain the command left, which cover every entry and record it added), the row
// of `signatures` that keeps them, and verify's check of every signature against the registry as
// it stood when it was made (docs/people.md).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ledger/books/ledger_verify.h"
#include "ledger/people/registry.h"
#include "ledger/people/sm2_key.h"
#include "ledger/store/store.h"

namespace subsidy::people {

// One row of `signatures`.
struct SignatureRow {
  int64_t signature_id = 0;
  std::string signer;     // login
  std::string command;    // as the operations log names it
  std::string arguments;  // escaped onto one line
  std::string signed_at;  // UTC
  int64_t entry_count = 0;
  std::string entry_hash;
  int64_t record_count = 0;
  std::string record_hash;
  std::string signature_hex;  // DER, lowercase hex
};

// The exact bytes signed: "subsidy-ledger-signature/1\n" then one "name: value\n" line per field
// (signature, signer, command, arguments, signed_at, journal "<count> <hash>", records "<count>
// <hash>"). Pure.
std::string signed_bytes(const SignatureRow& row);

// Signs the ledger's current heads with `key` as `signer` for `command` and appends the row (its
// group is sealed by the caller). Must run inside a write transaction. Returns the row.
SignatureRow append_signature(Db& db, const UnlockedKey& key, const std::string& signer,
                              const std::string& command, const std::string& arguments,
                              const std::string& at);

// Every signature, in order.
std::vector<SignatureRow> read_signatures(Db& db);

// The signatures an auditor of fiscal year `year` checks: those of commands that posted an entry
// into that fiscal year (the entries between the previous signature's journal head and this one's,
// so a close in January of the next year belongs to the year it closes), and those signed in
// calendar year `year` (UTC), which covers what posts no entry (approvals, exports, people). In
// signature order. Reads only.
std::vector<SignatureRow> signatures_of_fiscal_year(Db& db, int64_t year);
std::string to_hex(std::string_view bytes);
std::string from_hex(std::string_view hex);

// For each signature id, the signer's public key (PEM) as the registry stood when it was made.
std::map<int64_t, std::string> signing_keys(Db& db);

// What verify found about people and signatures.
struct PeopleCheck {
  bool has_people = false;
  int64_t people = 0;
  int64_t signatures_checked = 0;
  std::vector<std::string> problems;
};

// Checks, on a ledger with people: every signature verifies under the signer's key as the registry
// stood just before the signature's record, the signer was active and held a role allowing the
// command, the heads it signed are the ledger's heads at that point, every record of the record
// chain after the first person's is covered by a signature by the person who sealed it (and, for
// the held CSV rejections and their decisions, of the command that alone writes them: bank-return
// import, confirm or dismiss), and every registry change was made by an admin. Never throws for a
// damaged ledger.
PeopleCheck verify_people(Db& db);

// verify_people's problems added to `report` (as add_payment_problems does).
void add_people_problems(Db& db, VerifyReport& report, PeopleCheck* out = nullptr);

}  // namespace subsidy::people
