// 属地结算: each region's share of the year's awards, what it has paid the county and what it
// still owes (the cost-sharing report of reports/), as a table and a chart of what is owed; a
// region's own viewer (role region:<code>) sees only their region (reports::only_region). A maker
// records a region's payment — the same operation (ops/settle.h: settle) as `subsidy settle`,
// signed by the maker.
#include "ledger/base/error.h"
#include "ledger/money/money.h"
#include "ledger/ops/settle.h"
#include "ledger/tables/writers.h"
#include "reports/ledger_reports.h"
#include "tools/server/app.h"

namespace subsidy::server {

void App::settlement_page(RequestContext& context) {
  const Language lang = context.lang;
  std::optional<int64_t> year;
  std::optional<reports::ReportTable> table;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    year = year_of(context);
    if (!year)
      return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
    table = reports::build_report(db_, "cost-sharing", AwardYear::known(*year), lang);
  }
  if (region_only(context.person.roles))
    table = reports::only_region(*table, people::region_codes(context.person.roles).front());
  const std::string y = std::to_string(*year);
  std::string body = "<form method=\"get\" action=\"/settlement\">" + tr(lang, "年度 ", "Year ") +
                     "<input name=\"year\" size=\"5\" value=\"" + y +
                     "\"> <button type=\"submit\">" + tr(lang, "查看", "Show") + "</button></form>";
  std::vector<std::string> labels, shown;
  std::vector<int64_t> values;
  const size_t owed = table->column_index("owed");
  const size_t name = table->column_index("region");
  for (const reports::Row& row : table->rows()) {
    const auto* amount = std::get_if<Money>(&row[owed]);
    labels.push_back(reports::cell_display(row[name]));
    values.push_back(amount ? amount->fen() : 0);
    shown.push_back(reports::cell_display(row[owed]));
  }
  body += bar_chart_svg(tr(lang, "区域尚欠", "Still owed by region"), labels, values, shown);
  body += table_html(*table, lang);
  if (people::has_role(context.person.roles, "maker")) {
    body += "<h2>" + tr(lang, "登记区域缴款", "Record a region's payment") +
            "</h2><form method=\"post\" action=\"/settlement\" id=\"settle\">" +
            csrf_field(*context.session) + "<input type=\"hidden\" name=\"year\" value=\"" + y +
            "\">" + tr(lang, "区域代码 ", "Region code ") +
            "<input name=\"region\" size=\"8\" required> " + tr(lang, "金额 ", "Amount ") +
            "<input name=\"amount\" size=\"14\" required> " + tr(lang, "凭证号 ", "Reference ") +
            "<input name=\"ref\" size=\"20\" required> <button type=\"submit\">" +
            tr(lang, "登记", "Record") + "</button></form>";
  }
  context.res.set_content(page_html(context, tr(lang, "属地结算", "Region settlement"), body),
                          "text/html; charset=utf-8");
}

void App::settlement_post(RequestContext& context) {
  const Language lang = context.lang;
  const std::optional<int64_t> year = form_year(context);
  if (!year)
    return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
  const std::string amount_text = form_value(context, "amount");
  const Parsed<Money> amount = parse_money(amount_text);
  if (!amount) {
    return message(context, 400,
                   tr(lang, "金额不对：", "Bad amount: ") + amount_text + " " + amount.error);
  }
  const std::string region = form_value(context, "region");
  const std::string ref = form_value(context, "ref");
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      ops::OpContext op = op_context(*context.session, "settle",
                                     "settle " + region + " " + amount_text + " --year " +
                                         std::to_string(*year) + " --ref " + ref);
      const ops::SettleResult r = ops::settle(op, {region, *amount.value, *year, ref}).result;
      line = (r.posted ? tr(lang, "已登记：分录 ", "Recorded: entry ")
                       : tr(lang, "此前已登记：分录 ", "Recorded before: entry ")) +
             std::to_string(r.entry_id) + tr(lang, "，", ", ") + r.region +
             tr(lang, " 缴款 ", " paid ") + format_grouped(r.amount);
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  message(context, 200, line);
}

}  // namespace subsidy::server
