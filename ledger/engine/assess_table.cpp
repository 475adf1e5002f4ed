// The assessment as a table for people: a title, one line per application (Chinese headings and
// scheme names by default, English on request), amounts with thousands separators aligned right by
// display width, and the totals of awarded and held amounts at the bottom. Built as a ReportTable
// and written by the common text writer (ledger/tables). `assess` prints it with a first line
// saying whether it is a dry run or what was booked, and by default narrowed to 120 columns: the
// enterprise's name instead of project and USCC, long texts wrapped onto continuation lines.
#include <algorithm>
#include <array>

#include "ledger/base/check.h"
#include "ledger/base/display_width.h"
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

// The narrow table's columns: which of them wrap, and the widths they may take.
constexpr size_t kNarrowColumns = 6;
constexpr size_t kNarrowAmount = 4;
constexpr std::array<bool, kNarrowColumns> kWraps = {false, true, true, false, false, true};
constexpr size_t kMinWrapWidth = 8;  // four Chinese characters
constexpr size_t kColumnGap = 2;     // the text writer's spaces between columns

void add_narrow_columns(reports::ReportTable& table) {
  table.add_column({"application_id", "申请编号", "Application", ColumnType::text});
  table.add_column({"enterprise", "企业名称", "Enterprise", ColumnType::text});
  table.add_column({"scheme", "奖励类别", "Scheme", ColumnType::text});
  table.add_column({"status", "状态", "Status", ColumnType::text});
  table.add_column({"amount", "金额", "Amount", ColumnType::money});
  table.add_column({"reasons", "原因", "Reasons", ColumnType::text});
}

// `text` cut into pieces of at most `width` display columns (at least one character each), after
// ", " where a piece can end there, else between two characters (never inside one).
std::vector<std::string> wrap_text(const std::string& text, size_t width) {
  std::vector<std::string> pieces;
  std::string piece;
  size_t piece_width = 0;
  size_t last_comma = std::string::npos;  // in `piece`, just after the last ", "
  for (size_t i = 0; i < text.size();) {  // bounded: i grows by one character each time
    size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    const std::string character = text.substr(i, next - i);
    const size_t character_width = display_width(character);
    if (piece_width + character_width > width && !piece.empty()) {
      const size_t cut = last_comma != std::string::npos ? last_comma : piece.size();
      std::string rest = piece.substr(cut);
      pieces.push_back(piece.substr(0, cut));
      piece = std::move(rest);
      piece_width = display_width(piece);
      last_comma = std::string::npos;
    }
    if (!(piece.empty() && character == " ")) {  // no piece starts with the space of ", "
      piece += character;
      piece_width += character_width;
    }
    if (character == " " && piece.size() >= 2 && piece[piece.size() - 2] == ',') {
      last_comma = piece.size();
    }
    i = next;
  }
  if (!piece.empty() || pieces.empty()) pieces.push_back(piece);
  return pieces;
}

// The widths of the wrapping columns: each at most its longest text, together no more than what
// `max_width` leaves beside the other columns, shared out so that the widest give way first.
std::array<size_t, kNarrowColumns> wrap_widths(const std::vector<reports::Row>& rows,
                                               const reports::ReportTable& table,
                                               Language language, size_t max_width) {
  std::array<size_t, kNarrowColumns> natural{};
  for (size_t c = 0; c < kNarrowColumns; ++c) {
    natural[c] = display_width(table.columns()[c].heading(language));
  }
  for (const reports::Row& row : rows) {
    for (size_t c = 0; c < kNarrowColumns; ++c) {
      natural[c] = std::max(natural[c], display_width(reports::cell_display(row[c])));
    }
  }
  size_t fixed = kColumnGap * (kNarrowColumns - 1);
  for (size_t c = 0; c < kNarrowColumns; ++c) fixed += kWraps[c] ? 0 : natural[c];
  const size_t budget = max_width > fixed ? max_width - fixed : 0;
  auto total_at = [&natural](size_t level) {
    size_t total = 0;
    for (size_t c = 0; c < kNarrowColumns; ++c) {
      if (kWraps[c]) total += std::min(natural[c], std::max(level, kMinWrapWidth));
    }
    return total;
  };
  size_t level = budget;
  while (level > kMinWrapWidth && total_at(level) > budget) --level;  // at most budget steps
  std::array<size_t, kNarrowColumns> widths{};
  for (size_t c = 0; c < kNarrowColumns; ++c) {
    widths[c] = kWraps[c] ? std::min(natural[c], std::max(level, kMinWrapWidth)) : natural[c];
  }
  return widths;
}

// Adds `row` to `table`, its wrapping cells cut to `widths` and continued on further rows.
void add_wrapped_row(reports::ReportTable& table, const reports::Row& row,
                     const std::array<size_t, kNarrowColumns>& widths) {
  std::array<std::vector<std::string>, kNarrowColumns> pieces;
  size_t lines = 1;
  for (size_t c = 0; c < kNarrowColumns; ++c) {
    const auto* text = std::get_if<std::string>(&row[c]);
    if (kWraps[c] && text != nullptr) {
      pieces[c] = wrap_text(*text, widths[c]);
      lines = std::max(lines, pieces[c].size());
    }
  }
  for (size_t line = 0; line < lines; ++line) {
    reports::Row out(kNarrowColumns);
    for (size_t c = 0; c < kNarrowColumns; ++c) {
      if (!pieces[c].empty()) {
        if (line < pieces[c].size() && !pieces[c][line].empty()) out[c] = pieces[c][line];
      } else if (line == 0) {
        out[c] = row[c];
      }
    }
    table.add_row(std::move(out));
  }
}

// The sums under the table: of the awarded applications (what is posted) and of the held ones.
struct Sums {
  size_t awarded_count = 0;
  size_t held_count = 0;
  Money awarded, county, region, held;
};

Sums sums_of(const Assessment& assessment) {
  Sums sums;
  for (const ApplicationResult& app : assessment.applications) {
    if (app.status == Status::awarded) {
      ++sums.awarded_count;
      sums.awarded += app.amount;
      sums.county += app.county_share;
      sums.region += app.region_share;
    } else if (app.status == Status::held) {
      ++sums.held_count;
      sums.held += app.amount;
    }
  }
  SUBSIDY_ASSERT(sums.awarded_count + sums.held_count <= assessment.applications.size());
  return sums;
}

std::string title_zh(const Assessment& assessment) {
  return std::to_string(assessment.year) + " 年度测算结果（政策 " + assessment.policy_id + "）";
}
std::string title_en(const Assessment& assessment) {
  return "Assessment of " + std::to_string(assessment.year) + " (policy " + assessment.policy_id +
         ")";
}

void set_layout(reports::ReportTable& table) {
  reports::TextLayout layout;
  layout.header = reports::TextLayout::Header::title;
  layout.rule = reports::TextLayout::Rule::full_width;
  layout.span_labels = true;  // "合计（予以奖励 8 项）" runs over the text columns
  table.set_text_layout(layout);
}

void set_totals_label(reports::ReportTable& table, const Sums& sums) {
  table.set_totals_label("合计（予以奖励 " + std::to_string(sums.awarded_count) + " 项）",
                         "Total awarded (" + std::to_string(sums.awarded_count) + ")");
}

reports::FooterRow held_footer(const Sums& sums, size_t columns, size_t amount_column) {
  reports::Row cells(columns);
  cells[amount_column] = sums.held;
  return {"暂缓（" + std::to_string(sums.held_count) + " 项，不入账）",
          "Held (" + std::to_string(sums.held_count) + ", not posted)", std::move(cells)};
}

// The narrow table: the enterprise's name, wrapped texts, the shares as footer rows.
reports::ReportTable narrow_table(const Assessment& assessment, const Policy& policy,
                                  Language language, const AssessTableOptions& options) {
  reports::ReportTable table("assessment", title_zh(assessment), title_en(assessment),
                             assessment.year, "");
  add_narrow_columns(table);
  std::vector<reports::Row> rows;
  rows.reserve(assessment.applications.size());
  for (const ApplicationResult& app : assessment.applications) {
    reports::Row wide = application_row(app, policy, language);
    const auto name = options.enterprise_names.find(app.uscc);
    std::string enterprise = name != options.enterprise_names.end() ? name->second : app.uscc;
    rows.push_back({wide[0], std::move(enterprise), wide[3], wide[4], wide[5], wide[8]});
  }
  const Sums sums = sums_of(assessment);
  // The amount column is as wide as its widest figure, the totals' included.
  rows.push_back({Cell{}, Cell{}, Cell{}, Cell{}, sums.awarded, Cell{}});
  const std::array<size_t, kNarrowColumns> widths =
      wrap_widths(rows, table, language, options.max_width);
  rows.pop_back();
  for (const reports::Row& row : rows) add_wrapped_row(table, row, widths);
  table.set_totals({Cell{}, Cell{}, Cell{}, Cell{}, sums.awarded, Cell{}});
  set_totals_label(table, sums);
  table.add_footer({"其中：县财政承担", "of which county share",
                    {Cell{}, Cell{}, Cell{}, Cell{}, sums.county, Cell{}}});
  table.add_footer({"其中：税收归属地承担", "of which region share",
                    {Cell{}, Cell{}, Cell{}, Cell{}, sums.region, Cell{}}});
  if (sums.held_count > 0) table.add_footer(held_footer(sums, kNarrowColumns, kNarrowAmount));
  set_layout(table);
  return table;
}

}  // namespace

reports::ReportTable assessment_table(const Assessment& assessment, const Policy& policy,
                                      Language language) {
  reports::ReportTable table("assessment", title_zh(assessment), title_en(assessment),
                             assessment.year, "");
  add_columns(table);
  table.reserve_rows(assessment.applications.size());
  for (const ApplicationResult& app : assessment.applications) {
    table.add_row(application_row(app, policy, language));
  }
  const Sums sums = sums_of(assessment);
  // The totals are those of the awarded applications only: held ones are not posted.
  table.set_totals(
      {Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, sums.awarded, sums.county, sums.region, Cell{}});
  set_totals_label(table, sums);
  if (sums.held_count > 0) table.add_footer(held_footer(sums, 9, 5));
  set_layout(table);
  return table;
}

void write_assessment_table(const Assessment& assessment, const Policy& policy, Language language,
                            std::ostream& out) {
  reports::write_text(assessment_table(assessment, policy, language), language, out);
}

std::string assessment_status_line(const Assessment& assessment, const AssessTableOptions& options,
                                   Language language) {
  const bool zh = language == Language::zh;
  const std::string title = zh ? title_zh(assessment) : title_en(assessment);
  if (!options.booked) return (zh ? "预览（未入账）：" : "Dry run, nothing posted: ") + title;
  const AssessBooked& run = *options.booked;
  if (zh) {
    return "已入账（第 " + std::to_string(run.run_id) + " 次测算，过账分录 " +
           std::to_string(run.posted) + " 笔，未变 " + std::to_string(run.unchanged) +
           " 项，暂缓 " + std::to_string(run.held) + " 项）：" + title;
  }
  return "Posted (run " + std::to_string(run.run_id) + ": " + std::to_string(run.posted) +
         " entries posted, " + std::to_string(run.unchanged) + " unchanged, " +
         std::to_string(run.held) + " held): " + title;
}

reports::ReportTable assessment_table(const Assessment& assessment, const Policy& policy,
                                      Language language, const AssessTableOptions& options) {
  reports::ReportTable table = options.wide ? assessment_table(assessment, policy, language)
                                            : narrow_table(assessment, policy, language, options);
  // The status line ends with the title: what comes before it goes in front of the title.
  auto before_title = [&](Language lang) {
    const std::string status = assessment_status_line(assessment, options, lang);
    const std::string& title = table.title(lang);
    SUBSIDY_ASSERT(status.size() >= title.size() &&
                   status.compare(status.size() - title.size(), title.size(), title) == 0);
    return status.substr(0, status.size() - title.size());
  };
  table.prefix_title(before_title(Language::zh), before_title(Language::en));
  return table;
}

void write_assessment_table(const Assessment& assessment, const Policy& policy, Language language,
                            const AssessTableOptions& options, std::ostream& out) {
  reports::write_text(assessment_table(assessment, policy, language, options), language, out);
}

}  // namespace subsidy
