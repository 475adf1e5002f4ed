// The server's parsers and escapers (tools/server/http_forms.h): urlencoded forms, cookies, the
// multipart boundary, HTML escaping — each on good input and on the malformed input a browser or an
// attacker may send.
#include <catch2/catch.hpp>

#include <string>

#include "tools/server/http_forms.h"

using subsidy::server::FormLimits;
using subsidy::server::html_escape;
using subsidy::server::multipart_boundary;
using subsidy::server::parse_cookies;
using subsidy::server::parse_form;
using subsidy::server::percent_decode;
using subsidy::server::url_encode;

TEST_CASE("a urlencoded form decodes names and values, '+' and %XX included") {
  const auto form = parse_form("user=%E5%BC%A0%E4%BC%9A%E8%AE%A1&passphrase=a+b%26c&csrf=x");
  REQUIRE(form);
  CHECK(form->at("user") == "张会计");
  CHECK(form->at("passphrase") == "a b&c");
  CHECK(form->at("csrf") == "x");
  const auto sparse = parse_form("&a=1&&b&");
  REQUIRE(sparse);
  CHECK(sparse->size() == 2);
  CHECK(sparse->at("b").empty());
  CHECK(parse_form("")->empty());
}

TEST_CASE("a malformed form is refused whole, never guessed") {
  CHECK_FALSE(parse_form("a=%"));
  CHECK_FALSE(parse_form("a=%4"));
  CHECK_FALSE(parse_form("a=%zz"));
  CHECK_FALSE(parse_form("a=%00"));          // NUL
  CHECK_FALSE(parse_form("a=%FF%FE"));       // not UTF-8
  CHECK_FALSE(parse_form("=1"));             // no name
  CHECK_FALSE(parse_form("csrf=a&csrf=b"));  // a name twice: which one would count?
  FormLimits limits;
  limits.max_fields = 2;
  CHECK(parse_form("a=1&b=2", limits));
  CHECK_FALSE(parse_form("a=1&b=2&c=3", limits));
  limits.max_value_bytes = 3;
  CHECK_FALSE(parse_form("a=1234", limits));
}

TEST_CASE("percent_decode and url_encode are inverse on any UTF-8 text") {
  for (const std::string text : {"", "abc", "a b&c=d/e?", "张会计 2023", "%+~._-"}) {
    CHECK(percent_decode(url_encode(text)) == text);
  }
  CHECK(url_encode("a b") == "a%20b");
}

TEST_CASE("cookies: pieces split at ';', malformed ones skipped, the first of a name wins") {
  const auto cookies = parse_cookies("session=abc123; lang=en;bad; =x; session=second; q=\"v\"");
  CHECK(cookies.at("session") == "abc123");
  CHECK(cookies.at("lang") == "en");
  CHECK(cookies.at("q") == "v");
  CHECK(cookies.count("bad") == 0);
  CHECK(cookies.size() == 3);
  CHECK(parse_cookies("").empty());
  CHECK(parse_cookies("a=b c").empty());  // a space inside a value
  std::string many;
  for (int i = 0; i < 100; ++i) many += "c" + std::to_string(i) + "=1; ";
  CHECK(parse_cookies(many).size() == 32);
}

TEST_CASE("the multipart boundary is read from the Content-Type, or refused") {
  CHECK(multipart_boundary("multipart/form-data; boundary=----abc123") == "----abc123");
  CHECK(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b");
  CHECK_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  CHECK_FALSE(multipart_boundary("multipart/form-data"));
  CHECK_FALSE(multipart_boundary("multipart/form-data; boundary="));
  CHECK_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  CHECK_FALSE(multipart_boundary("multipart/form-data; boundary=a<b"));
}

TEST_CASE("html_escape leaves no markup, quote or entity start") {
  CHECK(html_escape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(html_escape("张会计") == "张会计");
}
