// The assessment as a table for people: a title, one line per application (Chinese headings and
// scheme names by default, English on request), amounts with thousands separators aligned right by
// display width, and the totals of awarded and held amounts at the bottom. Built as a ReportTable
// and written by the common text writer (ledger/tables).
#include "ledger/base/check.h"
#include "ledger/engine/assess_output.h"
#include "ledger/tables/writers.h"

namespace subsidy {

namespace {

using reports::Cell;
using reports::Column;
using reports::ColumnType;

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

void add_columns(reports::ReportTable& table) {
  table.add_column({"application_id", "申请编号", "Application", ColumnType::text});
  table.add_column({"project_id", "项目编号", "Project", ColumnType::text});
  table.add_column({"uscc", "统一社会信用代码", "USCC", ColumnType::text});
  table.add_column({"scheme", "奖励类别", "Scheme", ColumnType::text});
  table.add_column({"status", "状态", "Status", ColumnType::text});
  table.add_column({"amount", "金额", "Amount", ColumnType::money});
  table.add_column({"county_share", "县财政承担", "County share", ColumnType::money});
  table.add_column({"region_share", "税收归属地承担", "Region share", ColumnType::money});
  table.add_column({"reasons", "原因", "Reasons", ColumnType::text});
}

reports::Row application_row(const ApplicationResult& app, const Policy& policy,
                             Language language) {
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
          app.amount,
          app.county_share,
          app.region_share,
          reasons};
}

}  // namespace

reports::ReportTable assessment_table(const Assessment& assessment, const Policy& policy,
                                      Language language) {
  const std::string year = std::to_string(assessment.year);
  reports::ReportTable table(
      "assessment", year + " 年度测算结果（政策 " + assessment.policy_id + "）",
      "Assessment of " + year + " (policy " + assessment.policy_id + ")", assessment.year, "");
  add_columns(table);
  table.reserve_rows(assessment.applications.size());
  size_t awarded_count = 0;
  size_t held_count = 0;
  Money awarded, county, region, held;
  for (const ApplicationResult& app : assessment.applications) {
    table.add_row(application_row(app, policy, language));
    if (app.status == Status::awarded) {
      ++awarded_count;
      awarded += app.amount;
      county += app.county_share;
      region += app.region_share;
    } else if (app.status == Status::held) {
      ++held_count;
      held += app.amount;
    }
  }
  SUBSIDY_ASSERT(awarded_count + held_count <= assessment.applications.size());
  // The totals are those of the awarded applications only: held ones are not posted.
  table.set_totals({Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, awarded, county, region, Cell{}});
  table.set_totals_label("合计（予以奖励 " + std::to_string(awarded_count) + " 项）",
                         "Total awarded (" + std::to_string(awarded_count) + ")");
  if (held_count > 0) {
    table.add_footer({"暂缓（" + std::to_string(held_count) + " 项，不入账）",
                      "Held (" + std::to_string(held_count) + ", not posted)",
                      {Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, held, Cell{}, Cell{}, Cell{}}});
  }
  reports::TextLayout layout;
  layout.header = reports::TextLayout::Header::title;
  layout.rule = reports::TextLayout::Rule::full_width;
  layout.span_labels = true;  // "合计（予以奖励 8 项）" runs over the five text columns
  table.set_text_layout(layout);
  return table;
}

void write_assessment_table(const Assessment& assessment, const Policy& policy, Language language,
                            std::ostream& out) {
  reports::write_text(assessment_table(assessment, policy, language), language, out);
}

}  // namespace subsidy
