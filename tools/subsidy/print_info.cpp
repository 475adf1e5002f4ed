// The print details the command line gives the PDF writers (print_info.h).
#include "print_info.h"

#include "ledger/base/error.h"
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
  if (actor.empty() || !people::has_people(db)) return actor;
  try {
    const std::optional<people::Person> person =
        people::find_person(db, people::person_login(actor));
    if (person && !person->display_name.empty()) return person->display_name;
  } catch (const RefusedError&) {
    // a recorded actor that is no valid login (a legacy name): printed as recorded
  }
  return actor;
}

}  // namespace subsidy::cli
