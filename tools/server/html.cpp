// The HTML of the server's pages: the stylesheet, the page frame with its navigation, report tables
// and the SVG bar charts the server draws itself (no script, no file from the internet), and the
// access rules that decide which pages a person's roles show.
#include <algorithm>

#include "ledger/money/money.h"
#include "ledger/tables/writers.h"
#include "tools/server/app.h"

namespace subsidy::server {

bool region_only(const people::Roles& roles) {
  return !roles.empty() && people::region_codes(roles).size() == roles.size();
}

bool may_view(Page page, const people::Roles& roles) {
  using people::has_role;
  switch (page) {
    case Page::settlement:
    case Page::reports:
      return !roles.empty();
    case Page::home:
    case Page::audit:
      return !roles.empty() && !region_only(roles);
    case Page::assess:
      return has_role(roles, "maker") || has_role(roles, "checker") || has_role(roles, "auditor");
    case Page::batches:
      return has_role(roles, "maker") || has_role(roles, "checker") || has_role(roles, "cashier") ||
             has_role(roles, "auditor");
    case Page::people:
      return has_role(roles, "admin") || has_role(roles, "auditor");
    case Page::imports:
      return has_role(roles, "maker");
    case Page::bank_returns:
      return has_role(roles, "checker") || has_role(roles, "cashier") || has_role(roles, "auditor");
  }
  return false;
}

const std::string& stylesheet() {
  static const std::string css = R"(* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: #1d2733; background: #f4f6f8; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 8px 20px;
  background: #24476b; color: #fff; }
header a { color: #fff; text-decoration: none; padding: 4px 8px; border-radius: 3px; }
header a.current, header a:hover { background: #3b6690; }
header .who { margin-left: auto; }
header form { display: inline; margin: 0; }
main { max-width: 1320px; margin: 0 auto; padding: 16px 20px; }
h1 { font-size: 20px; margin: 8px 0 12px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
table { border-collapse: collapse; background: #fff; margin: 8px 0 16px; }
th, td { border: 1px solid #ccd4dc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #e6ecf2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f0f3f6; }
.digest { font-family: monospace; font-size: 12px; color: #55606c; word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: #fff; border: 1px solid #ccd4dc; border-radius: 4px; padding: 8px 12px;
  min-width: 180px; }
.card .label { color: #55606c; font-size: 12px; }
.card .value { font-size: 18px; font-variant-numeric: tabular-nums; }
.message { background: #fff8e1; border: 1px solid #e6c35c; padding: 8px 12px; }
.error { color: #a01818; }
td.refused { background: #fde2e2; color: #a01818; }
td.refused .why { display: block; font-size: 12px; }
form.inline { display: inline-block; margin: 0 8px 8px 0; }
.ok { color: #1b6e2a; }
.warn { color: #a05a00; }
form.login { max-width: 360px; margin: 80px auto; background: #fff; padding: 20px;
  border: 1px solid #ccd4dc; border-radius: 4px; }
form.login label { display: block; margin: 10px 0; }
form.login input { width: 100%; padding: 6px; }
button { padding: 5px 14px; cursor: pointer; }
.small { font-size: 12px; }
svg.chart { background: #fff; border: 1px solid #ccd4dc; }
)";
  return css;
}

std::string csrf_field(const Session& session) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + session.csrf + "\">";
}

std::string bare_page_html(Language lang, std::string_view title, std::string_view body) {
  std::string html = "<!doctype html><html lang=\"";
  html += lang == Language::zh ? "zh-CN" : "en";
  html +=
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>";
  html += html_escape(title);
  html += "</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>";
  html += body;
  html += "</body></html>";
  return html;
}

std::string page_html(const RequestContext& context, std::string_view title,
                      std::string_view body) {
  const Language lang = context.lang;
  struct Item {
    Page page;
    const char* path;
    const char* zh;
    const char* en;
  };
  static const Item items[] = {{Page::home, "/", "首页", "Home"},
                               {Page::imports, "/import", "数据导入", "Import"},
                               {Page::assess, "/assess", "测算与入账", "Assess"},
                               {Page::batches, "/batches", "拨付", "Payments"},
                               {Page::bank_returns, "/bank-returns", "银行回单", "Bank returns"},
                               {Page::settlement, "/settlement", "属地结算", "Regions"},
                               {Page::reports, "/reports", "报表", "Reports"},
                               {Page::audit, "/audit", "审计", "Audit"},
                               {Page::people, "/people", "人员", "People"}};
  std::string nav = "<header><nav>";
  for (const Item& item : items) {
    if (!may_view(item.page, context.person.roles)) continue;
    const bool current = context.req.path == item.path ||
                         (item.path != std::string_view("/") &&
                          context.req.path.rfind(std::string(item.path) + "/", 0) == 0);
    nav += "<a href=\"" + std::string(item.path) + "\"" + (current ? " class=\"current\"" : "") +
           ">" + tr(lang, item.zh, item.en) + "</a> ";
  }
  nav += "</nav><span class=\"who\">" +
         html_escape(context.person.display_name.empty() ? context.person.login
                                                         : context.person.display_name) +
         "（" + html_escape(people::roles_text(context.person.roles)) + "）</span>";
  nav += "<a href=\"?lang=" + std::string(lang == Language::zh ? "en" : "zh") + "\">" +
         tr(lang, "English", "中文") + "</a>";
  nav += "<form method=\"post\" action=\"/logout\">" + csrf_field(*context.session) +
         "<button type=\"submit\">" + tr(lang, "退出", "Log out") + "</button></form></header>";
  return bare_page_html(
      lang, title,
      nav + "<main><h1>" + html_escape(title) + "</h1>" + std::string(body) + "</main>");
}

namespace {

std::string cell_html(const reports::Cell& cell) {
  const bool number = std::holds_alternative<Money>(cell) || std::holds_alternative<int64_t>(cell);
  return std::string(number ? "<td class=\"num\">" : "<td>") +
         html_escape(reports::cell_display(cell)) + "</td>";
}

}  // namespace

std::string table_html(const reports::ReportTable& table, Language lang,
                       const std::optional<std::pair<std::string, std::string>>& link,
                       const std::string& link_suffix) {
  const size_t link_column = link ? table.column_index(link->first) : table.columns().size();
  constexpr size_t kMaxRowsShown = 5000;  // the downloads hold every row
  std::string html = "<h2>" + html_escape(table.title(lang)) +
                     (table.year() > 0 ? "（" + std::to_string(table.year()) + "）" : "") + "</h2>";
  if (!table.ledger_head().empty()) {
    html += "<p class=\"digest\">" + tr(lang, "账本摘要 ", "Ledger head ") +
            html_escape(table.ledger_head()) + "</p>";
  }
  html += "<table><thead><tr>";
  for (const reports::Column& column : table.columns())
    html += "<th>" + html_escape(column.heading(lang)) + "</th>";
  html += "</tr></thead><tbody>";
  size_t shown = 0;
  for (const reports::Row& row : table.rows()) {
    if (++shown > kMaxRowsShown) break;
    html += "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string text = reports::cell_display(row[i]);
      if (i == link_column && !text.empty()) {
        html += "<td><a href=\"" + link->second + url_encode(text) + link_suffix + "\">" +
                html_escape(text) + "</a></td>";
      } else {
        html += cell_html(row[i]);
      }
    }
    html += "</tr>";
  }
  const std::vector<reports::Row> closing = table.closing_rows(lang);
  for (const reports::Row& row : closing) {
    html += "<tr class=\"total\">";
    for (const reports::Cell& cell : row) html += cell_html(cell);
    html += "</tr>";
  }
  html += "</tbody></table>";
  if (table.rows().size() > kMaxRowsShown) {
    html += "<p class=\"warn\">" +
            tr(lang, "只显示前 5000 行；完整内容请下载",
               "Only the first 5000 rows are shown; download for all") +
            "</p>";
  }
  return html;
}

std::string bar_chart_svg(std::string_view title, const std::vector<std::string>& labels,
                          const std::vector<int64_t>& values,
                          const std::vector<std::string>& shown) {
  constexpr int64_t kBarWidth = 420;
  constexpr int64_t kLabelWidth = 200;
  constexpr int64_t kRowHeight = 24;
  constexpr size_t kMaxBars = 40;
  const size_t count = std::min({labels.size(), values.size(), shown.size(), kMaxBars});
  int64_t largest = 1;
  for (size_t i = 0; i < count; ++i) largest = std::max(largest, values[i]);
  const int64_t height = 30 + kRowHeight * static_cast<int64_t>(count) + 10;
  const int64_t width = kLabelWidth + kBarWidth + 160;
  std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    std::to_string(width) + "\" height=\"" + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">";
  svg += "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">" + html_escape(title) +
         "</text>";
  for (size_t i = 0; i < count; ++i) {
    const int64_t value = std::max<int64_t>(values[i], 0);
    // value ≤ largest, and largest / kBarWidth bounds the quotient: no overflow for any int64.
    const int64_t bar = largest > INT64_MAX / kBarWidth ? value / (largest / kBarWidth)
                                                        : value * kBarWidth / largest;
    const int64_t y = 30 + kRowHeight * static_cast<int64_t>(i);
    svg += "<text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" + std::to_string(y + 16) +
           "\" font-size=\"12\" text-anchor=\"end\">" + html_escape(labels[i]) + "</text>";
    svg += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y + 4) +
           "\" width=\"" + std::to_string(bar) + "\" height=\"16\" fill=\"#3b6690\"/>";
    svg += "<text x=\"" + std::to_string(kLabelWidth + bar + 6) + "\" y=\"" +
           std::to_string(y + 16) + "\" font-size=\"12\">" + html_escape(shown[i]) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

std::string report_chart_svg(const reports::ReportTable& table, Language lang) {
  if (table.charts().empty() || table.rows().empty()) return "";
  const reports::ChartSpec& chart = table.charts().front();
  if (chart.value_columns.empty()) return "";
  const size_t value_column = chart.value_columns.front();
  std::vector<std::string> labels;
  std::vector<int64_t> values;
  std::vector<std::string> shown;
  for (const reports::Row& row : table.rows()) {
    labels.push_back(reports::cell_display(row[chart.category_column]));
    const reports::Cell& cell = row[value_column];
    if (const auto* money = std::get_if<Money>(&cell)) {
      values.push_back(money->fen());
    } else if (const auto* count = std::get_if<int64_t>(&cell)) {
      values.push_back(*count);
    } else {
      values.push_back(0);
    }
    shown.push_back(reports::cell_display(cell));
  }
  return bar_chart_svg(chart.title(lang) + " — " + table.columns()[value_column].heading(lang),
                       labels, values, shown);
}

}  // namespace subsidy::server
