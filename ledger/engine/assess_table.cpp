// The assessment as a table for people: a title, one line per application (Chinese headings and
// scheme names by default, English on request), amounts with thousands separators aligned right by
// display width, and the totals of awarded and held amounts at the bottom.
#include <array>

#include "ledger/engine/assess_output.h"
#include "ledger/base/display_width.h"

namespace subsidy {

namespace {

constexpr size_t kColumns = 9;
using Row = std::array<std::string, kColumns>;
// Amount columns (amount, county share, region share) are aligned right.
constexpr std::array<bool, kColumns> kRightAligned = {false, false, false, false, false,
                                                      true,  true,  true,  false};

Row headings(Language language) {
  if (language == Language::en) {
    return {"Application", "Project",      "USCC",         "Scheme", "Status",
            "Amount",      "County share", "Region share", "Reasons"};
  }
  return {"申请编号", "项目编号",   "统一社会信用代码", "奖励类别", "状态",
          "金额",     "县财政承担", "税收归属地承担",   "原因"};
}

std::string status_text(Status status, Language language) {
  if (language == Language::en) return std::string(status_name(status));
  switch (status) {
    case Status::awarded:
      return "予以奖励";
    case Status::rejected:
      return "不予奖励";
    case Status::held:
      return "暂缓";
  }
  return "?";
}

Row application_row(const ApplicationResult& app, const Policy& policy, Language language) {
  std::string scheme = app.scheme;
  if (language == Language::zh && policy.has_scheme(app.scheme))
    scheme = policy.scheme(app.scheme).name;
  std::string reasons;
  for (const Reason& reason : app.reasons)
    reasons += (reasons.empty() ? "" : ", ") + reason.to_string();
  return {app.application_id,
          app.project_id,
          app.uscc,
          scheme,
          status_text(app.status, language),
          format_grouped(app.amount),
          format_grouped(app.county_share),
          format_grouped(app.region_share),
          reasons};
}

struct Totals {
  size_t awarded_count = 0, held_count = 0;
  Money awarded, county, region, held;
};

std::vector<Row> total_rows(const Totals& totals, Language language) {
  const bool zh = language == Language::zh;
  std::vector<Row> rows;
  rows.push_back({zh ? "合计（予以奖励 " + std::to_string(totals.awarded_count) + " 项）"
                     : "Total awarded (" + std::to_string(totals.awarded_count) + ")",
                  "", "", "", "", format_grouped(totals.awarded), format_grouped(totals.county),
                  format_grouped(totals.region), ""});
  if (totals.held_count > 0) {
    rows.push_back({zh ? "暂缓（" + std::to_string(totals.held_count) + " 项，不入账）"
                       : "Held (" + std::to_string(totals.held_count) + ", not posted)",
                    "", "", "", "", format_grouped(totals.held), "", "", ""});
  }
  return rows;
}

void write_row(const Row& row, const std::array<size_t, kColumns>& widths, std::ostream& out) {
  std::string line;
  for (size_t c = 0; c < kColumns; ++c) {
    if (c > 0) line += "  ";
    line += kRightAligned[c] ? pad_left(row[c], widths[c]) : pad_right(row[c], widths[c]);
  }
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << "\n";
}

}  // namespace

void write_assessment_table(const Assessment& assessment, const Policy& policy, Language language,
                            std::ostream& out) {
  // Two passes over the applications (widths, then lines) rather than holding every cell.
  std::array<size_t, kColumns> widths{};
  auto widen = [&](const Row& row) {
    for (size_t c = 0; c < kColumns; ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  };
  const Row heading = headings(language);
  widen(heading);
  Totals totals;
  for (const ApplicationResult& app : assessment.applications) {
    widen(application_row(app, policy, language));
    if (app.status == Status::awarded) {
      ++totals.awarded_count;
      totals.awarded += app.amount;
      totals.county += app.county_share;
      totals.region += app.region_share;
    } else if (app.status == Status::held) {
      ++totals.held_count;
      totals.held += app.amount;
    }
  }
  const std::vector<Row> bottom = total_rows(totals, language);
  // A total's label spans the five text columns before the amounts; a longer label widens the
  // first.
  auto label_span = [&] { return widths[0] + widths[1] + widths[2] + widths[3] + widths[4] + 8; };
  for (const Row& row : bottom) {
    for (size_t c = 5; c < kColumns; ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    const size_t label = display_width(row[0]);
    if (label > label_span()) widths[0] += label - label_span();
  }
  out << (language == Language::zh ? std::to_string(assessment.year) + " 年度测算结果（政策 " +
                                         assessment.policy_id + "）"
                                   : "Assessment of " + std::to_string(assessment.year) +
                                         " (policy " + assessment.policy_id + ")")
      << "\n";
  write_row(heading, widths, out);
  size_t rule_width = 2 * (kColumns - 1);
  for (size_t width : widths) rule_width += width;
  const std::string rule(rule_width, '-');
  out << rule << "\n";
  for (const ApplicationResult& app : assessment.applications) {
    write_row(application_row(app, policy, language), widths, out);
  }
  out << rule << "\n";
  for (const Row& row : bottom) {
    // The label runs over the empty text columns; the amounts stay in their columns.
    std::string line = pad_right(row[0], label_span());
    for (size_t c = 5; c < kColumns; ++c) line += "  " + pad_left(row[c], widths[c]);
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
}

}  // namespace subsidy
