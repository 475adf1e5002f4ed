// The machine forms of an assessment: the JSON document of INTERFACE.md and the CSV export.
#include "ledger/engine/assess_output.h"

#include <algorithm>

#include "ledger/base/check.h"
#include "ledger/base/text_border.h"

namespace subsidy {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, inner quotes doubled; a text
// that a spreadsheet would run as a formula gets a leading ' first (formula_safe). Text cells only.
std::string csv_field(std::string_view raw) {
  const std::string text = formula_safe(raw);
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  SUBSIDY_ASSERT(quoted.size() >= text.size() + 1);
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
  if (assessment.policy_version != 0) {
    doc["policy_version"] = assessment.policy_version;
    doc["policy_document"] = assessment.policy_document;
  }
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
  SUBSIDY_ASSERT(doc["applications"].size() == assessment.applications.size());
  return doc;
}

namespace {

// A JSON string as dump() writes it. Text of plain printable ASCII (ids, codes, amounts: nearly
// all of it) needs no escaping; anything else goes through nlohmann's own serializer, so that
// escapes and the refusal of text that is not UTF-8 are dump()'s exactly.
void append_json_string(std::string& out, std::string_view text) {
  const size_t size_before = out.size();
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
  });
  if (plain) {
    out.append(1, '"').append(text).append(1, '"');
  } else {
    out.append(nlohmann::ordered_json(std::string(text)).dump());
  }
  SUBSIDY_ASSERT(out.size() >= size_before + text.size() + 2);  // quoted, escapes only add
}

// `"key": ` at `indent` spaces, as dump(2) opens an object member.
void append_key(std::string& out, int indent, std::string_view key) {
  SUBSIDY_ASSERT(indent >= 0 && !key.empty());
  out.append(static_cast<size_t>(indent), ' ');
  append_json_string(out, key);
  out.append(": ");
}

void append_string_member(std::string& out, int indent, std::string_view key,
                          std::string_view value, bool last = false) {
  append_key(out, indent, key);
  append_json_string(out, value);
  out.append(last ? "\n" : ",\n");
}

void append_application(std::string& out, const ApplicationResult& app) {
  SUBSIDY_ASSERT(status_name(app.status) != "?");  // a Status the engine knows
  out.append("    {\n");
  append_string_member(out, 6, "application_id", app.application_id);
  append_string_member(out, 6, "project_id", app.project_id);
  append_string_member(out, 6, "uscc", app.uscc);
  append_string_member(out, 6, "scheme", app.scheme);
  append_string_member(out, 6, "status", status_name(app.status));
  append_string_member(out, 6, "amount", format_plain(app.amount));
  append_string_member(out, 6, "county_share", format_plain(app.county_share));
  append_string_member(out, 6, "region_share", format_plain(app.region_share));
  append_key(out, 6, "reasons");
  if (app.reasons.empty()) {
    out.append("[]\n");
  } else {
    out.append("[\n");
    for (size_t i = 0; i < app.reasons.size(); ++i) {
      out.append(8, ' ');
      append_json_string(out, app.reasons[i].to_string());
      out.append(i + 1 < app.reasons.size() ? ",\n" : "\n");
    }
    out.append("      ]\n");
  }
  out.append("    }");
}

void append_enterprise(std::string& out, const EnterpriseResult& enterprise) {
  out.append("    {\n");
  append_string_member(out, 6, "uscc", enterprise.uscc);
  append_string_member(out, 6, "total", format_plain(enterprise.total));
  append_key(out, 6, "local_retained_tax");
  if (enterprise.local_retained_tax) {
    append_json_string(out, format_plain(*enterprise.local_retained_tax));
    out.append(",\n");
  } else {
    out.append("null,\n");
  }
  append_string_member(out, 6, "county_share", format_plain(enterprise.county_share));
  append_string_member(out, 6, "region_share", format_plain(enterprise.region_share), true);
  out.append("    }");
}

// Where the text goes: kept whole (`stream` null) or written to `stream` a MiB at a time, so that a
// dry run of a million applications does not hold a 300 MB document.
struct JsonSink {
  static constexpr size_t kSpillBytes = size_t{1} << 20;
  std::string text;
  std::ostream* stream = nullptr;

  void spill_if_full() {
    if (stream == nullptr || text.size() < kSpillBytes) return;
    stream->write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }
};

// `"key": [...]` of objects at the top level, as dump(2) writes it ("[]" when empty).
template <typename Row, typename Append>
void append_array_member(JsonSink& sink, std::string_view key, const std::vector<Row>& rows,
                         Append append_row, bool last) {
  append_key(sink.text, 2, key);
  if (rows.empty()) {
    sink.text.append("[]");
  } else {
    sink.text.append("[\n");
    for (size_t i = 0; i < rows.size(); ++i) {
      append_row(sink.text, rows[i]);
      sink.text.append(i + 1 < rows.size() ? ",\n" : "\n");
      sink.spill_if_full();
    }
    sink.text.append("  ]");
  }
  sink.text.append(last ? "\n" : ",\n");
}

void write_json(const Assessment& assessment, JsonSink& sink) {
  sink.text.append("{\n");
  append_key(sink.text, 2, "year");
  sink.text.append(std::to_string(assessment.year)).append(",\n");
  append_string_member(sink.text, 2, "policy", assessment.policy_id);
  if (assessment.policy_version != 0) {
    append_key(sink.text, 2, "policy_version");
    sink.text.append(std::to_string(assessment.policy_version)).append(",\n");
    append_string_member(sink.text, 2, "policy_document", assessment.policy_document);
  }
  append_array_member(sink, "applications", assessment.applications, append_application, false);
  append_array_member(sink, "enterprises", assessment.enterprises, append_enterprise, true);
  sink.text.append("}");
  SUBSIDY_ASSERT(!sink.text.empty());
}

}  // namespace

std::string assessment_json_text(const Assessment& assessment) {
  // About 330 bytes per application and 200 per enterprise; reserved so the text grows once.
  JsonSink sink;
  sink.text.reserve(128 + 330 * assessment.applications.size() +
                    200 * assessment.enterprises.size());
  write_json(assessment, sink);
  SUBSIDY_ASSERT(sink.text.front() == '{' && sink.text.back() == '}');
  return std::move(sink.text);
}

void write_assessment_json(const Assessment& assessment, std::ostream& out) {
  JsonSink sink;
  sink.stream = &out;
  SUBSIDY_ASSERT(sink.text.empty());
  sink.text.reserve(JsonSink::kSpillBytes + 4096);
  write_json(assessment, sink);
  out.write(sink.text.data(), static_cast<std::streamsize>(sink.text.size()));
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
