// `subsidy serve --listen ADDR:PORT [--tls-cert FILE --tls-key FILE]`: opens the ledger once with
// its key file, as every command does, and serves it to browsers (tools/server). Listening on
// anything but loopback needs TLS; the refusal is one line, exit 1, before the ledger is opened.
#include <iostream>

#include "cli.h"
#include "ledger/ops/operation.h"
#include "tools/server/server.h"

namespace subsidy::cli {

namespace {

struct ServeArguments {
  std::string listen = "127.0.0.1:8080";
  std::optional<std::string> tls_cert;
  std::optional<std::string> tls_key;
};

int run_serve(const Context& context, const ServeArguments& arguments) {
  server::ServeOptions options;
  options.listen = server::parse_listen(arguments.listen);
  options.tls_cert = arguments.tls_cert;
  options.tls_key = arguments.tls_key;
  server::check_serve_options(options);
  Db db = context.open_db();
  options.ledger_path = context.db_path;
  options.clock = context.clock;
  options.log = ops::file_ops_log(context.db_path);
  options.on_listening = [&context](const std::string& url) {
    std::cout << "serving " << context.db_path << " at " << url << "/ (Ctrl-C stops)" << std::endl;
  };
  return server::serve(db, options);
}

}  // namespace

void add_serve_commands(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<ServeArguments>();
  CLI::App* serve = app.add_subcommand("serve", "serve the ledger to browsers (log-in by person)");
  serve->add_option("--listen", arguments->listen,
                    "ADDR:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one); "
                    "anything but loopback needs --tls-cert and --tls-key");
  serve->add_option("--tls-cert", arguments->tls_cert, "PEM certificate (HTTPS)");
  serve->add_option("--tls-key", arguments->tls_key, "PEM private key of the certificate");
  serve->callback([&context, arguments] {
    context.action = [&context, arguments] { return run_serve(context, *arguments); };
  });
}

}  // namespace subsidy::cli
