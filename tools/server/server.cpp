// The server of server.h: the listening socket (HTTP on loopback, else HTTPS), its limits and
// timeouts, shutdown on SIGINT/SIGTERM, the routes, log-in and log-out, and the guard every page
// passes (a live session, the role re-read from the registry, the CSRF token of a POST).
#include "tools/server/server.h"

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iterator>
#include <thread>

#include "ledger/base/error.h"
#include "tools/server/app.h"

namespace subsidy::server {

namespace {

constexpr size_t kMaxLoginTokens = 1024;
constexpr size_t kMaxPassphraseBytes = 1024;
constexpr size_t kMaxPendingUploads = 16;

std::optional<int> parse_port(std::string_view text) {
  int port = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535)
    return std::nullopt;
  return port;
}

void security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                 "frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

// The non-file parts of a multipart form as fields (a file part is read by its handler), with
// the limits of parse_form; nullopt when a name repeats or a limit is passed.
std::optional<FormFields> multipart_fields(const httplib::Request& req) {
  const FormLimits limits;
  FormFields fields;
  for (const auto& [name, part] : req.files) {
    if (!part.filename.empty()) continue;
    if (name.empty() || name.size() > limits.max_name_bytes ||
        part.content.size() > limits.max_value_bytes || fields.size() >= limits.max_fields ||
        !fields.emplace(name, part.content).second) {
      return std::nullopt;
    }
  }
  return fields;
}

void redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
}

}  // namespace

ListenAddress parse_listen(std::string_view text) {
  ListenAddress address;
  size_t colon = std::string_view::npos;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw UsageError("--listen: expected [IPv6]:PORT, got '" + std::string(text) + "'");
    address.host = std::string(text.substr(1, close - 1));
    colon = close + 1;
  } else {
    colon = text.rfind(':');
    if (colon == std::string_view::npos)
      throw UsageError("--listen: expected ADDR:PORT, got '" + std::string(text) + "'");
    address.host = std::string(text.substr(0, colon));
  }
  const std::optional<int> port = parse_port(text.substr(colon + 1));
  if (address.host.empty() || !port)
    throw UsageError("--listen: expected ADDR:PORT (port 0-65535), got '" + std::string(text) +
                     "'");
  address.port = *port;
  return address;
}

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.substr(0, 4) == "127.";
}

void check_serve_options(const ServeOptions& options) {
  if (options.tls_cert.has_value() != options.tls_key.has_value())
    throw UsageError("--tls-cert and --tls-key go together: give both or neither");
  if (!options.tls_cert && !is_loopback(options.listen.host)) {
    throw RefusedError("不用 TLS 只能在本机地址（127.0.0.1、::1）上提供服务：在 " +
                       options.listen.host +
                       " 上提供服务请同时给出 --tls-cert 证书文件和 --tls-key 私钥文件");
  }
}

Language request_language(const httplib::Request& req) {
  if (req.has_param("lang")) {
    if (auto lang = language_from_code(req.get_param_value("lang"))) return *lang;
  }
  const auto cookies = parse_cookies(req.get_header_value("Cookie"));
  if (auto it = cookies.find("lang"); it != cookies.end()) {
    if (auto lang = language_from_code(it->second)) return *lang;
  }
  return Language::zh;
}

App::App(Db& db, const ServeOptions& options, bool tls) : db_(db), options_(options), tls_(tls) {}

int64_t App::now_s() const {
  return std::chrono::duration_cast<std::chrono::seconds>(options_.clock().time_since_epoch())
      .count();
}

std::string App::cookie_attributes() const {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (tls_ ? "; Secure" : "");
}

ops::OpContext App::op_context(const Session& session, const std::string& command,
                               const std::string& arguments) {
  ops::OpContext op{db_, session.signer.login, options_.clock, options_.log, "web: "};
  op.signer = session.signer;
  op.command = command;
  op.arguments = arguments;
  return op;
}

std::string form_value(const RequestContext& context, const std::string& name) {
  const auto it = context.form.find(name);
  return it == context.form.end() ? "" : it->second;
}

const httplib::MultipartFormData* uploaded_file(const RequestContext& context,
                                                const std::string& name) {
  const auto it = context.req.files.find(name);
  if (it == context.req.files.end() || it->second.filename.empty()) return nullptr;
  return &it->second;
}

std::optional<int64_t> form_year(const RequestContext& context) {
  const std::string text = form_value(context, "year");
  int64_t year = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || year < 1900 ||
      year > 9999)
    return std::nullopt;
  return year;
}

std::string App::keep_upload(const Session& session, const std::string& purpose,
                             PendingUpload upload) {
  upload.token = random_token();
  std::string token = upload.token;
  std::lock_guard lock(uploads_mutex_);
  upload.kept_at_s = now_s();
  const std::string key = session.id + ":" + purpose;
  // At most kMaxPendingUploads are kept (of sessions that ended, too): the oldest goes first.
  if (!uploads_.contains(key) && uploads_.size() >= kMaxPendingUploads) {
    uploads_.erase(std::min_element(
        uploads_.begin(), uploads_.end(),
        [](const auto& a, const auto& b) { return a.second.kept_at_s < b.second.kept_at_s; }));
  }
  uploads_[key] = std::move(upload);
  return token;
}

std::optional<PendingUpload> App::take_upload(const Session& session, const std::string& purpose,
                                              const std::string& token) {
  std::lock_guard lock(uploads_mutex_);
  const auto it = uploads_.find(session.id + ":" + purpose);
  if (it == uploads_.end() || !tokens_equal(it->second.token, token)) return std::nullopt;
  if (now_s() - it->second.kept_at_s > SessionStore::kIdleSeconds) {
    uploads_.erase(it);
    return std::nullopt;
  }
  PendingUpload upload = std::move(it->second);
  uploads_.erase(it);
  return upload;
}

void App::message(RequestContext& context, int status, const std::string& line) {
  context.res.status = status;
  context.res.set_content(page_html(context, tr(context.lang, "提示", "Notice"),
                                    "<p class=\"message\">" + html_escape(line) + "</p>"),
                          "text/html; charset=utf-8");
}

void App::guarded(const httplib::Request& req, httplib::Response& res, bool is_post,
                  const Allowed& allowed, const Handler& handler) {
  security_headers(res);
  const Language lang = request_language(req);
  if (req.has_param("lang")) {
    res.set_header("Set-Cookie", "lang=" + std::string(language_code(lang)) + cookie_attributes());
  }
  const auto cookies = parse_cookies(req.get_header_value("Cookie"));
  const auto cookie = cookies.find("session");
  std::shared_ptr<const Session> session =
      cookie == cookies.end() ? nullptr : sessions_.find(cookie->second, now_s());
  if (!session) return redirect(res, "/login");
  std::optional<people::Person> person;
  {
    std::lock_guard lock(ledger_mutex_);
    person = people::find_person(db_, session->signer.login);
  }
  if (!person || !person->active()) {
    sessions_.remove(session->id);
    return redirect(res, "/login");
  }
  RequestContext context{req, res, lang, session, *person, {}};
  if (is_post) {
    std::optional<FormFields> form =
        req.is_multipart_form_data() ? multipart_fields(req) : parse_form(req.body);
    if (!form) {
      return message(context, 400, tr(lang, "表单格式不对（malformed form）", "Malformed form"));
    }
    context.form = std::move(*form);
    const auto csrf = context.form.find("csrf");
    if (csrf == context.form.end() || !tokens_equal(csrf->second, session->csrf)) {
      return message(context, 403,
                     tr(lang, "表单已过期或来源不明（CSRF 令牌不对），请重新打开页面再提交",
                        "The form's CSRF token is missing or wrong: open the page again"));
    }
  }
  if (!allowed(person->roles)) {
    return message(
        context, 403,
        tr(lang,
           "岗位分离：你的角色（" + people::roles_text(person->roles) + "）不能使用这个页面或操作",
           "Separation of duties: your roles (" + people::roles_text(person->roles) +
               ") do not allow this page or action"));
  }
  handler(context);
}

void App::route_get(httplib::Server& server, const std::string& pattern, Page page,
                    Handler handler) {
  server.Get(pattern, [this, page, handler](const httplib::Request& req, httplib::Response& res) {
    guarded(
        req, res, false, [page](const people::Roles& roles) { return may_view(page, roles); },
        handler);
  });
}

void App::route_post(httplib::Server& server, const std::string& pattern, Allowed allowed,
                     Handler handler) {
  server.Post(pattern,
              [this, allowed, handler](const httplib::Request& req, httplib::Response& res) {
                guarded(req, res, true, allowed, handler);
              });
}

std::string App::login_page(Language lang, const std::string& token, const std::string& error,
                            const std::string& user) {
  std::string body = "<form method=\"post\" action=\"/login\" class=\"login\">";
  body += "<h1>" + tr(lang, "奖补资金账本 登录", "Subsidy ledger: log in") + "</h1>";
  if (!error.empty()) body += "<p class=\"error\">" + html_escape(error) + "</p>";
  body += "<label>" + tr(lang, "用户名", "User") +
          " <input name=\"user\" autocomplete=\"username\" required value=\"" + html_escape(user) +
          "\"></label>";
  body += "<label>" + tr(lang, "口令", "Passphrase") +
          " <input name=\"passphrase\" type=\"password\" autocomplete=\"current-password\" "
          "required></label>";
  body += "<input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">";
  body += "<button type=\"submit\">" + tr(lang, "登录", "Log in") + "</button>";
  body += "<p class=\"small\"><a href=\"/login?lang=" +
          std::string(lang == Language::zh ? "en" : "zh") + "\">" + tr(lang, "English", "中文") +
          "</a></p></form>";
  return bare_page_html(lang, tr(lang, "登录", "Log in"), body);
}

void App::login_form(const httplib::Request& req, httplib::Response& res) {
  security_headers(res);
  const Language lang = request_language(req);
  if (req.has_param("lang")) {
    res.set_header("Set-Cookie", "lang=" + std::string(language_code(lang)) + cookie_attributes());
  }
  const std::string token = random_token();
  {
    std::lock_guard lock(login_mutex_);
    if (login_tokens_.size() >= kMaxLoginTokens) login_tokens_.erase(login_tokens_.begin());
    login_tokens_.emplace_back(token, now_s());
  }
  res.set_content(login_page(lang, token, "", ""), "text/html; charset=utf-8");
}

// Checks the log-in form's token (single use, 30 minutes), then the person and their passphrase
// by unlocking their SM2 key, as the command line does: an unknown or disabled person and a wrong
// passphrase get the same answer; failures are recorded and five in a row lock the person.
void App::login_post(const httplib::Request& req, httplib::Response& res) {
  security_headers(res);
  const Language lang = request_language(req);
  const std::optional<FormFields> form = parse_form(req.body);
  auto field = [&form](const char* name) -> std::string {
    if (!form) return "";
    const auto it = form->find(name);
    return it == form->end() ? "" : it->second;
  };
  bool token_ok = false;
  {
    std::lock_guard lock(login_mutex_);
    const std::string token = field("csrf");
    const auto it = std::find_if(login_tokens_.begin(), login_tokens_.end(),
                                 [&](const auto& t) { return tokens_equal(t.first, token); });
    if (it != login_tokens_.end()) {
      token_ok = now_s() - it->second <= SessionStore::kIdleSeconds;
      login_tokens_.erase(it);
    }
  }
  auto refuse = [&](int status, const std::string& error) {
    const std::string token = random_token();
    {
      std::lock_guard lock(login_mutex_);
      if (login_tokens_.size() >= kMaxLoginTokens) login_tokens_.erase(login_tokens_.begin());
      login_tokens_.emplace_back(token, now_s());
    }
    res.status = status;
    res.set_content(login_page(lang, token, error, field("user")), "text/html; charset=utf-8");
  };
  if (!form || !token_ok) {
    return refuse(403, tr(lang, "登录表单已过期（CSRF 令牌不对），请重新登录",
                          "The log-in form has expired (CSRF token): please log in again"));
  }
  const std::string passphrase = field("passphrase");
  const std::string wrong = tr(lang, "用户名或口令不对", "Wrong user name or passphrase");
  if (passphrase.size() > kMaxPassphraseBytes) return refuse(401, wrong);
  std::string login;
  std::optional<people::Person> person;
  try {
    login = people::person_login(field("user"));
    std::lock_guard lock(ledger_mutex_);
    person = people::find_person(db_, login);
    if (person && person->active()) {
      people::check_not_locked(db_, login, format_utc(options_.clock()));
    }
  } catch (const RefusedError& e) {
    return refuse(401, e.what());
  }
  if (!person || !person->active()) return refuse(401, wrong);
  // The scrypt of the unlock (a few hundred ms) runs without holding the ledger.
  std::shared_ptr<const people::UnlockedKey> key;
  try {
    key = std::make_shared<const people::UnlockedKey>(
        people::unlock_key(person->private_key, passphrase));
  } catch (const people::WrongPassphraseError&) {
  }
  {
    std::lock_guard lock(ledger_mutex_);
    people::record_attempt(db_, login, format_utc(options_.clock()), key != nullptr);
  }
  if (!key) {
    spdlog::warn("web: failed log-in for {}", login);
    return refuse(401, wrong);
  }
  const auto session = sessions_.create(ops::Signer{login, key}, now_s());
  spdlog::info("web: {} logged in", login);
  res.set_header("Set-Cookie", "session=" + session->id + cookie_attributes());
  redirect(res, "/");
}

void App::logout(const httplib::Request& req, httplib::Response& res) {
  guarded(
      req, res, true, [](const people::Roles&) { return true; },
      [this](RequestContext& c) {
        sessions_.remove(c.session->id);
        c.res.set_header("Set-Cookie", "session=; Max-Age=0" + cookie_attributes());
        redirect(c.res, "/login");
      });
}

void App::install(httplib::Server& server) {
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain; charset=utf-8");
  });
  server.Get("/static/style.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(stylesheet(), "text/css; charset=utf-8");
  });
  server.Get("/login",
             [this](const httplib::Request& req, httplib::Response& res) { login_form(req, res); });
  server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
    login_post(req, res);
  });
  server.Post("/logout",
              [this](const httplib::Request& req, httplib::Response& res) { logout(req, res); });
  route_get(server, "/", Page::home, [this](RequestContext& c) { home(c); });
  route_get(server, "/audit", Page::audit, [this](RequestContext& c) { audit(c); });
  route_get(server, "/people", Page::people, [this](RequestContext& c) { people_page(c); });
  route_get(server, "/reports", Page::reports, [this](RequestContext& c) { reports_list(c); });
  route_get(server, R"(/reports/([a-z-]{1,40}))", Page::reports,
            [this](RequestContext& c) { report_view(c); });
  route_get(server, R"(/reports/([a-z-]{1,40})\.(csv|xlsx|json))", Page::reports,
            [this](RequestContext& c) { report_download(c); });
  route_get(server, "/assess", Page::assess, [this](RequestContext& c) { assess_page(c); });
  route_get(server, R"(/explain/([A-Za-z0-9_.-]{1,64}))", Page::assess,
            [this](RequestContext& c) { explain_page(c); });
  route_post(
      server, "/assess",
      [](const people::Roles& roles) { return people::has_role(roles, "maker"); },
      [this](RequestContext& c) { assess_post(c); });
  route_get(server, "/batches", Page::batches, [this](RequestContext& c) { batches(c); });
  route_get(server, R"(/batches/(\d{1,9}))", Page::batches,
            [this](RequestContext& c) { batch_view(c); });
  const Allowed checker = [](const people::Roles& roles) {
    return people::has_role(roles, "checker");
  };
  route_post(server, R"(/batches/(\d{1,9})/approve)", checker,
             [this](RequestContext& c) { batch_action(c, true); });
  route_post(server, R"(/batches/(\d{1,9})/reject)", checker,
             [this](RequestContext& c) { batch_action(c, false); });
  const auto role = [](const char* name) {
    return Allowed([name](const people::Roles& roles) { return people::has_role(roles, name); });
  };
  route_post(server, "/batches/create", role("maker"),
             [this](RequestContext& c) { batch_create(c); });
  route_post(server, R"(/batches/(\d{1,9})/export)", role("cashier"),
             [this](RequestContext& c) { batch_export(c); });
  route_get(server, R"(/batches/(\d{1,9})/vouchers\.html)", Page::batches,
            [this](RequestContext& c) { batch_vouchers(c, false); });
  route_get(server, R"(/batches/(\d{1,9})/vouchers\.pdf)", Page::batches,
            [this](RequestContext& c) { batch_vouchers(c, true); });
  route_get(server, "/bank-returns", Page::bank_returns,
            [this](RequestContext& c) { bank_returns(c); });
  route_post(server, "/bank-returns/preview", role("cashier"),
             [this](RequestContext& c) { bank_return_preview(c); });
  route_post(server, "/bank-returns/import", role("cashier"),
             [this](RequestContext& c) { bank_return_import(c); });
  route_post(server, R"(/bank-returns/(\d{1,9})/confirm)", checker,
             [this](RequestContext& c) { bank_return_decide(c, true); });
  route_post(server, R"(/bank-returns/(\d{1,9})/dismiss)", checker,
             [this](RequestContext& c) { bank_return_decide(c, false); });
  route_get(server, "/import", Page::imports, [this](RequestContext& c) { imports_page(c); });
  route_get(server, "/settlement", Page::settlement,
            [this](RequestContext& c) { settlement_page(c); });
  route_post(server, "/settlement", role("maker"),
             [this](RequestContext& c) { settlement_post(c); });
  route_post(server, "/import/preview", role("maker"),
             [this](RequestContext& c) { import_preview(c); });
  route_post(server, "/import", role("maker"), [this](RequestContext& c) { import_confirm(c); });

  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    security_headers(res);
    const Language lang = request_language(req);
    std::string line;
    switch (res.status) {
      case 404:
        line = tr(lang, "没有这个页面或文件（404）", "No such page or file (404)");
        break;
      case 413:
        line = tr(lang, "上传的内容超过 200 MiB 的上限（413），请拆分后再上传",
                  "The upload is larger than the 200 MiB limit (413): split it and upload again");
        break;
      case 400:
        line = tr(lang, "请求格式不对（400）", "Malformed request (400)");
        break;
      default:
        line = tr(lang, "请求没有完成", "The request was not completed") + " (" +
               std::to_string(res.status) + ")";
    }
    if (res.body.empty()) {
      res.set_content(
          bare_page_html(lang, line,
                         "<p class=\"message\">" + html_escape(line) + "</p><p><a href=\"/\">" +
                             tr(lang, "返回首页", "Home") + "</a></p>"),
          "text/html; charset=utf-8");
    }
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                  std::exception_ptr error) {
    std::string what = "unknown error";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("web: {} {}: {}", req.method, req.path, what);
    res.status = 500;
    res.set_content("服务器内部错误（500）；账本没有改动。 Internal error; nothing was changed.",
                    "text/plain; charset=utf-8");
  });
}

int serve(Db& db, const ServeOptions& options) {
  check_serve_options(options);
  std::unique_ptr<httplib::Server> server;
  if (options.tls_cert) {
    auto tls =
        std::make_unique<httplib::SSLServer>(options.tls_cert->c_str(), options.tls_key->c_str());
    if (!tls->is_valid()) {
      throw RefusedError(*options.tls_cert + ", " + *options.tls_key +
                         ": 证书或私钥读不出来（TLS files do not load）");
    }
    server = std::move(tls);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  App app(db, options, options.tls_cert.has_value());
  app.install(*server);
  server->set_payload_max_length(options.max_upload_bytes);
  server->set_read_timeout(options.read_timeout_s, 0);
  server->set_write_timeout(options.write_timeout_s, 0);
  server->set_keep_alive_timeout(5);

  // SIGINT and SIGTERM are taken by one thread that stops the server; every other thread (the
  // server's pool included, created after this) has them blocked.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  int port = options.listen.port;
  if (port == 0) {
    port = server->bind_to_any_port(options.listen.host);
  } else if (!server->bind_to_port(options.listen.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    throw RefusedError("不能在 " + options.listen.host + ":" + std::to_string(options.listen.port) +
                       " 上监听（地址被占用或无权使用）");
  }
  std::thread stopper([&server, stop_signals] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server->stop();
  });
  const std::string host = options.listen.host.find(':') != std::string::npos
                               ? "[" + options.listen.host + "]"
                               : options.listen.host;
  const std::string url =
      std::string(options.tls_cert ? "https" : "http") + "://" + host + ":" + std::to_string(port);
  if (options.on_listening) options.on_listening(url);
  const bool ok = server->listen_after_bind();
  if (server->is_running() || !ok) server->stop();
  pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper if no signal came
  stopper.join();
  return 0;
}

}  // namespace subsidy::server
