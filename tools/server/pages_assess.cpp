// 测算与入账: the dry run of an award year (what `subsidy assess --dry-run` shows: every
// application with its scheme, status, amount, shares and reasons, the totals and what is held)
// and, for a maker, 入账 — the same operation as `subsidy assess --year Y` (ops/assess.h:
// assess_and_post), which posts only the differences to what is booked, signed by the maker; each
// application links to its explanation (`subsidy explain`: every step of its award).
#include <sstream>

#include "ledger/base/error.h"
#include "ledger/engine/assess_output.h"
#include "ledger/ops/assess.h"
#include "tools/server/app.h"

namespace subsidy::server {

void App::assess_page(RequestContext& context) {
  const Language lang = context.lang;
  std::optional<int64_t> year;
  std::optional<reports::ReportTable> table;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    year = year_of(context);
    if (!year)
      return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
    try {
      const ops::AssessedYear assessed = ops::assess_only(db_, AwardYear::known(*year));
      table = assessment_table(assessed.assessment, assessed.policy, lang);
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  const std::string y = std::to_string(*year);
  std::string body = "<form method=\"get\" action=\"/assess\">" + tr(lang, "年度 ", "Year ") +
                     "<input name=\"year\" size=\"5\" value=\"" + y +
                     "\"> <button type=\"submit\">" + tr(lang, "测算", "Dry run") +
                     "</button></form>";
  body += "<p>" +
          tr(lang, "以下是测算结果（没有入账）；入账只记与已入账金额的差额。",
             "A dry run (nothing posted); posting books only the differences to what is booked.") +
          "</p>";
  if (people::has_role(context.person.roles, "maker")) {
    body += "<form method=\"post\" action=\"/assess\">" + csrf_field(*context.session) +
            "<input type=\"hidden\" name=\"year\" value=\"" + y + "\"><button type=\"submit\">" +
            tr(lang, "入账（", "Post (") + y + tr(lang, "年度）", ")") + "</button></form>";
  }
  body +=
      table_html(*table, lang, std::pair<std::string, std::string>{"application_id", "/explain/"},
                 "?year=" + y);
  context.res.set_content(page_html(context, tr(lang, "测算与入账", "Assess and post"), body),
                          "text/html; charset=utf-8");
}

void App::assess_post(RequestContext& context) {
  const Language lang = context.lang;
  const auto field = context.form.find("year");
  int64_t year = 0;
  if (field != context.form.end()) {
    const std::string& text = field->second;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size()) year = 0;
  }
  if (year < 1900 || year > 9999) {
    return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
  }
  std::string line;
  {
    std::lock_guard lock(ledger_mutex_);
    try {
      ops::OpContext op =
          op_context(*context.session, "assess", "assess --year " + std::to_string(year));
      const ops::AssessResult result = ops::assess_and_post(op, {AwardYear::known(year)}).result;
      const AssessPosting& posting = result.posting;
      line = tr(lang, "入账完成：", "Posted: ") + std::to_string(posting.posted) +
             tr(lang, " 笔分录，", " entries, ") + std::to_string(posting.unchanged) +
             tr(lang, " 项未变，", " unchanged, ") + std::to_string(posting.held) +
             tr(lang, " 项暂缓（测算批次 ", " held (run ") + std::to_string(posting.run_id) + "）";
    } catch (const RefusedError& e) {
      return message(context, 409, e.what());
    }
  }
  message(context, 200, line);
}

void App::explain_page(RequestContext& context) {
  const Language lang = context.lang;
  const std::string application_id = context.req.matches[1];
  std::ostringstream out;
  int64_t year_shown = 0;
  {
    std::lock_guard lock(ledger_mutex_);
    ReadTransaction read(db_);
    const std::optional<int64_t> year = year_of(context);
    if (!year)
      return message(context, 400, tr(lang, "年度不对（1900–9999）", "Bad year (1900-9999)"));
    year_shown = *year;
    try {
      AssessOptions options;
      options.trace_ids.push_back(application_id);
      const ops::AssessedYear assessed = ops::assess_only(db_, AwardYear::known(*year), options);
      write_explanation(assessed.assessment, assessed.policy, application_id, lang, out);
    } catch (const RefusedError& e) {
      return message(context, 404, e.what());
    }
  }
  const std::string body = "<p><a href=\"/assess?year=" + std::to_string(year_shown) + "\">" +
                           tr(lang, "返回测算", "Back to the assessment") + "</a></p><pre>" +
                           html_escape(out.str()) + "</pre>";
  context.res.set_content(
      page_html(context, tr(lang, "计算步骤 ", "Explanation ") + application_id, body),
      "text/html; charset=utf-8");
}

}  // namespace subsidy::server
