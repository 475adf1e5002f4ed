// Reading the master data back: the current version of every kind (what `assess` works on), the
// full history of an enterprise (`show enterprise --history`) and the bank-account change check of
// the payment runs. All reads; plain structs with exact Money/Decimal values and optional fields
// for empty cells. Every function throws RefusedError only on a database failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/key_index.h"
#include "ledger/money/decimal.h"
#include "ledger/money/money.h"
#include "ledger/policy/input_columns.h"
#include "ledger/store/store.h"

namespace subsidy {

// Who stored a version, when, and from which file.
struct VersionInfo {
  int64_t version = 0;
  int64_t import_id = 0;
  std::string actor;
  std::string recorded_at;  // UTC, ISO-8601
  std::string file_name;
  std::string file_sha256;
  int64_t source_line = 0;  // line of the row in that file
};

struct Region {
  std::string region_code;
  std::string name;
  std::string kind;  // park, township or street
};

struct BankAccount {
  std::string bank_name;
  std::string cnaps_code;  // 12 digits
  std::string account_no;
  std::string account_name;
  bool operator==(const BankAccount&) const = default;
};

struct Enterprise {
  std::string uscc;
  std::string name;
  std::string region_code;          // tax-attribution region
  std::optional<BankAccount> bank;  // nullopt: no bank details imported
  int64_t version = 0;
};

struct EnterpriseVersion {
  Enterprise enterprise;
  VersionInfo info;
};

struct TaxRetention {
  std::string uscc;
  int year = 0;
  Money local_retained_tax;
};

struct ComplianceEvent {
  std::string uscc;
  int year = 0;
  std::string event;              // e.g. major_env_pollution, general_safety_accident
  std::optional<Decimal> factor;  // general_safety_accident only; nullopt: the policy's default
};

struct Project {
  std::string project_id;
  std::string uscc;
  std::string name;
  std::optional<Money> superior_award;  // nullopt: nothing from a higher level of government
};

struct Application {
  std::string application_id;
  std::string project_id;
  std::string uscc;  // of the project's current version
  int year = 0;
  std::string scheme;
  InputValues inputs;   // the eight numeric columns (input_columns.h); nullopt: the cell was empty
  int64_t version = 0;  // > 1 when the application was changed by a later import
};

// The current version of every region / enterprise / project, sorted by key.
std::vector<Region> load_regions(Db& db);
std::vector<Enterprise> load_enterprises(Db& db);
std::vector<Project> load_projects(Db& db);
// The current tax retention figures and compliance events of an award year, sorted by key.
std::vector<TaxRetention> load_tax_retention(Db& db, int year);
std::vector<ComplianceEvent> load_compliance_events(Db& db, int year);
// The current projects with a lookup by project_id, loaded once by a command that resolves the
// owners of many applications (assess reads up to three years of them). Names are not loaded: no
// such command prints them. Neither copyable nor movable, because the lookup refers into its own
// rows. Throws RefusedError on a database failure.
class ProjectDirectory {
 public:
  explicit ProjectDirectory(Db& db);
  ProjectDirectory(const ProjectDirectory&) = delete;
  ProjectDirectory& operator=(const ProjectDirectory&) = delete;

  // Every current project, sorted by project_id, `name` left empty.
  const std::vector<Project>& projects() const { return projects_; }
  // The position of `project_id` in projects(), nullopt when there is no such project.
  std::optional<uint32_t> position(std::string_view project_id) const;

 private:
  std::vector<Project> projects_;
  KeyIndex position_;  // views into projects_
};

// The current applications of an award year, sorted by application_id, each with the USCC of its
// project's current owner. The owners come from one ordered scan of the projects, not a lookup per
// application: applications name their projects in no particular order, and once the project
// table outgrows the page cache those lookups cost a decrypt each. As with a join, an application
// whose project is unknown is left out (import refuses such a file).
std::vector<Application> load_applications(Db& db, int year);
// The same with the owners taken from `projects`, for a command that reads several years. When
// `positions` is given it receives, for each application returned, the position of its project in
// projects.projects(): the caller need not look every project up a second time.
std::vector<Application> load_applications(Db& db, int year, const ProjectDirectory& projects,
                                           std::vector<uint32_t>* positions = nullptr);

// How many applications award year `year` has (every stored one, whatever its project).
int64_t count_applications(Db& db, int year);

// The tax-attribution region of every current enterprise, sorted by USCC: all assess needs of an
// enterprise, without the names and bank columns that load_enterprises() reads.
struct EnterpriseRegion {
  std::string uscc;
  std::string region_code;
};
std::vector<EnterpriseRegion> load_enterprise_regions(Db& db);

// The current version of one enterprise, or nullopt when the USCC was never imported.
std::optional<Enterprise> find_enterprise(Db& db, std::string_view uscc);
// Every version of one enterprise, oldest first (empty when never imported).
std::vector<EnterpriseVersion> enterprise_history(Db& db, std::string_view uscc);

// When the enterprise's bank details (bank_name, cnaps_code, account_no, account_name) last
// changed: the recorded_at (UTC ISO-8601) of the latest version whose details differ from the
// version before it. The first version sets the details and is not a change; a later version that
// adds details where there were none is. nullopt when they never changed (or the USCC is unknown).
std::optional<std::string> last_bank_account_change(Db& db, std::string_view uscc);

}  // namespace subsidy
