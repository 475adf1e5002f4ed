#!/usr/bin/env python3
# The HTTP-level checks of `subsidy serve` (run by serve_test.sh, python3 standard library only):
# the contract of issue 17 item 7 (/healthz, the log-in form and its fields, the session cookie, the
# redirect to /login without a session), the CSRF token on every POST, roles checked on every
# request (a maker's approval and a maker's admin page are 403), downloads only from the list of
# reports (anything else 404), malformed and oversized requests 4xx, log-out; then a checker's
# approval through the browser, which the script's caller verifies with `subsidy verify`.
# Usage: serve_http.py BASE_URL PASSPHRASE_DIR EXAMPLE_DIR
import http.client
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE, PASS_DIR, EXAMPLES = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect())


class Browser:
    """One browser: its own cookies, no automatic redirects."""

    def __init__(self):
        self.cookies = {}
        self.set_cookie_lines = []

    def request(self, method, path, fields=None, raw=None, files=None):
        data = raw if raw is not None else (
            urllib.parse.urlencode(fields).encode() if fields is not None else None)
        content_type = "application/x-www-form-urlencoded"
        if files is not None:  # multipart/form-data: fields, then (name, filename, bytes) parts
            boundary = "----subsidyTestBoundary7MA4YWxk"
            parts = []
            for name, value in (fields or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                             f"\r\n\r\n{value}\r\n".encode())
            for name, filename, content in files:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                             f"\r\n\r\n".encode() + content + b"\r\n")
            data = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = "multipart/form-data; boundary=" + boundary
        req = urllib.request.Request(BASE + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", content_type)
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            resp = OPENER.open(req, timeout=30)
            status, headers, body = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, e.headers, e.read()
        self.set_cookie_lines = headers.get_all("Set-Cookie") or []
        for line in self.set_cookie_lines:
            name, _, rest = line.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in line:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return status, headers, body

    def csrf_of(self, path):
        status, _, body = self.request("GET", path)
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', body)
        return m.group(1).decode() if m else ""

    def login(self, user):
        token = self.csrf_of("/login")
        passphrase = open(f"{PASS_DIR}/{user}.pass", encoding="utf-8").read().rstrip("\n")
        return self.request("POST", "/login", {"user": user, "passphrase": passphrase, "csrf": token})


# Item 7: /healthz, and no session means /login.
anon = Browser()
status, headers, body = anon.request("GET", "/healthz")
check(status == 200 and body == b"ok", f"/healthz: {status} {body[:40]!r}")
for path in ("/", "/reports", "/audit", "/batches/1", "/people", "/reports/trial-balance.csv"):
    status, headers, _ = anon.request("GET", path)
    check(status == 303 and headers.get("Location") == "/login", f"no session {path}: {status}")
status, headers, _ = anon.request("POST", "/batches/1/approve", {"csrf": "x"})
check(status == 303 and headers.get("Location") == "/login", f"no session POST: {status}")
status, _, body = anon.request("GET", "/login")
check(status == 200, f"/login: {status}")
for field in (b'name="user"', b'name="passphrase"', b'type="hidden" name="csrf"'):
    check(field in body, f"/login form lacks {field!r}")

# Log-in: the form's token is required; a wrong passphrase gets no session.
status, _, _ = anon.request("POST", "/login", {"user": "张会计", "passphrase": "x" * 12, "csrf": "0" * 64})
check(status == 403 and "session" not in anon.cookies, f"log-in without its token: {status}")
token = anon.csrf_of("/login")
status, _, body = anon.request("POST", "/login", {"user": "张会计", "passphrase": "wrong passphrase", "csrf": token})
check(status == 401 and "session" not in anon.cookies, f"wrong passphrase: {status}")
check("用户名或口令不对" in body.decode(), "wrong passphrase says so")

maker = Browser()
status, headers, _ = maker.login("张会计")
check(status == 303 and headers.get("Location") == "/", f"maker log-in: {status}")
cookie = next((c for c in maker.set_cookie_lines if c.startswith("session=")), "")
check(re.fullmatch(r"session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict", cookie) is not None,
      f"session cookie: {cookie!r}")
status, _, body = maker.request("GET", "/")
text = body.decode()
check(status == 200 and "首页" in text and "申报" in text and "<svg" in text, f"/ as maker: {status}")
status, _, body = maker.request("GET", "/?lang=en")
check(status == 200 and "Applications" in body.decode(), "English switch")
maker.request("GET", "/?lang=zh")
csrf = maker.csrf_of("/")
check(len(csrf) == 64, "the page carries the session's CSRF token")

# CSRF: every POST of a session carries the session's token.
status, _, _ = maker.request("POST", "/batches/1/approve", {})
check(status == 403, f"POST without CSRF: {status}")
status, _, _ = maker.request("POST", "/batches/1/approve", {"csrf": "0" * 64})
check(status == 403, f"POST with a wrong CSRF token: {status}")
status, _, _ = maker.request("POST", "/logout", {"csrf": "0" * 64})
check(status == 403, f"log-out with a wrong CSRF token: {status}")
# Roles, checked on every request: a maker cannot approve, nor open the admin's page.
status, _, body = maker.request("POST", "/batches/1/approve", {"csrf": csrf})
check(status == 403 and "岗位分离" in body.decode(), f"maker approving: {status}")
status, _, _ = maker.request("GET", "/people")
check(status == 403, f"maker on /people: {status}")
# Malformed input is a 4xx, never a crash.
status, _, _ = maker.request("POST", "/batches/1/approve", raw=b"csrf=%zz")
check(status == 400, f"malformed form: {status}")
status, _, _ = maker.request("GET", "/?year=20x3")
check(status == 400, f"bad year: {status}")

# Reports and downloads: only the reports of the list, in the formats of the list.
status, headers, body = maker.request("GET", "/reports/cost-sharing?year=2023")
check(status == 200 and b"<table>" in body and b"<svg" in body, f"cost-sharing page: {status}")
status, headers, body = maker.request("GET", "/reports/trial-balance.csv?year=2023")
check(status == 200 and body.startswith(b"\xef\xbb\xbf") and "text/csv" in headers.get("Content-Type", ""),
      f"csv download: {status}")
status, headers, body = maker.request("GET", "/reports/awards-by-scheme.xlsx?year=2023")
check(status == 200 and body.startswith(b"PK"), f"xlsx download: {status}")
status, headers, body = maker.request("GET", "/reports/disbursement.json?year=2023")
check(status == 200 and body.lstrip().startswith(b"{"), f"json download: {status}")
for path in ("/reports/..%2F..%2Fetc%2Fpasswd", "/reports/../../etc/passwd",
             "/reports/no-such-report.csv?year=2023", "/reports/trial-balance.exe?year=2023",
             "/static/../ledger.db", "/ledger.db", "/reports/%2e%2e/ledger.db.csv"):
    status, _, _ = maker.request("GET", path)
    check(status == 404, f"download outside the list {path}: {status}")

# 测算与入账: the dry run for everyone allowed; 入账 (the same operation as `assess`) by a maker.
status, _, body = maker.request("GET", "/assess?year=2023")
text = body.decode()
check(status == 200 and "<table>" in text and 'action="/assess"' in text and "入账" in text,
      f"assess page as maker: {status}")
status, _, body = maker.request("POST", "/assess", {"csrf": csrf, "year": "2023"})
check(status == 200 and "入账完成" in body.decode(), f"posting as maker: {status} {body[-300:]!r}")
m = re.search(r'href="(/explain/[^"]+)"', text)
check(m is not None, "an application links to its explanation")
status, _, body = maker.request("GET", m.group(1).replace("&amp;", "&") if m else "/explain/x")
check(status == 200 and "<pre>" in body.decode(), f"explanation page: {status}")
status, _, _ = maker.request("GET", "/explain/NO-SUCH-APP?year=2023")
check(status == 404, f"explanation of an unknown application: {status}")
status, _, _ = maker.request("POST", "/assess", {"csrf": csrf, "year": "20x3"})
check(status == 400, f"posting a bad year: {status}")

# An upload above the limit is refused before it is read (413).
host, port = urllib.parse.urlsplit(BASE).netloc.rsplit(":", 1)
conn = http.client.HTTPConnection(host, int(port), timeout=30)
conn.putrequest("POST", "/login")
conn.putheader("Content-Type", "application/x-www-form-urlencoded")
conn.putheader("Content-Length", str(201 * 1024 * 1024))
conn.endheaders()
conn.send(b"user=x")
response = conn.getresponse()
check(response.status == 413 and "200 MiB" in response.read().decode(), f"oversized upload: {response.status}")
conn.close()

# Log-out ends the session.
status, headers, _ = maker.request("POST", "/logout", {"csrf": csrf})
check(status == 303 and headers.get("Location") == "/login", f"log-out: {status}")
maker.cookies["session"] = cookie.split(";")[0].split("=", 1)[1]  # the old cookie, replayed
status, headers, _ = maker.request("GET", "/")
check(status == 303, f"after log-out: {status}")

# The checker approves the maker's batch in the browser, signed by them.
checker = Browser()
status, _, _ = checker.login("李科长")
check(status == 303, f"checker log-in: {status}")
status, _, body = checker.request("GET", "/batches/1")
check(status == 200 and "复核通过" in body.decode(), f"batch review page: {status}")
csrf = checker.csrf_of("/batches/1")
status, _, body = checker.request("POST", "/batches/1/approve", {"csrf": csrf})
check(status == 200 and "已复核通过" in body.decode(), f"checker approving: {status} {body[-300:]!r}")
status, _, body = checker.request("POST", "/batches/1/approve", {"csrf": csrf})
check(status == 409, f"approving twice: {status}")
status, _, body = checker.request("GET", "/assess?year=2023")
check(status == 200 and 'method="post" action="/assess"' not in body.decode(), "a checker has no 入账 button")
status, _, _ = checker.request("POST", "/assess", {"csrf": csrf, "year": "2023"})
check(status == 403, f"a checker posting an assessment: {status}")
status, _, body = checker.request("GET", "/audit")
check(status == 200 and "校验通过" in body.decode() and "batch approve" in body.decode(),
      f"audit page: {status}")

# The new POSTs (issue 17 items 3-5): each refuses a POST without the CSRF token and a person
# without the role with 403, before doing anything.
cashier = Browser()
status, _, _ = cashier.login("王出纳")
check(status == 303, f"cashier log-in: {status}")
cashier_csrf = cashier.csrf_of("/batches/1")
maker = Browser()
maker.login("张会计")
maker_csrf = maker.csrf_of("/import")
checker_csrf = checker.csrf_of("/bank-returns")
regions = open(f"{EXAMPLES}/regions.csv", "rb").read()
posts = [  # path, fields, files, who may, their browser and token, someone else who may not
    ("/batches/create", {"year": "2023"}, None, maker, maker_csrf, checker, checker_csrf),
    ("/batches/1/export", {"format": "pain001v9"}, None, cashier, cashier_csrf, maker, maker_csrf),
    ("/import/preview", {"kind": "regions"}, [("file", "regions.csv", regions)], maker, maker_csrf,
     cashier, cashier_csrf),
    ("/import", {"upload": "0" * 64}, None, maker, maker_csrf, checker, checker_csrf),
    ("/bank-returns/preview", {"encoding": "utf-8"}, [("file", "r.csv", b"EndToEndId,status\r\n")],
     cashier, cashier_csrf, checker, checker_csrf),
    ("/bank-returns/import", {"upload": "0" * 64}, None, cashier, cashier_csrf, maker, maker_csrf),
    ("/bank-returns/1/confirm", {}, None, checker, checker_csrf, cashier, cashier_csrf),
    ("/bank-returns/1/dismiss", {"reason": "x"}, None, checker, checker_csrf, cashier, cashier_csrf),
]
for path, fields, files, allowed, token, other, other_token in posts:
    status, _, _ = allowed.request("POST", path, dict(fields), files=files)
    check(status == 403, f"POST {path} without CSRF: {status}")
    status, _, _ = allowed.request("POST", path, dict(fields, csrf="0" * 64), files=files)
    check(status == 403, f"POST {path} with a wrong CSRF token: {status}")
    status, _, body = other.request("POST", path, dict(fields, csrf=other_token), files=files)
    check(status == 403 and "岗位分离" in body.decode(), f"POST {path} without the role: {status}")

# 数据导入: a refused cell is marked and nothing offered; a good file previews, then imports.
bad = regions.replace(b"park", b"parc", 1)
status, _, body = maker.request("POST", "/import/preview", {"kind": "regions", "csrf": maker_csrf},
                                files=[("file", "regions.csv", bad)])
text = body.decode()
check(status == 200 and 'class="refused"' in text and 'action="/import"' not in text,
      f"import preview of a refused file: {status}")
status, _, body = maker.request("POST", "/import/preview", {"kind": "regions", "csrf": maker_csrf},
                                files=[("file", "regions.csv", regions)])
m = re.search(rb'name="upload" value="([0-9a-f]+)"', body)
check(status == 200 and m is not None, f"import preview of a good file: {status}")
status, _, body = maker.request("POST", "/import", {"upload": m.group(1).decode() if m else "",
                                                    "csrf": maker_csrf})
check(status == 200 and "未变" in body.decode(), f"import on confirm: {status} {body[-300:]!r}")
status, _, _ = maker.request("POST", "/import", {"upload": m.group(1).decode() if m else "",
                                                 "csrf": maker_csrf})
check(status == 409, f"confirming one preview twice: {status}")

# 拨付: the cashier exports the approved batch and downloads its file; vouchers.
status, headers, body = cashier.request("POST", "/batches/1/export",
                                        {"format": "pain001v9", "csrf": cashier_csrf})
check(status == 200 and body.startswith(b"<?xml") and b"pain.001.001.09" in body and
      "attachment" in headers.get("Content-Disposition", ""), f"export by the cashier: {status}")
ids = re.findall(rb"<EndToEndId>([^<]+)</EndToEndId>", body)
status, _, body = cashier.request("POST", "/batches/1/export", {"format": "exe", "csrf": cashier_csrf})
check(status == 400, f"export in an unknown format: {status}")
status, _, body = cashier.request("GET", "/batches/1/vouchers.html")
check(status == 200 and "凭证" in body.decode(), f"vouchers: {status}")
status, headers, body = cashier.request("GET", "/batches/1/vouchers.pdf")
check(status == 200 and body.startswith(b"%PDF"), f"voucher PDF: {status}")

# 银行回单: a CSV return previewed, imported by the cashier (its rejection held), confirmed by a
# checker.
csv_return = ("EndToEndId,status,reason\r\n%s,成功,\r\n%s,失败,AC04 收款账户已销户\r\n" % (
    ids[0].decode(), ids[1].decode())).encode() if len(ids) >= 2 else b""
status, _, body = cashier.request("POST", "/bank-returns/preview",
                                  {"encoding": "utf-8", "csrf": cashier_csrf},
                                  files=[("file", "return.csv", csv_return)])
m = re.search(rb'name="upload" value="([0-9a-f]+)"', body)
check(status == 200 and "退回" in body.decode() and m is not None, f"return preview: {status}")
status, _, body = cashier.request("POST", "/bank-returns/import",
                                  {"upload": m.group(1).decode() if m else "", "csrf": cashier_csrf})
check(status == 200 and "待复核 1" in body.decode(), f"return import: {status} {body[-300:]!r}")
status, _, body = checker.request("GET", "/bank-returns")
check(status == 200 and "/bank-returns/1/confirm" in body.decode(), f"held list: {status}")
status, _, body = checker.request("POST", "/bank-returns/1/confirm", {"csrf": checker_csrf})
check(status == 200 and "笔退回已入账" in body.decode(), f"confirm by a checker: {status} {body[-300:]!r}")
status, _, body = checker.request("POST", "/bank-returns/1/dismiss", {"csrf": checker_csrf})
check(status == 400, f"dismiss without a reason: {status}")

# 属地结算: every region's share, settled and owing; a maker records a
# region's payment (the operation of `settle`), nobody else.
status, _, body = maker.request("GET", "/settlement?year=2023")
text = body.decode()
check(status == 200 and "P01" in text and "T01" in text and "<svg" in text, f"/settlement: {status}")
settle = {"year": "2023", "region": "T01", "amount": "1.00", "ref": "WEB-SETTLE-1"}
status, _, _ = maker.request("POST", "/settlement", settle)
check(status == 403, f"POST /settlement without CSRF: {status}")
status, _, _ = checker.request("POST", "/settlement", dict(settle, csrf=checker_csrf))
check(status == 403, f"POST /settlement by a checker: {status}")
status, _, body = maker.request("POST", "/settlement", dict(settle, amount="1.001", csrf=maker_csrf))
check(status == 400, f"settling a bad amount: {status}")
status, _, body = maker.request("POST", "/settlement", dict(settle, csrf=maker_csrf))
check(status == 200 and "已登记" in body.decode(), f"settling as maker: {status} {body[-300:]!r}")

# An admin sees the people; an admin cannot approve.
admin = Browser()
status, _, _ = admin.login("管理员")
status, _, body = admin.request("GET", "/people")
check(status == 200 and "李科长" in body.decode() and "checker" in body.decode(), f"/people as admin: {status}")

if failures:
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print("serve_http: all checks passed")
