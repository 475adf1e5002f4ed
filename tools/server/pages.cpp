// The read-only pages of the server: 首页 (the year at a glance), 审计 (verify, the digest, the
// signatures), 人员 (people and roles) and 报表 (every report as a table with its chart, and its
// downloads in CSV, XLSX and JSON through the writers of ledger/tables). Each reads the ledger
// through the modules' read functions inside one ReadTransaction, holding the server's ledger lock.
#include <stdlib.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ledger/base/error.h"
#include "ledger/books/ledger_verify.h"
#include "ledger/masterdata/masterdata.h"
#include "ledger/ops/open_items.h"
#include "ledger/payments/payment_verify.h"
#include "ledger/people/signatures.h"
#include "ledger/tables/output.h"
#include "ledger/tables/xlsx.h"
#include "reports/ledger_reports.h"
#include "tools/server/app.h"

namespace subsidy::server {

namespace {

constexpr size_t kMaxSignaturesShown = 200;

int64_t utc_year(const Clock& clock) {
  const std::string now = format_utc(clock());
  int64_t year = 0;
  std::from_chars(now.data(), now.data() + 4, year);
  return year;
}

std::string card(std::string_view label, std::string_view value) {
  return "<div class=\"card\"><div class=\"label\">" + html_escape(label) +
         "</div><div class=\"value\">" + html_escape(value) + "</div></div>";
}

int64_t sum_counts(const reports::ReportTable& table, const std::string& key) {
  const size_t column = table.column_index(key);
  int64_t total = 0;
  for (const reports::Row& row : table.rows()) {
    if (const auto* count = std::get_if<int64_t>(&row[column])) total += *count;
  }
  return total;
}

std::string money_text(Money amount) {
  return format_grouped(amount);
}

std::string year_form(Language lang, const std::string& action, int64_t year) {
  return "<form method=\"get\" action=\"" + action + "\">" + tr(lang, "年度 ", "Year ") +
         "<input name=\"year\" size=\"5\" value=\"" + std::to_string(year) +
         "\"> <button type=\"submit\">" + tr(lang, "查看", "Show") + "</button></form>";
}

}  // namespace

std::optional<int64_t> App::year_of(const RequestContext& context) {
  if (context.req.has_param("year")) {
    const std::string text = context.req.get_param_value("year");
    int64_t year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size() || year < 1900 || year > 9999)
      return std::nullopt;
    return year;
  }
  const int64_t now = utc_year(options_.clock);
  for (int64_t year = now; year >= now - 5; --year) {
    if (count_applications(db_, static_cast<int>(year)) > 0) return year;
  }
  return now;
}

void App::home(RequestContext& context) {
  const Language lang = context.lang;
  std::lock_guard lock(ledger_mutex_);
  ReadTransaction read(db_);
  const std::optional<int64_t> year = year_of(context);
  if (!year)
    return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
  const std::vector<reports::ReportTable> tables = reports::build_reports(
      db_, {"awards-by-scheme", "cost-sharing", "disbursement"}, AwardYear::known(*year), lang);
  const reports::ReportTable& awards = tables[0];
  const reports::ReportTable& sharing = tables[1];
  const reports::ReportTable& paid = tables[2];
  const ops::OpenItems open = ops::open_items_of_year(db_, FiscalYear::known(*year));
  const int64_t applications = count_applications(db_, static_cast<int>(*year));

  int64_t regions_owing = 0;
  const size_t owed_column = sharing.column_index("owed");
  for (const reports::Row& row : sharing.rows()) {
    if (const auto* owed = std::get_if<Money>(&row[owed_column]); owed && owed->fen() > 0)
      ++regions_owing;
  }
  Money held;
  int64_t held_count = 0;
  for (const ops::OpenItemKind& kind : open.kinds) {
    if (kind.kind == "held") held = kind.amount, held_count = kind.count;
  }
  std::string body = year_form(lang, "/", *year);
  body += "<p class=\"digest\">" + tr(lang, "账本摘要 ", "Ledger head ") +
          html_escape(awards.ledger_head()) + "</p><div class=\"cards\">";
  body += card(tr(lang, "申报", "Applications"), reports::format_integer_grouped(applications));
  body += card(tr(lang, "奖补笔数", "Awards"),
               reports::format_integer_grouped(sum_counts(awards, "awards")));
  const Money award = awards.sum_money(awards.column_index("award"));
  const Money county = awards.sum_money(awards.column_index("county_share"));
  const Money region = awards.sum_money(awards.column_index("region_share"));
  const Money confirmed = paid.sum_money(paid.column_index("confirmed"));
  const Money outstanding = paid.sum_money(paid.column_index("outstanding"));
  const Money rejected = paid.sum_money(paid.column_index("rejected"));
  const Money owed = sharing.sum_money(owed_column);
  body += card(tr(lang, "奖补金额", "Awarded"), money_text(award));
  body += card(tr(lang, "县级承担", "County share"), money_text(county));
  body += card(tr(lang, "区域承担", "Region share"), money_text(region));
  body += card(tr(lang, "已支付（银行确认）", "Paid (confirmed)"), money_text(confirmed));
  body += card(tr(lang, "在途", "In transit"), money_text(outstanding));
  body += card(tr(lang, "被退回", "Rejected"), money_text(rejected));
  body += card(tr(lang, "暂缓", "Held"),
               reports::format_integer_grouped(held_count) + " / " + money_text(held));
  body += card(tr(lang, "尚欠区域数 / 金额", "Regions owing / amount"),
               reports::format_integer_grouped(regions_owing) + " / " + money_text(owed));
  body += "</div>";
  body += bar_chart_svg(
      tr(lang, "资金概况", "Overview"),
      {tr(lang, "奖补金额", "Awarded"), tr(lang, "已支付", "Paid"), tr(lang, "在途", "In transit"),
       tr(lang, "被退回", "Rejected"), tr(lang, "区域尚欠", "Regions owe")},
      {award.fen(), confirmed.fen(), outstanding.fen(), rejected.fen(), owed.fen()},
      {money_text(award), money_text(confirmed), money_text(outstanding), money_text(rejected),
       money_text(owed)});
  body += report_chart_svg(sharing, lang);
  body += "<h2>" + tr(lang, "影响结账的未结事项", "Open items that block closing") + "</h2>";
  if (!open.any()) body += "<p class=\"ok\">" + tr(lang, "无", "None") + "</p>";
  body += "<table><tr><th>" + tr(lang, "事项", "Item") + "</th><th>" + tr(lang, "笔数", "Count") +
          "</th><th>" + tr(lang, "金额", "Amount") + "</th></tr>";
  for (const ops::OpenItemKind& kind : open.kinds) {
    body += "<tr><td>" + html_escape(lang == Language::zh ? kind.label : kind.kind) +
            "</td><td class=\"num\">" + reports::format_integer_grouped(kind.count) +
            "</td><td class=\"num\">" + money_text(kind.amount) + "</td></tr>";
  }
  body += "</table>";
  context.res.set_content(page_html(context, tr(lang, "首页", "Home"), body),
                          "text/html; charset=utf-8");
}

void App::audit(RequestContext& context) {
  const Language lang = context.lang;
  std::lock_guard lock(ledger_mutex_);
  ReadTransaction read(db_);
  VerifyReport report = verify_ledger(db_);
  add_payment_problems(db_, report);
  people::PeopleCheck people_check;
  people::add_people_problems(db_, report, &people_check);
  std::string body;
  if (report.ok()) {
    body += "<p class=\"ok\">" + tr(lang, "校验通过：", "Verified: ") +
            std::to_string(report.entries_checked) + tr(lang, " 笔分录，", " entries, ") +
            std::to_string(report.lines_checked) + tr(lang, " 行，", " lines, ") +
            std::to_string(report.records_checked) +
            tr(lang, " 条封存记录，", " sealed records, ") +
            std::to_string(people_check.signatures_checked) +
            tr(lang, " 个签名（SM2/SM3）", " signatures (SM2/SM3)") + "</p>";
  } else {
    body += "<p class=\"error\">" + tr(lang, "校验失败：", "Verify FAILED: ") +
            std::to_string(report.problem_count) + tr(lang, " 个问题", " problem(s)") + "</p><ul>";
    for (const std::string& problem : report.problems)
      body += "<li>" + html_escape(problem) + "</li>";
    body += "</ul>";
  }
  if (!people_check.has_people) {
    body += "<p class=\"warn\">" +
            tr(lang, "这个账本没有登记人员：改动没有签名",
               "This ledger has no people: changes are not signed") +
            "</p>";
  }
  body += "<p class=\"digest\">" + html_escape(format_digest(report.head)) + "</p>";
  const std::vector<people::SignatureRow> signatures = people::read_signatures(db_);
  body += "<h2>" + tr(lang, "签名（最近的在前）", "Signatures (latest first)") +
          "</h2><table><tr><th>#</th><th>" + tr(lang, "签名人", "Signer") + "</th><th>" +
          tr(lang, "命令", "Command") + "</th><th>" + tr(lang, "时间", "Signed at") + "</th><th>" +
          tr(lang, "分录数", "Entries") + "</th></tr>";
  size_t shown = 0;
  for (auto it = signatures.rbegin(); it != signatures.rend() && shown < kMaxSignaturesShown;
       ++it, ++shown) {
    body += "<tr><td class=\"num\">" + std::to_string(it->signature_id) + "</td><td>" +
            html_escape(it->signer) + "</td><td>" + html_escape(it->command) + "</td><td>" +
            html_escape(it->signed_at) + "</td><td class=\"num\">" +
            std::to_string(it->entry_count) + "</td></tr>";
  }
  body += "</table>";
  context.res.set_content(page_html(context, tr(lang, "审计", "Audit"), body),
                          "text/html; charset=utf-8");
}

void App::people_page(RequestContext& context) {
  const Language lang = context.lang;
  std::lock_guard lock(ledger_mutex_);
  ReadTransaction read(db_);
  const std::vector<people::Person> everyone = people::list_people(db_);
  std::string body = "<table><tr><th>" + tr(lang, "登录名", "Login") + "</th><th>" +
                     tr(lang, "姓名", "Name") + "</th><th>" + tr(lang, "角色", "Roles") +
                     "</th><th>" + tr(lang, "状态", "Status") + "</th><th>" +
                     tr(lang, "最后变更", "Last change") + "</th></tr>";
  for (const people::Person& person : everyone) {
    body += "<tr><td>" + html_escape(person.login) + "</td><td>" +
            html_escape(person.display_name) + "</td><td>" +
            html_escape(people::roles_text(person.roles)) + "</td><td>" +
            (person.active() ? tr(lang, "在用", "active") : tr(lang, "停用", "disabled")) +
            "</td><td>" +
            html_escape(person.change + " " + person.changed_by + " " + person.changed_at) +
            "</td></tr>";
  }
  body += "</table>";
  context.res.set_content(page_html(context, tr(lang, "人员", "People"), body),
                          "text/html; charset=utf-8");
}

namespace {

// True when `name` is one of the reports (the allow-list of views and downloads).
bool known_report(const std::string& name) {
  const std::vector<std::string>& names = reports::report_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void App::reports_list(RequestContext& context) {
  const Language lang = context.lang;
  std::optional<int64_t> year;
  {
    std::lock_guard lock(ledger_mutex_);
    year = year_of(context);
  }
  if (!year)
    return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
  const std::string y = std::to_string(*year);
  std::string body = year_form(lang, "/reports", *year) + "<table><tr><th>" +
                     tr(lang, "报表", "Report") + "</th><th>" + tr(lang, "下载", "Download") +
                     "</th></tr>";
  for (const std::string& name : reports::report_names()) {
    if (region_only(context.person.roles) && name != "cost-sharing") continue;
    body += "<tr><td><a href=\"/reports/" + name + "?year=" + y + "\">" + name + "</a></td><td>";
    for (const char* format : {"csv", "xlsx", "json"}) {
      body += "<a href=\"/reports/" + name + "." + format + "?year=" + y + "\">" + format + "</a> ";
    }
    body += "</td></tr>";
  }
  body += "</table>";
  context.res.set_content(page_html(context, tr(lang, "报表", "Reports"), body),
                          "text/html; charset=utf-8");
}

namespace {

// Builds the report of the request for its person; sets the response and returns nullopt when it
// is refused (404 unknown report, 403 a region viewer's other report, 400 a bad year).
std::optional<reports::ReportTable> build_for(RequestContext& context, Db& db,
                                              const std::string& name,
                                              std::optional<int64_t> year) {
  if (!known_report(name)) {
    context.res.status = 404;
    return std::nullopt;
  }
  if (!year) {
    context.res.status = 400;
    return std::nullopt;
  }
  const bool regional = region_only(context.person.roles);
  if (regional && name != "cost-sharing") {
    context.res.status = 403;
    return std::nullopt;
  }
  reports::ReportTable table =
      reports::build_report(db, name, AwardYear::known(*year), context.lang);
  if (regional)
    table = reports::only_region(table, people::region_codes(context.person.roles).front());
  return table;
}

}  // namespace

void App::report_view(RequestContext& context) {
  const Language lang = context.lang;
  const std::string name = context.req.matches[1];
  std::optional<reports::ReportTable> table;
  int64_t year_shown = 0;
  {
    std::lock_guard lock(ledger_mutex_);
    const std::optional<int64_t> year = year_of(context);
    year_shown = year.value_or(0);
    table = build_for(context, db_, name, year);
  }
  if (!table) {
    if (context.res.status == 403)
      return message(context, 403,
                     tr(lang, "岗位分离：属地财政只能查看本区域的 cost-sharing 报表",
                        "A region viewer reads only their region's cost-sharing"));
    return;  // 404, 400: the error handler writes the page
  }
  const std::string y = std::to_string(year_shown);
  std::string body =
      year_form(lang, "/reports/" + name, year_shown) + "<p>" + tr(lang, "下载：", "Download: ");
  for (const char* format : {"csv", "xlsx", "json"}) {
    body += "<a href=\"/reports/" + name + "." + format + "?year=" + y + "\">" + format + "</a> ";
  }
  body += "</p>" + report_chart_svg(*table, lang) + table_html(*table, lang);
  context.res.set_content(page_html(context, table->title(lang), body), "text/html; charset=utf-8");
}

void App::report_download(RequestContext& context) {
  const std::string name = context.req.matches[1];
  const std::string format_name = context.req.matches[2];
  std::optional<reports::ReportTable> table;
  {
    std::lock_guard lock(ledger_mutex_);
    table = build_for(context, db_, name, year_of(context));
  }
  if (!table) return;
  const reports::Format format = reports::parse_format(format_name);
  const std::string file = name + "-" + std::to_string(table->year()) + "." + format_name;
  std::string bytes;
  if (format == reports::Format::xlsx) {
    // libxlsxwriter writes files: a private directory, removed before answering.
    std::string pattern = (std::filesystem::temp_directory_path() / "subsidy-web-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw RefusedError("cannot make a temporary directory");
    const std::filesystem::path directory(pattern);
    try {
      const std::string path = (directory / "report.xlsx").string();
      reports::write_xlsx({&*table}, context.lang, path);
      std::ifstream in(path, std::ios::binary);
      std::ostringstream buffer;
      buffer << in.rdbuf();
      bytes = buffer.str();
    } catch (...) {
      std::filesystem::remove_all(directory);
      throw;
    }
    std::filesystem::remove_all(directory);
    context.res.set_content(bytes,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else {
    std::ostringstream out;
    reports::write_text_format(*table, format, context.lang, out);
    context.res.set_content(out.str(), format == reports::Format::csv
                                           ? "text/csv; charset=utf-8"
                                           : "application/json; charset=utf-8");
  }
  context.res.set_header("Content-Disposition", "attachment; filename=\"" + file + "\"");
}

}  // namespace subsidy::server
