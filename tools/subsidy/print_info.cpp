// The print details the command line gives the PDF writers (print_info.h).
#include "print_info.h"

#include "ledger/payments/config.h"
#include "ledger/people/registry.h"

namespace subsidy::cli {

reports::PrintInfo print_info(const Context& context, Db& db) {
  reports::PrintInfo info;
  info.organisation = config_value(db, "payer.name").value_or("");
  info.printed_at = context.clock();
  return info;
}

std::string signer_name(Db& db, const std::string& actor) {
  return people::display_name_of(db, actor);
}

}  // namespace subsidy::cli
