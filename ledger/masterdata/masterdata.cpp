// Queries over the master-data views of migration 001 (masterdata.h).
#include "ledger/masterdata/masterdata.h"

namespace subsidy {

namespace {

constexpr std::string_view kEnterpriseColumns =
    "uscc, name, region_code, bank_name, cnaps_code, account_no, account_name, version";

Enterprise read_enterprise(const Statement& row) {
  Enterprise enterprise;
  enterprise.uscc = row.text(0);
  enterprise.name = row.text(1);
  enterprise.region_code = row.text(2);
  if (!row.is_null(3)) {  // the importer stores the four bank columns all set or all NULL
    enterprise.bank = BankAccount{row.text(3), row.text(4), row.text(5), row.text(6)};
  }
  enterprise.version = row.int64(7);
  return enterprise;
}

}  // namespace

std::vector<Region> load_regions(Db& db) {
  std::vector<Region> regions;
  Statement row = db.prepare("SELECT region_code, name, kind FROM regions ORDER BY region_code");
  while (row.step()) regions.push_back({row.text(0), row.text(1), row.text(2)});
  return regions;
}

std::vector<Enterprise> load_enterprises(Db& db) {
  std::vector<Enterprise> enterprises;
  Statement row =
      db.prepare("SELECT " + std::string(kEnterpriseColumns) + " FROM enterprises ORDER BY uscc");
  while (row.step()) enterprises.push_back(read_enterprise(row));
  return enterprises;
}

std::vector<Project> load_projects(Db& db) {
  std::vector<Project> projects;
  Statement row = db.prepare(
      "SELECT project_id, uscc, name, superior_award_fen FROM projects ORDER BY project_id");
  while (row.step()) {
    projects.push_back({row.text(0), row.text(1), row.text(2), row.optional_money(3)});
  }
  return projects;
}

std::vector<TaxRetention> load_tax_retention(Db& db, int year) {
  std::vector<TaxRetention> figures;
  Statement row = db.prepare(
      "SELECT uscc, local_retained_tax_fen FROM tax_retention WHERE year = ?1 ORDER BY uscc");
  row.bind(1, int64_t{year});
  while (row.step()) figures.push_back({row.text(0), year, row.money(1)});
  return figures;
}

std::vector<ComplianceEvent> load_compliance_events(Db& db, int year) {
  std::vector<ComplianceEvent> events;
  Statement row = db.prepare(
      "SELECT uscc, event, factor FROM compliance_events WHERE year = ?1 ORDER BY uscc, event");
  row.bind(1, int64_t{year});
  while (row.step()) {
    ComplianceEvent event{row.text(0), year, row.text(1), std::nullopt};
    // Stored by the importer as exact two-decimal text, so parsing cannot fail.
    if (!row.is_null(2)) event.factor = Decimal::parse_plain(row.text(2)).value;
    events.push_back(std::move(event));
  }
  return events;
}

ProjectDirectory::ProjectDirectory(Db& db) {
  Statement row =
      db.prepare("SELECT project_id, uscc, superior_award_fen FROM projects ORDER BY project_id");
  while (row.step()) projects_.push_back({row.text(0), row.text(1), {}, row.optional_money(2)});
  // Filled only now: the views point into projects_, which no longer moves.
  position_ = KeyIndex(projects_.size());
  for (size_t i = 0; i < projects_.size(); ++i) {
    position_.insert(projects_[i].project_id, static_cast<uint32_t>(i));
  }
}

std::optional<uint32_t> ProjectDirectory::position(std::string_view project_id) const {
  return position_.find(project_id);
}

std::vector<Application> load_applications(Db& db, int year) {
  const ProjectDirectory projects(db);
  return load_applications(db, year, projects);
}

std::vector<Application> load_applications(Db& db, int year, const ProjectDirectory& projects,
                                           std::vector<uint32_t>* positions) {
  std::vector<Application> applications;
  std::string sql = "SELECT application_id, project_id, scheme, version";
  for (const InputColumnInfo& input : kInputColumns) (sql += ", ") += input.schema_column;
  sql += " FROM applications WHERE year = ?1 ORDER BY application_id";
  Statement row = db.prepare(sql);
  row.bind(1, int64_t{year});
  while (row.step()) {  // bounded by the applications of one year
    const std::optional<uint32_t> project = projects.position(row.text_view(1));
    if (!project) continue;  // as the inner join it replaces
    Application a;
    a.application_id = row.text(0);
    a.project_id = row.text(1);
    a.uscc = projects.projects()[*project].uscc;
    a.year = year;
    a.scheme = row.text(2);
    a.version = row.int64(3);
    for (size_t i = 0; i < kInputColumnCount; ++i) {  // fen or a count, as stored
      const int cell = 4 + static_cast<int>(i);
      if (!row.is_null(cell)) a.inputs.set_raw(kInputColumns[i].column, row.int64(cell));
    }
    applications.push_back(std::move(a));
    if (positions != nullptr) positions->push_back(*project);
  }
  return applications;
}

int64_t count_applications(Db& db, int year) {
  Statement count = db.prepare("SELECT COUNT(*) FROM applications WHERE year = ?");
  count.bind(1, int64_t{year});
  count.step();
  return count.int64(0);
}

std::vector<EnterpriseRegion> load_enterprise_regions(Db& db) {
  std::vector<EnterpriseRegion> enterprises;
  Statement row = db.prepare("SELECT uscc, region_code FROM enterprises ORDER BY uscc");
  while (row.step()) enterprises.push_back({row.text(0), row.text(1)});
  return enterprises;
}

std::optional<Enterprise> find_enterprise(Db& db, std::string_view uscc) {
  Statement row =
      db.prepare("SELECT " + std::string(kEnterpriseColumns) + " FROM enterprises WHERE uscc = ?1");
  row.bind(1, uscc);
  if (!row.step()) return std::nullopt;
  return read_enterprise(row);
}

std::vector<EnterpriseVersion> enterprise_history(Db& db, std::string_view uscc) {
  std::vector<EnterpriseVersion> versions;
  Statement row = db.prepare("SELECT " + std::string(kEnterpriseColumns) +
                             ", import_id, actor, recorded_at, file_name, file_sha256, source_line "
                             "FROM enterprise_history WHERE uscc = ?1 ORDER BY version");
  row.bind(1, uscc);
  while (row.step()) {
    EnterpriseVersion entry{read_enterprise(row), {}};
    entry.info = {entry.enterprise.version,
                  row.int64(8),
                  row.text(9),
                  row.text(10),
                  row.text(11),
                  row.text(12),
                  row.int64(13)};
    versions.push_back(std::move(entry));
  }
  return versions;
}

std::optional<std::string> last_bank_account_change(Db& db, std::string_view uscc) {
  const std::vector<EnterpriseVersion> versions = enterprise_history(db, uscc);
  std::optional<std::string> changed_at;
  for (size_t i = 1; i < versions.size(); ++i) {
    if (versions[i].enterprise.bank != versions[i - 1].enterprise.bank) {
      changed_at = versions[i].info.recorded_at;
    }
  }
  return changed_at;
}

}  // namespace subsidy
