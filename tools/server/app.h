// Inside the server of tools/server (private to this folder): the request context every handler
// gets, the access rules of the pages, the HTML helpers and the App that holds the routes.
#pragma once

#include <httplib.h>

#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/language.h"
#include "ledger/people/registry.h"
#include "ledger/tables/table.h"
#include "tools/server/http_forms.h"
#include "tools/server/server.h"
#include "tools/server/sessions.h"

namespace subsidy::server {

// The pages of the navigation; which a person sees is decided by their roles (may_view).
enum class Page {
  home,
  imports,
  assess,
  batches,
  bank_returns,
  settlement,
  reports,
  audit,
  people
};

// True when every role of the person is region:<code> (属地财政): they read only their region's
// cost-sharing report.
bool region_only(const people::Roles& roles);
// The access rule of each page: home, audit for everyone but region viewers; batches for maker,
// checker, cashier and auditor; bank_returns for checker, cashier and auditor; imports for makers;
// assess for maker, checker and auditor; settlement and reports for everyone (region viewers:
// cost-sharing of their own region only); people for admin and auditor.
bool may_view(Page page, const people::Roles& roles);

// One request of a logged-in person, as the handlers see it.
struct RequestContext {
  const httplib::Request& req;
  httplib::Response& res;
  Language lang = Language::zh;
  std::shared_ptr<const Session> session;
  people::Person person;  // re-read from the registry for this request
  FormFields form;        // the POST's fields (empty for GET; a multipart POST's non-file parts)
};

// A file uploaded for a preview, kept in memory until the person confirms it (or uploads another
// of the same purpose, or the session ends): one per session and purpose.
struct PendingUpload {
  std::string token;      // the confirm form carries it, so that only this preview is confirmed
  std::string kind;       // the import kind, or the return's encoding
  std::string file_name;  // base name
  std::string bytes;
  int64_t kept_at_s = 0;
};

// zh or en.
inline std::string tr(Language lang, std::string_view zh, std::string_view en) {
  return std::string(lang == Language::zh ? zh : en);
}

// ---- html.cpp ----------------------------------------------------------------------------------

// The one stylesheet, served at /static/style.css.
const std::string& stylesheet();
// A whole page: head, the navigation of the person's pages, who is logged in, the log-out button
// (with the CSRF token), the language switch, then `body` (already HTML).
std::string page_html(const RequestContext& context, std::string_view title, std::string_view body);
// A page without navigation (log-in, errors before log-in).
std::string bare_page_html(Language lang, std::string_view title, std::string_view body);
// The hidden CSRF field of the session's forms.
std::string csrf_field(const Session& session);
// A report as an HTML table: title, the ledger head digest, headings, rows, totals and footers.
// When `link` is given, the cells of column `link->first` (a column key) link to
// `link->second` + the cell's text (URL-encoded) + `link_suffix`.
std::string table_html(const reports::ReportTable& table, Language lang,
                       const std::optional<std::pair<std::string, std::string>>& link = {},
                       const std::string& link_suffix = "");
// A horizontal bar chart as inline SVG: one bar per label, lengths in proportion to `values`
// (non-negative; negatives drawn as zero), each bar labelled with `shown[i]`.
std::string bar_chart_svg(std::string_view title, const std::vector<std::string>& labels,
                          const std::vector<int64_t>& values,
                          const std::vector<std::string>& shown);
// The first chart of a report as SVG (its category column and first value column), or "" when
// the report has no chart or no rows.
std::string report_chart_svg(const reports::ReportTable& table, Language lang);

// ---- the application ------------------------------------------------------------------------

class App {
 public:
  App(Db& db, const ServeOptions& options, bool tls);
  // Registers every route and the error and exception handlers on `server`.
  void install(httplib::Server& server);

 private:
  using Handler = std::function<void(RequestContext&)>;
  using Allowed = std::function<bool(const people::Roles&)>;

  void route_get(httplib::Server& server, const std::string& pattern, Page page, Handler handler);
  void route_post(httplib::Server& server, const std::string& pattern, Allowed allowed,
                  Handler handler);
  // Runs `handler` for a logged-in person allowed by `allowed`; answers 303 to /login without a
  // live session, 403 without the role or (for POST) without the session's CSRF token.
  void guarded(const httplib::Request& req, httplib::Response& res, bool is_post,
               const Allowed& allowed, const Handler& handler);

  void login_form(const httplib::Request& req, httplib::Response& res);
  void login_post(const httplib::Request& req, httplib::Response& res);
  void logout(const httplib::Request& req, httplib::Response& res);
  std::string login_page(Language lang, const std::string& token, const std::string& error,
                         const std::string& user);

  void home(RequestContext& context);
  void audit(RequestContext& context);
  void people_page(RequestContext& context);
  void reports_list(RequestContext& context);
  void report_view(RequestContext& context);
  void report_download(RequestContext& context);
  void batches(RequestContext& context);
  void batch_view(RequestContext& context);
  void batch_action(RequestContext& context, bool approve);
  void assess_page(RequestContext& context);
  void assess_post(RequestContext& context);
  void explain_page(RequestContext& context);
  void settlement_page(RequestContext& context);
  void settlement_post(RequestContext& context);
  void batch_create(RequestContext& context);
  void batch_export(RequestContext& context);
  void batch_vouchers(RequestContext& context, bool pdf);
  void bank_returns(RequestContext& context);
  void bank_return_preview(RequestContext& context);
  void bank_return_import(RequestContext& context);
  void bank_return_decide(RequestContext& context, bool confirm);
  void imports_page(RequestContext& context);
  void import_preview(RequestContext& context);
  void import_confirm(RequestContext& context);

  // Keeps `upload` as the session's pending upload of `purpose` ("import", "return"), replacing
  // an earlier one; returns its new token.
  std::string keep_upload(const Session& session, const std::string& purpose, PendingUpload upload);
  // Takes (removes) the session's pending upload of `purpose` when `token` is its token.
  std::optional<PendingUpload> take_upload(const Session& session, const std::string& purpose,
                                           const std::string& token);

  // What an operation is given for the session's person: their signer, the command and its
  // arguments as the command line would sign them.
  ops::OpContext op_context(const Session& session, const std::string& command,
                            const std::string& arguments);
  // A page answering `status` with one line.
  void message(RequestContext& context, int status, const std::string& line);
  int64_t now_s() const;
  std::string cookie_attributes() const;
  // ?year=Y of the request, or the latest year with applications (the clock's year and five
  // before it), else the clock's year. nullopt for a malformed year (the caller answers 400).
  std::optional<int64_t> year_of(const RequestContext& context);

  Db& db_;
  ServeOptions options_;
  bool tls_;
  SessionStore sessions_;
  std::mutex ledger_mutex_;  // one connection: every use of db_ holds it
  std::mutex login_mutex_;   // log-in tokens (before a session exists)
  std::vector<std::pair<std::string, int64_t>> login_tokens_;
  std::mutex uploads_mutex_;  // pending uploads, by session id and purpose
  std::map<std::string, PendingUpload> uploads_;
};

// The value of a form field, or "" when the form has none.
std::string form_value(const RequestContext& context, const std::string& name);
// The uploaded file of the multipart field `name`, or nullptr when none was sent.
const httplib::MultipartFormData* uploaded_file(const RequestContext& context,
                                                const std::string& name);
// A year field of a form (1900..9999), or nullopt.
std::optional<int64_t> form_year(const RequestContext& context);

// The language of a request: ?lang=zh|en, else the `lang` cookie, else Chinese.
Language request_language(const httplib::Request& req);

}  // namespace subsidy::server
