// `subsidy serve`: the bureau's daily work in a browser (issue 17). Serves one open ledger over
// HTTP (loopback only) or HTTPS through cpp-httplib (Debian's libcpp-httplib-dev, with OpenSSL):
// log-in by a person of the ledger's registry with their passphrase, pages rendered by the server
// in Chinese (English on request), and every change made by calling the same operation of
// ledger/ops that the command line calls, signed by the logged-in person.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/base/clock.h"
#include "ledger/ops/operation.h"
#include "ledger/store/store.h"

namespace subsidy::server {

struct ListenAddress {
  std::string host;  // "127.0.0.1", "::1", "0.0.0.0", a name
  int port = 8080;   // 0: any free port (the one chosen is printed)
};

// "127.0.0.1:8080", "[::1]:8443", "localhost:0" → host and port. Throws UsageError for a missing
// host or port, a port outside 0..65535, or anything else.
ListenAddress parse_listen(std::string_view text);

// True for a loopback host: 127.0.0.0/8, ::1, "localhost".
bool is_loopback(std::string_view host);

struct ServeOptions {
  ListenAddress listen{"127.0.0.1", 8080};
  std::optional<std::string> tls_cert;  // PEM files; both or neither
  std::optional<std::string> tls_key;
  std::string ledger_path;           // for messages
  Clock clock = system_clock();      // the time every operation records and sessions age by
  std::shared_ptr<ops::OpsLog> log;  // the operations log beside the ledger
  size_t max_upload_bytes = size_t{200} << 20;  // a larger request body gets 413
  int read_timeout_s = 20;    // a client that sends nothing for this long is dropped
  int write_timeout_s = 60;   // one that reads nothing for this long, too
  // Called once the socket listens, with the URL served (the tests wait for it).
  std::function<void(const std::string& url)> on_listening;
};

// Refuses what `serve` must not start with: a non-loopback address without TLS (one Chinese
// line), a certificate without its key or the reverse. Throws RefusedError / UsageError.
void check_serve_options(const ServeOptions& options);

// Serves `db` until SIGINT or SIGTERM, then returns 0. Writes are serialized and no page shows a
// half state (one lock around every use of the ledger's connection; each page reads inside one
// ReadTransaction). Throws RefusedError when the address cannot be bound or the TLS files do not
// load.
int serve(Db& db, const ServeOptions& options);

}  // namespace subsidy::server
