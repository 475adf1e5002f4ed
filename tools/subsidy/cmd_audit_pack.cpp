// `audit-pack --year Y --out DIR`: the year-end audit pack (ops/audit_pack.h): every report as
// XLSX and CSV, the journal, the `verify` output, the digest, the batches' approval forms, vouchers
// and bank files, bank returns, signatures, policy files, import records and the operations log,
// a Chinese 目录 (PDF and XLSX), a manifest of SHA-256 sums and SHA256SUMS, in a new directory
// that appears complete or not at all; an open year only with --force, marked 未结账.
#include <iostream>

#include "cli.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/ops/audit_pack.h"

namespace subsidy::cli {

namespace {

int run_audit_pack(const Context& context, int64_t year, const std::string& out, bool force) {
  context.check_out_directory(out);  // an existing path is refused by the operation itself
  Db db = context.open_db();
  ops::OpContext op = context.plain_context(db);  // reads only: no person needed
  const ops::AuditPackResult pack =
      ops::write_audit_pack(op, {year, out, force, context.db_path + ".ops.log"});
  std::cout << pack.year << " 年度审计资料已写入 " << pack.out << (pack.closed ? "" : "（未结账）")
            << "；目录见 目录.pdf，核对：cd " << pack.out << " && sha256sum -c SHA256SUMS\n"
            << format_digest(pack.head) << "\n";
  return 0;
}

}  // namespace

void add_audit_pack_commands(CLI::App& app, Context& context) {
  CLI::App* pack = app.add_subcommand(
      "audit-pack", "the year-end audit pack: reports, journal, digest, manifest");
  auto year = std::make_shared<int64_t>(0);
  auto out = std::make_shared<std::string>();
  pack->add_option("--year", *year, "the fiscal year")->required()->check(CLI::Range(1900, 9999));
  pack->add_option("--out", *out, "a new directory for the pack")->required();
  auto force = std::make_shared<bool>(false);
  pack->add_flag("--force", *force,
                 "pack a year that is not closed; every report then says 未结账");
  pack->callback([&context, year, out, force] {
    context.action = [&context, year, out, force] {
      return run_audit_pack(context, *year, *out, *force);
    };
  });
}

}  // namespace subsidy::cli
