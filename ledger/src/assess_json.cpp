// The machine forms of an assessment: the JSON document of INTERFACE.md and the CSV export.
#include "ledger/assess_output.h"

namespace subsidy {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, inner quotes doubled.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::optional<Language> language_from_name(std::string_view name) {
  if (name == "zh") return Language::zh;
  if (name == "en") return Language::en;
  return std::nullopt;
}

nlohmann::ordered_json assessment_json(const Assessment& assessment) {
  nlohmann::ordered_json doc;
  doc["year"] = assessment.year;
  doc["policy"] = assessment.policy_id;
  nlohmann::ordered_json applications = nlohmann::ordered_json::array();
  for (const ApplicationResult& app : assessment.applications) {
    nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
    for (const Reason& reason : app.reasons) reasons.push_back(reason.to_string());
    applications.push_back({{"application_id", app.application_id},
                            {"project_id", app.project_id},
                            {"uscc", app.uscc},
                            {"scheme", app.scheme},
                            {"status", status_name(app.status)},
                            {"amount", format_plain(app.amount)},
                            {"county_share", format_plain(app.county_share)},
                            {"region_share", format_plain(app.region_share)},
                            {"reasons", std::move(reasons)}});
  }
  doc["applications"] = std::move(applications);
  nlohmann::ordered_json enterprises = nlohmann::ordered_json::array();
  for (const EnterpriseResult& enterprise : assessment.enterprises) {
    nlohmann::ordered_json retained = nullptr;
    if (enterprise.local_retained_tax) retained = format_plain(*enterprise.local_retained_tax);
    enterprises.push_back({{"uscc", enterprise.uscc},
                           {"total", format_plain(enterprise.total)},
                           {"local_retained_tax", std::move(retained)},
                           {"county_share", format_plain(enterprise.county_share)},
                           {"region_share", format_plain(enterprise.region_share)}});
  }
  doc["enterprises"] = std::move(enterprises);
  return doc;
}

void write_assessment_csv(const Assessment& assessment, std::ostream& out) {
  out << "application_id,project_id,uscc,scheme,status,amount,county_share,region_share,"
         "reasons\r\n";
  for (const ApplicationResult& app : assessment.applications) {
    std::string reasons;
    for (const Reason& reason : app.reasons) {
      reasons += (reasons.empty() ? "" : ";") + reason.to_string();
    }
    out << csv_field(app.application_id) << ',' << csv_field(app.project_id) << ','
        << csv_field(app.uscc) << ',' << csv_field(app.scheme) << ',' << status_name(app.status)
        << ',' << format_plain(app.amount) << ',' << format_plain(app.county_share) << ','
        << format_plain(app.region_share) << ',' << csv_field(reasons) << "\r\n";
  }
}

}  // namespace subsidy
