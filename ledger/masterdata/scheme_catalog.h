// What the applications importer needs to know of the policy: which scheme codes exist for an award
// year and which application columns each one reads. An interface, so that the importer is tested
// with a fake catalog and the CLI builds the real one from the policies stored in the ledger.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace subsidy {

class SchemeCatalog {
 public:
  virtual ~SchemeCatalog() = default;
  // The application columns (e.g. "equipment_amount") that the scheme's formula and conditions
  // read for an application of award year `year`; those cells must not be empty. nullopt when the
  // scheme is unknown for that year. Must not throw for an unknown scheme or year.
  virtual std::optional<std::vector<std::string>> inputs_of(std::string_view scheme,
                                                            int year) const = 0;
};

}  // namespace subsidy
